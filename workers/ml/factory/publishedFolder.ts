// The folder a finished fine-tune is published as (to IPFS by the page, to disk by the CLI): the adapter in PEFT's
// own layout, so Hugging Face PEFT loads it unchanged, a model card, training.json with everything needed to audit or
// attribute the run, and the kept snapshots under checkpoints/. The bytes are a function of the run alone (no
// timestamps or timings, fixed key order, floats rounded to fixed significant digits), so the same run publishes
// the same CIDs.
import { peftAdapterFiles } from '../training/exportPeftAdapter.ts';
import type { LoraAdapter } from '../core/loraAdapter.ts';
import type { FineTuneEvaluation } from './evaluateFineTune.ts';
import { fineTuneModelCard } from './fineTuneModelCard.ts';
import type { CompletedFineTune } from './runFineTune.ts';
import { trainingJson } from './trainingJson.ts';

/** A data source as the card and training.json name it. */
export type PublishedSource = {
	label: string;
	/** The datanet version's CID, when it came from one. */
	cid?: string;
	license?: string;
	records: number;
};

/** What the folder says about the run besides the run's own result. */
export type PublishedFolderMeta = {
	/** The base model's id: adapter_config.json's base_model_name_or_path, and the card's subject. */
	baseModelId: string;
	/** The card's title; "<base> LoRA" when absent. */
	name?: string;
	sources: readonly PublishedSource[];
	/** From buildTrainingExamples: examples made, examples cut to the sequence length, records skipped. */
	data: { examples: number; truncated: number; skipped: number };
	evaluation?: FineTuneEvaluation;
};

/** One file of the folder: its path inside the folder and its bytes. */
export type PublishedFile = { path: string; bytes: Uint8Array };

/**
 * The folder's files, in a fixed order: adapter_config.json, adapter_model.safetensors, README.md, training.json,
 * then checkpoints/step-<n>/ (adapter_config.json, adapter_model.safetensors) for each kept snapshot.
 *
 * @example
 * for (const { path, bytes } of fineTuneFolderFiles(result, meta)) await writeFile(join(out, path), bytes);
 */
export function fineTuneFolderFiles(result: CompletedFineTune, meta: PublishedFolderMeta): PublishedFile[] {
	const files: PublishedFile[] = [...adapterFiles('', result.adapter, meta.baseModelId)];
	files.push({ path: 'README.md', bytes: utf8(fineTuneModelCard(result, meta)) });
	files.push({ path: 'training.json', bytes: utf8(trainingJson(result, meta)) });
	for (const snapshot of result.snapshots)
		files.push(...adapterFiles(snapshotFolder(snapshot.step), snapshot.adapter, meta.baseModelId));
	return files;
}

/**
 * Where a kept snapshot goes in the folder.
 *
 * @example
 * snapshotFolder(40); // 'checkpoints/step-40/'
 */
export function snapshotFolder(step: number): string {
	return `checkpoints/step-${step}/`;
}

function adapterFiles(prefix: string, adapter: LoraAdapter, baseModelId: string): PublishedFile[] {
	const { adapterConfig, safetensors } = peftAdapterFiles(adapter, baseModelId);
	return [
		{ path: `${prefix}adapter_config.json`, bytes: utf8(JSON.stringify(adapterConfig, null, 2) + '\n') },
		{ path: `${prefix}adapter_model.safetensors`, bytes: safetensors }
	];
}

function utf8(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}
