// Helpers of the ONNX decoder tests: feeding onnxruntime-node. The models themselves are the shared fixtures of
// ../model/fixtureModels.ts.
import * as ort from 'onnxruntime-node';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { HostTensor } from '../core/hostTensor.ts';

// Float32 ONNX against the float64 reference: differences are float32 rounding through 2 layers with std 0.3
// weights (logits of order 1), so 1e-4 absolute is a comfortable bound; measured maxima are logged.
export const TOLERANCE = 1e-4;

export function idsTensor(rows: readonly (readonly number[])[]): ort.Tensor {
	const length = rows[0]!.length;
	return new ort.Tensor(
		'int64',
		BigInt64Array.from(rows.flat(), (v) => BigInt(v)),
		[rows.length, length]
	);
}

/** Zero-length KV-cache feeds ([batch, kvHeads, 0, headDim] per layer) for a first, uncached run. */
export function emptyCacheFeeds(config: ModelConfig, batch: number): Record<string, ort.Tensor> {
	const feeds: Record<string, ort.Tensor> = {};
	const dims = [batch, config.numKeyValueHeads, 0, config.headDim];
	for (let layer = 0; layer < config.numLayers; layer++) {
		feeds[`past_key_values.${layer}.key`] = new ort.Tensor('float32', new Float32Array(0), dims);
		feeds[`past_key_values.${layer}.value`] = new ort.Tensor('float32', new Float32Array(0), dims);
	}
	return feeds;
}

/** The next run's past_key_values feeds: this run's present outputs. */
export function cacheFeedsFrom(
	config: ModelConfig,
	results: ort.InferenceSession.ReturnType
): Record<string, ort.Tensor> {
	const feeds: Record<string, ort.Tensor> = {};
	for (let layer = 0; layer < config.numLayers; layer++) {
		feeds[`past_key_values.${layer}.key`] = results[`present.${layer}.key`]!;
		feeds[`past_key_values.${layer}.value`] = results[`present.${layer}.value`]!;
	}
	return feeds;
}

/** Pool tensors as onnxruntime feeds. */
export function poolFeeds(pools: ReadonlyMap<string, HostTensor>): Record<string, ort.Tensor> {
	const feeds: Record<string, ort.Tensor> = {};
	for (const [name, tensor] of pools) feeds[name] = new ort.Tensor('float32', tensor.data, [...tensor.shape]);
	return feeds;
}

export function indexTensor(values: readonly number[]): ort.Tensor {
	return new ort.Tensor(
		'int64',
		BigInt64Array.from(values, (v) => BigInt(v)),
		[values.length]
	);
}
