// The inference worker, started on demand from the page. It holds the open model between calls, so it is never
// stopped for being idle.
import { createBridge } from './workerBridge.ts';
import type { InferenceApi } from '../../../workers/inference.worker.ts';
import InferenceWorker from '../../../workers/inference.worker.ts?worker';
import { DeviceLostError, EngineRequestError } from '../../../workers/ml/serving/errors.ts';
import { ModelDirectoryError } from '../../../workers/ml/model/modelDirectory.ts';
import { ModelDownloadError } from '../../../workers/ml/model/fetchModelFiles.ts';
import { ModelTooLargeError } from '../../../workers/ml/model/planModelDownload.ts';
import { UnsupportedModelError } from '../../../workers/ml/model/parseModelConfig.ts';
import { AdapterMismatchError } from '../../../workers/ml/model/parsePeftAdapter.ts';
import { AdapterHashMismatchError } from '../../../workers/ml/serving/adapterIntegrity.ts';

export const inferenceWorker = createBridge<InferenceApi>(() => new InferenceWorker({ name: 'provena-inference' }), {
	idleMs: Infinity,
	errors: [
		DeviceLostError,
		EngineRequestError,
		ModelDirectoryError,
		ModelDownloadError,
		ModelTooLargeError,
		UnsupportedModelError,
		AdapterMismatchError,
		AdapterHashMismatchError
	]
});
