import { describe, expect, it } from 'vitest';
import {
	ACCEPTED_FORMATS,
	DATA_KINDS,
	DatanetMetadataError,
	encodeDatanetMetadata,
	formatLabel,
	kindLabel,
	licenceLabel,
	LICENCES,
	parseDatanetMetadata,
	parseTags,
	validateDatanetMetadata,
	type DatanetMetadata
} from './datanetMetadata.ts';

const valid: DatanetMetadata = {
	schema: 'provena.datanet/1',
	name: 'Clinical notes (de-identified)',
	summary: 'Short clinical notes with every identifier removed.',
	description: '# Clinical notes\n\nCollected from **volunteers**.',
	tags: ['medical', 'english']
};

const bytes = (text: string) => new TextEncoder().encode(text);

describe('validateDatanetMetadata', () => {
	it('accepts valid metadata and normalises it', () => {
		const result = validateDatanetMetadata({
			name: '  Clinical   notes ',
			summary: ' Notes.\r\n',
			description: '\n\n    indented code\r\nline 2\n\n',
			tags: ['Medical', 'medical', ' english ']
		});
		expect(result).toEqual({
			ok: true,
			value: {
				schema: 'provena.datanet/1',
				name: 'Clinical notes',
				summary: 'Notes.',
				description: '    indented code\nline 2',
				tags: ['medical', 'english']
			}
		});
		expect(validateDatanetMetadata({ name: 'abc', summary: 's' })).toEqual({
			ok: true,
			value: { schema: 'provena.datanet/1', name: 'abc', summary: 's', description: '', tags: [] }
		});
	});

	it('enforces each limit at its boundary, counting characters not UTF-16 units', () => {
		const ok = (patch: Partial<Record<keyof DatanetMetadata, unknown>>) =>
			validateDatanetMetadata({ ...valid, ...patch }).ok;
		expect(ok({ name: 'ab' })).toBe(false);
		expect(ok({ name: 'abc' })).toBe(true);
		expect(ok({ name: 'a'.repeat(80) })).toBe(true);
		expect(ok({ name: 'a'.repeat(81) })).toBe(false);
		expect(ok({ name: '🧬'.repeat(80) })).toBe(true);
		expect(ok({ summary: '' })).toBe(false);
		expect(ok({ summary: '   ' })).toBe(false);
		expect(ok({ summary: 'x'.repeat(280) })).toBe(true);
		expect(ok({ summary: 'x'.repeat(281) })).toBe(false);
		expect(ok({ description: 'd'.repeat(20_000) })).toBe(true);
		expect(ok({ description: 'd'.repeat(20_001) })).toBe(false);
		expect(ok({ tags: Array.from({ length: 8 }, (_, i) => `tag-${i}`) })).toBe(true);
		expect(ok({ tags: Array.from({ length: 9 }, (_, i) => `tag-${i}`) })).toBe(false);
		// Nine entries that are eight tags once deduplicated are fine.
		expect(ok({ tags: [...Array.from({ length: 8 }, (_, i) => `tag-${i}`), 'TAG-0'] })).toBe(true);
		expect(ok({ tags: ['ab', 'x'.repeat(32)] })).toBe(true);
		expect(ok({ tags: ['a'] })).toBe(false);
		expect(ok({ tags: ['x'.repeat(33)] })).toBe(false);
		expect(ok({ tags: ['no spaces'] })).toBe(false);
		expect(ok({ tags: ['under_score'] })).toBe(false);
	});

	it('says what to fix, per field', () => {
		const result = validateDatanetMetadata({
			schema: 'provena.model/1',
			name: 'x',
			summary: '',
			description: 'd'.repeat(20_001),
			tags: ['ok', 'Bad Tag!']
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({
			schema: 'This is not a datanet metadata document: its schema is "provena.model/1", expected "provena.datanet/1".',
			name: 'Give the datanet a name of at least 3 characters.',
			summary: 'Add a one-line summary of what the datanet collects.',
			description: 'Shorten the description to 20,000 characters or fewer (it has 20,001).',
			tags: 'The tag "bad tag!" must be 2–32 characters of lowercase letters, digits and hyphens.'
		});
		expect(validateDatanetMetadata({ ...valid, tags: Array.from({ length: 9 }, (_, i) => `t${i}`) })).toEqual({
			ok: false,
			errors: { tags: 'Use at most 8 tags (you have 9).' }
		});
		expect(validateDatanetMetadata(null)).toEqual({
			ok: false,
			errors: { schema: 'The metadata must be a JSON object.' }
		});
		expect(validateDatanetMetadata({ ...valid, name: 42, tags: 'x' })).toMatchObject({
			ok: false,
			errors: { name: expect.any(String) }
		});
		expect(validateDatanetMetadata({ ...valid, tags: [1] })).toEqual({
			ok: false,
			errors: { tags: 'Tags must be a list of words.' }
		});
	});
});

describe('parseTags', () => {
	it('splits a comma-separated field into lowercase, deduplicated tags', () => {
		expect(parseTags(' Medical, english ,, #NLP, machine learning, medical ')).toEqual([
			'medical',
			'english',
			'nlp',
			'machine-learning'
		]);
		expect(parseTags('')).toEqual([]);
		expect(parseTags(' , ')).toEqual([]);
	});
});

describe('encodeDatanetMetadata and parseDatanetMetadata', () => {
	it('encodes deterministically with a fixed key order and a trailing newline, and round-trips', () => {
		const encoded = encodeDatanetMetadata(valid);
		const text = new TextDecoder().decode(encoded);
		expect(text.endsWith('}\n')).toBe(true);
		expect(Object.keys(JSON.parse(text))).toEqual(['schema', 'name', 'summary', 'description', 'tags']);
		// The same metadata with its keys in another order gives the same bytes (and so the same CID).
		const reordered = {
			tags: valid.tags,
			description: valid.description,
			summary: valid.summary,
			name: valid.name,
			schema: valid.schema
		};
		expect(encodeDatanetMetadata(reordered)).toEqual(encoded);
		expect(parseDatanetMetadata(encoded)).toEqual(valid);
		expect(text).toBe(
			'{\n  "schema": "provena.datanet/1",\n  "name": "Clinical notes (de-identified)",\n  "summary": "Short clinical notes with every identifier removed.",\n  "description": "# Clinical notes\\n\\nCollected from **volunteers**.",\n  "tags": [\n    "medical",\n    "english"\n  ]\n}\n'
		);
	});

	it('refuses to encode invalid metadata', () => {
		expect(() => encodeDatanetMetadata({ ...valid, name: 'x' })).toThrow(DatanetMetadataError);
		try {
			encodeDatanetMetadata({ ...valid, name: 'x' });
		} catch (error) {
			expect((error as DatanetMetadataError).errors.name).toMatch(/at least 3 characters/);
		}
	});

	it('throws a clear error for bad JSON, bad UTF-8, another schema and out-of-limit fields', () => {
		expect(() => parseDatanetMetadata(bytes('{"schema": '))).toThrow('The datanet metadata is not valid JSON text.');
		expect(() => parseDatanetMetadata(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow('not valid JSON text');
		expect(() => parseDatanetMetadata(bytes('[1]'))).toThrow('The datanet metadata is not a JSON object.');
		expect(() => parseDatanetMetadata(bytes(JSON.stringify({ ...valid, schema: undefined })))).toThrow(
			'This file is not datanet metadata: its schema is missing, expected "provena.datanet/1".'
		);
		expect(() => parseDatanetMetadata(bytes(JSON.stringify({ ...valid, schema: 'provena.model/1' })))).toThrow(
			'its schema is "provena.model/1"'
		);
		let error: unknown;
		try {
			parseDatanetMetadata(bytes(JSON.stringify({ ...valid, summary: '' })));
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(DatanetMetadataError);
		expect((error as DatanetMetadataError).errors).toEqual({
			summary: 'Add a one-line summary of what the datanet collects.'
		});
	});
});

describe('licences, formats and kinds', () => {
	it('lists SPDX licences with labels, the accepted formats and the kind labels', () => {
		const ids = LICENCES.map((l) => l.id);
		for (const id of [
			'CC-BY-4.0',
			'CC-BY-SA-4.0',
			'CC0-1.0',
			'ODC-By-1.0',
			'ODbL-1.0',
			'MIT',
			'Apache-2.0',
			'CC-BY-NC-4.0'
		])
			expect(ids).toContain(id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(LICENCES.every((l) => l.label.length > 0)).toBe(true);
		expect(licenceLabel('CC0-1.0')).toBe('Creative Commons Zero 1.0 (public domain)');
		expect(licenceLabel('LicenseRef-custom')).toBe('LicenseRef-custom');
		expect(ACCEPTED_FORMATS.map((f) => f.id)).toEqual(['txt', 'md', 'pdf', 'docx', 'jsonl', 'csv']);
		expect(formatLabel('jsonl')).toBe('JSON Lines (.jsonl)');
		expect(formatLabel('xml')).toBe('xml');
		expect(DATA_KINDS.map((k) => [k.id, k.label])).toEqual([
			[0, 'Text'],
			[1, 'Image'],
			[2, 'Audio']
		]);
		expect([0, 1, 2, 3].map(kindLabel)).toEqual(['Text', 'Image', 'Audio', 'Unknown kind (3)']);
	});
});
