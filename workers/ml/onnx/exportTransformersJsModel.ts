// Lays a Provena model folder out the way @huggingface/transformers (transformers.js) loads a causal LM:
// config.json, the tokenizer files and generation_config.json as they are, plus `onnx/model.onnx` built by our own
// graph builder. It exists so benchmarks and tests can run transformers.js' text-generation pipeline on exactly
// the graph and weights our engine runs, and compare the two runtimes rather than two exports.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { loadModelFiles, type LoadOptions, type ModelFileReader } from '../model/modelDirectory.ts';
import { buildDecoderGraph } from './buildDecoderGraph.ts';

/** A model folder cannot be exported for transformers.js (e.g. it has no tokenizer). */
export class TransformersJsExportError extends ProvenaError {
	override name = 'TransformersJsExportError';
}

/** The files copied unchanged when present; config.json and tokenizer.json are required. */
const copiedFiles = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json'] as const;

/** Where transformers.js looks for the fp32 decoder of a causal LM (`dtype: 'fp32'`, session name `model`). */
export const transformersJsModelPath = 'onnx/model.onnx';

/**
 * The transformers.js layout of a model folder: relative path → file bytes. The graph is the one our web sessions
 * open (KV cache `past_key_values.{i}.key|value` in, `present.{i}.key|value` out, RoPE tables), unchanged, no LoRA.
 * transformers.js 4.3 feeds a decoder only the inputs its graph declares, so it sends no attention_mask or
 * position_ids here. Its first, empty cache is sized from the inputs' metadata, where only a dimension named
 * `batch_size` resolves: ours is `batch`, so it feeds [0, kvHeads, 0, headDim], which onnxruntime's Concat skips as
 * empty (seen on onnxruntime-node and on onnxruntime-web's Wasm and WebGPU providers).
 *
 * @example
 * const files = await exportTransformersJsModel((name) => readFile(join(dir, name)).then((b) => new Uint8Array(b), () => undefined));
 * for (const [path, bytes] of files) await writeFile(join(outDir, path), bytes);
 */
export async function exportTransformersJsModel(
	read: ModelFileReader,
	options: LoadOptions = {}
): Promise<Map<string, Uint8Array>> {
	const source = options.source ?? 'the model directory';
	const { config, weights } = await loadModelFiles(read, { source });
	const files = new Map<string, Uint8Array>();
	for (const name of copiedFiles) {
		const bytes = await read(name);
		if (bytes) files.set(name, bytes);
	}
	if (!files.has('tokenizer.json')) {
		throw new TransformersJsExportError(
			`${source} has no tokenizer.json, which transformers.js' text-generation pipeline needs. Add the model's tokenizer files and export again.`
		);
	}
	files.set(transformersJsModelPath, buildDecoderGraph(config, weights, { kvCache: true, ropeTables: true }));
	return files;
}
