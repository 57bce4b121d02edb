// What a fine-tune changed, measured on data it never trained on: the validation split's masked loss and
// perplexity under the base model and under the adapter, and greedy answers to held-out prompts before and after,
// side by side. Greedy (temperature 0) makes the samples a function of the weights alone, so the published model
// card is reproducible.
import { tree } from '@jax-js/jax';
import { loraScale, type LoraAdapter } from '../core/loraAdapter.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { displayableText } from '../generation/streamingText.ts';
import type { ModelTokenizer } from '../tokenizer/hfTokenizer.ts';
import { releaseEvaluation } from '../training/evaluateBatches.ts';
import { jaxLoraFromAdapter, type JaxForwardSettings, type JaxWeights } from '../training/jaxForward.ts';
import type { FineTuneSettings } from './fineTuneSettings.ts';
import { greedyAnswers } from './greedyAnswers.ts';
import type { HeldOutPrompt } from './heldOutPrompts.ts';
import { encodePrompt, type TrainingExample } from './trainingExamples.ts';
import { validationLoss } from './validationLoss.ts';

/** Mean loss per target token and its perplexity, exp(loss). */
export type LossMetrics = { loss: number; perplexity: number };

/** One held-out prompt answered by the base model and by the adapter. */
export type AnswerSample = { recordId: string; prompt: string; reference: string; before: string; after: string };

/** What {@link evaluateFineTune} measured; the metrics are null when there is no validation split. */
export type FineTuneEvaluation = {
	validationCount: number;
	base: LossMetrics | null;
	adapter: LossMetrics | null;
	samples: AnswerSample[];
	/** The longest answer generated, in tokens. */
	maxNewTokens: number;
};

/** Options of {@link evaluateFineTune}. */
export type EvaluateFineTuneOptions = {
	config: ModelConfig;
	/** The frozen base on the jax device; not consumed. */
	base: JaxWeights;
	adapter: LoraAdapter;
	validation: readonly TrainingExample[];
	settings: Pick<FineTuneSettings, 'batchSize' | 'maxSeqLength'>;
	tokenizer: ModelTokenizer;
	/** Prompts to answer (heldOutPrompts); those longer than the sequence length are left out. */
	prompts: readonly HeldOutPrompt[];
	/** Default 32. */
	maxNewTokens?: number;
	/** The model's end-of-turn / eos ids: an answer stops after one. */
	stopTokenIds: readonly number[];
	signal?: AbortSignal;
};

/**
 * Validation loss and perplexity, and greedy answers, before and after the adapter.
 *
 * @example
 * const evaluation = await evaluateFineTune({
 * 	config, base, adapter: result.adapter, validation, settings, tokenizer,
 * 	prompts: heldOutPrompts(sources, validation, 3), stopTokenIds: [2]
 * });
 */
export async function evaluateFineTune(options: EvaluateFineTuneOptions): Promise<FineTuneEvaluation> {
	const { config, base, adapter, validation, settings, tokenizer } = options;
	const maxNewTokens = options.maxNewTokens ?? 32;
	const baseForward: JaxForwardSettings = { config, loraScale: 0 };
	const adapterForward: JaxForwardSettings = { config, loraScale: loraScale(adapter) };
	const lora = jaxLoraFromAdapter(config, adapter);
	try {
		const metrics = async (forward: JaxForwardSettings, withLora: boolean): Promise<LossMetrics | null> => {
			if (validation.length === 0) return null;
			const loss = await validationLoss(forward, base, withLora ? lora : undefined, validation, settings);
			return { loss, perplexity: Math.exp(loss) };
		};
		const baseMetrics = await metrics(baseForward, false);
		const adapterMetrics = await metrics(adapterForward, true);

		const prompts = options.prompts
			.map((entry) => ({ entry, ids: encodePrompt(tokenizer, entry.prompt) }))
			.filter(({ ids }) => ids.length < settings.maxSeqLength);
		const answer = async (forward: JaxForwardSettings, withLora: boolean) =>
			(
				await greedyAnswers({
					forward,
					base,
					...(withLora ? { lora } : {}),
					prompts: prompts.map((p) => p.ids),
					maxNewTokens,
					stopTokenIds: options.stopTokenIds,
					...(options.signal ? { signal: options.signal } : {})
				})
			).map((ids) => displayableText(tokenizer.decode(ids)).trim());
		const before = await answer(baseForward, false);
		const after = await answer(adapterForward, true);
		return {
			validationCount: validation.length,
			base: baseMetrics,
			adapter: adapterMetrics,
			samples: prompts.map(({ entry }, i) => ({
				recordId: entry.recordId,
				prompt: entry.prompt,
				reference: entry.reference,
				before: before[i]!,
				after: after[i]!
			})),
			maxNewTokens
		};
	} finally {
		tree.dispose(lora);
		releaseEvaluation(baseForward);
		releaseEvaluation(adapterForward);
	}
}
