// Search over datanet views built by the real fold, with metadata as the page holds it (some not loaded yet).
import { describe, expect, it } from 'vitest';
import type { DatanetMetadata } from './datanetMetadata.ts';
import { buildDatanetState } from './datanetState.ts';
import { searchDatanets, type DatanetSearch } from './searchDatanets.ts';
import { ALICE, approve, BOB, contribute, createDatanet, DAVE, logChain } from './storedLogs.testing.ts';

const meta = (name: string, summary: string, tags: string[]): DatanetMetadata => ({
	schema: 'provena.datanet/1',
	name,
	summary,
	description: 'ignored by search',
	tags
});

/**
 * 1 "Clinical notes" (text, CC-BY-4.0): 1 contribution, 500 bytes accepted.
 * 2 "bird songs" (audio, CC0-1.0): 3 contributions, 300 bytes accepted.
 * 3 "Alpine photos" (image, CC-BY-SA-4.0): 2 contributions, 900 bytes accepted.
 * 4 (text, MIT): metadata not loaded. 13 (text, ODbL-1.0): metadata not loaded, no contributions.
 */
function fixture() {
	const chain = logChain();
	createDatanet(chain, 1, DAVE, { licence: 'CC-BY-4.0' });
	createDatanet(chain, 2, DAVE, { kind: 2, licence: 'CC0-1.0' });
	createDatanet(chain, 3, DAVE, { kind: 1, licence: 'CC-BY-SA-4.0' });
	createDatanet(chain, 4, DAVE, { licence: 'MIT' });
	createDatanet(chain, 13, DAVE, { licence: 'ODbL-1.0' });
	contribute(chain, 1, 1, ALICE, { byteSize: 500n });
	contribute(chain, 2, 2, ALICE, { byteSize: 300n });
	contribute(chain, 3, 2, BOB);
	contribute(chain, 4, 2, BOB);
	contribute(chain, 5, 3, ALICE, { byteSize: 900n });
	contribute(chain, 6, 3, BOB);
	approve(chain, 1, DAVE, [{ id: 1, seq: 1 }], { version: 1, acceptedCount: 1, acceptedBytes: 500n });
	approve(chain, 2, DAVE, [{ id: 2, seq: 1 }], { version: 1, acceptedCount: 1, acceptedBytes: 300n });
	approve(chain, 3, DAVE, [{ id: 5, seq: 1 }], { version: 1, acceptedCount: 1, acceptedBytes: 900n });
	const { datanets } = buildDatanetState(chain.logs);
	const metadata = new Map<string, DatanetMetadata | undefined>([
		['1', meta('Clinical notes', 'De-identified notes from volunteers.', ['medical', 'english'])],
		['2', meta('bird songs', 'Field recordings of European birds.', ['nature', 'audio'])],
		['3', meta('Alpine photos', 'Mountain landscapes, summer and winter.', ['nature', 'photography'])],
		['4', undefined]
	]);
	return { datanets, metadata };
}

const ids = (search: Partial<DatanetSearch>) => {
	const { datanets, metadata } = fixture();
	return searchDatanets(datanets, metadata, { query: '', sort: 'oldest', ...search }).map((d) => d.id);
};

describe('searchDatanets', () => {
	it('lists every datanet, loaded or not, for an empty query', () => {
		expect(ids({ query: '' })).toEqual(['1', '2', '3', '4', '13']);
		expect(ids({ query: '   ' })).toEqual(['1', '2', '3', '4', '13']);
	});

	it('matches name, summary, tags and licence case-insensitively, requiring every word', () => {
		expect(ids({ query: 'CLINICAL' })).toEqual(['1']);
		expect(ids({ query: 'european' })).toEqual(['2']);
		expect(ids({ query: 'nature' })).toEqual(['2', '3']);
		expect(ids({ query: 'nature winter' })).toEqual(['3']);
		expect(ids({ query: 'nature medical' })).toEqual([]);
		expect(ids({ query: 'cc-by' })).toEqual(['1', '3']);
		expect(ids({ query: 'sharealike' })).toEqual(['3']);
		// The description is not searched.
		expect(ids({ query: 'ignored' })).toEqual([]);
	});

	it('finds datanets whose metadata has not loaded by id and licence only', () => {
		expect(ids({ query: 'mit' })).toEqual(['4']);
		expect(ids({ query: 'odbl' })).toEqual(['13']);
		expect(ids({ query: '#13' })).toEqual(['13']);
		// An id matches whole: 3 does not find 13.
		expect(ids({ query: '3' })).toEqual(['3']);
		expect(ids({ query: '4 mit' })).toEqual(['4']);
	});

	it('filters by kind and by tags (every tag), leaving out datanets whose tags are unknown', () => {
		expect(ids({ kind: 0 })).toEqual(['1', '4', '13']);
		expect(ids({ kind: 2 })).toEqual(['2']);
		expect(ids({ tags: ['nature'] })).toEqual(['2', '3']);
		expect(ids({ tags: ['Nature', 'photography'] })).toEqual(['3']);
		expect(ids({ tags: ['nature'], kind: 1, query: 'alpine' })).toEqual(['3']);
	});

	it('sorts by age, contributions, accepted bytes and name', () => {
		expect(ids({ sort: 'newest' })).toEqual(['13', '4', '3', '2', '1']);
		expect(ids({ sort: 'oldest' })).toEqual(['1', '2', '3', '4', '13']);
		// Ties (4 and 13 have none) fall back to newest first.
		expect(ids({ sort: 'contributions' })).toEqual(['2', '3', '1', '13', '4']);
		expect(ids({ sort: 'accepted-bytes' })).toEqual(['3', '1', '2', '13', '4']);
		// Case-insensitive by name; datanets without a loaded name last, by id.
		expect(ids({ sort: 'name' })).toEqual(['3', '2', '1', '4', '13']);
	});

	it('returns a new array and leaves the input order alone', () => {
		const { datanets, metadata } = fixture();
		const before = datanets.map((d) => d.id);
		const result = searchDatanets(datanets, metadata, { query: '', sort: 'newest' });
		expect(result).not.toBe(datanets);
		expect(datanets.map((d) => d.id)).toEqual(before);
	});
});
