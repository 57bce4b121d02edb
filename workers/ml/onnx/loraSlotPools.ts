// LoRA slot pools: the tensors fed to a decoder graph built with `lora` targets (see buildDecoderGraph.ts). Each
// targeted projection gets A [slots, in, rank] and B [slots, rank, out]; slot 0 stays all zeros (the base model)
// and every other slot holds one adapter, so a batch can mix adapters row by row through `adapter_index`.
// Adapters of smaller rank are zero-padded (extra rank columns contribute nothing), and B carries loraScale, so
// the graph needs no per-adapter hyperparameters and swapping an adapter is only rewriting its slot.
import type { ModelConfig } from '../core/modelConfig.ts';
import type { HostTensor } from '../core/hostTensor.ts';
import { loraModulePrefix, loraScale, type LoraAdapter, type LoraTargetModule } from '../core/loraAdapter.ts';
import { projectionDims } from '../model/projectionDims.ts';
import { decoderGraphNames, type LoraSlotTargets } from './buildDecoderGraph.ts';
import { OnnxGraphError } from './onnxProto.ts';

/** The pool tensors by graph input name (`model.layers.{i}.{block}.{module}.lora_A|B`). */
export type LoraSlotPools = Map<string, HostTensor>;

function targetedLayers(config: ModelConfig, targets: LoraSlotTargets): number[] {
	return targets.layers ? [...targets.layers] : Array.from({ length: config.numLayers }, (_, layer) => layer);
}

/**
 * Zero-filled pools of `slots` slots and rank `rank` for every targeted projection, then `adapters[i]` written
 * into slot i + 1 (slot 0 is the base model).
 *
 * @example
 * const targets = { targetModules: ['q_proj', 'v_proj'] } as const;
 * const graph = buildDecoderGraph(config, weights, { lora: targets });
 * const pools = buildLoraSlotPools(config, targets, { slots: 4, rank: 16 }, [adapter]); // adapter in slot 1
 */
export function buildLoraSlotPools(
	config: ModelConfig,
	targets: LoraSlotTargets,
	size: { slots: number; rank: number },
	adapters: readonly LoraAdapter[] = []
): LoraSlotPools {
	const { slots, rank } = size;
	if (!(Number.isInteger(slots) && slots >= 1 + adapters.length)) {
		throw new OnnxGraphError(`A pool of ${slots} slots cannot hold the base slot and ${adapters.length} adapters.`);
	}
	if (!(Number.isInteger(rank) && rank >= 1))
		throw new OnnxGraphError(`The pool rank must be a positive integer, got ${rank}.`);
	const dims = projectionDims(config);
	const pools: LoraSlotPools = new Map();
	for (const layer of targetedLayers(config, targets)) {
		for (const module of targets.targetModules) {
			const [inSize, outSize] = dims[module];
			pools.set(decoderGraphNames.lora(layer, module, 'A'), {
				shape: [slots, inSize, rank],
				data: new Float32Array(slots * inSize * rank)
			});
			pools.set(decoderGraphNames.lora(layer, module, 'B'), {
				shape: [slots, rank, outSize],
				data: new Float32Array(slots * rank * outSize)
			});
		}
	}
	adapters.forEach((adapter, i) => writeLoraSlot(config, targets, pools, i + 1, adapter));
	return pools;
}

/**
 * One slot's contents for every pool of `targets` at pool rank `rank`: `adapter` transposed to [in, r] / [r, out],
 * B scaled by loraScale, zero-padded to the pool rank; zeros for projections and layers the adapter does not
 * touch, and all zeros when `adapter` is undefined. What both a host pool and a GPU pool write into a slot.
 *
 * @example
 * for (const [name, data] of loraSlotData(config, targets, 16, adapter)) device.queue.writeBuffer(buffers.get(name)!, slot * data.byteLength, data);
 */
