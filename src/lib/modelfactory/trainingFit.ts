// Whether a fine-tune fits this browser. No browser says how much memory its GPU has (WebGPU exposes per-buffer
// limits, not a total), so "fits" means two checks the page can make honestly: the largest single buffer is
// within the adapter's limits, and the whole estimate is under a stated budget. The budget is a choice, said
// beside the verdict: half of the memory the device reports (navigator.deviceMemory, which browsers round and
// cap) on WebGPU, 2 GiB when the browser does not report it, and 4 GiB on Wasm (its address space).
import { formatBytes } from '../../../workers/shared/format/formatBytes.ts';
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import {
	estimateTrainingMemory,
	largestTrainingBuffer,
	type TrainingBuffer,
	type TrainingMemoryEstimate,
	type TrainingShape
} from './trainingMemory.ts';

const GIB = 2 ** 30;

/** Where training would run, and what it may use there. */
export type TrainingDevice =
	| { backend: 'webgpu'; maxBufferSize: number; maxStorageBufferBindingSize: number; deviceMemoryGiB?: number }
	| { backend: 'wasm'; reason: string };

/** The largest buffer allowed and the budget for the whole estimate, with the sentence that says why. */
export type TrainingBudget = {
	backend: TrainingDevice['backend'];
	maxBufferBytes: number;
	/** Which limit bounds one buffer, for the message. */
	bufferLimit: string;
	budgetBytes: number;
	budgetReason: string;
};

/**
 * The budget for a device.
 *
 * @example
 * trainingBudget({ backend: 'webgpu', maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 27, deviceMemoryGiB: 8 });
 * // { maxBufferBytes: 134217728, budgetBytes: 4 GiB, budgetReason: 'half of the 8 GiB this device reports' … }
 */
export function trainingBudget(device: TrainingDevice): TrainingBudget {
	if (device.backend === 'wasm')
		return {
			backend: 'wasm',
			maxBufferBytes: 4 * GIB,
			bufferLimit: 'Wasm memory',
			budgetBytes: 4 * GIB,
			budgetReason: 'the 4 GiB a Wasm module can address'
		};
	const binding = device.maxStorageBufferBindingSize <= device.maxBufferSize;
	const reported = device.deviceMemoryGiB !== undefined && device.deviceMemoryGiB > 0;
	return {
		backend: 'webgpu',
		maxBufferBytes: Math.min(device.maxBufferSize, device.maxStorageBufferBindingSize),
		bufferLimit: binding ? 'maxStorageBufferBindingSize' : 'maxBufferSize',
		budgetBytes: reported ? (device.deviceMemoryGiB! / 2) * GIB : 2 * GIB,
		budgetReason: reported
			? `half of the ${device.deviceMemoryGiB} GiB of memory this device reports`
			: '2 GiB, because this browser does not report the device’s memory'
	};
}

/** The verdict, with one sentence per problem (what is too big, and what to do). */
export type TrainingFit = { fits: boolean; problems: string[] };

/**
 * Checks an estimate and its largest buffer against a budget.
 *
 * @example
 * const fit = checkTrainingFit(estimate, largestTrainingBuffer(config, settings, tensor), budget);
 * if (!fit.fits) show(fit.problems);
 */
export function checkTrainingFit(
	estimate: TrainingMemoryEstimate,
	largest: TrainingBuffer,
	budget: TrainingBudget
): TrainingFit {
	const problems: string[] = [];
	if (largest.bytes > budget.maxBufferBytes)
		problems.push(
			`The largest buffer, ${largest.what}, needs ${formatBytes(largest.bytes)}; ${budget.bufferLimit} allows ` +
				`${formatBytes(budget.maxBufferBytes)} in one. ${largest.advice}`
		);
	if (estimate.totalBytes > budget.budgetBytes)
		problems.push(
			`Training needs about ${formatBytes(estimate.totalBytes)}, over the budget of ${formatBytes(budget.budgetBytes)} ` +
				`(${budget.budgetReason}). Lower the batch size or the sequence length, or pick a smaller model.`
		);
	return { fits: problems.length === 0, problems };
}

/** The estimate, its largest buffer and, once the device is known, the budget and the verdict. */
export type TrainingAssessment = {
	estimate: TrainingMemoryEstimate;
	largest: TrainingBuffer;
	budget?: TrainingBudget;
	fit?: TrainingFit;
};

/**
 * Everything the base-model step shows about training this model at these settings on this device.
 *
 * @example
 * const assessment = assessTraining(facts, settings, device); // device undefined while it is being probed
 */
export function assessTraining(
	model: {
		config: ModelConfig;
		weightBytes: number;
		largestTensor: { name: string; shape: readonly number[]; bytes: number };
	},
	settings: TrainingShape,
	device: TrainingDevice | undefined
): TrainingAssessment {
	const estimate = estimateTrainingMemory(model.config, settings, model.weightBytes);
	const largest = largestTrainingBuffer(model.config, settings, model.largestTensor);
	if (!device) return { estimate, largest };
	const budget = trainingBudget(device);
	return { estimate, largest, budget, fit: checkTrainingFit(estimate, largest, budget) };
}
