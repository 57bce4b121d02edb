// The inference worker: runs models with onnxruntime-web (WebGPU, or Wasm without it) off the main thread.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { expose } from './rpc/expose.ts';
import { configureOrtWebWasm } from './ml/generation/ortWebDecoderSession.ts';
import { runEngineSelfTest } from './ml/engineSelfTest.ts';

configureOrtWebWasm(wasmUrl);

const api = {
	selfTest: async (signal: AbortSignal) => runEngineSelfTest((self.navigator as Navigator & { gpu?: GPU }).gpu, signal)
};

export type InferenceApi = typeof api;

expose(api);
