import { describe, expect, it } from 'vitest';
import type { HostTensor } from '../core/hostTensor.ts';
import {
	bf16BitsToF32,
	f16BitsToF32,
	f32ToBf16Bits,
	f32ToF16Bits,
	parseSafetensors,
	SafetensorsError,
	writeSafetensors
} from './safetensors.ts';

const tensor = (shape: number[], values: number[]): HostTensor => ({
	shape,
	data: new Float32Array(values)
});

/** A file built byte by byte, independent of the writer: `header` verbatim, then `data`. */
function rawFile(header: string, data: number[] = [], { pad = 0, prefix = 0 } = {}): Uint8Array {
	const json = new TextEncoder().encode(header + ' '.repeat(pad));
	const out = new Uint8Array(prefix + 8 + json.length + data.length);
	new DataView(out.buffer).setBigUint64(prefix, BigInt(json.length), true);
	out.set(json, prefix + 8);
	out.set(data, prefix + 8 + json.length);
	return prefix ? out.subarray(prefix) : out;
}

function refusal(bytes: Uint8Array): SafetensorsError {
	try {
		parseSafetensors(bytes);
	} catch (error) {
		expect(error).toBeInstanceOf(SafetensorsError);
		return error as SafetensorsError;
	}
	throw new Error('expected parseSafetensors to refuse');
}

