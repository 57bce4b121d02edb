// The ingest worker's API, apart from its entry so Node tests serve it over a MessageChannel with the real bridge:
// turn files into records.jsonl (extract, clean, records, quality filters, dedupe against the datanet). The worker
// keeps each datanet's dedupe index between uploads; the page first asks which contributions it lacks and sends
// only those.
import { reportProgress } from '../rpc/expose.ts';
import type { ProgressSignal } from '../rpc/protocol.ts';
import { transfer } from '../rpc/transfer.ts';
import { DatanetIndex, type ContributionRecords, type ContributionRef } from './dedupe/datanetIndex.ts';
import type { TokenCountFor } from './loadTokenCount.ts';
import {
	fileSource,
	prepareContribution,
	throttled,
	type ExistingContribution,
	type PrepareProgress,
	type PreparedContribution
} from './prepareContribution.ts';

/** The datanet an upload is checked against, kept by the worker: all its contributions, and the records it lacked. */
export type DatanetDedupe = {
	/** Names the datanet, e.g. `31337/4` (chain id / datanet id). */
	key: string;
	/** Every contribution to check against (pending or accepted). */
	contributions: ContributionRef[];
	/** The records of those `missingContributions` named; nothing the worker already holds. */
	add: ContributionRecords[];
};

/** What the page sends for one upload. */
export type PrepareRequest = {
	files: File[];
	redact: boolean;
	maxTokens?: number;
	/** A folder URL holding tokenizer.json and tokenizer_config.json (the datanet's base model). */
	tokenizerUrl: string;
	/** The datanet to deduplicate against, through the index the worker keeps for it. */
	datanet?: DatanetDedupe;
	/** Contributions to deduplicate against once, nothing kept (a curator's check of one contribution). */
	against?: ExistingContribution[];
};

// A few datanets' records are kept (a contributor rarely works on more at once); the least recently used goes first.
const KEPT_DATANETS = 4;

/**
 * The ingest API over `tokenCountFor` (the worker fetches tokenizers; tests count words).
 *
 * @example
 * expose(createIngestApi(fetchedTokenCounts(self.location.href)));
 */
export function createIngestApi(tokenCountFor: TokenCountFor) {
	const kept = new Map<string, DatanetIndex>();
	const keptFor = (key: string) => {
		const index = kept.get(key) ?? new DatanetIndex();
		kept.delete(key);
		kept.set(key, index);
		for (const old of kept.keys()) if (kept.size > KEPT_DATANETS) kept.delete(old);
		return index;
	};

	return {
		/** The contributions among `contributions` whose records the worker does not hold for the datanet `key`. */
		missingContributions: async (_signal: AbortSignal, key: string, contributions: ContributionRef[]) =>
			kept.get(key)?.missing(contributions) ?? contributions,

		/** Ingests and deduplicates the files; the result's jsonl buffer moves to the page. */
		prepare: async (signal: ProgressSignal<PrepareProgress>, request: PrepareRequest): Promise<PreparedContribution> => {
			const tokenCount = await tokenCountFor(request.tokenizerUrl);
			signal.throwIfAborted();
			const onProgress = (progress: PrepareProgress) => reportProgress(signal, progress);
			const against = request.datanet
				? await keptFor(request.datanet.key).against(request.datanet.contributions, request.datanet.add, {
						signal,
						onProgress: throttled('index', onProgress)
					})
				: (request.against ?? []);
			const prepared = await prepareContribution(request.files.map(fileSource), {
				tokenCount,
				maxTokens: request.maxTokens,
				redact: request.redact,
				against,
				signal,
				onProgress
			});
			return transfer(prepared, [prepared.jsonl.buffer]);
		}
	};
}

/** The ingest worker's API, as the page's bridge types it. */
export type IngestApi = ReturnType<typeof createIngestApi>;
