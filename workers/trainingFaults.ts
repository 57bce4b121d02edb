// The training worker's side of a GPU that fails under it, and the faults the e2e tests provoke through it (the
// ModelFactory page's `?e2e-hooks`). jax-js opens one WebGPU device per module and cannot open another, so once that
// device is lost the worker trains on jax-js's Wasm backend, saying why, until the page is reloaded (a fresh worker
// opens a fresh device). jax-js allocates without error scopes, so a GPU out of memory reaches it only as an uncaptured
// error, which it logs and carries on from: the worker makes the next step throw it instead.

/** What GPUDevice.lost resolves with. */
type LostInfo = Pick<GPUDeviceLostInfo, 'reason' | 'message'>;

/** What the watch needs of a GPUDevice. */
export type WatchedDevice = {
	readonly lost: Promise<LostInfo>;
	createBuffer(descriptor: GPUBufferDescriptor): Pick<GPUBuffer, 'mapAsync' | 'destroy'>;
};

// GPUBufferUsage.MAP_READ and GPUMapMode.READ (the constants are missing outside a browser).
const MAP_READ = 0x0001;
const READ = 0x0001;

/** Whether the GPU device jax-js trains on was lost, and why. */
export class DeviceWatch {
	#device: WatchedDevice | undefined;
	#lost: string | undefined;

	/** Starts watching `device` (the one jax-js opened). */
	watch(device: WatchedDevice): void {
		this.#device = device;
		void device.lost.then((info) => {
			this.#lost = info.message || `reason: ${info.reason ?? 'unknown'}`;
		});
	}

	/** The browser's message once the device was lost; undefined while it works (or while the loss is unreported). */
	get lost(): string | undefined {
		return this.#lost;
	}

	/**
	 * After a GPU operation failed: the loss message when the device is lost, else undefined. A failed step's error
	 * may arrive before the device's `lost` promise settles, and says only what the operation saw (Chromium: "Buffer
	 * was unmapped before mapping was resolved"), so the device is asked: a mapping on a lost device fails.
	 */
	async confirmLost(): Promise<string | undefined> {
		const device = this.#device;
		if (this.#lost !== undefined || !device) return this.#lost;
		const probe = device.createBuffer({ size: 4, usage: MAP_READ });
		const answered = await Promise.race([
			device.lost.then(() => false),
			probe.mapAsync(READ).then(
				() => true,
				() => false
			)
		]);
		probe.destroy();
		if (answered) return undefined;
		// The browser's own message replaces this one when `lost` settles.
		this.#lost ??= 'the device no longer answers';
		return this.#lost;
	}
}

/** Why the worker trains on the CPU after its GPU device was lost (shown on the page as the fallback reason). */
export function lostDeviceFallbackReason(message: string): string {
	return (
		`The GPU device was lost (${message}), and this tab cannot open another: training continues on the CPU ` +
		'(Wasm) from the last checkpoint. Reload the page to train on the GPU again.'
	);
}

/** What a WebGPU error is: a GPUError (not an Error) whose class says what went wrong. */
type GpuError = { readonly message: string };

/** Whether `error` is WebGPU's GPUOutOfMemoryError. */
export function isGpuOutOfMemory(error: GpuError): boolean {
	return typeof GPUOutOfMemoryError === 'function'
		? error instanceof GPUOutOfMemoryError
		: error.constructor.name === 'GPUOutOfMemoryError';
}

/** A WebGPU error as one to throw, named by its class (GPUOutOfMemoryError, …) as the error classifier reads it. */
export function gpuErrorAsError(error: GpuError): Error {
	const thrown = new Error(error.message);
	thrown.name = error.constructor.name;
	return thrown;
}

/** One fault armed for the next training step: taken (and disarmed) by the first step that asks. */
export class StepFault {
	#armed: Error | undefined;
	#waiting: (() => void)[] = [];

	arm(error: Error): void {
		this.#armed = error;
		for (const resolve of this.#waiting.splice(0)) resolve();
	}

	/** Resolves once a fault is armed (now, or when one is). */
	whenArmed(): Promise<void> {
		return this.#armed ? Promise.resolve() : new Promise((resolve) => this.#waiting.push(resolve));
	}

	/** Disarms a fault left from an earlier call (a fault belongs to the run it happened in). */
	clear(): void {
		this.#armed = undefined;
	}

	/** Throws the armed error once; does nothing when none is armed. */
	throwIfArmed(): void {
		const error = this.#armed;
		this.#armed = undefined;
		if (error) throw error;
	}
}
