// Times a fine-tune checkpoint of a training state, through ModelFactory's own format (workers/ml/factory/
// checkpoint.ts: the adapter and AdamW's moments as one safetensors file): device → host, encode, write with fsync,
// read, decode, host → device, and checks that what comes back is what went out.
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tree } from '@jax-js/jax';
import type { TensorMap } from '../../../workers/ml/core/hostTensor.ts';
import type { LoraAdapter } from '../../../workers/ml/core/loraAdapter.ts';
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import { decodeCheckpoint, encodeCheckpoint, type FineTuneCheckpoint } from '../../../workers/ml/factory/checkpoint.ts';
import type { FineTuneSettings } from '../../../workers/ml/factory/fineTuneSettings.ts';
import { hostAdapterFromJax } from '../../../workers/ml/training/exportPeftAdapter.ts';
import { jaxLoraFromAdapter } from '../../../workers/ml/training/jaxForward.ts';
import type { LoraTrainState } from '../../../workers/ml/training/trainStep.ts';
import type { CheckpointTiming } from './modelFactoryPlan.ts';

/**
 * Writes `state`'s adapter and optimizer to a temporary checkpoint file and reads it back, timing each stage.
 *
 * @example
 * const timing = await timeCheckpoint(config, settings, initial, state, stepsDone);
 */
export async function timeCheckpoint(
	config: ModelConfig,
	settings: FineTuneSettings,
	shape: LoraAdapter,
	state: LoraTrainState,
	step: number
): Promise<CheckpointTiming> {
	let started = performance.now();
	const adapter = await hostAdapterFromJax(state.lora, shape);
	const m = (await hostAdapterFromJax(state.optimizer.m, shape)).tensors;
	const v = (await hostAdapterFromJax(state.optimizer.v, shape)).tensors;
	const toHostMs = performance.now() - started;
	const checkpoint: FineTuneCheckpoint = {
		fingerprint: { settings: 'bench', data: 'bench', base: 'bench' },
		settings,
		step,
		totalSteps: step,
		trainCount: 0,
		validationCount: 0,
		adapter,
		optimizer: { step: state.optimizer.step, m, v },
		log: { losses: [], learningRates: [], gradNorms: [], targetTokens: [], validation: [] },
		snapshots: []
	};

	started = performance.now();
	const bytes = encodeCheckpoint(checkpoint);
	const encodeMs = performance.now() - started;
	const dir = await mkdtemp(join(tmpdir(), 'provena-bench-checkpoint-'));
	const file = join(dir, 'train-checkpoint.safetensors');
	try {
		started = performance.now();
		const handle = await open(file, 'w');
		try {
			await handle.writeFile(bytes);
			// A checkpoint is only safe once it is on disk; without fsync this would time the page cache.
			await handle.sync();
		} finally {
			await handle.close();
		}
		const writeMs = performance.now() - started;

		started = performance.now();
		const read = new Uint8Array(await readFile(file));
		const readMs = performance.now() - started;
		started = performance.now();
		const decoded = decodeCheckpoint(read);
		const decodeMs = performance.now() - started;

		started = performance.now();
		const onDevice = [
			jaxLoraFromAdapter(config, decoded.adapter),
			jaxLoraFromAdapter(config, { ...decoded.adapter, tensors: decoded.optimizer.m }),
			jaxLoraFromAdapter(config, { ...decoded.adapter, tensors: decoded.optimizer.v })
		];
		// Block until the copies are done: jax-js queues work lazily.
		for (const lora of onDevice) for (const leaf of tree.leaves(lora)) await leaf.ref.data();
		const toDeviceMs = performance.now() - started;
		tree.dispose(onDevice);

		const exact =
			sameTensors(adapter.tensors, decoded.adapter.tensors) &&
			sameTensors(m, decoded.optimizer.m) &&
			sameTensors(v, decoded.optimizer.v);
		return { bytes: bytes.length, toHostMs, encodeMs, writeMs, readMs, decodeMs, toDeviceMs, exact };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

function sameTensors(a: TensorMap, b: TensorMap): boolean {
	if (a.size !== b.size) return false;
	for (const [name, tensor] of a) {
		const other = b.get(name);
		if (!other || other.data.length !== tensor.data.length) return false;
		const left = new Uint32Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.length);
		const right = new Uint32Array(other.data.buffer, other.data.byteOffset, other.data.length);
		for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
	}
	return true;
}
