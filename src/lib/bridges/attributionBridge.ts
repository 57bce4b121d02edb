// The attribution worker, started on demand from the page. It keeps the open adapter's artifacts (and the span-index
// chunks already fetched) between answers, so it is never stopped for being idle.
import { createBridge } from './workerBridge.ts';
import type { AttributionApi } from '../../../workers/attribution.worker.ts';
import AttributionWorker from '../../../workers/attribution.worker.ts?worker';
import { AnswerInputError } from '../../../workers/ml/attribution/answerExample.ts';
import { AttributionArtifactsError, MissingAttributionArtifactsError } from '../../../workers/ml/attribution/errors.ts';
import { SpanIndexError } from '../../../workers/ml/attribution/spanIndexFiles.ts';
import { AdapterMismatchError } from '../../../workers/ml/model/parsePeftAdapter.ts';
import { ModelDirectoryError } from '../../../workers/ml/model/modelDirectory.ts';

export const attributionWorker = createBridge<AttributionApi>(
	() => new AttributionWorker({ name: 'provena-attribution' }),
	{
		idleMs: Infinity,
		errors: [
			AnswerInputError,
			AttributionArtifactsError,
			MissingAttributionArtifactsError,
			SpanIndexError,
			AdapterMismatchError,
			ModelDirectoryError
		]
	}
);
