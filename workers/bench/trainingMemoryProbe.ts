// Peak memory of one training measurement inside a browser worker, as each jax-js backend holds it: on Wasm the size
// of jax-js's WebAssembly.Memory (it only grows, and the 4 GiB wasm32 limit applies to it); on WebGPU the most bytes
// of GPU buffers alive at once. jax-js's API shows neither, so the probe wraps the constructors they go through; it
// must be installed before jax-js runs its first kernel and before init('webgpu') makes its first GPU buffer.

/** Peak bytes seen so far. */
export type TrainingMemoryProbe = {
	/** The size of jax-js's Wasm memory (it only grows, so its size now is its peak); 0 before the first kernel. */
	wasmBytes(): number;
	/** The most bytes of GPU buffers alive at one time (created and not yet destroyed). */
	gpuBufferBytes(): number;
};

/**
 * Starts counting; call once per worker, before `init()` of jax-js and before any jax-js operation.
 *
 * @example
 * const probe = installTrainingMemoryProbe();
 * await init('wasm');
 * // … train …
 * probe.wasmBytes();
 */
export function installTrainingMemoryProbe(): TrainingMemoryProbe {
	// jax-js makes its Wasm memory when it is imported, before any suite runs, but hands it to every kernel it
	// instantiates: the first instance given a memory names it, and the native constructor goes back in place.
	let jaxMemory: WebAssembly.Memory | undefined;
	const NativeInstance = WebAssembly.Instance;
	const restore = () =>
		Object.defineProperty(WebAssembly, 'Instance', { configurable: true, writable: true, value: NativeInstance });
	Object.defineProperty(WebAssembly, 'Instance', {
		configurable: true,
		writable: true,
		value: class extends NativeInstance {
			constructor(module: WebAssembly.Module, imports?: WebAssembly.Imports) {
				super(module, imports);
				const memory = imports?.['env']?.['memory'];
				if (!jaxMemory && memory instanceof WebAssembly.Memory) {
					jaxMemory = memory;
					restore();
				}
			}
		}
	});

	let liveGpuBytes = 0;
	let peakGpuBytes = 0;
	// Buffers jax-js drops without destroy() stay counted: jax-js pools freed buffers for reuse, and a pooled buffer
	// still holds its memory, so the count is what the device really holds, not what the arrays need.
	const gpuBufferSizes = new WeakMap<GPUBuffer, number>();
	if (typeof GPUDevice !== 'undefined' && typeof GPUBuffer !== 'undefined') {
		const createBuffer = GPUDevice.prototype.createBuffer;
		GPUDevice.prototype.createBuffer = function (this: GPUDevice, descriptor: GPUBufferDescriptor) {
			const buffer = createBuffer.call(this, descriptor);
			gpuBufferSizes.set(buffer, descriptor.size);
			liveGpuBytes += descriptor.size;
			peakGpuBytes = Math.max(peakGpuBytes, liveGpuBytes);
			return buffer;
		};
		const destroy = GPUBuffer.prototype.destroy;
		GPUBuffer.prototype.destroy = function (this: GPUBuffer) {
			const size = gpuBufferSizes.get(this);
			if (size !== undefined) {
				gpuBufferSizes.delete(this);
				liveGpuBytes -= size;
			}
			return destroy.call(this);
		};
	}

	return {
		wasmBytes: () => jaxMemory?.buffer.byteLength ?? 0,
		gpuBufferBytes: () => peakGpuBytes
	};
}
