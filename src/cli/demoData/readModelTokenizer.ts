// The tokenizer of a model folder on disk (tokenizer.json and tokenizer_config.json), through the same
// transformers.js classes the page and the ingest worker use, so token counts agree everywhere.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hfTokenizer, type ModelTokenizer } from '../../../workers/ml/tokenizer/hfTokenizer.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';

/**
 * Reads the tokenizer of the model folder `dir`.
 *
 * @example
 * const tokenizer = await readModelTokenizer('static/models/provena-tiny');
 * tokenizer.encode('Moonbell Island').length;
 */
export async function readModelTokenizer(dir: string): Promise<ModelTokenizer> {
	const readJson = async (name: string): Promise<object> => {
		try {
			return JSON.parse(await readFile(join(dir, name), 'utf8')) as object;
		} catch (error) {
			throw new ProvenaError(
				`Could not read ${join(dir, name)}; give a model folder with tokenizer.json and tokenizer_config.json.`,
				{
					cause: error
				}
			);
		}
	};
	return hfTokenizer(await readJson('tokenizer.json'), await readJson('tokenizer_config.json'));
}
