// The ingest worker (extract, records, dedupe against the datanet), started on the first upload. An upload to a
// datanet goes through prepareAgainstDatanet.ts, which sends the worker only what its kept index lacks.
import { createBridge } from './workerBridge.ts';
import type { IngestApi } from '../../../workers/ingest/ingestApi.ts';
import * as ingestErrors from '../../../workers/ingest/errors.ts';
import IngestWorker from '../../../workers/ingest.worker.ts?worker';

// Five quiet minutes: long enough that a contributor's next upload finds the datanet's index still there.
const INGEST_IDLE_MS = 5 * 60_000;

export const ingestWorker = createBridge<IngestApi>(() => new IngestWorker({ name: 'provena-ingest' }), {
	idleMs: INGEST_IDLE_MS,
	errors: Object.values(ingestErrors)
});
