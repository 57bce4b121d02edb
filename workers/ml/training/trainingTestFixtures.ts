// jax setup for the trainer's tests, on the Wasm backend (Node has no WebGPU). The models are the shared
// fixtures of ../model/fixtureModels.ts.
import { defaultDevice, init } from '@jax-js/jax';

/** Starts jax-js on Wasm, the backend the trainer uses in Node. */
export async function initJaxWasm(): Promise<void> {
	await init('wasm');
	defaultDevice('wasm');
}
