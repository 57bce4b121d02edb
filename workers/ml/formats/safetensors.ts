// Reading and writing the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian
// header length N, N bytes of UTF-8 JSON naming each tensor's dtype, shape and byte range, then the data buffer.
// Everything is widened to float32 on the way in (HostTensor is float32 only) and optionally narrowed to
// F16/BF16 on the way out. A file is untrusted input, so every claim its header makes is checked before any
// byte is read. Plain TypeScript, no DOM: the worker, Node tests and the CLI share it.

import { ProvenaError, type ProvenaErrorOptions } from '../../shared/errors/ProvenaError.ts';
import type { HostTensor } from '../core/hostTensor.ts';

/** The dtypes Provena reads and writes. */
export type SafetensorsDtype = 'F32' | 'F16' | 'BF16';

/** What `parseSafetensors` returns: float32 tensors, the dtype each had in the file, and `__metadata__`. */
export type ParsedSafetensors = {
	tensors: Map<string, HostTensor>;
	dtypes: Map<string, SafetensorsDtype>;
	metadata: Record<string, string>;
};

export type WriteSafetensorsOptions = {
	/** The dtype every tensor is stored as (default F32, lossless). */
	dtype?: SafetensorsDtype;
	/** String key/values for the header's `__metadata__`. */
	metadata?: Record<string, string>;
};

/** A safetensors file is malformed or uses something Provena does not support; `tensor` names the culprit. */
export class SafetensorsError extends ProvenaError {
	override name = 'SafetensorsError';
	readonly tensor: string | undefined;
	constructor(message: string, options: ProvenaErrorOptions & { tensor?: string } = {}) {
		super(message, options);
		this.tensor = options.tensor;
	}
}

const DTYPE_SIZE: Record<SafetensorsDtype, number> = {
	F32: 4,
	F16: 2,
	BF16: 2
};
const METADATA_KEY = '__metadata__';
const CORRUPT = 'The file is corrupt or not a safetensors file; download or export it again.';

// Float32Array is platform-endian and safetensors is little-endian; every platform we run on is little-endian,
// but the check keeps a big-endian host correct (via DataView) rather than silently wrong.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Parses a safetensors file into float32 tensors. F16 and BF16 are widened exactly; F32 tensors whose data is
 * 4-byte aligned are views into `bytes` (no copy), so mutating them mutates `bytes`.
 *
 * @example
 * const { tensors, dtypes, metadata } = parseSafetensors(new Uint8Array(await file.arrayBuffer()));
 * tensors.get('model.norm.weight'); // { shape: [576], data: Float32Array(576) }
 * dtypes.get('model.norm.weight'); // 'BF16'
 */
