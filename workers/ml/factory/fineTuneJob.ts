// A whole fine-tune around runFineTune, as `provena train` and the training worker both run it: records become
// examples with the base model's tokenizer and chat template, the examples are split, and a finished run is
// evaluated and packaged as the published folder. Keeping these steps here is what makes the page's adapter and the
// CLI's adapter the same bytes for the same inputs.
import type { ModelFiles } from '../model/modelDirectory.ts';
import { stopTokenIds } from '../model/modelDirectory.ts';
import { hfTokenizer, type ModelTokenizer } from '../tokenizer/hfTokenizer.ts';
import type { JaxWeights } from '../training/jaxForward.ts';
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { attributionArtifactFiles, type AttributionArtifactsInput } from '../attribution/attributionArtifacts.ts';
import { evaluateFineTune, type FineTuneEvaluation } from './evaluateFineTune.ts';
import type { FineTuneSettings } from './fineTuneSettings.ts';
import { heldOutPrompts } from './heldOutPrompts.ts';
import { fineTuneFolderFiles, type PublishedFile, type PublishedSource } from './publishedFolder.ts';
import type { CompletedFineTune } from './runFineTune.ts';
import { splitExamples, type SplitExamples } from './splitExamples.ts';
import { buildTrainingExamples, type TrainingExamples, type TrainingSource } from './trainingExamples.ts';

/** The examples of a fine-tune, split, with what evaluation needs from the model. */
export type PreparedFineTune = {
	sources: readonly TrainingSource[];
	tokenizer: ModelTokenizer;
	stopTokenIds: number[];
	built: TrainingExamples;
	split: SplitExamples;
};

/**
 * Tokenizes the sources with the model's own tokenizer and splits the examples by record id.
 *
 * @example
 * const prepared = prepareFineTune(model, [{ label: 'qa.jsonl', records }], settings);
 * await runFineTune({ ..., train: prepared.split.train, validation: prepared.split.validation });
 */
export function prepareFineTune(
	model: ModelFiles,
	sources: readonly TrainingSource[],
	settings: FineTuneSettings
): PreparedFineTune {
	if (!model.tokenizerJson || !model.tokenizerConfig)
		throw new ProvenaError(
			'The base model has no tokenizer.json or tokenizer_config.json; training needs its tokenizer.'
		);
	const tokenizer = hfTokenizer(model.tokenizerJson, model.tokenizerConfig);
	const stopIds = stopTokenIds(model.config, model.generationConfig);
	const built = buildTrainingExamples(sources, tokenizer, settings.maxSeqLength, { endOfTurnTokenIds: stopIds });
	return { sources, tokenizer, stopTokenIds: stopIds, built, split: splitExamples(built.examples, settings) };
}

/** What the folder says about the data beyond the records (a datanet version's CID and licence). */
export type SourceDetails = Omit<PublishedSource, 'records'>;

/** Evaluation options: how many held-out prompts are answered, and how long each answer may be. */
export type PackageOptions = {
	baseModelId: string;
	name?: string;
	sourceDetails?: readonly SourceDetails[];
	samples?: number;
	sampleTokens?: number;
	/**
	 * Build the attribution artifacts (span index and gradient sketches, under attribution/) that let answers be
	 * traced to contributions; `contributionKeys` names each source's records' contributions when a source holds
	 * several (a datanet version), else a source is one contribution.
	 */
	attribution?: {
		contributionKeys?: readonly (readonly string[] | undefined)[];
		onProgress?: AttributionArtifactsInput['onProgress'];
	};
	signal?: AbortSignal;
};

/**
 * Evaluates a finished run against the base (validation loss, perplexity, greedy answers before and after) and
 * builds the published folder's files.
 *
 * @example
 * const { evaluation, files } = await packageFineTune(model, base, prepared, result, { baseModelId: 'provena/provena-tiny' });
 */
export async function packageFineTune(
	model: ModelFiles,
	base: JaxWeights,
	prepared: PreparedFineTune,
	result: CompletedFineTune,
	options: PackageOptions
): Promise<{ evaluation: FineTuneEvaluation; files: PublishedFile[] }> {
	const evaluation = await evaluateFineTune({
		config: model.config,
		base,
		adapter: result.adapter,
		validation: prepared.split.validation,
		settings: result.settings,
		tokenizer: prepared.tokenizer,
		prompts: heldOutPrompts(prepared.sources, prepared.split.validation, options.samples ?? 3),
		maxNewTokens: options.sampleTokens ?? 32,
		stopTokenIds: prepared.stopTokenIds,
		...(options.signal ? { signal: options.signal } : {})
	});
	const files = fineTuneFolderFiles(result, {
		baseModelId: options.baseModelId,
		...(options.name ? { name: options.name } : {}),
		sources: prepared.sources.map((source, index) => ({
			label: source.label,
			...options.sourceDetails?.[index],
			records: source.records.length
		})),
		data: {
			examples: prepared.built.examples.length,
			truncated: prepared.built.truncated,
			skipped: prepared.built.skipped.length
		},
		evaluation
	});
	if (options.attribution) {
		const weights = files.find((file) => file.path === 'adapter_model.safetensors');
		if (!weights || !model.tokenizerJson)
			throw new ProvenaError('The folder has no adapter weights or tokenizer to attribute.');
		const { contributionKeys, onProgress } = options.attribution;
		files.push(
			...(await attributionArtifactFiles({
				config: model.config,
				base,
				sources: prepared.sources.map((source, index) => {
					const keys = contributionKeys?.[index];
					return keys ? { ...source, contributionKeys: keys } : source;
				}),
				examples: prepared.split.train,
				snapshots: result.snapshots,
				adapterWeights: weights.bytes,
				tokenizerJson: model.tokenizerJson,
				...(options.signal ? { signal: options.signal } : {}),
				...(onProgress ? { onProgress } : {})
			}))
		);
	}
	return { evaluation, files };
}
