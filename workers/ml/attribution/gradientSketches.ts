// Gradient influence (TracIn-CP, with LESS's normalised gradients) in integers. When an adapter is published, each
// training example's normalised LoRA gradient at each kept checkpoint is projected and summed per group (a
// contribution, or a record); an answer is scored by the integer dot products of its own projected gradient with
// those sums, weighted by each checkpoint's learning rate, positive influence only. A dot product is linear, so a
// group's sum scores the same as its examples one by one, at a fraction of the size.
import {
	loraExampleGradient,
	loraParameterCount,
	type GradientExample,
	type GradientModel
} from './exampleGradient.ts';
import {
	gradientProjection,
	normalisedGradient,
	project,
	quantise,
	sketchDot,
	type ProjectionSpec
} from './gradientProjection.ts';

/** One kept checkpoint: the adapter at that step and the learning rate its steps were taken with. */
export type SketchCheckpoint = { step: number; learningRate: number; model: GradientModel };

/** A checkpoint's weight in the score is round(learningRate / the largest one × 2^CHECKPOINT_WEIGHT_BITS). */
export const CHECKPOINT_WEIGHT_BITS = 8;

/** What an adapter publishes for gradient attribution. */
export type GradientSketches = {
	projection: ProjectionSpec;
	/** LoRA parameters the gradients have (an answer's must have as many). */
	parameters: number;
	/** Per kept checkpoint: its step and its integer weight. */
	checkpoints: { step: number; weight: number }[];
	/** Groups sketched (contributions, or records). */
	groups: number;
	/** Per checkpoint, groups × dimensions quantised sums, row-major. */
	sums: Int32Array[];
};

/**
 * The sketches of `examples`, each in group `groupOf(example)` (0 ≤ group < groups), at every checkpoint.
 *
 * @example
 * const sketches = await gradientSketches(examples, (e) => e.sourceIndex, sources.length, checkpoints, DEFAULT_PROJECTION);
 */
export async function gradientSketches<E extends GradientExample>(
	examples: readonly E[],
	groupOf: (example: E) => number,
	groups: number,
	checkpoints: readonly SketchCheckpoint[],
	spec: ProjectionSpec,
	onProgress?: (done: number, total: number) => void
): Promise<GradientSketches> {
	if (checkpoints.length === 0) throw new RangeError('Gradient sketches need at least one kept checkpoint.');
	const parameters = loraParameterCount(checkpoints[0]!.model.lora);
	const projection = gradientProjection(parameters, spec);
	const largest = Math.max(...checkpoints.map((c) => c.learningRate));
	if (!(largest > 0)) throw new RangeError('The kept checkpoints have no positive learning rate to weigh them by.');
	const sums: Int32Array[] = [];
	let done = 0;
	for (const checkpoint of checkpoints) {
		// Normalised gradients summed per group in parameter space, then projected once per group.
		const groupSums = Array.from({ length: groups }, () => new Float64Array(parameters));
		for (const example of examples) {
			const group = groupOf(example);
			if (!Number.isInteger(group) || group < 0 || group >= groups)
				throw new RangeError(`An example is in group ${group}, outside [0, ${groups}).`);
			const unit = normalisedGradient(await loraExampleGradient(checkpoint.model, example));
			const sum = groupSums[group]!;
			for (let i = 0; i < parameters; i++) sum[i]! += unit[i]!;
			onProgress?.(++done, examples.length * checkpoints.length);
		}
		const rows = new Int32Array(groups * spec.dimensions);
		groupSums.forEach((sum, group) =>
			rows.set(quantise(project(projection, sum), spec.quantBits), group * spec.dimensions)
		);
		sums.push(rows);
	}
	return {
		projection: spec,
		parameters,
		checkpoints: checkpoints.map((c) => ({
			step: c.step,
			weight: Math.round((c.learningRate / largest) * 2 ** CHECKPOINT_WEIGHT_BITS)
		})),
		groups,
		sums
	};
}