export function parseSafetensors(bytes: Uint8Array): ParsedSafetensors {
	if (bytes.length < 8) {
		throw new SafetensorsError(
			`This safetensors file is truncated: it has ${bytes.length} bytes, fewer than the 8-byte header length. ${CORRUPT}`
		);
	}
	const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
	if (headerLength > BigInt(bytes.length - 8)) {
		throw new SafetensorsError(
			`The safetensors header claims ${headerLength} bytes, but only ${bytes.length - 8} bytes follow the length prefix. ` +
				`The file is truncated, corrupt or not a safetensors file; download or export it again.`
		);
	}
	const dataStart = 8 + Number(headerLength);
	let header: unknown;
	try {
		header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
	} catch (cause) {
		throw new SafetensorsError(`The safetensors header is not valid UTF-8 JSON. ${CORRUPT}`, { cause });
	}
	if (!isPlainObject(header)) throw new SafetensorsError(`The safetensors header is not a JSON object. ${CORRUPT}`);

	const dataLength = bytes.length - dataStart;
	const metadata = parseMetadata(header[METADATA_KEY]);
	const entries: {
		name: string;
		dtype: SafetensorsDtype;
		shape: number[];
		begin: number;
		end: number;
	}[] = [];
	for (const [name, entry] of Object.entries(header)) {
		if (name === METADATA_KEY) continue;
		const { dtype, shape, begin, end } = parseEntry(name, entry);
		if (end > dataLength) {
			throw new SafetensorsError(
				`Tensor "${name}" has data_offsets [${begin}, ${end}], out of range of the ${dataLength}-byte data buffer. ` +
					`The file is truncated or corrupt; download or export it again.`,
				{ tensor: name }
			);
		}
		const count = shape.reduce((a, b) => a * b, 1);
		if (end - begin !== count * DTYPE_SIZE[dtype]) {
			throw new SafetensorsError(
				`Tensor "${name}" has shape [${shape.join(', ')}] (${count} ${dtype} values, ${count * DTYPE_SIZE[dtype]} bytes), ` +
					`but its data_offsets [${begin}, ${end}] span ${end - begin} bytes. ${CORRUPT}`,
				{ tensor: name }
			);
		}
		entries.push({ name, dtype, shape, begin, end });
	}

	// Like the reference implementation, demand that the tensors tile the data buffer exactly: an overlap means two
	// tensors share bytes, a gap or trailing bytes means the header does not describe the file it came with.
	const byOffset = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
	let cursor = 0;
	let previous: string | undefined;
	for (const entry of byOffset) {
		if (entry.begin < cursor) {
			throw new SafetensorsError(
				`Tensor "${entry.name}" (bytes ${entry.begin}–${entry.end}) overlaps tensor "${previous}" (ending at byte ${cursor}) in the data buffer. ${CORRUPT}`,
				{ tensor: entry.name }
			);
		}
		if (entry.begin > cursor) {
			throw new SafetensorsError(
				`The data buffer is not contiguous: bytes ${cursor}–${entry.begin} before tensor "${entry.name}" belong to no tensor. ${CORRUPT}`,
				{ tensor: entry.name }
			);
		}
		cursor = entry.end;
		previous = entry.name;
	}
	if (cursor !== dataLength) {
		throw new SafetensorsError(
			`The data buffer is not contiguous: its last ${dataLength - cursor} bytes (after byte ${cursor}${previous ? `, the end of tensor "${previous}"` : ''}) belong to no tensor. ${CORRUPT}`,
			previous ? { tensor: previous } : {}
		);
	}

	const tensors = new Map<string, HostTensor>();
	const dtypes = new Map<string, SafetensorsDtype>();
	// In file (offset) order: JSON.parse would put integer-like names first, the file's layout does not.
	for (const { name, dtype, shape, begin, end } of byOffset) {
		const raw = bytes.subarray(dataStart + begin, dataStart + end);
		tensors.set(name, { shape, data: decode(raw, dtype) });
		dtypes.set(name, dtype);
	}
	return { tensors, dtypes, metadata };
}

/**
 * Serialises tensors as a safetensors file. Deterministic: tensors are laid out sorted by name and the header
 * is padded with spaces to a multiple of 8 bytes (as the Hugging Face writer does, which also keeps F32 data
 * aligned). Narrowing to F16/BF16 rounds to nearest, ties to even; F16 overflows to ±Infinity.
 *
 * @example
 * const bytes = writeSafetensors(new Map([['w', { shape: [2], data: new Float32Array([1, 2]) }]]), { dtype: 'BF16' });
 * parseSafetensors(bytes).tensors.get('w'); // { shape: [2], data: Float32Array [1, 2] }
 */
