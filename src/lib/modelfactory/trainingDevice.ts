// Where this browser would train: WebGPU with the adapter's buffer limits, or Wasm on the CPU with the reason
// WebGPU is missing. The trainer's worker asks again for itself; this is what the page can know before it starts.
import { probeWebGpu } from '../../../workers/gpu/probeWebGpu.ts';
import type { TrainingDevice } from './trainingFit.ts';

/** What the page reads: navigator.gpu, and the device memory Chrome reports (GiB, rounded, at most 8). */
export type DeviceNavigator = { gpu?: GPU; deviceMemory?: number };

/**
 * Probes WebGPU and reads the reported device memory.
 *
 * @example
 * const device = await detectTrainingDevice(navigator as DeviceNavigator);
 */
export async function detectTrainingDevice(nav: DeviceNavigator): Promise<TrainingDevice> {
	let report;
	try {
		report = await probeWebGpu(nav.gpu);
	} catch (error) {
		return {
			backend: 'wasm',
			reason: `WebGPU failed to start (${error instanceof Error ? error.message : String(error)}).`
		};
	}
	if (!report.available) return { backend: 'wasm', reason: report.reason };
	return {
		backend: 'webgpu',
		maxBufferSize: report.limits.maxBufferSize,
		maxStorageBufferBindingSize: report.limits.maxStorageBufferBindingSize,
		...(typeof nav.deviceMemory === 'number' ? { deviceMemoryGiB: nav.deviceMemory } : {})
	};
}
