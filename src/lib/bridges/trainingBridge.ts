// The training worker (jax-js on WebGPU, or Wasm without it), started on demand from the page and stopped when idle.
import { createBridge } from './workerBridge.ts';
import type { TrainingApi } from '../../../workers/training.worker.ts';
import TrainingWorker from '../../../workers/training.worker.ts?worker';
import { TrainerStartError } from '../../../workers/ml/training/errors.ts';
import { FINE_TUNE_ERRORS } from '../../../workers/ml/factory/errors.ts';

export const trainingWorker = createBridge<TrainingApi>(() => new TrainingWorker({ name: 'provena-training' }), {
	errors: [TrainerStartError, ...FINE_TUNE_ERRORS]
});
