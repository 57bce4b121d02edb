// The process one `modelfactory` measurement runs in: `node modelFactoryJob.ts '<TrainingJob JSON>'` prints progress
// on stderr and one `RESULT {…}` line on stdout. A process per measurement gives each its own peak memory (jax's Wasm
// memory never shrinks) and lets one that runs out of memory or time end without taking the suite with it.
import type { TrainingJob } from './modelFactoryPlan.ts';

/** The line prefix the suite reads the result from. */
const RESULT_PREFIX = 'RESULT ';

// jax-js keeps its WebAssembly.Memory private; remembering every memory made in this process is how its size is read.
// jax-js makes its memory when it is first imported, so everything that imports it is imported after this, below.
const memories: WebAssembly.Memory[] = [];
const NativeMemory = WebAssembly.Memory;
Object.defineProperty(WebAssembly, 'Memory', {
	configurable: true,
	writable: true,
	value: class extends NativeMemory {
		constructor(descriptor: WebAssembly.MemoryDescriptor) {
			super(descriptor);
			memories.push(this);
		}
	}
});

const probe = () => ({
	wasmBytes: Math.max(0, ...memories.map((memory) => memory.buffer.byteLength)),
	// resourceUsage reports kilobytes.
	maxRssBytes: process.resourceUsage().maxRSS * 1024
});

const job = JSON.parse(process.argv[2] ?? 'null') as TrainingJob | null;
if (!job) {
	console.error("usage: node modelFactoryJob.ts '<TrainingJob JSON>'");
	process.exit(2);
}
const { initJaxWasm } = await import('../../../workers/ml/training/initJaxWasm.ts');
const { measureTrainingJob } = await import('./modelFactoryMeasure.ts');
await initJaxWasm();
const result = await measureTrainingJob(job, probe, (line) => console.error(line));
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0));
