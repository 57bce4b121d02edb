// The attribution artifacts of an adapter version, built when it is published (the page's publish step and
// `provena train`) and kept in its folder under attribution/: the span index of what it was trained on, the gradient
// sketches of each contribution at the kept checkpoints, and a manifest that ties both to the adapter's weights, the
// base tokenizer and the contributions by key. An answer is attributed from these files and the folder's
// checkpoints/ alone.
import { tree } from '@jax-js/jax';
import { sha256Hex } from '../../shared/hash/sha256.ts';
import { loraScale } from '../core/loraAdapter.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import type { AdapterSnapshot } from '../factory/checkpoint.ts';
import { canonicalJson } from '../factory/fingerprint.ts';
import type { PublishedFile } from '../factory/publishedFolder.ts';
import { snapshotFolder } from '../factory/publishedFolder.ts';
import type { TrainingExample, TrainingSource } from '../factory/trainingExamples.ts';
import { jaxLoraFromAdapter, type JaxWeights } from '../training/jaxForward.ts';
import { releaseTrainSteps } from '../training/trainStep.ts';
import { DEFAULT_PROJECTION, type ProjectionSpec } from './gradientProjection.ts';
import { gradientSketches, type GradientSketches, type SketchCheckpoint } from './gradientSketches.ts';
import { corpusRecordsOf, spanCorpus } from './spanCorpus.ts';
import { spanIndexFiles } from './spanIndexFiles.ts';
import { suffixArray } from './suffixArray.ts';
import { AttributionArtifactsError } from './errors.ts';
import { ATTRIBUTION_MANIFEST, GRADIENT_SKETCHES_FILE, SPAN_INDEX_DIR } from './attributionPaths.ts';

export { AttributionArtifactsError };

export const ATTRIBUTION_FORMAT = 'provena-attribution/1';
/** What attribution/attribution.json holds. */
export type AttributionManifest = {
	format: typeof ATTRIBUTION_FORMAT;
	/** SHA-256 of the adapter_model.safetensors these artifacts belong to. */
	adapter: string;
	/** SHA-256 of the base tokenizer's canonical tokenizer.json. */
	tokenizer: string;
	/** The contributions by key, in index order: the span index's and the sketches' contribution numbers index this. */
	contributions: string[];
	/** Training examples of each contribution that the artifacts cover. */
	examples: number[];
	spanIndex: { dir: string; commitment: string };
	gradients: {
		file: string;
		sha256: string;
		projection: ProjectionSpec;
		parameters: number;
		/** Kept checkpoints in order: their folder in the adapter folder, step and integer weight. */
		checkpoints: { dir: string; step: number; weight: number }[];
	};
};

/** What the artifacts are built from. */
export type AttributionArtifactsInput = {
	config: ModelConfig;
	base: JaxWeights;
	/** The run's sources (a contribution is a source, or each record's entry of `contributionKeys` when given). */
	sources: readonly (TrainingSource & { contributionKeys?: readonly string[] })[];
	/** The examples the adapter was trained on (the training split). */
	examples: readonly TrainingExample[];
	snapshots: readonly AdapterSnapshot[];
	/** The adapter's adapter_model.safetensors bytes, which the artifacts name. */
	adapterWeights: Uint8Array;
	tokenizerJson: Record<string, unknown>;
	projection?: ProjectionSpec;
	signal?: AbortSignal;
	onProgress?: (progress: { stage: 'spans' | 'gradients'; done: number; total: number }) => void;
};

/**
 * SHA-256 of a tokenizer.json, over its canonical JSON so formatting does not matter: what both an index and an
 * answer name their tokenizer by.
 */
export async function tokenizerHash(tokenizerJson: Record<string, unknown>): Promise<string> {
	return sha256Hex(new TextEncoder().encode(canonicalJson(tokenizerJson)));
}

/**
 * Each example's contribution, as an index into the contribution keys: a record's key when its source gives one,
 * else the source's label. Keys are numbered in order of first appearance.
 */
export function contributionsOf(
	sources: AttributionArtifactsInput['sources'],
	examples: readonly TrainingExample[]
): { keys: string[]; ofExample: number[] } {
	const keyOfRecord = sources.map((source) => {
		const byId = new Map<string, string>();
		source.records.forEach((record, i) => {
			if (!byId.has(record.id)) byId.set(record.id, source.contributionKeys?.[i] ?? source.label);
		});
		return byId;
	});
	const keys: string[] = [];
	const indexOf = new Map<string, number>();
	const ofExample = examples.map((example) => {
		const key = keyOfRecord[example.sourceIndex]?.get(example.recordId);
		if (key === undefined)
			throw new AttributionArtifactsError(`Example ${example.recordId} belongs to no record of its source.`);
		let index = indexOf.get(key);
		if (index === undefined) {
			index = keys.length;
			keys.push(key);
			indexOf.set(key, index);
		}
		return index;
	});
	return { keys, ofExample };
}

