// The Datanets page's search box and filters. Metadata arrives from IPFS one document at a time, after the chain
// state: a datanet whose document has not loaded yet is still listed, and can still be found by what the chain
// says about it (its id and licence), so results do not jump around while documents arrive.
import type { DatanetMetadata } from './datanetMetadata.ts';
import { licenceLabel } from './datanetMetadata.ts';
import type { DatanetView } from './datanetState.ts';

export type DatanetSort = 'newest' | 'oldest' | 'contributions' | 'accepted-bytes' | 'name';

export type DatanetSearch = {
	/** Words, all of which must match (case-insensitive). An empty query matches every datanet. */
	query: string;
	sort: DatanetSort;
	/** Only datanets whose metadata carries every one of these tags. */
	tags?: string[];
	/** Only datanets of this DataKind. */
	kind?: number;
};

const compareIds = (a: DatanetView, b: DatanetView) =>
	BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0;
const newestFirst = (a: DatanetView, b: DatanetView) => compareIds(b, a);
const descending = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);

function matchesWord(datanet: DatanetView, metadata: DatanetMetadata | undefined, word: string): boolean {
	// An id matches whole ("#3" or "3"), or searching for 3 would also list 13, 23, 30…
	if (word.replace(/^#/, '') === datanet.id) return true;
	const fields = [datanet.licence, licenceLabel(datanet.licence)];
	if (metadata) fields.push(metadata.name, metadata.summary, ...metadata.tags);
	return fields.some((field) => field.toLowerCase().includes(word));
}

/**
 * Filters and sorts datanets for the Datanets page. `metadata` is keyed by datanet id; a missing or undefined
 * entry means the document has not loaded (or failed to). Returns a new array; the input is left alone.
 *
 * @example
 * const shown = searchDatanets(state.datanets, metadataById, { query: 'medical cc-by', sort: 'newest' });
 */
export function searchDatanets(
	datanets: readonly DatanetView[],
	metadata: ReadonlyMap<string, DatanetMetadata | undefined>,
	search: DatanetSearch
): DatanetView[] {
	const words = search.query.toLowerCase().split(/\s+/).filter(Boolean);
	const tags = (search.tags ?? []).map((tag) => tag.toLowerCase());
	const found = datanets.filter((datanet) => {
		const meta = metadata.get(datanet.id);
		if (search.kind !== undefined && datanet.kind !== search.kind) return false;
		// Tags are only known from metadata: a datanet not loaded yet cannot be shown as having them.
		if (tags.length > 0 && !tags.every((tag) => meta?.tags.includes(tag))) return false;
		return words.every((word) => matchesWord(datanet, meta, word));
	});

	const byName = (a: DatanetView, b: DatanetView) => {
		const x = metadata.get(a.id)?.name;
		const y = metadata.get(b.id)?.name;
		// Unnamed (not loaded) datanets go last, so the list's top stays put as names arrive.
		if (x === undefined || y === undefined)
			return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0) || compareIds(a, b);
		return x.localeCompare(y, 'en', { sensitivity: 'base' }) || compareIds(a, b);
	};
	const orders: Record<DatanetSort, (a: DatanetView, b: DatanetView) => number> = {
		newest: newestFirst,
		oldest: compareIds,
		contributions: (a, b) => b.contributionIds.length - a.contributionIds.length || newestFirst(a, b),
		'accepted-bytes': (a, b) => descending(a.acceptedBytes, b.acceptedBytes) || newestFirst(a, b),
		name: byName
	};
	return found.sort(orders[search.sort]);
}
