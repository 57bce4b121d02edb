// Node side of the `decode-vs-transformers` browser suite: finds the model folder (static/models/provena-tiny, or
// $PROVENA_BENCH_MODEL), exports it to transformers.js' layout, and has both served beside the site; the timing
// itself happens in the browser (workers/bench/decodeVsTransformers.ts).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';
import { exportTransformersJsModel } from '../../../../workers/ml/onnx/exportTransformersJsModel.ts';
import { repoRoot } from '../../paths.ts';
import { browserBenchSuite } from './browserBenchSuite.ts';
import { benchAssetsUrl, type BrowserBenchAsset } from './runBrowserBench.ts';

/** The benchmark's model folder is missing or incomplete. */
export class BenchModelMissingError extends ProvenaError {
	override name = 'BenchModelMissingError';
}

/** The model benchmarked when $PROVENA_BENCH_MODEL is not set. */
export const defaultBenchModelDir = join(repoRoot, 'static/models/provena-tiny');

const suite = 'decode-vs-transformers';

/** Environment knobs (the bench command's arguments are shared by every suite). */
function settings() {
	const env = process.env;
	return {
		modelDir: resolve(env.PROVENA_BENCH_MODEL ?? defaultBenchModelDir),
		tokens: env.PROVENA_BENCH_TOKENS ?? '64',
		repeats: env.PROVENA_BENCH_REPEATS ?? '5',
		backends: env.PROVENA_BENCH_BACKENDS ?? 'webgpu,wasm'
	};
}

export const decodeVsTransformers = browserBenchSuite(
	suite,
	'Decode tok/s and TTFT in Chromium: our engine vs transformers.js text-generation, same model (WebGPU and Wasm)',
	async (log) => {
		const { modelDir, tokens, repeats, backends } = settings();
		const shown = relative(process.cwd(), modelDir) || modelDir;
		for (const file of ['config.json', 'model.safetensors', 'tokenizer.json']) {
			if (!existsSync(join(modelDir, file))) {
				throw new BenchModelMissingError(
					`The benchmark model is missing: ${join(shown, file)} does not exist. Restore static/models/provena-tiny (it ships with the repository) or set PROVENA_BENCH_MODEL to a model folder (config.json, model.safetensors, tokenizer.json).`
				);
			}
		}
		const read = (name: string) =>
			readFile(join(modelDir, name)).then(
				(bytes) => new Uint8Array(bytes),
				() => undefined
			);
		const exported = await exportTransformersJsModel(read, { source: shown });
		const modelName = basename(modelDir);
		log(`model ${shown}: exported ${exported.size} files for transformers.js`);
		const assets: BrowserBenchAsset[] = [{ to: 'model', from: modelDir }];
		for (const [path, bytes] of exported) assets.push({ to: `transformers-js/${modelName}/${path}`, bytes });
		const base = benchAssetsUrl(suite);
		return {
			options: {
				model: `${base}model/`,
				tjsRoot: `${base}transformers-js/`,
				tjsModel: modelName,
				tokens,
				repeats,
				backends
			},
			assets
		};
	}
);
