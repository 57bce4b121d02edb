import { describe, expect, it } from 'vitest';
import { DedupeIndex } from './dedupeIndex.ts';
import { dedupeRecords } from './dedupeRecords.ts';
import { jaccard, shingleHashes } from './shingles.ts';
import { CONTRACT_LAW, replaceWords } from './testTexts.ts';

const ids = (records: { id: string }[]) => records.map((record) => record.id);

describe('dedupeRecords', () => {
	it('keeps the first occurrence of exact copies in the upload and points later ones at it', async () => {
		const records = [
			{ id: 'a', text: CONTRACT_LAW[0]! },
			{ id: 'b', text: CONTRACT_LAW[1]! },
			{ id: 'a-again', text: `${CONTRACT_LAW[0]!}\n` },
			{ id: 'a-third', text: CONTRACT_LAW[0]!.replaceAll(' ', '  ') }
		];
		const result = await dedupeRecords(records);
		expect(ids(result.kept)).toEqual(['a', 'b']);
		expect(result.exact).toEqual([
			{ id: 'a-again', duplicateOf: 'a', where: 'upload' },
			{ id: 'a-third', duplicateOf: 'a', where: 'upload' }
		]);
		expect(result.near).toEqual([]);
		expect(result.uploadIndex.size).toBe(2);
	});

	it('finds exact and near copies of the datanet’s accepted records', async () => {
		const against = await DedupeIndex.fromRecords(
			CONTRACT_LAW.slice(0, 2).map((text, i) => ({ id: `accepted-${i}`, text }))
		);
		const near = replaceWords(CONTRACT_LAW[0]!, [15, 60], 'pelican');
		const result = await dedupeRecords(
			[
				{ id: 'copy', text: CONTRACT_LAW[1]! },
				{ id: 'near', text: near },
				{ id: 'new', text: CONTRACT_LAW[2]! }
			],
			{ against }
		);
		expect(ids(result.kept)).toEqual(['new']);
		expect(result.exact).toEqual([{ id: 'copy', duplicateOf: 'accepted-1', where: 'datanet' }]);
		expect(result.near).toEqual([
			{
				id: 'near',
				similarTo: 'accepted-0',
				jaccard: jaccard(shingleHashes(near), shingleHashes(CONTRACT_LAW[0]!)),
				where: 'datanet',
				estimated: false
			}
		]);
		expect(result.near[0]!.jaccard).toBeGreaterThan(0.8);
	});

	it('finds near-duplicates within the upload (re-cased, re-punctuated, a few words changed) and keeps unrelated text of the same topic', async () => {
		const records = [
			...CONTRACT_LAW.map((text, i) => ({ id: `p${i}`, text })),
			{ id: 'shouting', text: CONTRACT_LAW[3]!.toUpperCase().replaceAll(',', '') },
			{ id: 'edited', text: replaceWords(CONTRACT_LAW[2]!, [10, 60], 'walrus') }
		];
		const result = await dedupeRecords(records);
		expect(ids(result.kept)).toEqual(['p0', 'p1', 'p2', 'p3']);
		expect(result.near.map(({ id, similarTo, where }) => ({ id, similarTo, where }))).toEqual([
			{ id: 'shouting', similarTo: 'p3', where: 'upload' },
			{ id: 'edited', similarTo: 'p2', where: 'upload' }
		]);
		expect(result.near[0]!.jaccard).toBe(1);
		expect(result.near[1]!.jaccard).toBeGreaterThanOrEqual(0.75);
	});

	it('respects the threshold it is given', async () => {
		const edited = replaceWords(CONTRACT_LAW[1]!, [10, 25, 40, 55, 70, 85], 'otter');
		const similarity = jaccard(shingleHashes(edited), shingleHashes(CONTRACT_LAW[1]!));
		const records = [
			{ id: 'original', text: CONTRACT_LAW[1]! },
			{ id: 'edited', text: edited }
		];
		expect((await dedupeRecords(records)).near).toEqual([]);
		const loose = await dedupeRecords(records, { threshold: similarity });
		expect(loose.near).toEqual([
			{ id: 'edited', similarTo: 'original', jaccard: similarity, where: 'upload', estimated: false }
		]);
		await expect(dedupeRecords(records, { threshold: 0 })).rejects.toThrow(/threshold/);
	});

	it('compares prompt/response pairs as their joined text and reports progress', async () => {
		const progress: number[] = [];
		const result = await dedupeRecords(
			[
				{ id: 'q1', prompt: 'What makes a contract binding?', response: CONTRACT_LAW[0]! },
				{ id: 'q2', prompt: 'What makes a contract binding?', response: CONTRACT_LAW[0]! },
				{ id: 'q3', prompt: 'What makes a contract binding?', response: CONTRACT_LAW[1]! }
			],
			{ onProgress: (done) => progress.push(done) }
		);
		expect(ids(result.kept)).toEqual(['q1', 'q3']);
		expect(result.exact).toEqual([{ id: 'q2', duplicateOf: 'q1', where: 'upload' }]);
		expect(progress).toEqual([1, 2, 3]);
	});

	it('stops when its signal is aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(dedupeRecords([{ id: 'a', text: 'x' }], { signal: controller.signal })).rejects.toThrow();
	});
});
