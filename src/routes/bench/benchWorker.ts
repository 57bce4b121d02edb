// The bench worker, started on demand by the hidden /bench page only (it bundles transformers.js, which the app
// itself does not load).
import { createBridge } from '$lib/bridges/workerBridge.ts';
import type { BenchApi } from './bench.worker.ts';
import BenchWorker from './bench.worker.ts?worker';

export const benchWorker = createBridge<BenchApi>(() => new BenchWorker({ name: 'provena-bench' }));
