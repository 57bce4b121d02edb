// The trainer's self-test in Node on jax-js's Wasm backend: the same checks the System page runs in a browser
// worker, and proof that a run frees every buffer it allocates.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initJaxWasm } from './initJaxWasm.ts';
import { runTrainerSelfTest, TRAINER_SELF_TEST_FIXTURES, TRAINER_TOLERANCES } from './trainerSelfTest.ts';

beforeAll(initJaxWasm);

/**
 * Counts the Wasm backend's live buffers by wrapping its malloc/incRef/decRef. jax-js 0.1.25 exposes no buffer
 * count, so this reaches the backend through its internal chunk (the same module instance Node already loaded).
 */
async function trackWasmBuffers(): Promise<{ live: () => number; allocated: () => number }> {
	const dist = dirname(createRequire(import.meta.url).resolve('@jax-js/jax'));
	const chunk = readdirSync(dist).find((file) => /^backend-.*\.js$/.test(file))!;
	const internals = (await import(pathToFileURL(join(dist, chunk)).href)) as Record<string, unknown>;
	type Backend = { type: string; malloc(...a: unknown[]): number; incRef(s: number): void; decRef(s: number): void };
	const getBackend = Object.values(internals).find(
		(value) => typeof value === 'function' && value.name === 'getBackend'
	) as (device: string) => Backend;
	const backend = getBackend('wasm');
	const refs = new Map<number, number>();
	let allocated = 0;
	const { malloc, incRef, decRef } = backend;
	backend.malloc = (...args) => {
		const slot = malloc.apply(backend, args);
		refs.set(slot, 1);
		allocated++;
		return slot;
	};
	backend.incRef = (slot) => {
		incRef.call(backend, slot);
		refs.set(slot, (refs.get(slot) ?? 0) + 1);
	};
	backend.decRef = (slot) => {
		decRef.call(backend, slot);
		const left = (refs.get(slot) ?? 0) - 1;
		if (left > 0) refs.set(slot, left);
		else refs.delete(slot);
	};
	return { live: () => refs.size, allocated: () => allocated };
}

describe('runTrainerSelfTest on Wasm', () => {
	it('passes every check on both fixtures and reports the figures', async () => {
		const result = await runTrainerSelfTest();
		for (const check of result.checks) {
			console.log(
				`trainer self-test ${check.fixture} ${check.kind}: ${check.value.toExponential(2)} < ${check.tolerance}`
			);
		}
		for (const fixture of result.fixtures) {
			console.log(
				`trainer self-test ${fixture.fixture}: losses ${fixture.losses.map((l) => l.toFixed(4)).join(' → ')}, ` +
					`steps ${fixture.stepMs.join(', ')} ms, |loss error| ${fixture.lossError.toExponential(2)}`
			);
		}
		expect(result.backend).toBe('wasm');
		expect(result.checks).toHaveLength(TRAINER_SELF_TEST_FIXTURES.length * 3);
		expect(result.checks.filter((check) => !check.passed)).toEqual([]);
		expect(result.passed).toBe(true);
		for (const fixture of result.fixtures) {
			expect(fixture.losses.at(-1)!).toBeLessThan(fixture.losses[0]! * TRAINER_TOLERANCES.training);
			expect(fixture.lossError).toBeLessThan(1e-5);
		}
	});

	it('frees every array it makes, so repeated runs do not grow memory', async () => {
		const buffers = await trackWasmBuffers();
		await runTrainerSelfTest();
		const afterFirst = buffers.live();
		await runTrainerSelfTest();
		// The tracker must have seen the runs' allocations, or the zeros below would prove nothing.
		expect(buffers.allocated()).toBeGreaterThan(100);
		expect(buffers.live()).toBe(afterFirst);
		expect(afterFirst).toBe(0);
	});

	it('stops when aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(runTrainerSelfTest(controller.signal)).rejects.toThrow();
	});
});
