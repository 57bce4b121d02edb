// The training worker: runs the jax-js trainer off the main thread, on WebGPU when the browser grants an
// adapter and on jax-js's Wasm backend otherwise, saying why it fell back.
import { defaultDevice, init, type Device } from '@jax-js/jax';
import { expose } from './rpc/expose.ts';
import { runTrainerSelfTest } from './ml/training/trainerSelfTest.ts';
import { TrainerStartError } from './ml/training/errors.ts';

type JaxBackend = { backend: Device; fallbackReason?: string };

let started: Promise<JaxBackend> | undefined;

/** Starts jax-js once per worker: WebGPU if an adapter and device can be had, else Wasm with the reason. */
async function startJax(gpu: GPU | undefined): Promise<JaxBackend> {
	let fallbackReason: string;
	if (!gpu) fallbackReason = 'This browser does not expose WebGPU (navigator.gpu is missing).';
	else if (!(await gpu.requestAdapter().catch(() => null))) {
		fallbackReason = 'The browser granted no WebGPU adapter (WebGPU may be turned off or the GPU blocklisted).';
	} else if ((await init('webgpu')).includes('webgpu')) {
		defaultDevice('webgpu');
		return { backend: 'webgpu' };
	} else {
		fallbackReason = 'jax-js could not open a WebGPU device on the adapter the browser offered.';
	}
	await init('wasm');
	defaultDevice('wasm');
	return { backend: 'wasm', fallbackReason };
}

const api = {
	selfTest: async (signal: AbortSignal) => {
		// A failed start is not cached: the next click tries again.
		started ??= startJax((self.navigator as Navigator & { gpu?: GPU }).gpu).catch((error: unknown) => {
			started = undefined;
			throw new TrainerStartError('The trainer could not start jax-js. Reload the page and try again.', {
				cause: error
			});
		});
		const { fallbackReason } = await started;
		const result = await runTrainerSelfTest(signal);
		return fallbackReason ? { ...result, fallbackReason } : result;
	}
};

export type TrainingApi = typeof api;

expose(api);
