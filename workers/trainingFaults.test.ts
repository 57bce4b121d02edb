import { describe, expect, it } from 'vitest';
import { classifyTrainingError } from './ml/factory/classifyTrainingError.ts';
import { FINE_TUNE_ERRORS, TrainingDeviceLostError, TrainingOutOfMemoryError } from './ml/factory/errors.ts';
import { serializeError } from './shared/errors/ProvenaError.ts';
import { errorRegistry, rebuildError } from './shared/errors/rebuildError.ts';
import {
	DeviceWatch,
	gpuErrorAsError,
	isGpuOutOfMemory,
	lostDeviceFallbackReason,
	StepFault,
	type WatchedDevice
} from './trainingFaults.ts';

const settings = { batchSize: 2, maxSeqLength: 48 };

/** A GPUDevice as far as DeviceWatch uses it: its lost promise, and buffers whose mapping resolves or fails. */
function fakeDevice({
	mapping,
	lost = new Promise(() => {})
}: {
	mapping: 'resolves' | 'rejects';
	lost?: Promise<{ reason: GPUDeviceLostReason; message: string }>;
}): WatchedDevice & { probes: { created: number; destroyed: number } } {
	const probes = { created: 0, destroyed: 0 };
	return {
		lost,
		probes,
		createBuffer: () => {
			probes.created++;
			return {
				mapAsync: () =>
					mapping === 'resolves'
						? Promise.resolve(undefined)
						: Promise.reject(new DOMException('Buffer was unmapped before mapping was resolved.', 'AbortError')),
				destroy: () => void probes.destroyed++
			};
		}
	};
}

// WebGPU's error classes, as Node lacks them: GPUErrors are not Errors, only a message and a class.
class GPUOutOfMemoryError {
	readonly message: string;
	constructor(message: string) {
		this.message = message;
	}
}
class GPUValidationError {
	readonly message: string;
	constructor(message: string) {
		this.message = message;
	}
}

describe('GPU errors', () => {
	it('an out-of-memory error becomes one the trainer reads as out of memory, with the advice the page shows', () => {
		const reported = new GPUOutOfMemoryError(
			'vkAllocateMemory failed with VK_ERROR_OUT_OF_DEVICE_MEMORY\n - While calling [Device].CreateBuffer([BufferDescriptor]).'
		);
		expect(isGpuOutOfMemory(reported)).toBe(true);
		expect(isGpuOutOfMemory(new GPUValidationError('Buffer size exceeds the max buffer size limit'))).toBe(false);
		const error = gpuErrorAsError(reported);
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('GPUOutOfMemoryError');
		expect(error.message).toBe(reported.message);
		// The name alone classifies it (Dawn's messages need not say "out of memory").
		const renamed = gpuErrorAsError(new GPUOutOfMemoryError('Allocation size too large'));
		const classified = classifyTrainingError(renamed, { settings, lastCheckpointStep: 4 });
		expect(classified).toBeInstanceOf(TrainingOutOfMemoryError);
		expect((classified as Error).message).toMatch(/batch 2 × 48 tokens\. Try batch size 1 or sequence length 24/);
		// It reaches the page as the same class, with the same advice.
		const onPage = rebuildError(serializeError(classified), errorRegistry(FINE_TUNE_ERRORS));
		expect(onPage).toBeInstanceOf(TrainingOutOfMemoryError);
		expect(onPage.shortMessage).toBe((classified as TrainingOutOfMemoryError).shortMessage);
	});
});

describe('StepFault', () => {
	it('throws the armed error at the next step only', () => {
		const fault = new StepFault();
		expect(() => fault.throwIfArmed()).not.toThrow();
		const error = new Error('out of memory');
		fault.arm(error);
		expect(() => fault.throwIfArmed()).toThrow(error);
		expect(() => fault.throwIfArmed()).not.toThrow();
	});

	it('tells a waiter when it is armed, and forgets a fault cleared before a run', async () => {
		const fault = new StepFault();
		let armed = false;
		const waiting = fault.whenArmed().then(() => (armed = true));
		await Promise.resolve();
		expect(armed).toBe(false);
		fault.arm(new Error('out of memory'));
		await waiting;
		expect(armed).toBe(true);
		await fault.whenArmed(); // already armed: resolves at once
		fault.clear();
		expect(() => fault.throwIfArmed()).not.toThrow();
	});
});

describe('DeviceWatch', () => {
	it('says nothing while the device works, and the browser’s message once it is lost', async () => {
		const watch = new DeviceWatch();
		let lose!: (info: { reason: GPUDeviceLostReason; message: string }) => void;
		watch.watch(fakeDevice({ mapping: 'resolves', lost: new Promise((resolve) => (lose = resolve)) }));
		await Promise.resolve();
		expect(watch.lost).toBeUndefined();
		lose({ reason: 'destroyed', message: 'Device was destroyed.' });
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(watch.lost).toBe('Device was destroyed.');
	});

	it('after a failed step, asks the device whether it is lost rather than waiting for its lost promise', async () => {
		const healthy = new DeviceWatch();
		healthy.watch(fakeDevice({ mapping: 'resolves' }));
		expect(await healthy.confirmLost()).toBeUndefined();

		// Chromium's lost device: mappings fail, and `lost` has not settled yet when the step's error arrives.
		const lost = new DeviceWatch();
		let settle!: (info: { reason: GPUDeviceLostReason; message: string }) => void;
		const device = fakeDevice({ mapping: 'rejects', lost: new Promise((resolve) => (settle = resolve)) });
		lost.watch(device);
		expect(await lost.confirmLost()).toBe('the device no longer answers');
		expect(lost.lost).toBe('the device no longer answers');
		expect(device.probes).toEqual({ created: 1, destroyed: 1 });
		settle({ reason: 'destroyed', message: 'Device was destroyed.' });
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(lost.lost).toBe('Device was destroyed.');
		// Known lost: no probe.
		expect(await lost.confirmLost()).toBe('Device was destroyed.');
		expect(device.probes.created).toBe(1);

		// Nothing watched (the trainer runs on Wasm): nothing to lose.
		expect(await new DeviceWatch().confirmLost()).toBeUndefined();
	});

	it('names the reason when the browser gives no message', async () => {
		const watch = new DeviceWatch();
		watch.watch(fakeDevice({ mapping: 'rejects', lost: Promise.resolve({ reason: 'unknown', message: '' }) }));
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(watch.lost).toBe('reason: unknown');
	});
});

describe('lostDeviceFallbackReason', () => {
	it('says the run goes on on the CPU from its checkpoint, and how to get the GPU back', () => {
		const reason = lostDeviceFallbackReason('Device was destroyed.');
		expect(reason).toContain('The GPU device was lost (Device was destroyed.)');
		expect(reason).toContain('training continues on the CPU (Wasm) from the last checkpoint');
		expect(reason).toContain('Reload the page to train on the GPU again.');
		// A lost device's own error is still read as one (the step that was running fails with it).
		const failed = new Error("Failed to execute 'mapAsync' on 'GPUBuffer': Device is lost");
		expect(classifyTrainingError(failed, { settings, lastCheckpointStep: 2 })).toBeInstanceOf(TrainingDeviceLostError);
	});
});
