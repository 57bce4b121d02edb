// The ingest worker: turns the contributor's files into records.jsonl off the main thread (extract, clean, records,
// quality filters, dedupe against the datanet's contributions, whose index it keeps between uploads), so a large
// PDF never freezes the Contribute page. The API is in ingest/ingestApi.ts.
import { expose } from './rpc/expose.ts';
import { createIngestApi } from './ingest/ingestApi.ts';
import { fetchedTokenCounts } from './ingest/loadTokenCount.ts';

expose(createIngestApi(fetchedTokenCounts(self.location.href)));
