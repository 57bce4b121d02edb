// The span index as files: a query through the chunked reader finds what the in-memory index finds (on random corpora,
// at every chunk size and token width) while fetching a small part of it, and every way the files can be wrong (a
// corrupt or missing chunk, an edited manifest, corrupt tables, another tokenizer, another training run) is refused
// with a SpanIndexError that names the file.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seededRandom.ts';
import { spanCorpus, type CorpusRecord } from './spanCorpus.ts';
import { openSpanIndex, SPAN_INDEX_MANIFEST, spanIndexFiles, SpanIndexError } from './spanIndexFiles.ts';
import { attributeSpans } from './spanScores.ts';
import { longestMatch, maximalSpans, memorySpanIndex } from './spanSearch.ts';
import { suffixArray } from './suffixArray.ts';

const VOCAB = 500;
const OPENED = { tokenizer: '0xtokenizer', trainedOn: '0xrun' };
const RULES = { minLength: 3, maxOccurrences: 16, minSurpriseBits: 8 };
/** Chunk sizes small enough that a corpus of a few thousand tokens has every kind of level. */
const SMALL = { chunkEntries: 16, upperChunkEntries: 4, tokenChunkEntries: 64, hashPageEntries: 4 };

/** 60 records of 3 contributions, and an answer quoting three of them among tokens of its own. */
async function fixture() {
	const next = seededRandom(21).uniform;
	const records: CorpusRecord[] = Array.from({ length: 60 }, (_, i) => ({
		contribution: i % 3,
		segments: [Array.from({ length: 20 + Math.floor(next() * 30) }, () => Math.floor(next() * VOCAB))]
	}));
	const corpus = spanCorpus(records, VOCAB);
	const suffixes = suffixArray(corpus.tokens, VOCAB + 1);
	const { manifest, files } = await spanIndexFiles(corpus, suffixes, { ...OPENED, ...SMALL });
	const quote = (record: number, from: number, length: number) =>
		[...records[record]!.segments[0]!].slice(from, from + length);
	const answer = [...quote(4, 2, 8), 7, 7, ...quote(31, 0, 6), 9, ...quote(50, 5, 10)];
	return { corpus, suffixes, manifest, files, answer };
}

const readerOf = (files: Map<string, Uint8Array>) => async (path: string) => {
	const bytes = files.get(path);
	if (!bytes) throw new Error(`no file ${path}`);
	return bytes;
};

