import { beforeAll, describe, expect, it } from 'vitest';
import { numpy as np } from '@jax-js/jax';
import {
	adamwInit,
	adamwUpdate,
	clipByGlobalNorm,
	globalNorm,
	learningRateAt,
	type LearningRateSchedule
} from './adamw.ts';
import { initJaxWasm } from './initJaxWasm.ts';

beforeAll(initJaxWasm);

describe('adamwUpdate', () => {
	it('takes a first step of lr·sign(g) (bias correction) plus decoupled decay on matrices only', async () => {
		const params = { w: np.array([[1, -2]]), b: np.array([3]) };
		const grads = { w: np.array([[0.5, -4]]), b: np.array([2]) };
		const state = adamwInit(params);
		const config = { beta1: 0.9, beta2: 0.999, epsilon: 0, weightDecay: 0.1 };
		const [next, nextState] = adamwUpdate(params, grads, state, 0.01, config);
		// With bias correction m̂ = g and v̂ = g², so the Adam step is lr·g/|g|; decay shrinks w by lr·0.1.
		const w = (await next.w.data()) as Float32Array;
		const b = (await next.b.data()) as Float32Array;
		expect(w[0]).toBeCloseTo(1 * (1 - 0.001) - 0.01, 6);
		expect(w[1]).toBeCloseTo(-2 * (1 - 0.001) + 0.01, 6);
		expect(b[0]).toBeCloseTo(3 - 0.01, 6);
		expect(nextState.step).toBe(1);
		nextState.m.w.dispose();
		nextState.m.b.dispose();
		nextState.v.w.dispose();
		nextState.v.b.dispose();
	});

	it('minimises a quadratic', async () => {
		let params = { x: np.array([3, -2, 0.5]) };
		let state = adamwInit(params);
		for (let i = 0; i < 300; i++) {
			const grads = { x: params.x.ref.mul(2) }; // d/dx of |x|²
			[params, state] = adamwUpdate(params, grads, state, 0.05, {
				beta1: 0.9,
				beta2: 0.999,
				epsilon: 1e-8,
				weightDecay: 0
			});
		}
		const x = (await params.x.data()) as Float32Array;
		for (const value of x) expect(Math.abs(value)).toBeLessThan(0.05);
	});
});

describe('clipByGlobalNorm', () => {
	it('caps the global norm and leaves small gradients alone', async () => {
		const grads = { a: np.array([3, 0]), b: [np.array([[0, 4]])] }; // norm 5
		const [clipped, before] = await clipByGlobalNorm(grads, 1);
		expect(before).toBeCloseTo(5, 5);
		expect(await globalNorm(clipped)).toBeCloseTo(1, 5);
		expect([...((await clipped.a.data()) as Float32Array)].map((v) => +v.toFixed(5))).toEqual([0.6, 0]);
		clipped.b[0]!.dispose();

		const small = { a: np.array([0.3, 0.4]) };
		const [unchanged, norm] = await clipByGlobalNorm(small, 1);
		expect(norm).toBeCloseTo(0.5, 6);
		expect([...((await unchanged.a.data()) as Float32Array)].map((v) => +v.toFixed(6))).toEqual([0.3, 0.4]);
	});
});

describe('learningRateAt', () => {
	for (const kind of ['cosine', 'linear'] as const) {
		it(`${kind}: warms up from 0 to the peak, then decays to the minimum`, () => {
			const schedule: LearningRateSchedule = { kind, peak: 1e-3, warmupSteps: 10, totalSteps: 110, minimum: 1e-5 };
			expect(learningRateAt(schedule, 0)).toBe(0);
			expect(learningRateAt(schedule, 5)).toBeCloseTo(5e-4, 12);
			expect(learningRateAt(schedule, 10)).toBeCloseTo(1e-3, 12);
			expect(learningRateAt(schedule, 60)).toBeCloseTo(1e-5 + (1e-3 - 1e-5) * 0.5, 12);
			expect(learningRateAt(schedule, 110)).toBeCloseTo(1e-5, 12);
			expect(learningRateAt(schedule, 500)).toBeCloseTo(1e-5, 12);
			for (let step = 11; step <= 110; step++) {
				expect(learningRateAt(schedule, step)).toBeLessThanOrEqual(learningRateAt(schedule, step - 1));
			}
		});
	}

	it('without warmup starts at the peak; refuses warmup longer than training', () => {
		expect(learningRateAt({ kind: 'cosine', peak: 2, warmupSteps: 0, totalSteps: 4 }, 0)).toBe(2);
		expect(learningRateAt({ kind: 'cosine', peak: 2, warmupSteps: 0, totalSteps: 4 }, 4)).toBeCloseTo(0, 12);
		expect(() => learningRateAt({ kind: 'linear', peak: 1, warmupSteps: 5, totalSteps: 4 }, 0)).toThrow(/warmupSteps/);
	});
});