export function writeSafetensors(
	tensors: Iterable<[string, HostTensor]>,
	options: WriteSafetensorsOptions = {}
): Uint8Array {
	const dtype = options.dtype ?? 'F32';
	if (!(dtype in DTYPE_SIZE)) {
		throw new SafetensorsError(`Cannot write dtype ${String(dtype)}: only F32, F16 and BF16 are supported.`);
	}
	const size = DTYPE_SIZE[dtype];
	const list = [...tensors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const parts: string[] = [];
	if (options.metadata && Object.keys(options.metadata).length > 0) {
		// Built by hand rather than JSON.stringify(object): JS objects put integer-like keys first, which would
		// break both the sort order and determinism.
		const pairs = Object.entries(options.metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		for (const [key, value] of pairs) {
			if (typeof value !== 'string') {
				throw new SafetensorsError(
					`Metadata value for "${key}" is a ${typeof value}; safetensors metadata values must be strings.`
				);
			}
		}
		parts.push(
			`${JSON.stringify(METADATA_KEY)}:{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`
		);
	}
	let offset = 0;
	const seen = new Set<string>();
	for (const [name, tensor] of list) {
		if (name === METADATA_KEY)
			throw new SafetensorsError(`A tensor cannot be named "${METADATA_KEY}"; the header reserves it.`, {
				tensor: name
			});
		if (seen.has(name))
			throw new SafetensorsError(`Tensor "${name}" is given twice; names must be unique.`, { tensor: name });
		seen.add(name);
		const count = checkedCount(name, tensor);
		const end = offset + count * size;
		parts.push(
			`${JSON.stringify(name)}:{"dtype":"${dtype}","shape":[${tensor.shape.join(',')}],"data_offsets":[${offset},${end}]}`
		);
		offset = end;
	}
	const json = new TextEncoder().encode(`{${parts.join(',')}}`);
	const headerLength = Math.ceil(json.length / 8) * 8;
	const out = new Uint8Array(8 + headerLength + offset);
	const view = new DataView(out.buffer);
	view.setBigUint64(0, BigInt(headerLength), true);
	out.set(json, 8);
	out.fill(0x20, 8 + json.length, 8 + headerLength);

	let position = 8 + headerLength;
	for (const [, { data }] of list) {
		if (dtype === 'F32') {
			if (LITTLE_ENDIAN) out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), position);
			else for (let i = 0; i < data.length; i++) view.setFloat32(position + 4 * i, data[i]!, true);
		} else {
			const bits = new Uint32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
			const narrow = dtype === 'BF16' ? f32BitsToBf16 : f32BitsToF16;
			for (let i = 0; i < bits.length; i++) {
				const half = narrow(bits[i]!);
				out[position + 2 * i] = half & 0xff;
				out[position + 2 * i + 1] = half >>> 8;
			}
		}
		position += data.length * size;
	}
	return out;
}

/** Widens IEEE half-precision bits to a float32, exactly (subnormals, ±Infinity and NaN included). */
export function f16BitsToF32(half: number): number {
	return f16Table()[half & 0xffff]!;
}

/** Widens bfloat16 bits (the upper half of a float32) to a float32, exactly. */
export function bf16BitsToF32(half: number): number {
	scratchBits[0] = (half & 0xffff) << 16;
	return scratchFloat[0]!;
}

/** Narrows a float32 to IEEE half-precision bits: round to nearest, ties to even; overflow becomes ±Infinity. */
export function f32ToF16Bits(value: number): number {
	scratchFloat[0] = value;
	return f32BitsToF16(scratchBits[0]!);
}

/** Narrows a float32 to bfloat16 bits: round to nearest, ties to even. */
export function f32ToBf16Bits(value: number): number {
	scratchFloat[0] = value;
	return f32BitsToBf16(scratchBits[0]!);
}

const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

function f32BitsToBf16(bits: number): number {
	// NaN: truncating could clear every mantissa bit that survives and make it Infinity, so keep it a quiet NaN.
	if ((bits & 0x7fffffff) > 0x7f800000) return ((bits >>> 16) | 0x40) & 0xffff;
	// Adding 0x7fff plus the kept LSB rounds to nearest with ties to even; a carry correctly bumps the exponent.
	return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

function f32BitsToF16(bits: number): number {
	const sign = (bits >>> 16) & 0x8000;
	const exponent = (bits >>> 23) & 0xff;
	let mantissa = bits & 0x7fffff;
	if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 | (mantissa >>> 13) : 0);
	const e = exponent - 127 + 15;
	if (e >= 31) return sign | 0x7c00;
	if (e <= 0) {
		// Half subnormal (or zero): below 2^-25 everything rounds to zero; exactly 2^-25 ties to even, i.e. zero.
		if (e < -10) return sign;
		mantissa |= 0x800000;
		const shift = 14 - e;
		let half = mantissa >>> shift;
		const rest = mantissa & ((1 << shift) - 1);
		const halfway = 1 << (shift - 1);
		if (rest > halfway || (rest === halfway && half & 1)) half++; // may carry into the smallest normal: correct
		return sign | half;
	}
	let half = (e << 10) | (mantissa >>> 13);
	const rest = mantissa & 0x1fff;
	if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++; // a carry into exponent 31 is Infinity: correct
	return sign | half;
}

let f16Lookup: Float32Array | undefined;

