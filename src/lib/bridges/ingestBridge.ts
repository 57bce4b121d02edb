// The ingest worker (extract, records, dedupe against the datanet), started on the first upload.
import { createBridge } from './workerBridge.ts';
import type { IngestApi } from '../../../workers/ingest.worker.ts';
import IngestWorker from '../../../workers/ingest.worker.ts?worker';

export const ingestWorker = createBridge<IngestApi>(() => new IngestWorker({ name: 'provena-ingest' }));