/**
 * The artifact files, under attribution/, in a fixed order; the same run gives the same bytes.
 *
 * @example
 * files.push(...(await attributionArtifactFiles({ config, base, sources, examples: split.train, snapshots, adapterWeights, tokenizerJson })));
 */
export async function attributionArtifactFiles(input: AttributionArtifactsInput): Promise<PublishedFile[]> {
	const { config, examples, snapshots, signal } = input;
	if (examples.length === 0) throw new AttributionArtifactsError('There are no training examples to attribute to.');
	if (snapshots.length === 0)
		throw new AttributionArtifactsError('The run kept no checkpoints, so gradient sketches cannot be taken.');
	const tokenizer = await tokenizerHash(input.tokenizerJson);
	const adapter = await sha256Hex(input.adapterWeights);
	const { keys, ofExample } = contributionsOf(input.sources, examples);
	const exampleIndex = new Map(examples.map((example, i) => [example, i]));
	const contributionOf = (example: TrainingExample) => ofExample[exampleIndex.get(example)!]!;

	input.onProgress?.({ stage: 'spans', done: 0, total: 1 });
	const corpus = spanCorpus(corpusRecordsOf(examples, contributionOf), config.vocabSize);
	const span = await spanIndexFiles(corpus, suffixArray(corpus.tokens, corpus.vocabSize + 1), {
		tokenizer,
		trainedOn: adapter
	});
	input.onProgress?.({ stage: 'spans', done: 1, total: 1 });
	signal?.throwIfAborted();

	const projection = input.projection ?? DEFAULT_PROJECTION;
	const checkpoints: SketchCheckpoint[] = snapshots.map((snapshot) => ({
		step: snapshot.step,
		learningRate: snapshot.learningRate,
		model: {
			settings: { config, loraScale: loraScale(snapshot.adapter) },
			base: input.base,
			lora: jaxLoraFromAdapter(config, snapshot.adapter)
		}
	}));
	let sketches: GradientSketches;
	try {
		sketches = await gradientSketches(examples, contributionOf, keys.length, checkpoints, projection, (done, total) => {
			signal?.throwIfAborted();
			input.onProgress?.({ stage: 'gradients', done, total });
		});
	} finally {
		for (const checkpoint of checkpoints) {
			tree.dispose(checkpoint.model.lora);
			releaseTrainSteps(checkpoint.model.settings);
		}
	}
	const sketchBytes = int32Bytes(sketches.sums);
	const manifest: AttributionManifest = {
		format: ATTRIBUTION_FORMAT,
		adapter,
		tokenizer,
		contributions: keys,
		examples: keys.map((_, c) => ofExample.filter((x) => x === c).length),
		spanIndex: { dir: SPAN_INDEX_DIR, commitment: span.manifest.commitment },
		gradients: {
			file: GRADIENT_SKETCHES_FILE,
			sha256: await sha256Hex(sketchBytes),
			projection,
			parameters: sketches.parameters,
			checkpoints: sketches.checkpoints.map(({ step, weight }) => ({ dir: snapshotFolder(step), step, weight }))
		}
	};
	const files: PublishedFile[] = [
		{ path: ATTRIBUTION_MANIFEST, bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) },
		{ path: manifest.gradients.file, bytes: sketchBytes }
	];
	for (const [path, bytes] of [...span.files].sort(([a], [b]) => (a < b ? -1 : 1)))
		files.push({ path: `${SPAN_INDEX_DIR}${path}`, bytes });
	return files;
}

/** The checkpoints' sketch rows one after another, little-endian int32. */
function int32Bytes(parts: readonly Int32Array[]): Uint8Array {
	const total = parts.reduce((sum, part) => sum + part.length, 0);
	const bytes = new Uint8Array(total * 4);
	const view = new DataView(bytes.buffer);
	let at = 0;
	for (const part of parts) for (const value of part) view.setInt32(at++ * 4, value, true);
	return bytes;
}

/**
 * Reads the sketches file back as {@link GradientSketches}, checked against the manifest.
 */
export function decodeSketches(manifest: AttributionManifest, bytes: Uint8Array): GradientSketches {
	const { projection, parameters, checkpoints } = manifest.gradients;
	const groups = manifest.contributions.length;
	const perCheckpoint = groups * projection.dimensions;
	if (bytes.byteLength !== perCheckpoint * checkpoints.length * 4)
		throw new AttributionArtifactsError(
			`The gradient sketches hold ${bytes.byteLength} bytes, not the ${perCheckpoint * checkpoints.length * 4} the attribution manifest describes.`
		);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const sums = checkpoints.map((_, k) => {
		const row = new Int32Array(perCheckpoint);
		for (let i = 0; i < perCheckpoint; i++) row[i] = view.getInt32((k * perCheckpoint + i) * 4, true);
		return row;
	});
	return {
		projection,
		parameters,
		checkpoints: checkpoints.map(({ step, weight }) => ({ step, weight })),
		groups,
		sums
	};
}
