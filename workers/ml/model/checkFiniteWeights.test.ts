import { describe, expect, it } from 'vitest';
import { parseSafetensors, writeSafetensors } from '../formats/safetensors.ts';
import { checkFiniteWeights, NonFiniteWeightsError } from './checkFiniteWeights.ts';
import type { HostTensor } from '../core/hostTensor.ts';

const options = { file: 'model.safetensors', source: 'models/tiny' };
const tensor = (shape: number[], values?: number[]): HostTensor => ({
	shape,
	data: values ? Float32Array.from(values) : new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5)
});

function failure(run: () => void): NonFiniteWeightsError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NonFiniteWeightsError);
		return error as NonFiniteWeightsError;
	}
	throw new Error('expected a NonFiniteWeightsError');
}

describe('checkFiniteWeights', () => {
	it('accepts finite weights, extremes and signed zeros included', () => {
		const weights = new Map([
			['a', tensor([2, 3])],
			['b', tensor([4], [3.4028234663852886e38, -3.4028234663852886e38, -0, 1e-45])]
		]);
		expect(() => checkFiniteWeights(weights, options)).not.toThrow();
	});

	it('names the tensor, the first bad index (flat and per axis) and the count', () => {
		const data = new Float32Array(12).fill(0.1);
		data[7] = NaN;
		data[9] = Infinity;
		data[11] = NaN;
		const error = failure(() =>
			checkFiniteWeights(
				new Map([
					['ok', tensor([3])],
					['model.norm.weight', { shape: [3, 4], data }]
				]),
				options
			)
		);
		expect(error).toMatchObject({ tensor: 'model.norm.weight', index: 7, count: 3, file: 'model.safetensors' });
		expect(error.shortMessage).toContain(
			'model.norm.weight in models/tiny/model.safetensors holds 3 non-finite values'
		);
		expect(error.shortMessage).toContain('the first is NaN at index 7 (element [1, 3] of [3, 4])');
		expect(error.shortMessage).toMatch(/download the file again/);
	});

	it('finds -Infinity that an F16 export overflowed into, through a real file', () => {
		const weights = new Map([['lm_head.weight', tensor([2, 2], [1, -70000, 2, 3])]]);
		const parsed = parseSafetensors(writeSafetensors(weights, { dtype: 'F16' })).tensors;
		const error = failure(() => checkFiniteWeights(parsed, options));
		expect(error).toMatchObject({ tensor: 'lm_head.weight', index: 1, count: 1 });
		expect(error.shortMessage).toContain('holds 1 non-finite value;');
		expect(error.shortMessage).toContain('-Infinity at index 1');
	});
});
