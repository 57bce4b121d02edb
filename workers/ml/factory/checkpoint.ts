// A fine-tune's resumable state as one self-describing byte array: a safetensors file whose tensors are the adapter,
// AdamW's moments and the kept snapshots, and whose `__metadata__` holds the rest as JSON (step, fingerprints,
// settings, logs). The page keeps it in IndexedDB, the CLI on disk; any safetensors reader can open it. Everything a
// run needs to continue bit for bit is here: the data cursor is the step (the batch order is regenerated from the
// seed), and no timing is stored, so the same run writes the same bytes.
import { parseSafetensors, writeSafetensors } from '../formats/safetensors.ts';
import type { HostTensor, TensorMap } from '../core/hostTensor.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import { CheckpointFormatError } from './errors.ts';
import type { FineTuneSettings } from './fineTuneSettings.ts';
import type { FineTuneFingerprint } from './fingerprint.ts';

/** What a run has logged so far, one entry per step done (validation: one per measurement). */
export type FineTuneLog = {
	losses: number[];
	learningRates: number[];
	gradNorms: number[];
	/** Target tokens in each step's batch. */
	targetTokens: number[];
	validation: { step: number; loss: number }[];
};

/** An adapter kept after `step`, with the learning rate TracIn-style attribution weighs its gradients by. */
export type AdapterSnapshot = {
	step: number;
	/** The mean learning rate of the steps since the previous snapshot (the run's start for the first). */
	learningRate: number;
	adapter: LoraAdapter;
};

/** Everything needed to continue a run exactly where it stopped. */
export type FineTuneCheckpoint = {
	fingerprint: FineTuneFingerprint;
	settings: FineTuneSettings;
	/** Steps done: also the cursor into the seeded batch order. */
	step: number;
	totalSteps: number;
	trainCount: number;
	validationCount: number;
	/** The adapter after `step` steps. */
	adapter: LoraAdapter;
	/** AdamW's moments, under the adapter's tensor names, and its update count. */
	optimizer: { step: number; m: TensorMap; v: TensorMap };
	log: FineTuneLog;
	snapshots: AdapterSnapshot[];
};

const FORMAT = 'provena-fine-tune-checkpoint';
const VERSION = '1';
const ADAPTER = 'adapter/';
const MOMENT_M = 'adamw.m/';
const MOMENT_V = 'adamw.v/';
const SNAPSHOT = 'snapshot/';

type AdapterHeader = Omit<LoraAdapter, 'tensors'>;

/** The JSON half of a checkpoint: everything but the tensors. */
type CheckpointState = Omit<FineTuneCheckpoint, 'adapter' | 'optimizer' | 'snapshots'> & {
	adapter: AdapterHeader;
	optimizerStep: number;
	snapshots: { step: number; learningRate: number }[];
};

/**
 * The checkpoint as safetensors bytes (deterministic: sorted tensors, fixed JSON).
 *
 * @example
 * await idbPut('checkpoints', runId, encodeCheckpoint(checkpoint));
 */
export function encodeCheckpoint(checkpoint: FineTuneCheckpoint): Uint8Array {
	const tensors = new Map<string, HostTensor>();
	const add = (prefix: string, map: TensorMap) => {
		for (const [name, tensor] of map) tensors.set(prefix + name, tensor);
	};
	add(ADAPTER, checkpoint.adapter.tensors);
	add(MOMENT_M, checkpoint.optimizer.m);
	add(MOMENT_V, checkpoint.optimizer.v);
	for (const snapshot of checkpoint.snapshots) add(`${SNAPSHOT}${snapshot.step}/`, snapshot.adapter.tensors);
	const state: CheckpointState = {
		fingerprint: checkpoint.fingerprint,
		settings: checkpoint.settings,
		step: checkpoint.step,
		totalSteps: checkpoint.totalSteps,
		trainCount: checkpoint.trainCount,
		validationCount: checkpoint.validationCount,
		adapter: adapterHeader(checkpoint.adapter),
		optimizerStep: checkpoint.optimizer.step,
		log: checkpoint.log,
		snapshots: checkpoint.snapshots.map(({ step, learningRate }) => ({ step, learningRate }))
	};
	return writeSafetensors(tensors, {
		metadata: { provena_format: FORMAT, provena_version: VERSION, provena_state: JSON.stringify(state) }
	});
}

/**
 * Reads checkpoint bytes back; throws CheckpointFormatError when they are not a checkpoint this code can resume.
 *
 * @example
 * const checkpoint = decodeCheckpoint(await readFile('out/checkpoint.safetensors'));
 */
export function decodeCheckpoint(bytes: Uint8Array): FineTuneCheckpoint {
	let parsed: ReturnType<typeof parseSafetensors>;
	try {
		parsed = parseSafetensors(bytes);
	} catch (error) {
		throw new CheckpointFormatError('These bytes are not a fine-tune checkpoint; start the run again.', {
			cause: error
		});
	}
	const { metadata } = parsed;
	if (metadata.provena_format !== FORMAT)
		throw new CheckpointFormatError('This file is not a Provena fine-tune checkpoint; start the run again.');
	if (metadata.provena_version !== VERSION)
		throw new CheckpointFormatError(
			`This checkpoint has format version ${metadata.provena_version}; this Provena reads version ${VERSION}. ` +
				'Resume it with the Provena that made it, or start the run again.'
		);
	let state: CheckpointState;
	try {
		state = JSON.parse(metadata.provena_state ?? '') as CheckpointState;
	} catch (error) {
		throw new CheckpointFormatError('The checkpoint’s state is damaged; start the run again.', { cause: error });
	}
	const adapter = adapterWith(state.adapter, tensorsUnder(parsed.tensors, ADAPTER));
	const names = [...adapter.tensors.keys()].sort().join();
	const m = tensorsUnder(parsed.tensors, MOMENT_M);
	const v = tensorsUnder(parsed.tensors, MOMENT_V);
	const snapshots = state.snapshots.map(({ step, learningRate }) => ({
		step,
		learningRate,
		adapter: adapterWith(state.adapter, tensorsUnder(parsed.tensors, `${SNAPSHOT}${step}/`))
	}));
	for (const map of [m, v, ...snapshots.map((s) => s.adapter.tensors)])
		if ([...map.keys()].sort().join() !== names)
			throw new CheckpointFormatError('The checkpoint’s tensors do not match its adapter; start the run again.');
	const { adapter: _header, optimizerStep, snapshots: _snapshots, ...rest } = state;
	return { ...rest, adapter, optimizer: { step: optimizerStep, m, v }, snapshots };
}

function adapterHeader(adapter: LoraAdapter): AdapterHeader {
	return {
		rank: adapter.rank,
		alpha: adapter.alpha,
		useRsLora: adapter.useRsLora,
		targetModules: [...adapter.targetModules],
		...(adapter.layers ? { layers: [...adapter.layers] } : {})
	};
}

function adapterWith(header: AdapterHeader, tensors: TensorMap): LoraAdapter {
	if (tensors.size === 0)
		throw new CheckpointFormatError('The checkpoint holds no adapter tensors; start the run again.');
	return { ...header, tensors };
}

/** The tensors whose names start with `prefix`, under the rest of their names (copied off the file's buffer). */
function tensorsUnder(tensors: TensorMap, prefix: string): Map<string, HostTensor> {
	const found = new Map<string, HostTensor>();
	for (const [name, { shape, data }] of tensors)
		if (name.startsWith(prefix) && !name.slice(prefix.length).includes('/'))
			found.set(name.slice(prefix.length), { shape: [...shape], data: new Float32Array(data) });
	return found;
}
