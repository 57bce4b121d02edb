// What ModelFactory puts on IPFS and on chain for a finished fine-tune, as plain data: the model card the registry
// points to (JSON, schema provena.model/1: what the Models page lists), the adapter release the registry records
// (the folder's CID, the weights' SHA-256, the datanet versions, training.json's CID), and the listing form's checks.
// No DOM and no chain access, so the page and tests build the same bytes.
import { formatEther, parseEther, sha256, type Hex } from 'viem';
import type { AdapterRelease } from '../chain/actions/publishAdapter.ts';
import { MODEL_CARD_SCHEMA } from '../models/registry/modelCard.ts';
import type { FineTuneEvaluation } from '../../../workers/ml/factory/evaluateFineTune.ts';
import type { PublishedFile } from '../../../workers/ml/factory/publishedFolder.ts';
import { GRADIENT_SKETCHES_FILE, SPAN_INDEX_DIR } from '../../../workers/ml/attribution/attributionPaths.ts';
import type { VersionRef } from './trainingVersions.ts';

/** The adapter's weights inside the published folder: the file whose SHA-256 goes on chain. */
export const ADAPTER_WEIGHTS = 'adapter_model.safetensors';
/** The run's settings, data versions and loss log inside the published folder. */
export const TRAINING_CONFIG = 'training.json';

const NAME_MAX = 80;
const SUMMARY_MAX = 280;

/** What the person publishing says about the model. */
export type ModelListing = { name: string; summary: string; inferenceFee: string };

/** Why a listing field cannot be used, by field. */
export type ListingErrors = Partial<Record<keyof ModelListing, string>>;

/**
 * The listing's problems, each said beside its field, and the fee in wei when it parses.
 *
 * @example
 * checkListing({ name: '', summary: '', inferenceFee: '0.001' }, 10n ** 15n).errors.name; // 'Give the model a name…'
 */
export function checkListing(
	listing: ModelListing,
	minInferenceFee: bigint | undefined
): { errors: ListingErrors; inferenceFee?: bigint } {
	const errors: ListingErrors = {};
	const name = listing.name.trim();
	if (!name) errors.name = 'Give the model a name; the Models page lists it under this name.';
	else if ([...name].length > NAME_MAX) errors.name = `Keep the name to ${NAME_MAX} characters or fewer.`;
	if ([...listing.summary.trim()].length > SUMMARY_MAX)
		errors.summary = `Keep the summary to ${SUMMARY_MAX} characters or fewer.`;
	let inferenceFee: bigint | undefined;
	try {
		inferenceFee = parseEther(listing.inferenceFee.trim());
		if (listing.inferenceFee.trim() === '' || inferenceFee < 0n) throw new Error('not an amount');
	} catch {
		errors.inferenceFee = 'Enter the fee per answer in OPEN, like 0.001.';
		inferenceFee = undefined;
	}
	if (inferenceFee !== undefined && minInferenceFee !== undefined && inferenceFee < minInferenceFee)
		errors.inferenceFee = `The protocol's minimum is ${formatEther(minInferenceFee)} OPEN per answer; set at least that.`;
	return { errors, ...(inferenceFee !== undefined ? { inferenceFee } : {}) };
}

/**
 * The SHA-256 of the folder's adapter weights, as the registry stores it and the Models page checks it.
 *
 * @example
 * adapterHashOf(outcome.files); // '0x9f86…'
 */
export function adapterHashOf(files: readonly PublishedFile[]): Hex {
	const weights = files.find((file) => file.path === ADAPTER_WEIGHTS);
	if (!weights) throw new Error(`The trained folder has no ${ADAPTER_WEIGHTS}; train the adapter again.`);
	return sha256(weights.bytes);
}

/**
 * The base model the adapter was made for, as its adapter_config.json names it (`base_model_name_or_path`): what the
 * registry records, and what the Models page compares with the model it has loaded.
 */
export function baseModelIdOf(files: readonly PublishedFile[]): string {
	const config = files.find((file) => file.path === 'adapter_config.json');
	const id =
		config &&
		(JSON.parse(new TextDecoder().decode(config.bytes)) as { base_model_name_or_path?: unknown })
			.base_model_name_or_path;
	if (typeof id !== 'string' || id === '')
		throw new Error('The trained folder’s adapter_config.json names no base model.');
	return id;
}

/** The datanet versions as the registry takes them: one per datanet, in id order. */
export function trainedOnOf(data: readonly VersionRef[]): AdapterRelease['trainedOn'] {
	const byDatanet = new Map(data.map((ref) => [BigInt(ref.datanetId), ref.version]));
	if (byDatanet.size !== data.length)
		throw new Error('A model can be trained on one version of each datanet; the run names a datanet twice.');
	return [...byDatanet]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([datanetId, version]) => ({ datanetId, version }));
}

/**
 * The adapter release for a published folder, naming its attribution artifacts (the span index's folder and the
 * gradient sketches' file, by CID) when it has them; a folder without them registers empty CIDs, and its answers
 * are paid to the datanet pool.
 */
export function adapterReleaseOf(p: {
	folderCid: string;
	fileCids: Readonly<Record<string, string>>;
	files: readonly PublishedFile[];
	data: readonly VersionRef[];
}): AdapterRelease {
	const trainingConfigCid = p.fileCids[TRAINING_CONFIG];
	if (!trainingConfigCid) throw new Error(`The published folder ${p.folderCid} has no ${TRAINING_CONFIG}.`);
	return {
		adapterCid: p.folderCid,
		adapterHash: adapterHashOf(p.files),
		trainedOn: trainedOnOf(p.data),
		attributionIndexCid: p.fileCids[SPAN_INDEX_DIR] ?? '',
		gradientSketchCid: p.fileCids[GRADIENT_SKETCHES_FILE] ?? '',
		trainingConfigCid
	};
}

/** What the JSON model card says. */
export type ModelCardInput = {
	name: string;
	summary: string;
	baseModelId: string;
	adapterCid: string;
	/** The folder's README.md (the Hugging Face card with every setting and metric). */
	readmeCid: string | undefined;
	trainingConfigCid: string;
	data: readonly VersionRef[];
	evaluation: FineTuneEvaluation | undefined;
};

/**
 * The model card's bytes: fixed key order, so the same listing of the same run always has the same CID.
 *
 * @example
 * const bytes = modelCardBytes({ name: 'Forecast bot', summary: '', baseModelId, adapterCid, … });
 */
export function modelCardBytes(card: ModelCardInput): Uint8Array {
	const metrics =
		card.evaluation?.base && card.evaluation.adapter
			? {
					validationLossBefore: round(card.evaluation.base.loss),
					validationLossAfter: round(card.evaluation.adapter.loss),
					perplexityBefore: round(card.evaluation.base.perplexity),
					perplexityAfter: round(card.evaluation.adapter.perplexity)
				}
			: undefined;
	const json = {
		schema: MODEL_CARD_SCHEMA,
		name: card.name.trim(),
		...(card.summary.trim() ? { summary: card.summary.trim() } : {}),
		baseModel: card.baseModelId,
		adapter: card.adapterCid,
		...(card.readmeCid ? { readme: card.readmeCid } : {}),
		training: card.trainingConfigCid,
		data: card.data.map((ref) => ({
			datanetId: ref.datanetId,
			version: ref.version,
			manifest: ref.manifestCid,
			licence: ref.licence
		})),
		...(metrics ? { metrics } : {})
	};
	return new TextEncoder().encode(JSON.stringify(json, null, 2) + '\n');
}

function round(value: number): number {
	return Number(value.toPrecision(6));
}
