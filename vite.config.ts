// Vite + Vitest configuration. Workers are ES modules; unit tests run in Node (workers/ and src/lib code
// that has no DOM), while browser behaviour is covered by Playwright in e2e/.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	worker: { format: 'es' },
	build: { target: 'es2023' },
	// Worker-only dependencies: pre-bundled up front, or the dev server reloads the page mid-run.
	optimizeDeps: { include: ['onnxruntime-web/webgpu', 'protobufjs', '@jax-js/jax', '@huggingface/transformers'], esbuildOptions: { target: 'es2023' } },
	test: {
		include: ['src/**/*.test.ts', 'workers/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
