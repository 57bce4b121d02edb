// The default model's fixed shape and training settings, in one place: the script, its --quick variant for
// tests, the model card and the manifest all read them from here. The architecture is a contract other code
// relies on (hidden 128, 4 layers, GQA 4/2, head 32); the vocabulary size comes from the trained tokenizer.
import type { ModelConfig } from '../../../workers/ml/model/modelConfig.ts';
import type { LoraAdapterShape } from '../../../workers/ml/training/initLoraAdapter.ts';

/** The id adapters record as their base (`base_model_name_or_path`) and config.json's `_name_or_path`. */
export const MODEL_ID = 'provena/provena-tiny';

/** Special tokens, ids 0, 1, 2. */
export const SPECIAL_TOKENS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];

/** Learning-rate and loop settings of one training phase. */
export type PhaseSettings = {
	steps: number;
	batchSize: number;
	peakLearningRate: number;
	warmupSteps: number;
	minimumLearningRate: number;
	maxGradNorm: number;
	/** AdamW's decoupled weight decay (the other AdamW settings are PyTorch's defaults). */
	weightDecay: number;
};

/** Everything that decides the output bytes. */
export type BuildSettings = {
	seed: number;
	/** The architecture without vocabSize and eos (taken from the trained tokenizer). */
	model: Omit<ModelConfig, 'vocabSize' | 'eosTokenIds'>;
	vocabSize: number;
	corpusChars: number;
	heldOutChars: number;
	adapterChars: number;
	seqLength: number;
	pretrain: PhaseSettings;
	adapter: PhaseSettings;
	samplePrompt: string;
	sampleTokens: number;
	/** Progress line every this many steps. */
	logEvery: number;
};

const MODEL: BuildSettings['model'] = {
	modelType: 'llama',
	hiddenSize: 128,
	intermediateSize: 384,
	numLayers: 4,
	numHeads: 4,
	numKeyValueHeads: 2,
	headDim: 32,
	rmsNormEps: 1e-5,
	ropeTheta: 10000,
	ropeScaling: { type: 'none' },
	maxPositionEmbeddings: 512,
	tieWordEmbeddings: true,
	attentionBias: false
};

/** The real run (~15 minutes on two CPU cores). */
export const BUILD_SETTINGS: BuildSettings = {
	seed: 20260101,
	model: MODEL,
	vocabSize: 1024,
	corpusChars: 400_000,
	heldOutChars: 12_000,
	adapterChars: 40_000,
	seqLength: 128,
	pretrain: {
		steps: 420,
		batchSize: 16,
		peakLearningRate: 4e-3,
		warmupSteps: 30,
		minimumLearningRate: 4e-4,
		maxGradNorm: 1,
		weightDecay: 0.1
	},
	adapter: {
		steps: 150,
		batchSize: 8,
		peakLearningRate: 1e-2,
		warmupSteps: 10,
		minimumLearningRate: 1e-3,
		maxGradNorm: 1,
		weightDecay: 0
	},
	samplePrompt: 'What should I do today?',
	sampleTokens: 40,
	logEvery: 20
};

/** A few steps on a little text: the same pipeline for tests, in seconds. */
export const QUICK_SETTINGS: BuildSettings = {
	...BUILD_SETTINGS,
	corpusChars: 20_000,
	heldOutChars: 1_000,
	adapterChars: 3_000,
	seqLength: 32,
	pretrain: { ...BUILD_SETTINGS.pretrain, steps: 3, batchSize: 4, warmupSteps: 1 },
	adapter: { ...BUILD_SETTINGS.adapter, steps: 2, batchSize: 4, warmupSteps: 1 },
	sampleTokens: 4,
	logEvery: 1
};

/**
 * Each demo adapter's LoRA shape: rank 8, alpha 16; they vary the format on purpose (rsLoRA, a subset of
 * layers, a subset of modules) so the files exercise every PEFT field Provena reads.
 */
export const ADAPTER_SHAPES: Record<string, LoraAdapterShape> = {
	weather: {
		rank: 8,
		alpha: 16,
		useRsLora: false,
		targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']
	},
	recipes: {
		rank: 8,
		alpha: 16,
		useRsLora: true,
		targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']
	},
	pirate: {
		rank: 8,
		alpha: 16,
		useRsLora: false,
		targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
		layers: [1, 2, 3]
	},
	legal: { rank: 8, alpha: 16, useRsLora: false, targetModules: ['q_proj', 'v_proj', 'up_proj', 'down_proj'] }
};
