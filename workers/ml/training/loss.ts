// Next-token cross-entropy for causal LM training, in @jax-js/jax, written so that it differentiates and jits:
// the target's log-probability is picked by comparing the targets with arange(vocab) (a [B, T, V] mask the
// size of the logits) rather than nn.oneHot (which builds a V×V identity) or takeAlongAxis (which crashed
// inside jit(grad) in @jax-js/jax 0.1.25).
import { nn, numpy as np } from '@jax-js/jax';
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

/** A batch could not be built or does not fit the loss. */
export class TrainingBatchError extends ProvenaError {
	override name = 'TrainingBatchError';
}

/**
 * One training batch on the host: rows right-padded to a common length. `targets[b][t]` is the token that
 * should follow position t (`inputIds[b][t + 1]`), and `weights[b][t]` is 1 where that target is a real token
 * of the row and 0 elsewhere (the last position and padding), so the loss is a mean over real predictions.
 */
export type TokenBatch = {
	batchSize: number;
	seqLength: number;
	inputIds: Int32Array;
	targets: Int32Array;
	weights: Float32Array;
	/** How many weights are 1: the loss's denominator. */
	count: number;
};

/**
 * Builds a right-padded next-token batch from token rows. Right padding keeps positions 0…n-1 of every row
 * where the forward pass puts them, and under a causal mask the pad tokens cannot influence real ones.
 *
 * @example
 * const batch = nextTokenBatch([[1, 5, 9], [1, 7]], 0);
 * // inputIds [[1, 5, 9], [1, 7, 0]], targets [[5, 9, 0], [7, 0, 0]], weights [[1, 1, 0], [1, 0, 0]], count 3
 */
export function nextTokenBatch(rows: readonly (readonly number[])[], padTokenId: number): TokenBatch {
	if (rows.length === 0) throw new TrainingBatchError('A training batch needs at least one row.');
	const seqLength = Math.max(...rows.map((row) => row.length));
	const batchSize = rows.length;
	const inputIds = new Int32Array(batchSize * seqLength).fill(padTokenId);
	const targets = new Int32Array(batchSize * seqLength).fill(padTokenId);
	const weights = new Float32Array(batchSize * seqLength);
	let count = 0;
	rows.forEach((row, b) => {
		for (let t = 0; t < row.length; t++) {
			inputIds[b * seqLength + t] = row[t]!;
			if (t + 1 < row.length) {
				targets[b * seqLength + t] = row[t + 1]!;
				weights[b * seqLength + t] = 1;
				count++;
			}
		}
	});
	if (count === 0) throw new TrainingBatchError('Every row is shorter than two tokens: there is nothing to predict.');
	return { batchSize, seqLength, inputIds, targets, weights, count };
}

/** A token row with its loss mask: `lossMask[t]` is 1 when token t is a target (predicted from tokens before it). */
export type MaskedTokenRow = { tokenIds: readonly number[]; lossMask: readonly number[] };

/**
 * Builds a next-token batch of exactly `batchSize` rows × `seqLength` positions from masked rows: fewer rows than
 * `batchSize` are completed with padding rows of weight 0, and every row is right-padded to `seqLength`. Position
 * t's target is token t + 1 with weight `lossMask[t + 1]`, so prompt tokens (mask 0) are read but never predicted.
 * One shape for every batch means one compiled step.
 *
 * @example
 * const batch = maskedTokenBatch([{ tokenIds: [1, 5, 9], lossMask: [0, 0, 1] }], { batchSize: 2, seqLength: 4 }, 0);
 * // inputIds [[1, 5, 9, 0], [0, 0, 0, 0]], targets [[5, 9, 0, 0], [0, 0, 0, 0]], weights [[0, 1, 0, 0], [0, 0, 0, 0]]
 */
