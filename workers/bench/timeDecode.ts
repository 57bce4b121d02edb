// Times one greedy generation of a fixed number of tokens, on our engine (generate over a DecoderSession) or on
// transformers.js' text-generation pipeline, the same way for both: time to first token from the call, and decode
// speed over the tokens after the first (each new token costs one cached forward pass on either side).
import type { TextGenerationPipeline } from '@huggingface/transformers';
import type { DecoderSession } from '../ml/core/session.ts';
import { generate } from '../ml/generation/generate.ts';
import { tokenRecorder } from './tokenRecorder.ts';
import { BrowserBenchError } from './browserBench.ts';

/** One timed generation. */
export type DecodeTiming = {
	/** From the call to the first new token, ms (prefill + first pick; transformers.js also tokenizes the prompt). */
	ttftMs: number;
	/** New tokens after the first, per second of the time between the first and the last. */
	decodeTokensPerSecond: number;
	/** The generated ids, to check both sides agree. */
	tokenIds: number[];
};

function timing(started: number, arrivals: readonly number[], tokenIds: number[], newTokens: number): DecodeTiming {
	if (arrivals.length !== newTokens) {
		throw new BrowserBenchError(`A timed generation produced ${arrivals.length} tokens instead of ${newTokens}.`);
	}
	const decodeMs = arrivals.at(-1)! - arrivals[0]!;
	return {
		ttftMs: arrivals[0]! - started,
		decodeTokensPerSecond: newTokens > 1 && decodeMs > 0 ? ((newTokens - 1) * 1000) / decodeMs : Number.NaN,
		tokenIds
	};
}

/**
 * Greedy generation of exactly `newTokens` tokens on our engine (no stop tokens).
 *
 * @example
 * const { ttftMs, decodeTokensPerSecond } = await timeOurDecode(session, promptIds, 64);
 */
export async function timeOurDecode(
	session: DecoderSession,
	promptIds: readonly number[],
	newTokens: number
): Promise<DecodeTiming> {
	const arrivals: number[] = [];
	const started = performance.now();
	const { tokenIds } = await generate(session, promptIds, {
		maxNewTokens: newTokens,
		sampling: { temperature: 0 },
		seed: 0,
		stopTokenIds: [],
		onToken: () => arrivals.push(performance.now())
	});
	return timing(started, arrivals, tokenIds, newTokens);
}

/**
 * Greedy generation of exactly `newTokens` tokens through transformers.js' pipeline (eos disabled); also returns
 * the prompt ids the pipeline fed, so our engine can be given the very same ones.
 *
 * @example
 * const { promptIds, ttftMs } = await timeTransformersJsDecode(generator, 'Once upon a time', 64);
 */
export async function timeTransformersJsDecode(
	generator: TextGenerationPipeline,
	prompt: string,
	newTokens: number
): Promise<DecodeTiming & { promptIds: number[] }> {
	const recorder = tokenRecorder();
	const started = performance.now();
	// eos_token_id null switches off the eos stopping criterion (and min-length processors), so every run makes
	// newTokens tokens; sampling off is greedy, whatever generation_config.json says.
	await generator(prompt, {
		max_new_tokens: newTokens,
		do_sample: false,
		eos_token_id: null,
		repetition_penalty: 1,
		return_full_text: false,
		streamer: recorder
	} as never);
	const result = timing(
		started,
		recorder.tokens.map((token) => token.at),
		recorder.tokenIds,
		newTokens
	);
	return { ...result, promptIds: recorder.promptIds };
}
