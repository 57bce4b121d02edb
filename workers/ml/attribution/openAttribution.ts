// Opens an adapter folder's attribution artifacts for attributing answers: the manifest checked against the base
// tokenizer and the adapter's own weights, the span index (chunks fetched later, as searches reach them), the
// gradient sketches and the kept checkpoints' adapters. Every file is checked against a hash before it is used.
import { sha256Hex } from '../../shared/hash/sha256.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import type { ModelConfig } from '../core/modelConfig.ts';
import { loadAdapterFiles, type ModelFileReader } from '../model/modelDirectory.ts';
import { ATTRIBUTION_FORMAT, decodeSketches, tokenizerHash, type AttributionManifest } from './attributionArtifacts.ts';
import { ATTRIBUTION_MANIFEST } from './attributionPaths.ts';
import { AttributionArtifactsError, MissingAttributionArtifactsError } from './errors.ts';
import { sketchNorms, type GradientSketches } from './gradientSketches.ts';
import { openSpanIndex, SpanIndexError, type ChunkedSpanIndexReader, type SpanTables } from './spanIndexFiles.ts';

export { MissingAttributionArtifactsError };

/** An adapter's artifacts, ready to attribute answers with. */
export type OpenedAttribution = {
	manifest: AttributionManifest;
	spans: { reader: ChunkedSpanIndexReader; tables: SpanTables; commitment: string };
	sketches: GradientSketches;
	/** Each contribution's weighted sketch norm (sketchNorms), computed once. */
	sketchNorms: bigint[];
	/** The kept checkpoints' adapters, in the manifest's order. */
	checkpoints: LoraAdapter[];
};

/** The base model an adapter is attributed against. */
export type AttributionBase = { config: ModelConfig; modelId?: string; tokenizerJson: Record<string, unknown> };

/**
 * Opens the artifacts in an adapter folder (`read` gives a file by its path in the folder, undefined when absent).
 * Throws MissingAttributionArtifactsError when the folder has none, AttributionArtifactsError or SpanIndexError
 * (naming the file) when they are corrupt, or made for another adapter or tokenizer.
 *
 * @example
 * const opened = await openAttribution(directoryReader('adapters/weather'), { config, tokenizerJson });
 */
export async function openAttribution(read: ModelFileReader, base: AttributionBase): Promise<OpenedAttribution> {
	const manifestBytes = await read(ATTRIBUTION_MANIFEST);
	if (!manifestBytes)
		throw new MissingAttributionArtifactsError(
			`This adapter was published without attribution artifacts (${ATTRIBUTION_MANIFEST}), so no answer of it can be traced to contributions. Its answers are paid to the datanet pool; publish it again from ModelFactory or provena train to attribute them.`
		);
	const manifest = parseManifest(manifestBytes);
	const tokenizer = await tokenizerHash(base.tokenizerJson);
	if (manifest.tokenizer !== tokenizer)
		throw new AttributionArtifactsError(
			'The attribution artifacts were made with another tokenizer than this base model’s, so its answers cannot be compared with them. Attribute with the base model the adapter was trained on.',
			{ details: `artifacts' tokenizer ${manifest.tokenizer}, this model's ${tokenizer}` }
		);
	const weights = await read('adapter_model.safetensors');
	if (!weights) throw new AttributionArtifactsError('The adapter folder has no adapter_model.safetensors.');
	const adapter = await sha256Hex(weights);
	if (manifest.adapter !== adapter)
		throw new AttributionArtifactsError(
			'The attribution artifacts belong to another adapter version than the weights beside them: they would credit other data. Use the folder this version was published as.',
			{ details: `artifacts of adapter ${manifest.adapter}, weights hash to ${adapter}` }
		);

	const indexRead = async (path: string) => {
		const bytes = await read(`${manifest.spanIndex.dir}${path}`);
		if (!bytes) throw new Error(`${manifest.spanIndex.dir}${path} is missing.`);
		return bytes;
	};
	const span = await openSpanIndex(indexRead, { tokenizer, trainedOn: adapter });
	if (span.manifest.commitment !== manifest.spanIndex.commitment)
		throw new SpanIndexError(
			'The span index is not the one the attribution manifest names (its commitment differs). Fetch the adapter folder again.',
			{ details: `manifest names ${manifest.spanIndex.commitment}, index is ${span.manifest.commitment}` }
		);
	if (span.tables.recordContributions.some((c) => c >= manifest.contributions.length))
		throw new SpanIndexError('The span index names a contribution the attribution manifest does not list.');

	const sketchBytes = await read(manifest.gradients.file);
	if (!sketchBytes)
		throw new AttributionArtifactsError(
			`The gradient sketches (${manifest.gradients.file}) are missing from the adapter folder. Fetch it again.`
		);
	const sketchHash = await sha256Hex(sketchBytes);
	if (sketchHash !== manifest.gradients.sha256)
		throw new AttributionArtifactsError(
			`The gradient sketches (${manifest.gradients.file}) do not match their hash in the attribution manifest: the file is corrupt or was replaced. Fetch the adapter folder again.`,
			{ details: `expected ${manifest.gradients.sha256}, got ${sketchHash}` }
		);
	const sketches = decodeSketches(manifest, sketchBytes);

	const checkpoints: LoraAdapter[] = [];
	for (const { dir } of manifest.gradients.checkpoints)
		checkpoints.push(
			await loadAdapterFiles((name) => read(`${dir}${name}`), base, { source: `the adapter folder's ${dir}` })
		);
	return {
		manifest,
		spans: { reader: span.reader, tables: span.tables, commitment: span.manifest.commitment },
		sketches,
		sketchNorms: sketchNorms(sketches),
		checkpoints
	};
}

function parseManifest(bytes: Uint8Array): AttributionManifest {
	let manifest: AttributionManifest;
	try {
		manifest = JSON.parse(new TextDecoder().decode(bytes)) as AttributionManifest;
	} catch (error) {
		throw new AttributionArtifactsError(`${ATTRIBUTION_MANIFEST} is not JSON; the adapter's artifacts are corrupt.`, {
			cause: error
		});
	}
	if (manifest?.format !== ATTRIBUTION_FORMAT || !Array.isArray(manifest.contributions) || !manifest.gradients)
		throw new AttributionArtifactsError(
			`${ATTRIBUTION_MANIFEST} is not an attribution manifest this version reads (format ${String(manifest?.format)}, expected ${ATTRIBUTION_FORMAT}).`
		);
	return manifest;
}