describe('half-precision bit patterns', () => {
	it('widens known BF16 and F16 patterns', () => {
		expect(bf16BitsToF32(0x3f80)).toBe(1);
		expect(bf16BitsToF32(0xc000)).toBe(-2);
		expect(bf16BitsToF32(0x7f80)).toBe(Infinity);
		expect(bf16BitsToF32(0x7fc0)).toBeNaN();
		expect(f16BitsToF32(0x3c00)).toBe(1);
		expect(f16BitsToF32(0xc000)).toBe(-2);
		expect(f16BitsToF32(0x7bff)).toBe(65504);
		expect(f16BitsToF32(0x0001)).toBe(2 ** -24); // smallest subnormal
		expect(f16BitsToF32(0x03ff)).toBe(1023 * 2 ** -24); // largest subnormal
		expect(f16BitsToF32(0x0400)).toBe(2 ** -14); // smallest normal
		expect(f16BitsToF32(0x7c00)).toBe(Infinity);
		expect(f16BitsToF32(0xfc00)).toBe(-Infinity);
		expect(f16BitsToF32(0x7e00)).toBeNaN();
		expect(Object.is(f16BitsToF32(0x8000), -0)).toBe(true);
	});

	it('narrows with round-to-nearest-even', () => {
		expect(f32ToBf16Bits(1)).toBe(0x3f80);
		expect(f32ToBf16Bits(1 + 2 ** -8)).toBe(0x3f80); // tie, LSB even: down
		expect(f32ToBf16Bits(1 + 3 * 2 ** -8)).toBe(0x3f82); // tie, LSB odd: up
		expect(f32ToBf16Bits(1 + 2 ** -8 + 2 ** -20)).toBe(0x3f81); // past the tie: up
		expect(f32ToBf16Bits(NaN) & 0x7fc0).toBe(0x7fc0);
		expect(f32ToF16Bits(1)).toBe(0x3c00);
		expect(f32ToF16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie, even: down
		expect(f32ToF16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie, odd: up
		expect(f32ToF16Bits(65504)).toBe(0x7bff);
		expect(f32ToF16Bits(65520)).toBe(0x7c00); // rounds up past the largest half: Infinity
		expect(f32ToF16Bits(-1e6)).toBe(0xfc00);
		expect(f32ToF16Bits(2 ** -24)).toBe(0x0001);
		expect(f32ToF16Bits(2 ** -25)).toBe(0x0000); // tie between 0 and the smallest subnormal: even
		expect(f32ToF16Bits(1.5 * 2 ** -24)).toBe(0x0002); // tie between 1 and 2 subnormal units: even
		expect(f32ToF16Bits(2 ** -30)).toBe(0x0000);
		expect(f32ToF16Bits(-0)).toBe(0x8000);
		expect(f32ToF16Bits(Infinity)).toBe(0x7c00);
		expect(f16BitsToF32(f32ToF16Bits(NaN))).toBeNaN();
	});

	it('round-trips every finite half exactly', () => {
		for (let h = 0; h < 0x10000; h++) {
			const value = f16BitsToF32(h);
			if (Number.isNaN(value)) continue;
			expect(f32ToF16Bits(value)).toBe(h);
		}
	});
});

describe('writeSafetensors / parseSafetensors round trips', () => {
	const tensors = new Map<string, HostTensor>([
		['b.weight', tensor([2, 3], [1, -2, 0.5, 3.25, -0, 1024])],
		['a.bias', tensor([3], [0.1, Math.PI, -1e-3])],
		['empty', tensor([0, 4], [])],
		['scalar', tensor([], [7])]
	]);

	it('is exact for F32 and keeps metadata', () => {
		const parsed = parseSafetensors(writeSafetensors(tensors, { metadata: { format: 'pt', note: 'ok' } }));
		expect([...parsed.tensors.keys()]).toEqual(['a.bias', 'b.weight', 'empty', 'scalar']);
		for (const [name, { shape, data }] of tensors) {
			expect(parsed.tensors.get(name)?.shape).toEqual(shape);
			expect(parsed.tensors.get(name)?.data).toEqual(data);
			expect(parsed.dtypes.get(name)).toBe('F32');
		}
		expect(parsed.metadata).toEqual({ format: 'pt', note: 'ok' });
	});

	it.each(['BF16', 'F16'] as const)('keeps %s within its precision, representable values exactly', (dtype) => {
		const parsed = parseSafetensors(writeSafetensors(tensors, { dtype }));
		const relative = dtype === 'BF16' ? 2 ** -8 : 2 ** -11;
		expect(parsed.tensors.get('b.weight')?.data).toEqual(new Float32Array([1, -2, 0.5, 3.25, -0, 1024]));
		const original = tensors.get('a.bias')!.data;
		const widened = parsed.tensors.get('a.bias')!.data;
		for (let i = 0; i < original.length; i++) {
			expect(Math.abs(widened[i]! - original[i]!)).toBeLessThanOrEqual(Math.abs(original[i]!) * relative);
		}
		expect(parsed.dtypes.get('a.bias')).toBe(dtype);
		expect(parsed.tensors.get('empty')).toEqual(tensor([0, 4], []));
	});

	it('is deterministic, sorted by name and space-padded to 8 bytes', () => {
		const forward = writeSafetensors(tensors, {
			dtype: 'BF16',
			metadata: { z: '1', a: '2' }
		});
		const backward = writeSafetensors([...tensors].reverse(), {
			dtype: 'BF16',
			metadata: { a: '2', z: '1' }
		});
		expect(backward).toEqual(forward);
		const headerLength = Number(new DataView(forward.buffer).getBigUint64(0, true));
		expect(headerLength % 8).toBe(0);
		const header = new TextDecoder().decode(forward.subarray(8, 8 + headerLength));
		expect(
			header.startsWith('{"__metadata__":{"a":"2","z":"1"},"a.bias":{"dtype":"BF16","shape":[3],"data_offsets":[0,6]}')
		).toBe(true);
		expect(header).toMatch(/} *$/);
		// Integer-like names stay in sorted order (a plain JS object would move them first), and parsing keeps
		// the file's layout order.
		const numeric = writeSafetensors([
			['b', tensor([1], [1])],
			['10', tensor([1], [2])],
			['9', tensor([1], [3])]
		]);
		expect(new TextDecoder().decode(numeric.subarray(8, 16))).toBe('{"10":{"');
		expect([...parseSafetensors(numeric).tensors.keys()]).toEqual(['10', '9', 'b']);
	});

	it('refuses to write inconsistent tensors', () => {
		expect(() => writeSafetensors([['w', tensor([2, 2], [1, 2, 3])]])).toThrow(
			/Tensor "w" has shape \[2, 2\] \(4 values\) but 3 values/
		);
		expect(() =>
			writeSafetensors([
				['w', tensor([1], [1])],
				['w', tensor([1], [1])]
			])
		).toThrow(/given twice/);
	});
});

describe('parseSafetensors on hand-built files', () => {
	it('parses F32, F16 and BF16 from raw bytes', () => {
		const header =
			'{"__metadata__":{"format":"pt"},"h":{"dtype":"F16","shape":[4],"data_offsets":[8,16]},"f":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[16,20]}}';
		const data = [
			...[0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc1], // F32 1, -10
			...[0x00, 0x3c, 0x01, 0x00, 0x00, 0x7c, 0x00, 0x7e], // F16 1, 2^-24, Infinity, NaN
			...[0x80, 0x3f, 0x49, 0x40] // BF16 1, 3.140625
		];
		const { tensors, dtypes, metadata } = parseSafetensors(rawFile(header, data));
		expect(tensors.get('f')).toEqual(tensor([2], [1, -10]));
		expect(tensors.get('h')?.data).toEqual(new Float32Array([1, 2 ** -24, Infinity, NaN]));
		expect(tensors.get('b')).toEqual(tensor([2], [1, 3.140625]));
		expect(Object.fromEntries(dtypes)).toEqual({
			f: 'F32',
			h: 'F16',
			b: 'BF16'
		});
		expect(metadata).toEqual({ format: 'pt' });
	});

	it('copies F32 data that is not 4-byte aligned', () => {
		// A 17-byte header puts the data region at byte 25; the input view itself starts at an odd offset too.
		const header = '{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
		for (const prefix of [0, 1, 3]) {
			const bytes = rawFile(header, [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40], {
				pad: 1,
				prefix
			});
			expect(parseSafetensors(bytes).tensors.get('x')).toEqual(tensor([2], [1, 2]));
		}
	});
});

describe('parseSafetensors refusals', () => {
	const f32 = (name: string, begin: number, end: number, shape = [(end - begin) / 4]) =>
		`"${name}":{"dtype":"F32","shape":[${shape.join(',')}],"data_offsets":[${begin},${end}]}`;
	const zeros = (n: number) => new Array<number>(n).fill(0);

	it('refuses a truncated file and a header longer than the file', () => {
		expect(refusal(new Uint8Array(5)).message).toMatch(/truncated: it has 5 bytes/);
		const bytes = rawFile('{}');
		new DataView(bytes.buffer).setBigUint64(0, 1000n, true);
		expect(refusal(bytes).message).toMatch(/header claims 1000 bytes, but only 2 bytes follow/);
		new DataView(bytes.buffer).setBigUint64(0, 2n ** 63n, true);
		expect(refusal(bytes).message).toMatch(/header claims \d+ bytes/);
	});

	it('refuses a header that is not JSON or not an object', () => {
		expect(refusal(rawFile('{"x": ')).message).toMatch(/not valid UTF-8 JSON/);
		expect(refusal(rawFile('[1, 2]')).message).toMatch(/not a JSON object/);
		expect(refusal(rawFile('{"__metadata__":{"n":1}}')).message).toMatch(
			/__metadata__ is not an object of string values/
		);
	});

	it('refuses malformed entries, naming the tensor', () => {
		expect(refusal(rawFile('{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}')).message).toMatch(
			/Tensor "w" has a malformed header entry: shape/
		);
		expect(refusal(rawFile('{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}', zeros(4))).message).toMatch(
			/end before they begin/
		);
	});

	it('refuses an unsupported dtype, naming it and the supported ones', () => {
		const error = refusal(rawFile('{"ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}', zeros(8)));
		expect(error.message).toMatch(/Tensor "ids" has dtype I64, which is not supported: only F32, F16 and BF16 are/);
		expect(error.tensor).toBe('ids');
	});

	it('refuses a shape that does not match the byte length', () => {
		const error = refusal(rawFile(`{${f32('w', 0, 12, [2, 2])}}`, zeros(12)));
		expect(error.message).toMatch(
			/Tensor "w" has shape \[2, 2\] \(4 F32 values, 16 bytes\), but its data_offsets \[0, 12\] span 12 bytes/
		);
	});

	it('refuses offsets out of range', () => {
		const error = refusal(rawFile(`{${f32('a', 0, 4)},${f32('b', 4, 12)}}`, zeros(8)));
		expect(error.message).toMatch(/Tensor "b" has data_offsets \[4, 12\], out of range of the 8-byte data buffer/);
	});

	it('refuses overlapping tensors', () => {
		const error = refusal(rawFile(`{${f32('a', 0, 8)},${f32('b', 4, 12)}}`, zeros(12)));
		expect(error.message).toMatch(/Tensor "b" \(bytes 4–12\) overlaps tensor "a"/);
		expect(error.tensor).toBe('b');
	});

	it('refuses gaps, a late start and trailing bytes', () => {
		expect(refusal(rawFile(`{${f32('a', 0, 4)},${f32('b', 8, 12)}}`, zeros(12))).message).toMatch(
			/not contiguous: bytes 4–8 before tensor "b"/
		);
		expect(refusal(rawFile(`{${f32('a', 4, 8)}}`, zeros(8))).message).toMatch(
			/not contiguous: bytes 0–4 before tensor "a"/
		);
		expect(refusal(rawFile(`{${f32('a', 0, 4)}}`, zeros(8))).message).toMatch(
			/not contiguous: its last 4 bytes \(after byte 4, the end of tensor "a"\)/
		);
	});
});
