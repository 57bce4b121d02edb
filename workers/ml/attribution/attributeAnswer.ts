// The attribution of one answer against an adapter's artifacts: its spans in the training data, its gradient
// influence at the kept checkpoints, both combined into integer weights per contribution, and who the protocol's
// threshold pays. The answer's gradient is taken on jax-js's Wasm backend, whose float operations run the same in
// Node and every browser, and everything after it is integer arithmetic, so anyone recomputes the same result.
import { tree } from '@jax-js/jax';
import { loraScale } from '../core/loraAdapter.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { jaxLoraFromAdapter, type JaxWeights } from '../training/jaxForward.ts';
import { releaseTrainSteps } from '../training/trainStep.ts';
import { combinedWeights, DEFAULT_COMBINATION, type CombinationRules } from './combinedWeights.ts';
import type { GradientExample } from './exampleGradient.ts';
import { answerSketches, gradientInfluence } from './gradientSketches.ts';
import type { OpenedAttribution } from './openAttribution.ts';
import { DEFAULT_PAYMENT_RULES, paidContributions, type PaymentRules } from './paidContributions.ts';
import { attributeSpans, spanContext, type AttributedSpan, type SpanRules } from './spanScores.ts';

/** Which spans count, by default: four tokens or more, in at most 64 places, adding up to 24 bits of surprise. */
export const DEFAULT_SPAN_RULES: SpanRules = { minLength: 4, maxOccurrences: 64, minSurpriseBits: 24 };

/** One contribution's scores in an answer's attribution. */
export type ContributionScore = { contribution: number; span: number; gradient: number; weight: number };

/** The attribution of one answer. */
export type AnswerAttribution = {
	/** The answer's tokens: the example's targets, in order. */
	answerTokenIds: number[];
	/** The spans that counted, with answer-token offsets into answerTokenIds, and the training text around each. */
	spans: (AttributedSpan & { context: { before: number[]; after: number[] } })[];
	/** Every contribution with a positive weight, by weight descending (ties by index). */
	scores: ContributionScore[];
	totalWeight: number;
	/** Those the threshold pays, by contribution index; empty means the datanet pool is paid. */
	paid: { contribution: number; weight: number }[];
	/** Bytes of span index this answer had to fetch (chunks cached from earlier answers not counted). */
	indexBytesRead: number;
};

export type AttributionRules = { spans: SpanRules; combination: CombinationRules; payment: PaymentRules };

export const DEFAULT_ATTRIBUTION_RULES: AttributionRules = {
	spans: DEFAULT_SPAN_RULES,
	combination: DEFAULT_COMBINATION,
	payment: DEFAULT_PAYMENT_RULES
};

/**
 * Attributes an answer: `example` is the prompt and answer as the adapter read them (lossMask 1 on the answer's
 * tokens, as a training pair marks its response).
 *
 * @example
 * const result = await attributeAnswer(opened, { config, base }, example, { spans: DEFAULT_SPAN_RULES, combination: DEFAULT_COMBINATION, payment: { thresholdBps: 200, maxPaid: 16 } });
 */
export async function attributeAnswer(
	opened: OpenedAttribution,
	model: { config: ModelConfig; base: JaxWeights },
	example: GradientExample,
	rules: AttributionRules
): Promise<AnswerAttribution> {
	const answerTokenIds = example.tokenIds.filter((_, t) => example.lossMask[t] === 1);
	if (answerTokenIds.length === 0) throw new RangeError('The answer has no tokens to attribute.');
	const contributions = opened.manifest.contributions.length;

	const before = opened.spans.reader.bytesFetched;
	const spanResult = await attributeSpans(opened.spans.reader, opened.spans.tables, answerTokenIds, rules.spans);
	const spanScores = Array.from({ length: contributions }, (_, c) => spanResult.scores.get(c) ?? 0);
	const spans = [];
	for (const span of spanResult.spans)
		spans.push({
			...span,
			context: await spanContext(opened.spans.reader, span, span.end - span.start, opened.spans.tables.vocabSize)
		});

	const checkpoints = opened.checkpoints.map((adapter) => ({
		model: {
			settings: { config: model.config, loraScale: loraScale(adapter) },
			base: model.base,
			lora: jaxLoraFromAdapter(model.config, adapter)
		}
	}));
	let influence: bigint[];
	try {
		influence = gradientInfluence(await answerSketches(example, checkpoints, opened.sketches), opened.sketches);
	} finally {
		for (const checkpoint of checkpoints) {
			tree.dispose(checkpoint.model.lora);
			releaseTrainSteps(checkpoint.model.settings);
		}
	}

	const combined = combinedWeights({ span: spanScores, influence, norms: opened.sketchNorms }, rules.combination);
	const scores: ContributionScore[] = combined.weights
		.map((weight, contribution) => ({
			contribution,
			span: spanScores[contribution]!,
			gradient: combined.gradient[contribution]!,
			weight
		}))
		.filter((score) => score.weight > 0 || score.span > 0 || score.gradient > 0)
		.sort((a, b) => b.weight - a.weight || a.contribution - b.contribution);
	const paid = paidContributions(
		scores.filter((s) => s.weight > 0).map(({ contribution, weight }) => ({ contribution, weight })),
		combined.totalWeight,
		rules.payment.thresholdBps,
		rules.payment.maxPaid
	);
	return {
		answerTokenIds,
		spans,
		scores,
		totalWeight: combined.totalWeight,
		paid,
		indexBytesRead: opened.spans.reader.bytesFetched - before
	};
}