export function loraSlotData(
	config: ModelConfig,
	targets: LoraSlotTargets,
	rank: number,
	adapter: LoraAdapter | undefined
): Map<string, Float32Array<ArrayBuffer>> {
	const dims = projectionDims(config);
	const layers = targetedLayers(config, targets);
	if (adapter) {
		// Refuse rather than silently drop part of an adapter the graph has no inputs for.
		for (const module of adapter.targetModules) {
			if (!targets.targetModules.includes(module))
				throw new OnnxGraphError(`The adapter targets ${module}, which the graph has no LoRA pool for.`);
		}
		for (const layer of adapter.layers ?? Array.from({ length: config.numLayers }, (_, l) => l)) {
			if (!layers.includes(layer))
				throw new OnnxGraphError(`The adapter applies to layer ${layer}, which the graph has no LoRA pools for.`);
		}
		if (adapter.rank > rank)
			throw new OnnxGraphError(`An adapter of rank ${adapter.rank} does not fit a pool of rank ${rank}.`);
	}
	const slices = new Map<string, Float32Array<ArrayBuffer>>();
	for (const layer of layers) {
		for (const module of targets.targetModules) {
			const [inSize, outSize] = dims[module];
			const sliceA = new Float32Array(inSize * rank);
			const sliceB = new Float32Array(rank * outSize);
			slices.set(decoderGraphNames.lora(layer, module, 'A'), sliceA);
			slices.set(decoderGraphNames.lora(layer, module, 'B'), sliceB);
			const applies =
				adapter && adapter.targetModules.includes(module) && (!adapter.layers || adapter.layers.includes(layer));
			if (!adapter || !applies) continue;
			const r = adapter.rank;
			const prefix = loraModulePrefix(layer, module);
			const a = requireFactor(adapter, `${prefix}.lora_A.weight`, [r, inSize]);
			const b = requireFactor(adapter, `${prefix}.lora_B.weight`, [outSize, r]);
			const scale = loraScale(adapter);
			for (let k = 0; k < r; k++) for (let i = 0; i < inSize; i++) sliceA[i * rank + k] = a.data[k * inSize + i]!;
			for (let o = 0; o < outSize; o++)
				for (let k = 0; k < r; k++) sliceB[k * outSize + o] = b.data[o * r + k]! * scale;
		}
	}
	return slices;
}

/**
 * Writes `adapter` into slot `slot` of every pool (see {@link loraSlotData}), or zeroes the slot when `adapter` is
 * undefined. Projections the adapter does not touch are zeroed, so a slot never keeps a previous adapter's factors.
 *
 * @example
 * writeLoraSlot(config, targets, pools, 2, otherAdapter); // rows with adapter_index 2 now use otherAdapter
 */
export function writeLoraSlot(
	config: ModelConfig,
	targets: LoraSlotTargets,
	pools: LoraSlotPools,
	slot: number,
	adapter: LoraAdapter | undefined
): void {
	const first = pools.values().next().value;
	if (!first) throw new OnnxGraphError('The LoRA pools are empty.');
	const [slots, , rank] = first.shape as [number, number, number];
	if (!(Number.isInteger(slot) && slot >= 0 && slot < slots))
		throw new OnnxGraphError(`Slot ${slot} is outside the pool (0…${slots - 1}).`);
	if (slot === 0 && adapter) throw new OnnxGraphError('Slot 0 is the base model and stays zero.');
	for (const [name, data] of loraSlotData(config, targets, rank, adapter)) {
		const pool = pools.get(name);
		if (!pool || pool.data.length !== slots * data.length)
			throw new OnnxGraphError(`The LoRA pools lack ${name}, or it is not ${slots} slots of rank ${rank}.`);
		pool.data.set(data, slot * data.length);
	}
}

function requireFactor(adapter: LoraAdapter, name: string, shape: [number, number]): HostTensor {
	const tensor = adapter.tensors.get(name);
	if (!tensor || tensor.shape.length !== 2 || tensor.shape[0] !== shape[0] || tensor.shape[1] !== shape[1]) {
		throw new OnnxGraphError(
			tensor
				? `LoRA tensor ${name} has shape [${tensor.shape.join(', ')}]; expected [${shape.join(', ')}].`
				: `LoRA tensor ${name} is missing; expected shape [${shape.join(', ')}].`
		);
	}
	return tensor;
}
