// The page's side of the datanet index the ingest worker keeps: ask which contributions it lacks, read only those
// (from IPFS), send them once. A retry or a second upload to the same datanet sends nothing already sent.
import type { Bridge, CallOptions } from './workerBridge.ts';
import type { IngestApi, PrepareRequest } from '../../../workers/ingest/ingestApi.ts';
import type { PrepareProgress, PreparedContribution } from '../../../workers/ingest/prepareContribution.ts';
import type { ContributionRecords, ContributionRef } from '../../../workers/ingest/dedupe/datanetIndex.ts';
import { DedupeIndexIncompleteError } from '../../../workers/ingest/errors.ts';

/** The datanet an upload is checked against, as the page knows it. */
export type DatanetContributions = {
	/** Names the datanet for the worker's cache, e.g. `31337/4`. */
	key: string;
	contributions: ContributionRef[];
	/** Reads the records of `missing` (from IPFS); a contribution it cannot read is left out of the check. */
	read: (missing: ContributionRef[], signal: AbortSignal | undefined) => Promise<ContributionRecords[]>;
};

/**
 * Runs `prepare` against `datanet`, sending the worker only the contributions its kept index lacks. A worker
 * restarted between the two calls (an idle stop) says what it lacks, and the call is made once more.
 *
 * @example
 * const prepared = await prepareAgainstDatanet(ingestWorker, request, { key, contributions, read }, { signal, onProgress });
 */
export async function prepareAgainstDatanet(
	worker: Pick<Bridge<IngestApi>, 'call'>,
	request: Omit<PrepareRequest, 'datanet' | 'against'>,
	datanet: DatanetContributions,
	options: CallOptions<PrepareProgress>
): Promise<PreparedContribution> {
	let contributions = datanet.contributions;
	for (let attempt = 1; ; attempt++) {
		const missing = await worker.call('missingContributions', { signal: options.signal }, datanet.key, contributions);
		const add = missing.length ? await datanet.read(missing, options.signal) : [];
		// What could not be read is not checked against (the caller has said why).
		const unread = new Set(missing.filter((m) => !add.some((a) => a.contributionId === m.contributionId && a.cid === m.cid)).map((m) => m.cid));
		contributions = contributions.filter((c) => !unread.has(c.cid));
		try {
			return await worker.call('prepare', options, { ...request, datanet: { key: datanet.key, contributions, add } });
		} catch (error) {
			if (attempt >= 2 || !(error instanceof DedupeIndexIncompleteError)) throw error;
		}
	}
}
