// The train/validation split the data step shows, from the trainer's own split (splitExamples): it decides by
// record id and seed alone, so the counts here are the ones training will use, before any record is tokenized.
// Records that give no example once tokenized (no target left) are skipped by the trainer and counted there.
import type { ContributedRecord } from '../../../workers/ingest/records/parseRecordsJsonl.ts';
import { splitExamples } from '../../../workers/ml/factory/splitExamples.ts';
import type { TrainingExample } from '../../../workers/ml/factory/trainingExamples.ts';

/** Records on each side of the split. */
export type SplitCounts = { train: number; validation: number };

/**
 * Counts the records of all sources on each side of the split at `settings`.
 *
 * @example
 * splitCounts([recordsOfV1, recordsOfV2], { seed: 1, validationShare: 0.1 }); // { train: 108, validation: 12 }
 */
export function splitCounts(
	sources: readonly (readonly ContributedRecord[])[],
	settings: { seed: number; validationShare: number }
): SplitCounts {
	// The split reads only record ids; the token fields are filled by tokenization, which this step does not run.
	const placeholders: TrainingExample[] = sources.flatMap((records, sourceIndex) =>
		records.map((record) => ({
			recordId: record.id,
			sourceIndex,
			kind: record.prompt !== undefined && record.response !== undefined ? 'pair' : 'text',
			tokenIds: [],
			lossMask: [],
			truncated: false
		}))
	);
	const { trainCount, validationCount } = splitExamples(placeholders, settings);
	return { train: trainCount, validation: validationCount };
}