describe('span index files', () => {
	it('finds what the in-memory index finds, at every chunk size, inline length and token width', async () => {
		const random = seededRandom(33).uniform;
		const layouts = [
			{ chunkEntries: 2, upperChunkEntries: 2, inlineTokens: 0, tokenChunkEntries: 1, hashPageEntries: 2 },
			{ chunkEntries: 3, upperChunkEntries: 2, inlineTokens: 1, tokenChunkEntries: 7, hashPageEntries: 3 },
			{ chunkEntries: 5, upperChunkEntries: 3, inlineTokens: 2, tokenChunkEntries: 16, hashPageEntries: 2 },
			{ ...SMALL, inlineTokens: 3 },
			{}
		];
		for (let trial = 0; trial < 10; trial++) {
			// Small vocabularies make long repeats; a vocabulary past 65 534 stores tokens in four bytes.
			const vocab = [3, 8, 50, 70_000][trial % 4]!;
			const records: CorpusRecord[] = Array.from({ length: 5 + Math.floor(random() * 20) }, (_, i) => ({
				contribution: i % 4,
				segments: [Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * vocab))]
			}));
			const corpus = spanCorpus(records, vocab);
			const suffixes = suffixArray(corpus.tokens, vocab + 1);
			const memory = memorySpanIndex(corpus.tokens, suffixes, corpus.unigramCounts);
			const answer: number[] = [];
			while (answer.length < 60) {
				const from = Math.floor(random() * corpus.tokens.length);
				if (random() < 0.3) answer.push(Math.floor(random() * vocab));
				else answer.push(...corpus.tokens.slice(from, from + 1 + Math.floor(random() * 15)));
			}
			const layout = layouts[trial % layouts.length]!;
			const { manifest, files } = await spanIndexFiles(corpus, suffixes, { ...OPENED, ...layout });
			expect(manifest.tokenBytes).toBe(vocab < 65_535 ? 2 : 4);
			const { reader } = await openSpanIndex(readerOf(files), OPENED);
			for (let start = 0; start < answer.length; start++)
				expect(await longestMatch(reader, answer, start), `trial ${trial} start ${start}`).toEqual(
					await longestMatch(memory, answer, start)
				);
			for (const options of [{ minLength: 1 }, { minLength: 2 }, { minLength: 3, maxLength: 4 }])
				expect(await maximalSpans(reader, answer, options), `trial ${trial}`).toEqual(
					await maximalSpans(memory, answer, options)
				);
		}
	});

	it('reads a small part of a larger index for a query', async () => {
		const random = seededRandom(8).uniform;
		const records: CorpusRecord[] = Array.from({ length: 1500 }, (_, i) => ({
			contribution: i % 7,
			segments: [Array.from({ length: 200 }, () => Math.floor(random() * VOCAB))]
		}));
		const corpus = spanCorpus(records, VOCAB);
		const suffixes = suffixArray(corpus.tokens, VOCAB + 1);
		const { manifest, files } = await spanIndexFiles(corpus, suffixes, OPENED);
		expect(manifest.suffixLevels).toBeGreaterThanOrEqual(3);
		const quote = (record: number, from: number) => records[record]!.segments[0]!.slice(from, from + 30);
		const answer = [
			...quote(17, 40),
			...Array.from({ length: 40 }, () => Math.floor(random() * VOCAB)),
			...quote(900, 0)
		];
		const { tables, reader } = await openSpanIndex(readerOf(files), OPENED);
		const rules = { ...RULES, minLength: 8 };
		const expected = await attributeSpans(memorySpanIndex(corpus.tokens, suffixes), corpus, answer, rules);
		expect(expected.spans.map(({ start, end }) => [start, end])).toEqual([
			[0, 30],
			[70, 100]
		]);
		expect(await attributeSpans(reader, tables, answer, rules)).toEqual(expected);
		const total = [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0);
		// About 3 % of the index's 6.8 MB: a chunk per level of the tree for each position searched, not the index.
		expect(reader.bytesFetched).toBeLessThan(total / 10);
	});

	it('answers a query as the in-memory index does, fetching only some of its chunks', async () => {
		const { corpus, suffixes, files, manifest, answer } = await fixture();
		const expected = await attributeSpans(memorySpanIndex(corpus.tokens, suffixes), corpus, answer, RULES);
		expect(expected.spans.length).toBe(3);
		const { tables, reader } = await openSpanIndex(readerOf(files), OPENED);
		expect(await attributeSpans(reader, tables, answer, RULES)).toEqual(expected);
		const chunks = [...files].filter(([path]) => path.endsWith('.bin') && path !== 'span-tables.bin');
		expect(manifest.suffixLevels).toBeGreaterThan(2);
		expect(reader.chunksFetched).toBeLessThan(chunks.length);
		expect(reader.bytesFetched).toBeGreaterThan(0);
		expect(reader.bytesFetched).toBeLessThan(chunks.reduce((sum, [, bytes]) => sum + bytes.length, 0));
	});

	it('refuses a corrupt chunk by name, and a missing one until it can be read', async () => {
		const { files, answer } = await fixture();
		const corrupt = new Map(files);
		for (const [path, bytes] of files)
			if (path.startsWith('span-suffixes/'))
				corrupt.set(
					path,
					Uint8Array.from(bytes, (b, i) => (i === 0 ? b ^ 1 : b))
				);
		const opened = await openSpanIndex(readerOf(corrupt), OPENED);
		const failure = attributeSpans(opened.reader, opened.tables, answer, RULES);
		await expect(failure).rejects.toBeInstanceOf(SpanIndexError);
		await expect(failure).rejects.toThrow(
			/^Chunk \d+ of \d+ of level \d+ of the span index's suffix array \(span-suffixes\/\d+\/\d{6}\.bin\) does not match its hash/
		);

		let offline = true;
		const flaky = async (path: string) => {
			if (offline && path.startsWith('span-token')) throw new Error('block not found');
			return readerOf(files)(path);
		};
		const again = await openSpanIndex(flaky, OPENED);
		await expect(attributeSpans(again.reader, again.tables, answer, RULES)).rejects.toThrow(
			/could not be read\. Check that the adapter folder is complete/
		);
		offline = false;
		expect((await attributeSpans(again.reader, again.tables, answer, RULES)).spans).toHaveLength(3);
	});

	it('refuses an edited manifest, corrupt tables, another tokenizer and another training run', async () => {
		const { files, manifest } = await fixture();
		const edited = new Map(files);
		edited.set(
			SPAN_INDEX_MANIFEST,
			new TextEncoder().encode(JSON.stringify({ ...manifest, textTokens: manifest.textTokens + 1 }))
		);
		await expect(openSpanIndex(readerOf(edited), OPENED)).rejects.toThrow('does not match its commitment');

		const tables = new Map(files);
		tables.set('span-tables.bin', new Uint8Array(files.get('span-tables.bin')!.length));
		await expect(openSpanIndex(readerOf(tables), OPENED)).rejects.toThrow(
			'The span index tables (span-tables.bin) does not match its hash'
		);

		await expect(openSpanIndex(readerOf(files), { ...OPENED, tokenizer: '0xother' })).rejects.toThrow(
			'another tokenizer'
		);
		await expect(openSpanIndex(readerOf(files), { ...OPENED, trainedOn: '0xother' })).rejects.toThrow(
			'another training run'
		);
		await expect(openSpanIndex(readerOf(new Map()), OPENED)).rejects.toThrow('This adapter has no usable span index.');
	});
});
