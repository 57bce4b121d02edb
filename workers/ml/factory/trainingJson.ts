// training.json of a published fine-tune: the settings, the data by source, the split's counts, the loss and
// validation logs, the metrics before and after, and the kept snapshots with their learning rates (what
// gradient-based attribution weighs each snapshot by). Fixed key order, floats to six significant digits.
import { FINE_TUNE_SETTING_HELP, type FineTuneSettings } from './fineTuneSettings.ts';
import { snapshotFolder, type PublishedFolderMeta } from './publishedFolder.ts';
import type { CompletedFineTune } from './runFineTune.ts';

/** The format training.json declares, for readers to check. */
export const TRAINING_JSON_FORMAT = 'provena-fine-tune/1';

/**
 * Rounds to six significant digits (NaN and ±Infinity become null): the same text in every JavaScript engine.
 *
 * @example
 * fixedFloat(0.123456789); // 0.123457
 */
export function fixedFloat(value: number): number | null {
	if (!Number.isFinite(value)) return null;
	return Number.isInteger(value) ? value : Number(value.toPrecision(6));
}

/**
 * training.json's text.
 *
 * @example
 * const text = trainingJson(result, meta);
 */
export function trainingJson(result: CompletedFineTune, meta: PublishedFolderMeta): string {
	const { log, settings } = result;
	const evaluation = meta.evaluation;
	const record = {
		format: TRAINING_JSON_FORMAT,
		baseModel: meta.baseModelId,
		settings: orderedSettings(settings),
		seed: settings.seed,
		sources: meta.sources.map((source) => ({
			label: source.label,
			...(source.cid !== undefined ? { cid: source.cid } : {}),
			...(source.license !== undefined ? { license: source.license } : {}),
			records: source.records
		})),
		counts: {
			examples: meta.data.examples,
			train: result.trainCount,
			validation: result.validationCount,
			truncated: meta.data.truncated,
			skipped: meta.data.skipped,
			steps: result.totalSteps,
			targetTokens: log.targetTokens.reduce((sum, n) => sum + n, 0)
		},
		log: {
			losses: log.losses,
			learningRates: log.learningRates,
			gradNorms: log.gradNorms,
			targetTokens: log.targetTokens,
			validation: log.validation.map(({ step, loss }) => ({ step, loss }))
		},
		metrics: evaluation
			? { validation: evaluation.validationCount, base: evaluation.base, adapter: evaluation.adapter }
			: null,
		samples: (evaluation?.samples ?? []).map(({ recordId, prompt, reference, before, after }) => ({
			recordId,
			prompt,
			reference,
			before,
			after
		})),
		checkpoints: result.snapshots.map(({ step, learningRate }) => ({
			step,
			learningRate,
			path: snapshotFolder(step)
		}))
	};
	return JSON.stringify(record, (_key, value) => (typeof value === 'number' ? fixedFloat(value) : value), 2) + '\n';
}

/** The settings with their keys in the contract's order, whatever order the caller built them in. */
function orderedSettings(settings: FineTuneSettings): Record<string, unknown> {
	const ordered: Record<string, unknown> = {};
	for (const key of Object.keys(FINE_TUNE_SETTING_HELP) as (keyof FineTuneSettings)[]) {
		const value = settings[key];
		ordered[key] = key === 'duration' ? orderedDuration(settings.duration) : value;
	}
	return ordered;
}

function orderedDuration(duration: FineTuneSettings['duration']) {
	return duration.kind === 'epochs'
		? { kind: 'epochs', epochs: duration.epochs }
		: { kind: 'steps', steps: duration.steps };
}
