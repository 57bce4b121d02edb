// The architecture of a Llama-family decoder, as the engine understands it: what a Hugging Face config.json
// says, normalised (Llama, SmolLM2, TinyLlama, Qwen2). Plain data, no DOM: the worker, Node tests and the CLI
// share it. Parsing and refusing unsupported configs lives in parseModelConfig.ts.

/** RoPE frequency scaling, as in the config's `rope_scaling` (none, linear, or Llama 3's). */
export type RopeScaling =
	| { type: 'none' }
	| { type: 'linear'; factor: number }
	| {
			type: 'llama3';
			factor: number;
			lowFreqFactor: number;
			highFreqFactor: number;
			originalMaxPositionEmbeddings: number;
	  };

/** A supported decoder's shape and numerics. */
export type ModelConfig = {
	/** The config's `model_type`: 'llama' or 'qwen2'. */
	modelType: 'llama' | 'qwen2';
	vocabSize: number;
	hiddenSize: number;
	intermediateSize: number;
	numLayers: number;
	numHeads: number;
	/** Key/value heads; fewer than numHeads means grouped-query attention. */
	numKeyValueHeads: number;
	headDim: number;
	rmsNormEps: number;
	ropeTheta: number;
	ropeScaling: RopeScaling;
	maxPositionEmbeddings: number;
	/** The LM head shares the token embedding matrix. */
	tieWordEmbeddings: boolean;
	/** q/k/v projections carry biases (Qwen2). */
	attentionBias: boolean;
	bosTokenId?: number;
	eosTokenIds: number[];
};
