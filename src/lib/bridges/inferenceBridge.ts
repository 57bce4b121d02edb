// The inference worker, started on demand from the page.
import { createBridge } from './workerBridge.ts';
import type { InferenceApi } from '../../../workers/inference.worker.ts';
import InferenceWorker from '../../../workers/inference.worker.ts?worker';

export const inferenceWorker = createBridge<InferenceApi>(() => new InferenceWorker({ name: 'provena-inference' }));
