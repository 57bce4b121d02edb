// The adapter hash check on its own: SHA-256 as the registry stores it, a match in any case, and a mismatch
// refused with both hashes, who recorded the expected one and what to do.
import { describe, expect, it } from 'vitest';
import { AdapterHashMismatchError, checkAdapterIntegrity, sha256Hex } from './adapterIntegrity.ts';

const abc = new TextEncoder().encode('abc');
const ABC_SHA256 = '0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('checkAdapterIntegrity', () => {
	it('hashes bytes as 0x-prefixed lower-case SHA-256', async () => {
		expect(await sha256Hex(abc)).toBe(ABC_SHA256);
	});

	it('accepts weights whose hash matches, whatever the case of the recorded hash', async () => {
		await expect(
			checkAdapterIntegrity(abc, { sha256: ABC_SHA256.toUpperCase().replace('0X', '0x'), recordedBy: 'model #1' }, 'x')
		).resolves.toBeUndefined();
	});

	it('refuses other weights, naming both hashes, who recorded the expected one and what to do', async () => {
		const wrong = `0x${'ab'.repeat(32)}`;
		const check = checkAdapterIntegrity(
			abc,
			{ sha256: wrong, recordedBy: 'the ModelRegistry (model #2, adapter version 1)' },
			'ipfs://bafy-adapter'
		);
		await expect(check).rejects.toBeInstanceOf(AdapterHashMismatchError);
		await expect(check).rejects.toThrow(
			`adapter_model.safetensors of ipfs://bafy-adapter has SHA-256 ${ABC_SHA256}, but the ModelRegistry (model #2, adapter version 1) records ${wrong}.`
		);
		await expect(check).rejects.toThrow(
			"ask the model's owner to publish an adapter version whose files match its hash"
		);
	});

	it('leaves a missing weights file to the loader, which names it', async () => {
		await expect(
			checkAdapterIntegrity(undefined, { sha256: ABC_SHA256, recordedBy: 'model #1' }, 'x')
		).resolves.toBeUndefined();
	});
});
