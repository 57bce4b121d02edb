// The device the page reports, from fake navigators (the real WebGPU adapter is exercised in Chromium by e2e).
import { describe, expect, it } from 'vitest';
import { detectTrainingDevice } from './trainingDevice.ts';

const adapter = (limits: Record<string, number>) =>
	({
		info: { vendor: 'test', architecture: '', device: '', description: '' },
		limits,
		features: new Set<string>()
	}) as unknown as GPUAdapter;

describe('detectTrainingDevice', () => {
	it('reads the adapter’s buffer limits and the reported memory', async () => {
		const gpu = {
			requestAdapter: async () => adapter({ maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 27 })
		} as unknown as GPU;
		expect(await detectTrainingDevice({ gpu, deviceMemory: 8 })).toEqual({
			backend: 'webgpu',
			maxBufferSize: 2 ** 30,
			maxStorageBufferBindingSize: 2 ** 27,
			deviceMemoryGiB: 8
		});
	});

	it('falls back to Wasm with the reason when there is no WebGPU or no adapter', async () => {
		expect(await detectTrainingDevice({})).toEqual({
			backend: 'wasm',
			reason: expect.stringMatching(/navigator.gpu is missing/)
		});
		const gpu = { requestAdapter: async () => null } as unknown as GPU;
		expect(await detectTrainingDevice({ gpu })).toEqual({
			backend: 'wasm',
			reason: expect.stringMatching(/no GPU adapter/)
		});
		const broken = {
			requestAdapter: async () => {
				throw new Error('boom');
			}
		} as unknown as GPU;
		expect(await detectTrainingDevice({ gpu: broken })).toEqual({
			backend: 'wasm',
			reason: 'WebGPU failed to start (boom).'
		});
	});
});
