// Turns what jax-js, WebGPU or the Wasm runtime throw when memory or the device gives out into errors that say what
// to do. Their messages are not standardised, so they are recognised by the phrases each platform uses: Wasm's
// "Maximum memory size exceeded" / jax-js's "memory32 limit", V8's "Array buffer allocation failed", WebGPU's
// GPUOutOfMemoryError and "out of memory"; a lost device shows as "device lost" / "Device is lost" or an
// OperationError from mapAsync.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import type { FineTuneSettings } from './fineTuneSettings.ts';
import { TrainingDeviceLostError, TrainingOutOfMemoryError } from './errors.ts';

const OUT_OF_MEMORY =
	/out of memory|outofmemory|memory32 limit|maximum memory size exceeded|array buffer allocation failed|cannot allocate|could not allocate|allocation failed|webassembly\.memory/i;
const DEVICE_LOST = /device (is |was |has been )?lost|lost device|devicelost|context lost/i;

/** Where a run stood when it failed, for the advice in the message. */
export type TrainingErrorContext = {
	settings: Pick<FineTuneSettings, 'batchSize' | 'maxSeqLength'>;
	/** The step of the last checkpoint handed to onCheckpoint; none yet when undefined. */
	lastCheckpointStep?: number;
};

/**
 * A TrainingOutOfMemoryError or TrainingDeviceLostError when `error` (or its cause) is one, else `error` itself
 * (Provena's own errors already say what to do, and pass through).
 *
 * @example
 * catch (error) { throw classifyTrainingError(error, { settings, lastCheckpointStep }); }
 */
export function classifyTrainingError(error: unknown, context: TrainingErrorContext): unknown {
	if (error instanceof ProvenaError) return error;
	const texts = describeChain(error);
	const resume =
		context.lastCheckpointStep === undefined
			? 'start the run again'
			: `resume from the checkpoint saved at step ${context.lastCheckpointStep}`;
	if (texts.some((text) => OUT_OF_MEMORY.test(text))) {
		const { batchSize, maxSeqLength } = context.settings;
		const smallerBatch = Math.max(1, Math.floor(batchSize / 2));
		const shorter = Math.max(8, Math.floor(maxSeqLength / 2));
		return new TrainingOutOfMemoryError(
			`Training ran out of memory at batch ${batchSize} × ${maxSeqLength} tokens. Try batch size ${smallerBatch} ` +
				`or sequence length ${shorter} (memory grows with both) and start again: a checkpoint resumes only the ` +
				'settings it was made with.',
			{ cause: error }
		);
	}
	if (texts.some((text) => DEVICE_LOST.test(text)) || texts.some((text) => text.startsWith('OperationError')))
		return new TrainingDeviceLostError(
			`The GPU device was lost (a driver reset, or the tab slept too long). Reload the page and ${resume}.`,
			{ cause: error }
		);
	return error;
}

/** "name: message" of the error and each of its causes. */
function describeChain(error: unknown): string[] {
	const texts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
		if (typeof current === 'object') {
			const { name, message } = current as { name?: unknown; message?: unknown };
			texts.push(`${String(name ?? 'Error')}: ${String(message ?? '')}`);
			current = (current as { cause?: unknown }).cause;
		} else {
			texts.push(String(current));
			break;
		}
	}
	return texts;
}
