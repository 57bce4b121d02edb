// A single NaN or ±Infinity in a weight spreads through every matmul it touches and turns all logits into NaN, so
// the model "loads" and then produces nothing or garbage with no hint why. Checkpoints get that way from training
// that diverged or an F16 export that overflowed; either way the file is unusable, and saying which tensor and
// where is the only useful report. Checked once on the host, before any engine sees the weights.
import { ProvenaError, type ProvenaErrorOptions } from '../../shared/errors/ProvenaError.ts';
import type { TensorMap } from '../core/hostTensor.ts';

/** A weight or adapter tensor holds NaN or ±Infinity; `tensor`, `index` and `count` say where and how many. */
export class NonFiniteWeightsError extends ProvenaError {
	override name = 'NonFiniteWeightsError';
	/** The file the tensor came from. */
	readonly file: string;
	readonly tensor: string;
	/** The flat (row-major) index of the first non-finite value. */
	readonly index: number;
	/** How many values of the tensor are non-finite. */
	readonly count: number;
	constructor(
		message: string,
		options: ProvenaErrorOptions & { file: string; tensor: string; index: number; count: number }
	) {
		super(message, options);
		this.file = options.file;
		this.tensor = options.tensor;
		this.index = options.index;
		this.count = options.count;
	}
}

/** Where the tensors come from, for the message. */
export type CheckFiniteWeightsOptions = {
	/** The file name, e.g. 'model.safetensors' or 'adapter_model.safetensors'. */
	file: string;
	/** The directory, URL or CID the file was read from. */
	source: string;
};

/**
 * Throws a {@link NonFiniteWeightsError} for the first tensor (in map order) that holds NaN or ±Infinity.
 *
 * @example
 * checkFiniteWeights(parseSafetensors(bytes).tensors, { file: 'model.safetensors', source: 'models/tiny' });
 */
export function checkFiniteWeights(tensors: TensorMap, options: CheckFiniteWeightsOptions): void {
	for (const [name, { shape, data }] of tensors) {
		const first = firstNonFinite(data);
		if (first < 0) continue;
		let count = 0;
		for (let i = first; i < data.length; i++) if (!Number.isFinite(data[i]!)) count++;
		const value = data[first]!;
		const where = shape.length > 1 ? ` (element [${unflatten(first, shape).join(', ')}] of [${shape.join(', ')}])` : '';
		throw new NonFiniteWeightsError(
			`${name} in ${options.source}/${options.file} holds ${count} non-finite value${count === 1 ? '' : 's'}; ` +
				`the first is ${value} at index ${first}${where}. The weights are corrupt or come from a training run ` +
				'that diverged: download the file again, or use a checkpoint saved before the loss became NaN.',
			{ file: options.file, tensor: name, index: first, count }
		);
	}
}

// x - x is 0 for every finite x and NaN for NaN and ±Infinity: one subtraction and compare per value, which keeps a
// scan of a few hundred million weights well under a second.
function firstNonFinite(data: Float32Array): number {
	for (let i = 0; i < data.length; i++) {
		const x = data[i]!;
		if (x - x !== 0) return i;
	}
	return -1;
}

function unflatten(index: number, shape: readonly number[]): number[] {
	const out = new Array<number>(shape.length);
	for (let axis = shape.length - 1; axis >= 0; axis--) {
		out[axis] = index % shape[axis]!;
		index = Math.floor(index / shape[axis]!);
	}
	return out;
}
