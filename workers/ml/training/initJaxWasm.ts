// Starts jax-js on its Wasm backend, the trainer's backend in Node (which has no WebGPU): the default model's
// script and the trainer's tests use it; the training worker picks WebGPU or Wasm itself.
import { defaultDevice, init } from '@jax-js/jax';

/** Starts jax-js on Wasm and makes it the default device. */
export async function initJaxWasm(): Promise<void> {
	await init('wasm');
	defaultDevice('wasm');
}
