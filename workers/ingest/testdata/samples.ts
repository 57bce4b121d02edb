// Test helpers: read the committed sample files and count tokens with the default model's real tokenizer, so the
// ingest tests exercise what the product runs. Node only (tests and the CLI), never imported by the worker.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hfTokenizer } from '../../ml/tokenizer/hfTokenizer.ts';
import type { IngestSource } from '../ingestFile.ts';
import type { TokenCount } from '../records/recordSchema.ts';

/** The folder holding the sample files. */
export const TESTDATA = import.meta.dirname;

/** A sample file's bytes. */
export const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(join(TESTDATA, name)));

/** A sample file as an ingest source, read only when the pipeline asks. */
export function sampleSource(name: string): IngestSource {
	const path = join(TESTDATA, name);
	return { name, size: statSync(path).size, read: async () => new Uint8Array(readFileSync(path)) };
}

let cached: TokenCount | undefined;

/** Token counts from static/models/provena-tiny's tokenizer. */
export function tinyTokenCount(): TokenCount {
	if (cached) return cached;
	const dir = join(TESTDATA, '../../../static/models/provena-tiny');
	const tokenizer = hfTokenizer(
		JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')),
		JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8'))
	);
	cached = (text) => tokenizer.encode(text).length;
	return cached;
}
