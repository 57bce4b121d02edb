// The bytes a datanet's dedupe index is stored as (IndexedDB, IPFS): a small header with the parameters the
// signatures were made with, then one entry per accepted record. Band keys are not stored; they are recomputed from
// the signatures on load, which costs less than reading them would.
//
// Layout, little-endian: 'PVDD' · version u8 (1) · flags u8 (bit 0: shingles kept) · bands u8 · rows u8 ·
// numPerm u16 · reserved u16 · seed u32 · count u32; then per entry: id length u16 · id UTF-8 · content hash
// 32 bytes · signature numPerm × u32 · (when shingles are kept) shingle count u32 · shingles × u32.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

const MAGIC = [0x50, 0x56, 0x44, 0x44];
const VERSION = 1;
const HEADER_BYTES = 20;

/** Raised when bytes are not a dedupe index this code can read. */
export class DedupeIndexFormatError extends ProvenaError {
	override name = 'DedupeIndexFormatError';
}

/** The parameters an index was built with; a query must use the same ones. */
export type DedupeIndexParameters = {
	numPerm: number;
	seed: number;
	bands: number;
	rows: number;
	keepShingles: boolean;
};

/** One accepted record as the index keeps it. */
export type DedupeIndexEntry = {
	id: string;
	contentHash: string;
	signature: Uint32Array;
	shingles?: Uint32Array | undefined;
};

/**
 * Encodes an index's parameters and entries as bytes.
 *
 * @example
 * const bytes = encodeDedupeIndex(parameters, entries);
 */
export function encodeDedupeIndex(parameters: DedupeIndexParameters, entries: readonly DedupeIndexEntry[]): Uint8Array {
	const encoder = new TextEncoder();
	const ids = entries.map((entry) => encoder.encode(entry.id));
	let size = HEADER_BYTES;
	for (const [i, entry] of entries.entries()) {
		size += 2 + ids[i]!.length + 32 + 4 * parameters.numPerm;
		if (parameters.keepShingles) size += 4 + 4 * (entry.shingles?.length ?? 0);
	}
	const bytes = new Uint8Array(size);
	const view = new DataView(bytes.buffer);
	bytes.set(MAGIC, 0);
	view.setUint8(4, VERSION);
	view.setUint8(5, parameters.keepShingles ? 1 : 0);
	view.setUint8(6, parameters.bands);
	view.setUint8(7, parameters.rows);
	view.setUint16(8, parameters.numPerm, true);
	view.setUint32(12, parameters.seed, true);
	view.setUint32(16, entries.length, true);
	let at = HEADER_BYTES;
	for (const [i, entry] of entries.entries()) {
		const id = ids[i]!;
		if (id.length > 0xffff)
			throw new DedupeIndexFormatError(`A record id of ${id.length} bytes is too long to index (64 KiB at most).`);
		view.setUint16(at, id.length, true);
		bytes.set(id, at + 2);
		at += 2 + id.length;
		for (let j = 0; j < 32; j++) bytes[at + j] = parseInt(entry.contentHash.slice(2 * j, 2 * j + 2), 16);
		at += 32;
		for (let j = 0; j < parameters.numPerm; j++, at += 4) view.setUint32(at, entry.signature[j]!, true);
		if (!parameters.keepShingles) continue;
		const shingles = entry.shingles ?? new Uint32Array(0);
		view.setUint32(at, shingles.length, true);
		at += 4;
		for (let j = 0; j < shingles.length; j++, at += 4) view.setUint32(at, shingles[j]!, true);
	}
	return bytes;
}

/**
 * Decodes bytes written by `encodeDedupeIndex`.
 *
 * @example
 * const { parameters, entries } = decodeDedupeIndex(bytes);
 */
export function decodeDedupeIndex(bytes: Uint8Array): {
	parameters: DedupeIndexParameters;
	entries: DedupeIndexEntry[];
} {
	if (bytes.length < HEADER_BYTES || MAGIC.some((byte, i) => bytes[i] !== byte))
		throw new DedupeIndexFormatError('These bytes are not a Provena dedupe index.', {
			metaMessages: ['Rebuild the index from the datanet’s accepted records.']
		});
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const version = view.getUint8(4);
	if (version !== VERSION)
		throw new DedupeIndexFormatError(
			`This dedupe index is format version ${version}; this app reads version ${VERSION}.`,
			{
				metaMessages: ['Update the app, or rebuild the index from the datanet’s accepted records.']
			}
		);
	const parameters: DedupeIndexParameters = {
		keepShingles: (view.getUint8(5) & 1) === 1,
		bands: view.getUint8(6),
		rows: view.getUint8(7),
		numPerm: view.getUint16(8, true),
		seed: view.getUint32(12, true)
	};
	const count = view.getUint32(16, true);
	const decoder = new TextDecoder();
	const entries: DedupeIndexEntry[] = [];
	let at = HEADER_BYTES;
	const need = (length: number) => {
		if (at + length > bytes.length)
			throw new DedupeIndexFormatError(
				`The dedupe index is truncated: entry ${entries.length + 1} of ${count} ends past its ${bytes.length} bytes.`,
				{
					metaMessages: ['Fetch it again, or rebuild it from the datanet’s accepted records.']
				}
			);
	};
	for (let i = 0; i < count; i++) {
		need(2);
		const idLength = view.getUint16(at, true);
		need(2 + idLength + 32 + 4 * parameters.numPerm);
		const id = decoder.decode(bytes.subarray(at + 2, at + 2 + idLength));
		at += 2 + idLength;
		let contentHash = '';
		for (let j = 0; j < 32; j++) contentHash += bytes[at + j]!.toString(16).padStart(2, '0');
		at += 32;
		const signature = new Uint32Array(parameters.numPerm);
		for (let j = 0; j < parameters.numPerm; j++, at += 4) signature[j] = view.getUint32(at, true);
		let shingles: Uint32Array | undefined;
		if (parameters.keepShingles) {
			need(4);
			const length = view.getUint32(at, true);
			at += 4;
			need(4 * length);
			shingles = new Uint32Array(length);
			for (let j = 0; j < length; j++, at += 4) shingles[j] = view.getUint32(at, true);
		}
		entries.push({ id, contentHash, signature, shingles });
	}
	return { parameters, entries };
}
