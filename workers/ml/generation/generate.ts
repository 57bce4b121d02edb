// Autoregressive generation over any DecoderSession: one prefill of the prompt, then one cached single-token
// step per new token. Engine-agnostic, so the Web Worker, the CLI and the tests share the same loop.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { seededRandom } from '../random/seededRandom.ts';
import type { DecoderSession, KvCache } from '../core/session.ts';
import { sampleToken, validateSamplingOptions, type SamplingOptions } from './sampling.ts';

/** generate() was given a prompt or options it cannot run. */
export class GenerationError extends ProvenaError {
	override name = 'GenerationError';
}

/** Options of {@link generate}. */
export type GenerateOptions = {
	/** The most tokens to generate (0 runs only the prefill). */
	maxNewTokens: number;
	/** How each token is chosen; the repetition penalty sees the prompt and the generated tokens. */
	sampling: Omit<SamplingOptions, 'previousTokens'>;
	/** Seeds the draws: the same seed, prompt, options and model give the same tokens. */
	seed: number;
	/** Tokens that end generation (e.g. the config's eosTokenIds); the stop token is not returned. */
	stopTokenIds?: readonly number[];
	/** Checked between tokens; on abort the tokens generated so far are returned. */
	signal?: AbortSignal;
	/** Called with each generated token as soon as it is chosen (for streaming). */
	onToken?: (tokenId: number) => void;
};

/** Why {@link generate} stopped. */
export type StopReason = 'length' | 'stop-token' | 'aborted';

/** What {@link generate} returns. */
export type GenerateResult = {
	/** The generated tokens, without the prompt and without the stop token. */
	tokenIds: number[];
	/** Logits [vocab] after the last prompt token: the distribution of the first generated token. */
	firstLogits: Float32Array;
	stoppedBy: StopReason;
};

/**
 * Generates up to `maxNewTokens` tokens after `promptIds`.
 *
 * @example
 * const session = await createOrtNodeDecoderSession(config, weights);
 * const { tokenIds, stoppedBy } = await generate(session, [1, 17, 42], {
 * 	maxNewTokens: 32,
 * 	sampling: { temperature: 0.7, topP: 0.9 },
 * 	seed: 1,
 * 	stopTokenIds: config.eosTokenIds
 * });
 */
export async function generate<Cache extends KvCache>(
	session: DecoderSession<Cache>,
	promptIds: readonly number[],
	options: GenerateOptions
): Promise<GenerateResult> {
	const { maxNewTokens, sampling, signal, onToken } = options;
	if (promptIds.length === 0) {
		throw new GenerationError('The prompt is empty; generation needs at least one token (e.g. BOS) to start from.');
	}
	if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0) {
		throw new GenerationError(`maxNewTokens must be an integer ≥ 0, got ${maxNewTokens}.`);
	}
	if (!Number.isFinite(options.seed)) throw new GenerationError(`seed must be a finite number, got ${options.seed}.`);
	validateSamplingOptions(sampling);
	const stopTokens = new Set(options.stopTokenIds ?? []);
	const random = seededRandom(options.seed);

	const prefill = await session.forward(promptIds, undefined);
	const firstLogits = prefill.lastLogits;
	let { lastLogits, cache } = prefill;
	const tokenIds: number[] = [];
	// One growing array instead of a fresh [...prompt, ...generated] per step.
	const history = [...promptIds];
	const done = (stoppedBy: StopReason): GenerateResult => ({ tokenIds, firstLogits, stoppedBy });
	// Checked before sampling and again before each step, so neither a step nor a draw is wasted.
	const finished = (): StopReason | undefined =>
		tokenIds.length >= maxNewTokens ? 'length' : signal?.aborted ? 'aborted' : undefined;

	// The last cache is released however the loop ends (done, abort, or an engine error).
	try {
		for (;;) {
			const before = finished();
			if (before) return done(before);
			const next = sampleToken(lastLogits, { ...sampling, previousTokens: history }, random);
			if (stopTokens.has(next)) return done('stop-token');
			tokenIds.push(next);
			history.push(next);
			onToken?.(next);
			const after = finished();
			if (after) return done(after);
			const step = await session.forward([next], cache);
			session.releaseCache?.(cache);
			({ lastLogits, cache } = step);
		}
	} finally {
		session.releaseCache?.(cache);
	}
}
