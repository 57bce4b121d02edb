// The base-model check before a registered model is opened: by name (as the PEFT loader compares names), by CID,
// and a refusal naming the base on chain and the one loaded.
import { describe, expect, it } from 'vitest';
import { AdapterMismatchError } from '../../../../workers/ml/model/parsePeftAdapter.ts';
import { checkRegisteredBase, isRegisteredBase, registeredBaseLabel } from './registeredBase.ts';
import { registeredAdapterId, registeredAdapterIntegrity } from './registeredAdapter.ts';

const tiny = { id: '3', baseModelId: 'provena/provena-tiny', baseModelCid: '' };
const byCid = { id: '4', baseModelId: '', baseModelCid: 'bafybase' };

describe('checkRegisteredBase', () => {
	it('accepts the base by name, by folder name, or by CID', () => {
		expect(isRegisteredBase(tiny, 'provena/provena-tiny')).toBe(true);
		expect(isRegisteredBase(tiny, 'http://127.0.0.1:4173/models/provena-tiny/')).toBe(true);
		expect(isRegisteredBase(byCid, 'ipfs://bafybase')).toBe(true);
		expect(isRegisteredBase({ ...tiny, baseModelCid: 'bafybase' }, 'ipfs://bafybase')).toBe(true);
		expect(isRegisteredBase(byCid, 'provena/provena-tiny')).toBe(false);
	});

	it('refuses another base, naming the one on chain and the one loaded, and what to do', () => {
		const refuse = () =>
			checkRegisteredBase({ ...tiny, baseModelId: 'HuggingFaceTB/SmolLM2-135M' }, 'provena/provena-tiny');
		expect(refuse).toThrow(AdapterMismatchError);
		expect(refuse).toThrow(
			'Model #3 was trained on the base model "HuggingFaceTB/SmolLM2-135M" (as the ModelRegistry records it), but this page has "provena/provena-tiny" loaded. Open HuggingFaceTB/SmolLM2-135M under Base model first'
		);
		expect(() => checkRegisteredBase(byCid, 'provena/provena-tiny')).toThrow('"ipfs://bafybase"');
		expect(registeredBaseLabel(byCid)).toBe('ipfs://bafybase');
	});
});

describe('registeredAdapterId', () => {
	it('names the adapter by its CID and the hash it must have', () => {
		const adapter = { adapterCid: 'bafyadapter', adapterHash: '0xABCD' as const, version: 2 };
		expect(registeredAdapterId(adapter)).toBe('ipfs://bafyadapter#sha256=0xabcd');
		expect(registeredAdapterIntegrity({ id: '5' }, adapter)).toEqual({
			sha256: '0xABCD',
			recordedBy: 'the ModelRegistry (model #5, adapter version 2)'
		});
	});
});
