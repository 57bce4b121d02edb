// The index the ingest worker keeps per datanet: it fingerprints only contributions it has not indexed, answers as
// an index built from scratch would, drops a contribution that left the set, and refuses to check against records
// it was never sent.
import { describe, expect, it } from 'vitest';
import { DedupeIndexIncompleteError } from '../errors.ts';
import { prepareContribution } from '../prepareContribution.ts';
import { sampleSource, tinyTokenCount } from '../testdata/samples.ts';
import { rejectionOf } from '../../testing/rejectionOf.ts';
import { seededRandom } from '../../ml/random/seededRandom.ts';
import { DatanetIndex, indexContributions, type ContributionRecords } from './datanetIndex.ts';

const base = { tokenCount: tinyTokenCount(), redact: false, against: [] };

async function contribution(contributionId: string, sample: string): Promise<ContributionRecords> {
	const prepared = await prepareContribution([sampleSource(sample)], base);
	return { contributionId, cid: `bafy-${contributionId}`, jsonl: prepared.jsonl };
}

/** A contribution of `count` short records of random words, more than one fingerprint batch. */
async function manyRecords(contributionId: string, count: number): Promise<ContributionRecords> {
	const random = seededRandom(Number(contributionId));
	const word = () => Math.floor(random.uniform() * 1e9).toString(36);
	const lines = Array.from({ length: count }, () => JSON.stringify({ text: Array.from({ length: 12 }, word).join(' ') }) + '\n');
	const bytes = new TextEncoder().encode(lines.join(''));
	const prepared = await prepareContribution([{ name: 'many.jsonl', size: bytes.byteLength, read: async () => bytes }], base);
	expect(prepared.recordCount).toBe(count);
	return { contributionId, cid: `bafy-${contributionId}`, jsonl: prepared.jsonl };
}

const ref = ({ contributionId, cid }: ContributionRecords) => ({ contributionId, cid });
const recordCount = (c: ContributionRecords) => new TextDecoder().decode(c.jsonl).split('\n').filter(Boolean).length;

/** How many records one `against` call fingerprinted (its last progress report's total). */
async function indexedBy(run: (onProgress: (done: number, total: number) => void) => Promise<unknown>): Promise<number> {
	let total = 0;
	await run((_done, all) => (total = all));
	return total;
}

describe('DatanetIndex', () => {
	it('indexes each contribution once, and only what it was not sent before', async () => {
		const [a, b, c] = await Promise.all([
			contribution('1', 'animal-care.txt'),
			contribution('2', 'qa.jsonl'),
			contribution('3', 'contract-law.pdf')
		]);
		const kept = new DatanetIndex();
		expect(kept.missing([ref(a), ref(b)])).toEqual([ref(a), ref(b)]);
		expect(await indexedBy((onProgress) => kept.against([ref(a), ref(b)], [a, b], { onProgress }))).toBe(recordCount(a) + recordCount(b));

		// A retry: nothing missing, nothing fingerprinted again.
		expect(kept.missing([ref(a), ref(b)])).toEqual([]);
		expect(await indexedBy((onProgress) => kept.against([ref(a), ref(b)], [], { onProgress }))).toBe(0);

		// A new contribution: only it is sent and fingerprinted.
		expect(kept.missing([ref(a), ref(b), ref(c)])).toEqual([ref(c)]);
		const grown = await kept.against([ref(a), ref(b), ref(c)], [c]);
		const scratch = await indexContributions([a, b, c]);
		expect(grown.index.size).toBe(scratch.index.size);
		expect([...grown.records.keys()].sort()).toEqual([...scratch.records.keys()].sort());
		expect(grown.index.serialize()).toEqual(scratch.index.serialize());
	});

	it('drops a contribution that left the set from the held records, without being sent anything', async () => {
		const [a, b] = await Promise.all([contribution('1', 'animal-care.txt'), contribution('2', 'qa.jsonl')]);
		const kept = new DatanetIndex();
		await kept.against([ref(a), ref(b)], [a, b]);
		const onlyB = await kept.against([ref(b)], []);
		expect(onlyB.index.size).toBe(recordCount(b));
		expect(new Set([...onlyB.records.values()].map((r) => r.contributionId))).toEqual(new Set(['2']));
		// It comes back (approved after all): held, so still nothing to send.
		expect(kept.missing([ref(a), ref(b)])).toEqual([]);
	});

	it('refuses a check against records it does not hold, naming the contribution', async () => {
		const a = await contribution('1', 'animal-care.txt');
		const error = await rejectionOf(new DatanetIndex().against([ref(a)], []));
		expect(error).toBeInstanceOf(DedupeIndexIncompleteError);
		expect(error.message).toMatch('contribution #1');
	});

	it('starts over after an aborted indexing, so no record is indexed twice', async () => {
		const [a, b] = await Promise.all([contribution('1', 'animal-care.txt'), manyRecords('2', 600)]);
		const kept = new DatanetIndex();
		const controller = new AbortController();
		const aborted = kept.against([ref(a), ref(b)], [a, b], {
			signal: controller.signal,
			onProgress: () => controller.abort()
		});
		expect((await rejectionOf(aborted)).name).toBe('AbortError');
		const again = await kept.against([ref(a), ref(b)], []);
		expect(again.index.size).toBe(recordCount(a) + recordCount(b));
	});
});