export function maskedTokenBatch(
	rows: readonly MaskedTokenRow[],
	shape: { batchSize: number; seqLength: number },
	padTokenId: number
): TokenBatch {
	const { batchSize, seqLength } = shape;
	if (rows.length === 0) throw new TrainingBatchError('A training batch needs at least one row.');
	if (rows.length > batchSize)
		throw new TrainingBatchError(`${rows.length} rows do not fit a batch of ${batchSize}; split them.`);
	const inputIds = new Int32Array(batchSize * seqLength).fill(padTokenId);
	const targets = new Int32Array(batchSize * seqLength).fill(padTokenId);
	const weights = new Float32Array(batchSize * seqLength);
	let count = 0;
	rows.forEach((row, b) => {
		if (row.tokenIds.length > seqLength)
			throw new TrainingBatchError(`A row of ${row.tokenIds.length} tokens does not fit ${seqLength} positions.`);
		if (row.lossMask.length !== row.tokenIds.length)
			throw new TrainingBatchError("A row's loss mask must have one entry per token.");
		for (let t = 0; t < row.tokenIds.length; t++) {
			inputIds[b * seqLength + t] = row.tokenIds[t]!;
			if (t + 1 < row.tokenIds.length && row.lossMask[t + 1] === 1) {
				targets[b * seqLength + t] = row.tokenIds[t + 1]!;
				weights[b * seqLength + t] = 1;
				count++;
			}
		}
	});
	if (count === 0)
		throw new TrainingBatchError('No row of this batch has a target token: there is nothing to predict.');
	return { batchSize, seqLength, inputIds, targets, weights, count };
}

/**
 * The batch's arrays on the default device: ids and targets int32 [B, T], and weights float32 [B, T] already
 * divided by the count, so they sum to 1 and the loss needs no batch-dependent constant (which would make a
 * jitted step recompile for every batch).
 */
export type JaxTokenBatch = { inputIds: np.Array; targets: np.Array; weights: np.Array };

/**
 * Puts a host batch on the jax device.
 *
 * @example
 * const batch = toJaxBatch(nextTokenBatch(rows, padId));
 */
export function toJaxBatch(batch: TokenBatch): JaxTokenBatch {
	const shape = [batch.batchSize, batch.seqLength];
	return {
		inputIds: np.array(new Int32Array(batch.inputIds), { shape, dtype: np.int32 }),
		targets: np.array(new Int32Array(batch.targets), { shape, dtype: np.int32 }),
		weights: np.array(
			batch.weights.map((w) => w / batch.count),
			{ shape }
		)
	};
}

/**
 * Weighted cross-entropy Σ w·(−log softmax(logits)[target]) over [B, T] positions: the mean over real
 * predictions when the weights are those of {@link toJaxBatch}. Consumes its arrays.
 *
 * @example
 * const loss = crossEntropyLoss(logits, batch.targets.ref, batch.weights.ref);
 * const value = (await loss.data())[0];
 */
export function crossEntropyLoss(logits: np.Array, targets: np.Array, weights: np.Array): np.Array {
	const vocab = logits.shape[logits.ndim - 1]!;
	const logProbs = nn.logSoftmax(logits, -1); // [B, T, V]
	// Where the vocabulary index equals the target: a comparison mask, differentiable as a constant factor.
	const isTarget = np.equal(np.expandDims(targets, -1), np.arange(vocab)).astype(np.float32);
	const targetLogProb = logProbs.mul(isTarget).sum(-1); // [B, T]
	return targetLogProb.mul(weights).sum().mul(-1);
}

/**
 * The same loss in float64 from host logits (row-major [B·T × V]): the ground truth of gradient checks.
 *
 * @example
 * const loss = referenceCrossEntropy(logitsFromReference, batch);
 */
export function referenceCrossEntropy(logits: ArrayLike<number>, batch: TokenBatch): number {
	const positions = batch.batchSize * batch.seqLength;
	const vocab = logits.length / positions;
	let total = 0;
	for (let p = 0; p < positions; p++) {
		if (batch.weights[p] === 0) continue;
		let max = -Infinity;
		for (let v = 0; v < vocab; v++) max = Math.max(max, logits[p * vocab + v]!);
		let sum = 0;
		for (let v = 0; v < vocab; v++) sum += Math.exp(logits[p * vocab + v]! - max);
		const logSumExp = max + Math.log(sum);
		total += batch.weights[p]! * (logSumExp - logits[p * vocab + batch.targets[p]!]!);
	}
	return total / batch.count;
}
