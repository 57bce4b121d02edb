// Browser suite `decode-vs-transformers`: time to first token and decode speed of our engine (our graph on
// onnxruntime-web through createOrtWebDecoderSession + generate) against transformers.js' own text-generation
// pipeline on the same model exported to its layout (same graph, same weights), in the same worker and run. Per
// backend (WebGPU, then Wasm): one warm-up of each, then `repeats` alternating timed runs; medians are reported.
import { env, pipeline, type TextGenerationPipeline } from '@huggingface/transformers';
import { configureOrtWebWasm, createOrtWebDecoderSession } from '../ml/serving/ortWebDecoderSession.ts';
import { loadModelFiles } from '../ml/model/modelDirectory.ts';
import { fetchModelFiles } from '../ml/model/fetchModelFiles.ts';
import { BrowserBenchError, intOption, option, type BrowserBench, type BrowserBenchRow } from './browserBench.ts';
import { describeAdapter } from './describeAdapter.ts';
import { decodeRows } from './decodeRows.ts';
import { timeOurDecode, timeTransformersJsDecode, type DecodeTiming } from './timeDecode.ts';

const defaultPrompt = 'A community datanet trains an adapter in the browser and pays every contributor for';
type Backend = 'webgpu' | 'wasm';

/** The device transformers.js opened its decoder session on (it has no fallback: a failed provider throws). */
function pipelineDevice(generator: TextGenerationPipeline): string | undefined {
	const { sessions } = generator.model as unknown as { sessions: Record<string, { config?: { device?: unknown } }> };
	const device = sessions['model']?.config?.device;
	return typeof device === 'string' ? device : undefined;
}

export const decodeVsTransformers: BrowserBench = {
	title:
		'Decode tokens/s and time to first token: our engine vs transformers.js text-generation, same model and browser',
	async run({ options, ortWasmUrl, gpu, log, signal }) {
		// Folders end in '/', so relative file names resolve inside them.
		const folder = (name: string) => new URL(option(options, name).replace(/\/?$/, '/'), self.location.href).href;
		const modelUrl = folder('model');
		// A path, not a full URL: transformers.js only probes local files (tokenizer_config.json) under a path.
		const tjsRoot = new URL(folder('tjsRoot')).pathname;
		const tjsModel = option(options, 'tjsModel');
		const prompt = option(options, 'prompt', defaultPrompt);
		const newTokens = intOption(options, 'tokens', 64);
		const repeats = intOption(options, 'repeats', 5);
		const backends = option(options, 'backends', 'webgpu,wasm').split(',') as Backend[];

		configureOrtWebWasm(ortWasmUrl);
		// transformers.js shares this onnxruntime-web and pointed it at a CDN on import: point it back at our asset.
		env.backends.onnx.wasm!.wasmPaths = { wasm: ortWasmUrl };
		env.allowRemoteModels = false;
		env.allowLocalModels = true;
		env.localModelPath = tjsRoot;
		env.useBrowserCache = false;

		const { config, weights } = await loadModelFiles(fetchModelFiles(modelUrl), { source: modelUrl });
		const adapter = await describeAdapter(gpu);
		log(
			`model: ${config.numLayers} layers, hidden ${config.hiddenSize}, vocab ${config.vocabSize}; adapter: ${adapter.description}`
		);

		const rows: BrowserBenchRow[] = [];
		const notes: string[] = [];
		for (const backend of backends) {
			if (backend !== 'webgpu' && backend !== 'wasm') {
				throw new BrowserBenchError(`Unknown backend "${backend}": use webgpu and/or wasm.`);
			}
			signal.throwIfAborted();
			log(`${backend}: opening both engines`);
			const ours = await createOrtWebDecoderSession(config, weights, { gpu: backend === 'webgpu' ? gpu : undefined });
			let generator: TextGenerationPipeline | undefined;
			try {
				generator = (await pipeline('text-generation', tjsModel, {
					device: backend,
					dtype: 'fp32'
				})) as TextGenerationPipeline;
				const theirBackend = pipelineDevice(generator) ?? backend;
				log(`${backend}: warm-up (ours on ${ours.backend}, transformers.js on ${theirBackend})`);
				// transformers.js tokenizes the prompt; ours is given the very ids it fed.
				const warm = await timeTransformersJsDecode(generator, prompt, newTokens);
				const { promptIds } = warm;
				const ourWarm = await timeOurDecode(ours, promptIds, newTokens);
				const sameTokens = ourWarm.tokenIds.every((id, i) => id === warm.tokenIds[i]);
				if (!sameTokens) notes.push(`${backend}: the engines chose different tokens (greedy); see details.tokens.`);

				const ourRuns: DecodeTiming[] = [];
				const theirRuns: DecodeTiming[] = [];
				for (let run = 1; run <= repeats; run++) {
					signal.throwIfAborted();
					// Alternating, so drift (thermal, other load) hits both engines alike.
					ourRuns.push(await timeOurDecode(ours, promptIds, newTokens));
					theirRuns.push(await timeTransformersJsDecode(generator, prompt, newTokens));
					const speed = (runs: DecodeTiming[]) => runs.at(-1)!.decodeTokensPerSecond.toFixed(1);
					log(
						`${backend}: run ${run}/${repeats}: ours ${speed(ourRuns)} tok/s, transformers.js ${speed(theirRuns)} tok/s`
					);
				}
				const details = {
					oursBackend: ours.backend,
					// Asked for WebGPU and fell back: say why.
					...(backend === 'webgpu' && ours.fallbackReason ? { oursFallbackReason: ours.fallbackReason } : {}),
					transformersJsBackend: theirBackend,
					promptTokens: promptIds.length,
					newTokens,
					repeats,
					sameTokens,
					tokens: { ours: ourWarm.tokenIds, transformersJs: warm.tokenIds }
				};
				rows.push(
					...decodeRows(
						backend,
						{ backend: ours.backend, runs: ourRuns },
						{ backend: theirBackend, runs: theirRuns },
						details
					)
				);
			} finally {
				await generator?.dispose();
				await ours.release();
			}
		}
		notes.push(
			`Medians of ${repeats} runs after one warm-up each, ${newTokens} new tokens, greedy, no early stop; ` +
				'decode tok/s counts the tokens after the first. Both engines run the same ONNX graph (ours built it; ' +
				'transformers.js loads it from its onnx/model.onnx), so the ratios compare the runtimes around it. ' +
				"transformers.js' TTFT includes its pipeline tokenizing the prompt; ours starts from the ids it fed."
		);
		const caveat = adapter.isCpu
			? ' (a CPU rasteriser: absolute timings say nothing about a real GPU; only the ratios within this run mean anything)'
			: '';
		return { environment: `${adapter.userAgent}; WebGPU adapter: ${adapter.description}${caveat}`, rows, notes };
	}
};
