// Checking autodiff against finite differences of the float64 reference loss: the trainer's tests in Node and its
// self-test in the browser judge gradients the same way.

/**
 * Central difference of `loss` in one float32 entry of `data`, divided by the step float32 actually stored (not
 * the nominal 1e-3), so rounding of the perturbed weight does not bias the estimate. Restores the entry.
 *
 * @example
 * const numeric = centralDifference(weights.get(name)!.data, 17, () => referenceLoss(config, weights, batch));
 */
export function centralDifference(data: Float32Array, index: number, loss: () => number): number {
	const original = data[index]!;
	data[index] = original + 1e-3;
	const plusValue = data[index]!;
	const plus = loss();
	data[index] = original - 1e-3;
	const minusValue = data[index]!;
	const minus = loss();
	data[index] = original;
	return (plus - minus) / (plusValue - minusValue);
}

/**
 * |analytic − numeric| relative to max(|numeric|, 1e-3), so entries whose derivative is ~0 are judged absolutely.
 *
 * @example
 * relativeError(0.5001, 0.5); // 2e-4
 */
export function relativeError(analytic: number, numeric: number): number {
	return Math.abs(analytic - numeric) / Math.max(Math.abs(numeric), 1e-3);
}