/**
 * The answer's projected, quantised gradient at each checkpoint (in the order of `checkpoints`): what
 * {@link gradientScores} compares with the sketches. Run on the CPU (jax-js Wasm), it is the same in Node and every
 * browser.
 */
export async function answerSketches(
	answer: GradientExample,
	checkpoints: readonly Pick<SketchCheckpoint, 'model'>[],
	sketches: Pick<GradientSketches, 'projection' | 'parameters'>
): Promise<Int32Array[]> {
	const projection = gradientProjection(sketches.parameters, sketches.projection);
	const out: Int32Array[] = [];
	for (const { model } of checkpoints) {
		const gradient = await loraExampleGradient(model, answer);
		if (gradient.length !== sketches.parameters)
			throw new RangeError(
				`The adapter has ${gradient.length} LoRA parameters; its sketches were made for ${sketches.parameters}.`
			);
		out.push(quantise(project(projection, normalisedGradient(gradient)), sketches.projection.quantBits));
	}
	return out;
}

/**
 * Each group's influence on the answer, signed: Σ_k weight_k × ⟨answer_k, sum_{k,group}⟩ (TracIn-CP over the kept
 * checkpoints), exact.
 *
 * @example
 * const influence = gradientInfluence(await answerSketches(answer, checkpoints, sketches), sketches);
 */
export function gradientInfluence(answer: readonly Int32Array[], sketches: GradientSketches): bigint[] {
	if (answer.length !== sketches.checkpoints.length)
		throw new RangeError(
			`The answer has ${answer.length} checkpoint sketches; the adapter kept ${sketches.checkpoints.length}.`
		);
	const { dimensions } = sketches.projection;
	const influence: bigint[] = [];
	for (let group = 0; group < sketches.groups; group++) {
		let total = 0n;
		sketches.checkpoints.forEach(({ weight }, k) => {
			const row = sketches.sums[k]!.subarray(group * dimensions, (group + 1) * dimensions);
			total += BigInt(weight) * sketchDot(answer[k]!, row);
		});
		influence.push(total);
	}
	return influence;
}

/**
 * Each group's gradient score: its {@link gradientInfluence} when positive, else 0 (a negative influence earns
 * nothing). Throws when a score would not be a safe integer.
 *
 * @example
 * const scores = gradientScores(await answerSketches(answer, checkpoints, sketches), sketches);
 */
export function gradientScores(answer: readonly Int32Array[], sketches: GradientSketches): number[] {
	return gradientInfluence(answer, sketches).map((total, group) => {
		if (total > BigInt(Number.MAX_SAFE_INTEGER))
			throw new RangeError(`Group ${group}'s gradient score ${total} is beyond 2^53.`);
		return total > 0n ? Number(total) : 0;
	});
}

/** floor(√n) of a non-negative bigint, exactly (Newton's method on integers). */
export function bigintSqrt(n: bigint): bigint {
	if (n < 0n) throw new RangeError(`No square root of ${n}.`);
	if (n < 2n) return n;
	let x = BigInt(Math.floor(Math.sqrt(Number(n))));
	// The float guess is close; integer Newton steps make it exact.
	for (;;) {
		const next = (x + n / x) >> 1n;
		if (next >= x && x * x <= n && (x + 1n) * (x + 1n) > n) return x;
		x = next > 0n ? next : 1n;
	}
}

/**
 * Each group's sketch norm, weighted as its influence is: Σ_k weight_k × floor(‖sum_{k,group}‖). Dividing a
 * group's influence by it ranks groups by cosine (the direction their examples agree on), not by how many examples
 * they have. Exact integers.
 */
export function sketchNorms(sketches: GradientSketches): bigint[] {
	const { dimensions } = sketches.projection;
	const norms: bigint[] = [];
	for (let group = 0; group < sketches.groups; group++) {
		let total = 0n;
		sketches.checkpoints.forEach(({ weight }, k) => {
			const row = sketches.sums[k]!.subarray(group * dimensions, (group + 1) * dimensions);
			total += BigInt(weight) * bigintSqrt(sketchDot(row, row));
		});
		norms.push(total);
	}
	return norms;
}
