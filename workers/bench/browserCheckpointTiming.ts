// Times a fine-tune checkpoint the way a browser run saves and resumes one: the adapter and AdamW's moments from the
// device to the host, encoded in ModelFactory's format (workers/ml/factory/checkpoint.ts), stored in IndexedDB (where
// the ModelFactory page keeps checkpoints), then read back, decoded and copied to the device as a resume does; and
// checks that what comes back is what went out. The worker → page message a real run adds is left out (one copy).
import { tree } from '@jax-js/jax';
import { openDB } from 'idb';
import type { TensorMap } from '../ml/core/hostTensor.ts';
import type { LoraAdapter } from '../ml/core/loraAdapter.ts';
import type { ModelConfig } from '../ml/core/modelConfig.ts';
import { decodeCheckpoint, encodeCheckpoint, type FineTuneCheckpoint } from '../ml/factory/checkpoint.ts';
import type { FineTuneSettings } from '../ml/factory/fineTuneSettings.ts';
import { hostAdapterFromJax } from '../ml/training/exportPeftAdapter.ts';
import { jaxLoraFromAdapter } from '../ml/training/jaxForward.ts';
import type { LoraTrainState } from '../ml/training/trainStep.ts';

/** Checkpoint timings of one training state in the browser, in milliseconds. */
export type BrowserCheckpointTiming = {
	bytes: number;
	/** Device → host copies of the adapter and both moments. */
	toHostMs: number;
	/** encodeCheckpoint (safetensors). */
	encodeMs: number;
	/** One IndexedDB put, until its transaction has committed with strict durability (flushed, like an fsync). */
	storeMs: number;
	/** One IndexedDB get. */
	loadMs: number;
	/** decodeCheckpoint. */
	decodeMs: number;
	/** Host → device copies back into jax arrays. */
	toDeviceMs: number;
	/** The read-back adapter and moments equal what was written, bit for bit. */
	exact: boolean;
};

const DATABASE = 'provena-bench-modelfactory';
const STORE = 'checkpoints';

/**
 * Saves `state` as a checkpoint in IndexedDB and resumes from it, timing each stage; the database is deleted after.
 *
 * @example
 * const timing = await timeBrowserCheckpoint(config, settings, initial, state, stepsDone);
 */
export async function timeBrowserCheckpoint(
	config: ModelConfig,
	settings: FineTuneSettings,
	shape: LoraAdapter,
	state: LoraTrainState,
	step: number
): Promise<BrowserCheckpointTiming> {
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

	const db = await openDB(DATABASE, 1, { upgrade: (database) => void database.createObjectStore(STORE) });
	try {
		started = performance.now();
		// A checkpoint is only safe once it is on disk: strict durability waits for the flush, as fsync does in Node.
		const write = db.transaction(STORE, 'readwrite', { durability: 'strict' });
		await Promise.all([write.store.put(bytes, 'latest'), write.done]);
		const storeMs = performance.now() - started;

		started = performance.now();
		const stored = (await db.get(STORE, 'latest')) as Uint8Array;
		const loadMs = performance.now() - started;
		started = performance.now();
		const decoded = decodeCheckpoint(stored);
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
		return { bytes: bytes.length, toHostMs, encodeMs, storeMs, loadMs, decodeMs, toDeviceMs, exact };
	} finally {
		db.close();
		await deleteDatabase(DATABASE);
	}
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		// Cleanup only: a failure leaves one small database behind, which the next run overwrites.
		request.onsuccess = request.onerror = request.onblocked = () => resolve();
	});
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
