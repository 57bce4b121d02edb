// The training worker (jax-js on WebGPU, or Wasm without it), started on demand from the page.
import { createBridge } from './workerBridge.ts';
import type { TrainingApi } from '../../../workers/training.worker.ts';
import TrainingWorker from '../../../workers/training.worker.ts?worker';

export const trainingWorker = createBridge<TrainingApi>(() => new TrainingWorker({ name: 'provena-training' }));
