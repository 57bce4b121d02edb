// A tensor in ordinary memory: row-major float32 data and its shape. What the file readers produce and the
// reference forward pass and the trainer consume; GPU tensors are the engine's business.

/** Row-major float32 data with its shape (the product of `shape` is `data.length`). */
export type HostTensor = { shape: readonly number[]; data: Float32Array };

/** Named tensors, as in a safetensors file. */
export type TensorMap = ReadonlyMap<string, HostTensor>;
