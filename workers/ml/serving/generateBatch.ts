// Generation for a batch of rows in one forward pass per token (the arena: one prompt, many adapters). Each row
// samples with its own random stream seeded like a single run, so with equal logits a row gives exactly the tokens
// generate() gives for its adapter alone. Rows that have stopped ride along until every row has (static batching:
// removing a row would mean copying the whole cache), and their extra tokens are discarded.
import { seededRandom } from '../random/seededRandom.ts';
import { GenerationError, type GenerateOptions, type StopReason } from '../generation/generate.ts';
import { sampleToken, validateSamplingOptions } from '../generation/sampling.ts';
import type { ServingSession } from '../core/session.ts';

/** One row of a batch: its prompt and the slot its adapter sits in. */
export type BatchRow = { promptIds: readonly number[]; slot: number };

/** Options of {@link generateBatch}: generate()'s, with streaming per row. */
export type GenerateBatchOptions = Omit<GenerateOptions, 'onToken'> & {
	/** Called with each row's generated token as soon as it is chosen. */
	onToken?: (row: number, tokenId: number) => void;
};

/** What {@link generateBatch} returns per row. */
export type BatchRowResult = { tokenIds: number[]; stoppedBy: StopReason };

/**
 * Generates up to `maxNewTokens` tokens for every row; all prompts must have the same length.
 *
 * @example
 * const results = await generateBatch(serving, leases.map((lease) => ({ promptIds, slot: lease.slot })), {
 * 	maxNewTokens: 64, sampling: { temperature: 0 }, seed: 1, onToken: (row, id) => stream(row, id)
 * });
 */
export async function generateBatch(
	serving: ServingSession,
	rows: readonly BatchRow[],
	options: GenerateBatchOptions
): Promise<BatchRowResult[]> {
	const { maxNewTokens, sampling, signal, onToken } = options;
	if (rows.length === 0) throw new GenerationError('A batch needs at least one row.');
	const promptLength = rows[0]!.promptIds.length;
	if (promptLength === 0) throw new GenerationError('The prompt is empty; generation needs at least one token to start from.');
	if (rows.some((row) => row.promptIds.length !== promptLength))
		throw new GenerationError('Every row of a batch needs a prompt of the same length.');
	if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0)
		throw new GenerationError(`maxNewTokens must be an integer ≥ 0, got ${maxNewTokens}.`);
	if (!Number.isFinite(options.seed)) throw new GenerationError(`seed must be a finite number, got ${options.seed}.`);
	validateSamplingOptions(sampling);
	const stopTokens = new Set(options.stopTokenIds ?? []);
	const slots = rows.map((row) => row.slot);
	const randoms = rows.map(() => seededRandom(options.seed));
	const histories = rows.map((row) => [...row.promptIds]);
	const results: BatchRowResult[] = rows.map(() => ({ tokenIds: [], stoppedBy: 'length' }));
	const running = rows.map(() => true);

	let { lastLogits, cache } = await serving.forwardBatch(
		rows.map((row) => row.promptIds),
		slots,
		undefined
	);
	try {
		for (let step = 0; ; step++) {
			if (step >= maxNewTokens) break;
			if (signal?.aborted) {
				rows.forEach((_, r) => running[r] && (results[r]!.stoppedBy = 'aborted'));
				break;
			}
			const next = rows.map((_, r) => {
				const history = histories[r]!;
				if (!running[r]) return history[history.length - 1]!;
				const token = sampleToken(lastLogits[r]!, { ...sampling, previousTokens: history }, randoms[r]!);
				if (stopTokens.has(token)) {
					running[r] = false;
					results[r]!.stoppedBy = 'stop-token';
					return history[history.length - 1]!;
				}
				results[r]!.tokenIds.push(token);
				history.push(token);
				onToken?.(r, token);
				return token;
			});
			if (!running.some(Boolean) || step + 1 >= maxNewTokens) break;
			const forward = await serving.forwardBatch(
				next.map((token) => [token]),
				slots,
				cache
			);
			serving.releaseCache(cache);
			({ lastLogits, cache } = forward);
		}
	} finally {
		serving.releaseCache(cache);
	}
	return results;
}
