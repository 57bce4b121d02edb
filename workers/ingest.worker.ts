// The ingest worker: turns the contributor's files into records.jsonl off the main thread (extract, clean, records,
// quality filters, dedupe against the datanet's contributions), so a large PDF never freezes the Contribute page.
import { expose, reportProgress } from './rpc/expose.ts';
import {
	fileSource,
	prepareContribution,
	type ExistingContribution,
	type PreparedContribution
} from './ingest/prepareContribution.ts';
import type { TokenCount } from './ingest/records/recordSchema.ts';
import { hfTokenizer } from './ml/tokenizer/hfTokenizer.ts';
import { ProvenaError } from './shared/errors/ProvenaError.ts';

/** The base model's tokenizer files could not be fetched or read. */
export class TokenizerLoadError extends ProvenaError {
	override name = 'TokenizerLoadError';
}

/** What the page sends for one upload. */
export type PrepareRequest = {
	files: File[];
	redact: boolean;
	maxTokens?: number;
	/** A folder URL holding tokenizer.json and tokenizer_config.json (the datanet's base model). */
	tokenizerUrl: string;
	against: ExistingContribution[];
};

// Uploads to the same datanet reuse its base model's tokenizer; a failed load is dropped so the next upload retries.
const tokenizers = new Map<string, Promise<TokenCount>>();

function tokenCountFor(tokenizerUrl: string): Promise<TokenCount> {
	const folder = new URL(tokenizerUrl.endsWith('/') ? tokenizerUrl : `${tokenizerUrl}/`, self.location.href).href;
	let loading = tokenizers.get(folder);
	if (!loading) {
		loading = loadTokenCount(folder);
		loading.catch(() => tokenizers.delete(folder));
		tokenizers.set(folder, loading);
	}
	return loading;
}

async function loadTokenCount(folder: string): Promise<TokenCount> {
	const [json, config] = await Promise.all(
		['tokenizer.json', 'tokenizer_config.json'].map((name) => fetchJson(folder, name))
	);
	const tokenizer = hfTokenizer(json!, config!);
	return (text) => tokenizer.encode(text).length;
}

async function fetchJson(folder: string, name: string): Promise<object> {
	const url = new URL(name, folder).href;
	let response: Response;
	try {
		response = await fetch(url);
	} catch (error) {
		throw new TokenizerLoadError(
			`The model's tokenizer could not be downloaded (${url}); check your connection and try the upload again.`,
			{ cause: error }
		);
	}
	if (!response.ok)
		throw new TokenizerLoadError(
			`The model's tokenizer is missing: ${url} answered ${response.status}. Choose a datanet whose base model is available, or reload the page and try again.`,
			{ details: `${response.status} ${response.statusText}` }
		);
	try {
		return (await response.json()) as object;
	} catch (error) {
		throw new TokenizerLoadError(
			`The model's tokenizer file ${url} is not valid JSON; the model's files are damaged, so ask the datanet's owner to republish them.`,
			{ cause: error }
		);
	}
}

const api = {
	/** Ingests and deduplicates the files; progress values are PrepareProgress. */
	prepare: async (signal: AbortSignal, request: PrepareRequest): Promise<PreparedContribution> => {
		const tokenCount = await tokenCountFor(request.tokenizerUrl);
		signal.throwIfAborted();
		return prepareContribution(request.files.map(fileSource), {
			tokenCount,
			maxTokens: request.maxTokens,
			redact: request.redact,
			against: request.against,
			signal,
			onProgress: (progress) => reportProgress(signal, progress)
		});
	}
};

export type IngestApi = typeof api;

expose(api);
