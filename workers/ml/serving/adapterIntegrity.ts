// A registered adapter's files must be the ones its owner registered: the chain records the SHA-256 of
// adapter_model.safetensors, and the engine checks it on the bytes it is about to load, in the worker where they
// are (fetched from the source or read from the device cache), before they reach a GPU slot.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { sha256Hex } from '../../shared/hash/sha256.ts';

export { sha256Hex };

/** The file whose SHA-256 the ModelRegistry records as `adapterHash`. */
export const ADAPTER_WEIGHTS_FILE = 'adapter_model.safetensors';

/** What an adapter's weights must hash to, and who says so (for the message). */
export type AdapterIntegrity = {
	/** SHA-256 of adapter_model.safetensors, 0x-prefixed hex. */
	sha256: string;
	/** Who recorded the hash, e.g. "the ModelRegistry (model #2, adapter version 1)". */
	recordedBy: string;
};

/** An adapter's adapter_model.safetensors is not the file that was registered. */
export class AdapterHashMismatchError extends ProvenaError {
	override name = 'AdapterHashMismatchError';
}

/**
 * Throws {@link AdapterHashMismatchError}, naming both hashes and what to do, unless `weights` hash to
 * `integrity.sha256`. Absent weights are left to the loader, which names the missing file.
 *
 * @example
 * await checkAdapterIntegrity(files['adapter_model.safetensors'], { sha256, recordedBy: 'model #2' }, 'ipfs://bafy…');
 */
export async function checkAdapterIntegrity(
	weights: Uint8Array | undefined,
	integrity: AdapterIntegrity,
	source: string
): Promise<void> {
	if (!weights) return;
	const actual = await sha256Hex(weights);
	const expected = `0x${integrity.sha256.replace(/^0x/i, '').toLowerCase()}`;
	if (actual === expected) return;
	throw new AdapterHashMismatchError(
		`${ADAPTER_WEIGHTS_FILE} of ${source} has SHA-256 ${actual}, but ${integrity.recordedBy} records ${expected}. ` +
			'These are not the weights that were registered, so the adapter was not loaded. Do not use it: ask the ' +
			"model's owner to publish an adapter version whose files match its hash."
	);
}
