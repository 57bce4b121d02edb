// AdamW (Loshchilov & Hutter: Adam with bias correction and weight decay decoupled from the gradient),
// global-norm gradient clipping and learning-rate schedules, over any jax tree of parameters. Written here
// because @jax-js/optax is not available from the registry.
import { jit, numpy as np, tree, type JsTree } from '@jax-js/jax';
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

/** An optimizer setting is out of range. */
export class OptimizerConfigError extends ProvenaError {
	override name = 'OptimizerConfigError';
}

/** AdamW's hyperparameters (PyTorch's defaults, except weight decay, which LoRA recipes usually keep small). */
export type AdamWConfig = {
	beta1: number;
	beta2: number;
	epsilon: number;
	/** Decoupled: θ ← θ − lr·decay·θ, applied only to matrices (ndim ≥ 2), never to norms or biases. */
	weightDecay: number;
};

export const DEFAULT_ADAMW: AdamWConfig = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01 };

/** Moment estimates shaped like the parameters, and how many updates have been applied. */
export type AdamWState<T> = { m: T; v: T; step: number };

/**
 * Fresh AdamW state (zero moments) for a parameter tree; does not consume `params`.
 *
 * @example
 * let state = adamwInit(lora);
 */
export function adamwInit<T>(params: T): AdamWState<T> {
	const zeros = (leaf: np.Array) => np.zeros(leaf.shape);
	return {
		m: tree.map(zeros, params as never) as T,
		v: tree.map(zeros, params as never) as T,
		step: 0
	};
}

/**
 * One AdamW update. Consumes `params`, `grads` and `state`; returns the new parameters and state.
 *
 * @example
 * [lora, state] = adamwUpdate(lora, grads, state, 1e-3, DEFAULT_ADAMW);
 */
export function adamwUpdate<T>(
	params: T,
	grads: T,
	state: AdamWState<T>,
	learningRate: number,
	config: AdamWConfig = DEFAULT_ADAMW
): [T, AdamWState<T>] {
	const step = state.step + 1;
	// Bias correction undoes the zero initialisation of the moments, which matters most in the first steps.
	const scalars = np.array([learningRate, 1 / (1 - config.beta1 ** step), 1 / (1 - config.beta2 ** step)]);
	const [newParams, m, v] = compiledUpdate(config)(
		params as never,
		grads as never,
		state.m as never,
		state.v as never,
		scalars
	);
	return [newParams as T, { m: m as T, v: v as T, step }];
}

type Tree = JsTree<np.Array>;

// One jitted update per hyperparameter set; the learning rate and bias corrections travel as an array, so a
// schedule does not recompile it. Jitting fuses the per-leaf arithmetic that eager mode dispatches op by op.
const compiledUpdates = new Map<string, (p: Tree, g: Tree, m: Tree, v: Tree, s: np.Array) => [Tree, Tree, Tree]>();

function compiledUpdate(config: AdamWConfig) {
	const key = JSON.stringify([config.beta1, config.beta2, config.epsilon, config.weightDecay]);
	const cached = compiledUpdates.get(key);
	if (cached) return cached;
	const { beta1, beta2, epsilon, weightDecay } = config;
	const update = (params: Tree, grads: Tree, ms: Tree, vs: Tree, scalars: np.Array): [Tree, Tree, Tree] => {
		const [paramLeaves, treedef] = tree.flatten(params);
		const gradLeaves = tree.leaves(grads);
		const mLeaves = tree.leaves(ms);
		const vLeaves = tree.leaves(vs);
		if (gradLeaves.length !== paramLeaves.length) {
			throw new OptimizerConfigError('Gradients and parameters have different tree structures.');
		}
		const learningRate = scalars.ref.slice(0);
		const correction1 = scalars.ref.slice(1);
		const correction2 = scalars.slice(2);
		const newParams: np.Array[] = [];
		const newM: np.Array[] = [];
		const newV: np.Array[] = [];
		paramLeaves.forEach((param, i) => {
			const g = gradLeaves[i]!;
			const m = mLeaves[i]!.mul(beta1).add(g.ref.mul(1 - beta1));
			const v = vLeaves[i]!.mul(beta2).add(np.square(g).mul(1 - beta2));
			const update = m.ref
				.mul(correction1.ref)
				.div(np.sqrt(v.ref.mul(correction2.ref)).add(epsilon))
				.mul(learningRate.ref);
			// Decoupled decay on matrices only: θ ← θ − lr·decay·θ, never on norms or biases.
			const decayed =
				param.ndim >= 2 && weightDecay > 0 ? param.ref.sub(param.mul(learningRate.ref.mul(weightDecay))) : param;
			newParams.push(decayed.sub(update));
			newM.push(m);
			newV.push(v);
		});
		learningRate.dispose();
		correction1.dispose();
		correction2.dispose();
		return [tree.unflatten(treedef, newParams), tree.unflatten(treedef, newM), tree.unflatten(treedef, newV)];
	};
	const jitted = jit(update) as unknown as (p: Tree, g: Tree, m: Tree, v: Tree, s: np.Array) => [Tree, Tree, Tree];
	compiledUpdates.set(key, jitted);
	return jitted;
}