// All 65,536 halves widened once (256 KB): decoding a large checkpoint becomes one table lookup per value.
function f16Table(): Float32Array {
	if (f16Lookup) return f16Lookup;
	const table = new Float32Array(0x10000);
	const bits = new Uint32Array(table.buffer);
	for (let h = 0; h < 0x10000; h++) {
		const sign = (h & 0x8000) << 16;
		const exponent = (h >>> 10) & 0x1f;
		let mantissa = h & 0x3ff;
		if (exponent === 0x1f) bits[h] = sign | 0x7f800000 | (mantissa << 13);
		else if (exponent !== 0) bits[h] = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
		else if (mantissa === 0) bits[h] = sign;
		else {
			// Subnormal: shift until the implicit bit appears, lowering the exponent as we go.
			let e = -14;
			while (!(mantissa & 0x400)) {
				mantissa <<= 1;
				e--;
			}
			bits[h] = sign | ((e + 127) << 23) | ((mantissa & 0x3ff) << 13);
		}
	}
	f16Lookup = table;
	return table;
}

function decode(raw: Uint8Array, dtype: SafetensorsDtype): Float32Array {
	if (dtype === 'F32') {
		const count = raw.length / 4;
		if (LITTLE_ENDIAN && raw.byteOffset % 4 === 0) return new Float32Array(raw.buffer, raw.byteOffset, count);
		if (LITTLE_ENDIAN) return new Float32Array(raw.slice().buffer); // unaligned: copy to an aligned buffer
		const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
		return Float32Array.from({ length: count }, (_, i) => view.getFloat32(4 * i, true));
	}
	const count = raw.length / 2;
	const out = new Float32Array(count);
	if (dtype === 'BF16') {
		const bits = new Uint32Array(out.buffer);
		for (let i = 0; i < count; i++) bits[i] = (raw[2 * i]! | (raw[2 * i + 1]! << 8)) << 16;
	} else {
		const table = f16Table();
		for (let i = 0; i < count; i++) out[i] = table[raw[2 * i]! | (raw[2 * i + 1]! << 8)]!;
	}
	return out;
}

function parseEntry(
	name: string,
	entry: unknown
): { dtype: SafetensorsDtype; shape: number[]; begin: number; end: number } {
	const malformed = (what: string) =>
		new SafetensorsError(`Tensor "${name}" has a malformed header entry: ${what}. ${CORRUPT}`, { tensor: name });
	if (!isPlainObject(entry)) throw malformed('expected an object with dtype, shape and data_offsets');
	const { dtype, shape, data_offsets: offsets } = entry;
	if (typeof dtype !== 'string') throw malformed('dtype is missing or not a string');
	if (!(dtype in DTYPE_SIZE)) {
		throw new SafetensorsError(
			`Tensor "${name}" has dtype ${dtype}, which is not supported: only F32, F16 and BF16 are. ` +
				'Convert the checkpoint to one of them (e.g. with the safetensors Python package) and try again.',
			{ tensor: name }
		);
	}
	if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger))
		throw malformed('shape is not a list of non-negative integers');
	if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger)) {
		throw malformed('data_offsets is not a pair of non-negative integers');
	}
	const [begin, end] = offsets as [number, number];
	if (end < begin) {
		throw new SafetensorsError(
			`Tensor "${name}" has data_offsets [${begin}, ${end}], which end before they begin. ${CORRUPT}`,
			{
				tensor: name
			}
		);
	}
	return {
		dtype: dtype as SafetensorsDtype,
		shape: shape as number[],
		begin,
		end
	};
}

function parseMetadata(value: unknown): Record<string, string> {
	if (value === undefined || value === null) return {};
	if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
		throw new SafetensorsError(`The safetensors __metadata__ is not an object of string values. ${CORRUPT}`);
	}
	return { ...(value as Record<string, string>) };
}

function checkedCount(name: string, tensor: HostTensor): number {
	if (!tensor.shape.every((dimension) => isNonNegativeInteger(dimension))) {
		throw new SafetensorsError(
			`Tensor "${name}" has shape [${tensor.shape.join(', ')}]; dimensions must be non-negative integers.`,
			{
				tensor: name
			}
		);
	}
	const count = tensor.shape.reduce((a, b) => a * b, 1);
	if (count !== tensor.data.length) {
		throw new SafetensorsError(
			`Tensor "${name}" has shape [${tensor.shape.join(', ')}] (${count} values) but ${tensor.data.length} values of data; fix the shape or the data.`,
			{ tensor: name }
		);
	}
	return count;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
