// The site's default model (static/models/provena-tiny), its tokenizer and a small records set in its demo domain,
// and a short real fine-tune on it, for the factory's tests that need real tokens and a real result.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContributedRecord } from '../../ingest/records/parseRecordsJsonl.ts';
import { loadModelFiles, stopTokenIds, type ModelFiles } from '../model/modelDirectory.ts';
import { hfTokenizer, type ModelTokenizer } from '../tokenizer/hfTokenizer.ts';
import { jaxWeightsFromHost, type JaxWeights } from '../training/jaxForward.ts';
import { DEFAULT_FINE_TUNE_SETTINGS, type FineTuneSettings } from './fineTuneSettings.ts';
import { fingerprintBaseModel } from './fingerprint.ts';
import { runFineTune, type CompletedFineTune } from './runFineTune.ts';
import { splitExamples, type SplitExamples } from './splitExamples.ts';
import { buildTrainingExamples, type TrainingExamples, type TrainingSource } from './trainingExamples.ts';

/** Where the default model lives in the repository. */
export const DEFAULT_MODEL_DIR = join(import.meta.dirname, '../../../static/models/provena-tiny');

/** The default model's files, tokenizer and stop ids. */
export type DefaultModel = { files: ModelFiles; tokenizer: ModelTokenizer; stopTokenIds: number[] };

let loaded: Promise<DefaultModel> | undefined;

/** Loads the default model once. */
export function loadDefaultModel(): Promise<DefaultModel> {
	loaded ??= (async () => {
		const files = await loadModelFiles(
			(name) =>
				readFile(join(DEFAULT_MODEL_DIR, name)).then(
					(bytes) => new Uint8Array(bytes),
					() => undefined
				),
			{ source: DEFAULT_MODEL_DIR }
		);
		const tokenizer = hfTokenizer(files.tokenizerJson!, files.tokenizerConfig!);
		return { files, tokenizer, stopTokenIds: stopTokenIds(files.config, files.generationConfig) };
	})();
	return loaded;
}

const CITIES = ['Paris', 'Oslo', 'Lima', 'Cairo', 'Tokyo', 'Quito', 'Perth', 'Dakar'];
const SKIES = ['sunny', 'rainy', 'windy', 'cloudy'];

/**
 * `count` weather question/answer pairs (ids made from the text), one answer pattern, so a few steps learn it.
 *
 * @example
 * const records = weatherPairs(16);
 */
export function weatherPairs(count: number): ContributedRecord[] {
	return Array.from({ length: count }, (_, i) => {
		const city = CITIES[i % CITIES.length]!;
		const sky = SKIES[Math.floor(i / CITIES.length) % SKIES.length]!;
		return {
			id: `pair-${city.toLowerCase()}-${sky}-${i}`,
			kind: 'pair' as const,
			prompt: `What is the weather in ${city}?`,
			response: `In ${city} it is ${sky} today.`
		};
	});
}

/** Settings for a short run on the default model: 8 steps of 4 × 48 tokens. */
export const SHORT_RUN_SETTINGS: FineTuneSettings = {
	...DEFAULT_FINE_TUNE_SETTINGS,
	learningRate: 1e-2,
	warmupSteps: 1,
	duration: { kind: 'steps', steps: 8 },
	batchSize: 4,
	maxSeqLength: 48,
	checkpointEvery: 4,
	keptCheckpoints: 2,
	validationShare: 0.25,
	validateEvery: 4
};

/** A short real run on the default model's weather pairs, with what it was made from. */
export type ShortRun = {
	model: DefaultModel;
	sources: TrainingSource[];
	built: TrainingExamples;
	split: SplitExamples;
	result: CompletedFineTune;
	/** The base on the jax device: the caller disposes it. */
	base: JaxWeights;
};

/**
 * Trains {@link SHORT_RUN_SETTINGS} on 24 weather pairs (jax must be started).
 *
 * @example
 * const run = await shortDefaultModelRun();
 */
export async function shortDefaultModelRun(): Promise<ShortRun> {
	const model = await loadDefaultModel();
	const sources = [{ label: 'weather.jsonl', records: weatherPairs(24) }];
	const built = buildTrainingExamples(sources, model.tokenizer, SHORT_RUN_SETTINGS.maxSeqLength, {
		endOfTurnTokenIds: model.stopTokenIds
	});
	const split = splitExamples(built.examples, SHORT_RUN_SETTINGS);
	const base = jaxWeightsFromHost(model.files.config, model.files.weights);
	const result = await runFineTune({
		config: model.files.config,
		base,
		baseFingerprint: await fingerprintBaseModel(model.files.weights),
		train: split.train,
		validation: split.validation,
		settings: SHORT_RUN_SETTINGS
	});
	if (result.aborted) throw new Error('the short run was aborted');
	return { model, sources, built, split, result, base };
}