/**
 * Scales a gradient tree so its global L2 norm is at most `maxNorm` (no change when it already is). Consumes
 * `grads`; returns the clipped tree and the norm before clipping.
 *
 * @example
 * const [clipped, normBefore] = await clipByGlobalNorm(grads, 1.0);
 */
export async function clipByGlobalNorm<T>(grads: T, maxNorm: number): Promise<[T, number]> {
	if (!(maxNorm > 0)) throw new OptimizerConfigError(`maxNorm must be positive, got ${maxNorm}.`);
	const norm = await globalNorm(grads);
	if (norm <= maxNorm) return [grads, norm];
	const scale = maxNorm / norm;
	return [tree.map((leaf: np.Array) => leaf.mul(scale), grads as never) as T, norm];
}

/**
 * The L2 norm of all leaves together, as a number; does not consume `grads`.
 *
 * @example
 * const norm = await globalNorm(grads);
 */
export async function globalNorm<T>(grads: T): Promise<number> {
	const leaves = tree.leaves(grads as never) as np.Array[];
	let total: np.Array | undefined;
	for (const leaf of leaves) {
		const squares = np.square(leaf.ref).sum();
		total = total ? total.add(squares) : squares;
	}
	if (!total) return 0;
	return Math.sqrt((await total.data())[0]!);
}

/** A learning-rate schedule: linear warmup from 0 to the peak, then cosine or linear decay to the minimum. */
export type LearningRateSchedule = {
	kind: 'cosine' | 'linear' | 'constant';
	peak: number;
	warmupSteps: number;
	totalSteps: number;
	/** Where the decay ends (at step totalSteps and after); 0 when absent. */
	minimum?: number;
};

/**
 * The learning rate at a 0-based step: 0 at step 0 when there is warmup, the peak at step warmupSteps, the
 * minimum at step totalSteps and after.
 *
 * @example
 * const schedule = { kind: 'cosine', peak: 1e-3, warmupSteps: 10, totalSteps: 100 } as const;
 * learningRateAt(schedule, 10); // 1e-3
 * learningRateAt(schedule, 100); // 0
 */
export function learningRateAt(schedule: LearningRateSchedule, step: number): number {
	const { kind, peak, warmupSteps, totalSteps } = schedule;
	const minimum = schedule.minimum ?? 0;
	if (!(warmupSteps >= 0 && totalSteps >= warmupSteps)) {
		throw new OptimizerConfigError(`Need 0 ≤ warmupSteps ≤ totalSteps, got ${warmupSteps} and ${totalSteps}.`);
	}
	if (step < warmupSteps) return (peak * step) / warmupSteps;
	if (kind === 'constant') return peak;
	const decaySteps = totalSteps - warmupSteps;
	const progress = decaySteps === 0 ? 1 : Math.min(1, (step - warmupSteps) / decaySteps);
	const shape = kind === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress;
	return minimum + (peak - minimum) * shape;
}
