// The token counter records are measured with: the datanet's base model's tokenizer, fetched from its folder URL and
// kept per folder, so uploads to the same datanet reuse it; a failed load is dropped so the next upload retries.
import { hfTokenizer } from '../ml/tokenizer/hfTokenizer.ts';
import { TokenizerLoadError } from './errors.ts';
import type { TokenCount } from './records/recordSchema.ts';

/** Returns the token counter of the tokenizer in `folder` (a URL, absolute or relative to `base`). */
export type TokenCountFor = (folder: string) => Promise<TokenCount>;

/**
 * A cached {@link TokenCountFor} that fetches tokenizer.json and tokenizer_config.json over HTTP.
 *
 * @example
 * const tokenCountFor = fetchedTokenCounts(self.location.href);
 * const count = await tokenCountFor('/models/provena-tiny/');
 */
export function fetchedTokenCounts(base: string): TokenCountFor {
	const tokenizers = new Map<string, Promise<TokenCount>>();
	return (tokenizerUrl) => {
		const folder = new URL(tokenizerUrl.endsWith('/') ? tokenizerUrl : `${tokenizerUrl}/`, base).href;
		let loading = tokenizers.get(folder);
		if (!loading) {
			loading = loadTokenCount(folder);
			loading.catch(() => tokenizers.delete(folder));
			tokenizers.set(folder, loading);
		}
		return loading;
	};
}

async function loadTokenCount(folder: string): Promise<TokenCount> {
	const [json, config] = await Promise.all(['tokenizer.json', 'tokenizer_config.json'].map((name) => fetchJson(folder, name)));
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
