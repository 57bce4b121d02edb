// The train/validation split, decided per record id by a seeded hash: a record's side depends only on its id and
// the seed, never on the other records, so the page and the CLI, Node and every browser split alike, copies of one
// record (the same id in two datanet versions) never straddle the split, and a record keeps its side when a later
// version adds records. The 32-bit hash is the one dedupe already uses (FNV-1a of the id, mixed with the seed by
// murmur3), synchronous and the same everywhere.
import { fnv1a32, murmur3Words } from '../../ingest/dedupe/hash32.ts';
import type { TrainingExample } from './trainingExamples.ts';

/** The two sides of a split, in the examples' original order, with their sizes. */
export type SplitExamples = {
	train: TrainingExample[];
	validation: TrainingExample[];
	trainCount: number;
	validationCount: number;
};

// Separates this use of the hash from any other that mixes the same two words.
const SPLIT_SALT = 0x5f1d_7a11;

/**
 * Where a record id falls in [0, 1) for a seed: below the validation share means validation.
 *
 * @example
 * splitPosition('9f2c…', 1); // the same number in Node and in any browser
 */
export function splitPosition(recordId: string, seed: number): number {
	return murmur3Words([fnv1a32(recordId), seed >>> 0], 0, 2, SPLIT_SALT) / 2 ** 32;
}

/**
 * Splits examples by record id: those whose {@link splitPosition} is below `validationShare` validate. Training
 * always gets a record (the highest-positioned moves there when all fell in validation), and with at least two
 * distinct record ids validation gets one too (the lowest-positioned, when none fell there).
 *
 * @example
 * const { train, validation } = splitExamples(examples, { seed: 1, validationShare: 0.1 });
 */
export function splitExamples(
	examples: readonly TrainingExample[],
	settings: { seed: number; validationShare: number }
): SplitExamples {
	const positions = new Map<string, number>();
	for (const example of examples)
		if (!positions.has(example.recordId))
			positions.set(example.recordId, splitPosition(example.recordId, settings.seed));
	const validationIds = new Set([...positions].filter(([, p]) => p < settings.validationShare).map(([id]) => id));
	// Ties in position are broken by id, so the choice never depends on the examples' order.
	const byPosition = [...positions].sort(([a, p], [b, q]) => p - q || (a < b ? -1 : a > b ? 1 : 0));
	if (validationIds.size === 0 && positions.size >= 2) validationIds.add(byPosition[0]![0]);
	if (validationIds.size === positions.size && positions.size >= 1) validationIds.delete(byPosition.at(-1)![0]);
	const train: TrainingExample[] = [];
	const validation: TrainingExample[] = [];
	for (const example of examples) (validationIds.has(example.recordId) ? validation : train).push(example);
	return { train, validation, trainCount: train.length, validationCount: validation.length };
}
