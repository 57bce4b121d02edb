// Where a serving session's LoRA slot pools live, behind one interface: host arrays (onnxruntime-node, Wasm),
// which onnxruntime reads at every run, or GPU buffers (WebGPU), fed with Tensor.fromGpuBuffer so a run reads
// them in place and an adapter swap is one queue.writeBuffer per pool: no upload per step, no new session.
import type { Tensor } from 'onnxruntime-common';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { LoraSlotTargets } from '../onnx/buildDecoderGraph.ts';
import { buildLoraSlotPools } from '../onnx/loraSlotPools.ts';

/** The pools of a serving session: graph feeds by input name, and a way to rewrite one slot. */
export type LoraPoolStore = {
	readonly feeds: Readonly<Record<string, Tensor>>;
	/** Bytes of one slot across every pool. */
	readonly slotBytes: number;
	/** Writes one slot's data (from loraSlotData: one array per pool, one slot long). */
	write(slot: number, data: ReadonlyMap<string, Float32Array<ArrayBuffer>>): Promise<void>;
	release(): void;
};

/** The Tensor constructor of the onnxruntime package in use. */
export type OrtTensorClass = typeof Tensor;

type PoolSize = { slots: number; rank: number };

function slotLength(shape: readonly number[]): number {
	return shape.slice(1).reduce((a, b) => a * b, 1);
}

/**
 * Pools in host memory, all zeros at first (every slot the base model).
 *
 * @example
 * const store = hostLoraPoolStore(ort.Tensor, config, { targetModules: LORA_TARGET_MODULES }, { slots: 17, rank: 16 });
 */
export function hostLoraPoolStore(
	TensorClass: OrtTensorClass,
	config: ModelConfig,
	targets: LoraSlotTargets,
	size: PoolSize
): LoraPoolStore {
	const pools = buildLoraSlotPools(config, targets, size);
	const feeds: Record<string, Tensor> = {};
	let slotBytes = 0;
	for (const [name, pool] of pools) {
		feeds[name] = new TensorClass('float32', pool.data, [...pool.shape]);
		slotBytes += slotLength(pool.shape) * 4;
	}
	return {
		feeds,
		slotBytes,
		async write(slot, data) {
			for (const [name, slice] of data) pools.get(name)!.data.set(slice, slot * slice.length);
		},
		release() {}
	};
}

/** The part of onnxruntime-web's Tensor class that wraps a GPU buffer. */
type GpuTensorClass = {
	fromGpuBuffer(buffer: GPUBuffer, options: { dataType: 'float32'; dims: readonly number[] }): Tensor;
};

/**
 * Pools in GPU buffers on `device` (the device the onnxruntime-web session runs on), zero-initialised.
 *
 * @example
 * const store = gpuLoraPoolStore(device, ort.Tensor, config, targets, { slots: 17, rank: 16 });
 */
export function gpuLoraPoolStore(
	device: GPUDevice,
	TensorClass: GpuTensorClass,
	config: ModelConfig,
	targets: LoraSlotTargets,
	size: PoolSize
): LoraPoolStore {
	// Shapes only: building the host pools would allocate every slot in host memory for nothing.
	const shapes = new Map<string, number[]>();
	for (const [name, pool] of buildLoraSlotPools(config, targets, { slots: 1, rank: size.rank }))
		shapes.set(name, [size.slots, ...pool.shape.slice(1)]);
	const buffers = new Map<string, GPUBuffer>();
	const feeds: Record<string, Tensor> = {};
	let slotBytes = 0;
	for (const [name, shape] of shapes) {
		const bytes = shape.reduce((a, b) => a * b, 1) * 4;
		// mappedAtCreation is not needed: WebGPU zero-initialises new buffers.
		const buffer = device.createBuffer({
			label: name,
			size: bytes,
			usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC
		});
		buffers.set(name, buffer);
		feeds[name] = TensorClass.fromGpuBuffer(buffer, { dataType: 'float32', dims: shape });
		slotBytes += slotLength(shape) * 4;
	}
	return {
		feeds,
		slotBytes,
		async write(slot, data) {
			for (const [name, slice] of data) device.queue.writeBuffer(buffers.get(name)!, slot * slice.byteLength, slice);
		},
		release() {
			for (const buffer of buffers.values()) buffer.destroy();
		}
	};
}
