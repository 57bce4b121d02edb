// The listing's checks, the release the registry records and the card the Models page reads, from a folder's bytes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseModelCard } from '../models/registry/modelCard.ts';
import {
	adapterHashOf,
	adapterReleaseOf,
	baseModelIdOf,
	checkListing,
	modelCardBytes,
	trainedOnOf
} from './modelRelease.ts';
import type { VersionRef } from './trainingVersions.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const weights = Uint8Array.of(1, 2, 3, 4);
const files = [
	{ path: 'adapter_config.json', bytes: utf8('{"base_model_name_or_path":"provena/provena-tiny","r":8}') },
	{ path: 'adapter_model.safetensors', bytes: weights },
	{ path: 'training.json', bytes: utf8('{}') }
];
const data: VersionRef[] = [
	{ datanetId: '7', version: 2, manifestCid: 'bafy-seven', licence: 'CC0-1.0' },
	{ datanetId: '3', version: 1, manifestCid: 'bafy-three', licence: 'CC-BY-4.0' }
];
const MIN = 10n ** 15n;

describe('checkListing', () => {
	it('takes a name and a fee at or above the minimum, in OPEN', () => {
		expect(checkListing({ name: 'Forecasts', summary: '', inferenceFee: '0.001' }, MIN)).toStrictEqual({
			errors: {},
			inferenceFee: MIN
		});
	});

	it('says beside each field what is wrong', () => {
		const { errors } = checkListing({ name: '  ', summary: 'x'.repeat(281), inferenceFee: '0.0001' }, MIN);
		expect(errors.name).toMatch(/Give the model a name/);
		expect(errors.summary).toMatch(/280 characters/);
		expect(errors.inferenceFee).toBe("The protocol's minimum is 0.001 OPEN per answer; set at least that.");
		expect(checkListing({ name: 'a'.repeat(81), summary: '', inferenceFee: '1' }, MIN).errors.name).toMatch(/80/);
		for (const fee of ['', 'ten', '-1', '1e18'])
			expect(checkListing({ name: 'a', summary: '', inferenceFee: fee }, MIN).errors.inferenceFee).toMatch(
				/like 0.001/
			);
	});
});

describe('the adapter release', () => {
	it('hashes the weights with SHA-256, as the Models page checks them', () => {
		expect(adapterHashOf(files)).toBe(`0x${createHash('sha256').update(weights).digest('hex')}`);
		expect(() => adapterHashOf(files.slice(0, 1))).toThrow(/no adapter_model.safetensors/);
	});

	it('names each datanet once, in id order, and refuses a datanet named twice', () => {
		expect(trainedOnOf(data)).toStrictEqual([
			{ datanetId: 3n, version: 1 },
			{ datanetId: 7n, version: 2 }
		]);
		expect(() => trainedOnOf([data[0]!, { ...data[0]!, version: 1 }])).toThrow(/names a datanet twice/);
	});

	it('names the span index folder and the gradient sketches when the folder has them', () => {
		const release = adapterReleaseOf({
			folderCid: 'bafy-folder',
			fileCids: {
				'training.json': 'bafk-tj',
				'attribution/span-index/': 'bafy-index',
				'attribution/gradient-sketches/sketches.bin': 'bafk-sketches'
			},
			files,
			data
		});
		expect(release).toMatchObject({ attributionIndexCid: 'bafy-index', gradientSketchCid: 'bafk-sketches' });
	});

	it('points at the folder and its training.json, with empty artifact CIDs for a folder without them', () => {
		const release = adapterReleaseOf({
			folderCid: 'bafy-folder',
			fileCids: { 'training.json': 'bafk-tj' },
			files,
			data
		});
		expect(release).toStrictEqual({
			adapterCid: 'bafy-folder',
			adapterHash: adapterHashOf(files),
			trainedOn: trainedOnOf(data),
			attributionIndexCid: '',
			gradientSketchCid: '',
			trainingConfigCid: 'bafk-tj'
		});
		expect(() => adapterReleaseOf({ folderCid: 'bafy-folder', fileCids: {}, files, data })).toThrow(/no training.json/);
	});

	it('reads the base model from adapter_config.json', () => {
		expect(baseModelIdOf(files)).toBe('provena/provena-tiny');
		expect(() => baseModelIdOf([{ path: 'adapter_config.json', bytes: utf8('{}') }])).toThrow(/names no base model/);
	});
});

describe('modelCardBytes', () => {
	const card = {
		name: ' Forecast bot ',
		summary: 'Short weather answers.',
		baseModelId: 'provena/provena-tiny',
		adapterCid: 'bafy-folder',
		readmeCid: 'bafk-readme',
		trainingConfigCid: 'bafk-tj',
		data,
		evaluation: {
			validationCount: 4,
			base: { loss: 8.8251234, perplexity: 6800.12345 },
			adapter: { loss: 7.2221234, perplexity: 1370.54321 },
			samples: [],
			maxNewTokens: 24
		}
	};

	it('is a provena.model/1 card the Models page reads, with the metrics rounded', () => {
		const bytes = modelCardBytes(card);
		expect(parseModelCard(bytes)).toStrictEqual({ name: 'Forecast bot', summary: 'Short weather answers.' });
		const json = JSON.parse(new TextDecoder().decode(bytes));
		expect(json.schema).toBe('provena.model/1');
		expect(json.metrics).toStrictEqual({
			validationLossBefore: 8.82512,
			validationLossAfter: 7.22212,
			perplexityBefore: 6800.12,
			perplexityAfter: 1370.54
		});
		expect(json.data.map((d: { datanetId: string }) => d.datanetId)).toStrictEqual(['7', '3']);
	});

	it('gives the same bytes for the same listing, and leaves out what is absent', () => {
		expect(modelCardBytes(card)).toStrictEqual(modelCardBytes({ ...card }));
		const bare = JSON.parse(
			new TextDecoder().decode(modelCardBytes({ ...card, summary: ' ', readmeCid: undefined, evaluation: undefined }))
		);
		expect(Object.keys(bare)).toStrictEqual(['schema', 'name', 'baseModel', 'adapter', 'training', 'data']);
	});
});
