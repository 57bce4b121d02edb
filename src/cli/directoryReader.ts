// A model or adapter folder on disk as the shared loaders read one (loadModelFiles, loadAdapterFiles).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelFileReader } from '../../workers/ml/model/modelDirectory.ts';

/**
 * A ModelFileReader over a local directory: undefined for a file that does not exist.
 *
 * @example
 * const model = await loadModelFiles(directoryReader('static/models/provena-tiny'), { source: dir });
 */
export function directoryReader(dir: string): ModelFileReader {
	return async (name) => {
		try {
			return new Uint8Array(await readFile(join(dir, name)));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw error;
		}
	};
}
