// The `attribution-quality` bench: does attribution credit the right data? The planted-fact set (plantedFactSet.ts)
// is written as one records file per contribution, an adapter of the default model is trained on them with
// `provena train` (artifacts included), and each fact's held-out question and reworded answer is attributed with
// the code `provena attribute` runs. Reported: precision@1 of spans, of gradients and of the combined weight; how
// many control answers (in no contribution) pay anybody and how much weight they send; and whether per-record
// gradient sketches rank better than the per-contribution sums the artifacts publish.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tree } from '@jax-js/jax';
import { combinedWeights } from '../../../workers/ml/attribution/combinedWeights.ts';
import { answerExample } from '../../../workers/ml/attribution/answerExample.ts';
import { attributeAnswer, DEFAULT_ATTRIBUTION_RULES } from '../../../workers/ml/attribution/attributeAnswer.ts';
import {
	gradientInfluence,
	gradientSketches,
	answerSketches
} from '../../../workers/ml/attribution/gradientSketches.ts';
import { openAttribution } from '../../../workers/ml/attribution/openAttribution.ts';
import { loraScale } from '../../../workers/ml/core/loraAdapter.ts';
import { prepareFineTune } from '../../../workers/ml/factory/fineTuneJob.ts';
import { DEFAULT_FINE_TUNE_SETTINGS } from '../../../workers/ml/factory/fineTuneSettings.ts';
import { loadModelFiles, stopTokenIds } from '../../../workers/ml/model/modelDirectory.ts';
import { hfTokenizer } from '../../../workers/ml/tokenizer/hfTokenizer.ts';
import { initJaxWasm } from '../../../workers/ml/training/initJaxWasm.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost } from '../../../workers/ml/training/jaxForward.ts';
import { releaseTrainSteps } from '../../../workers/ml/training/trainStep.ts';
import { plantedFactSet } from '../attributionQuality/plantedFactSet.ts';
import { run as train } from '../commands/train.ts';
import { directoryReader } from '../directoryReader.ts';
import { repoRoot } from '../paths.ts';
import type { BenchRow, BenchSuite } from './types.ts';

const MODEL_DIR = join(repoRoot, 'static/models/provena-tiny');
const CONTRIBUTIONS = Number(process.env.PROVENA_BENCH_ATTRIBUTION_FACTS ?? 12);
const EPOCHS = Number(process.env.PROVENA_BENCH_ATTRIBUTION_EPOCHS ?? 8);

/** Index of the unique largest value, or -1 when the largest is shared or not positive (a tie ranks nobody first). */
function top(values: readonly (number | bigint)[]): number {
	let best = -1;
	let tied = false;
	values.forEach((value, i) => {
		if (best < 0 || value > values[best]!) [best, tied] = [i, false];
		else if (value === values[best]) tied = true;
	});
	return best >= 0 && !tied && values[best]! > 0 ? best : -1;
}

/** The three largest lifts (percent) and the own contribution's, for reading how far apart they are. */
function topLifts(influence: bigint[], norms: bigint[], own: number) {
	const { liftPercent } = combinedWeights({ span: influence.map(() => 0), influence, norms });
	const sorted = liftPercent.map((lift, c) => ({ c, lift })).sort((a, b) => b.lift - a.lift);
	return { top: sorted.slice(0, 3), own: own >= 0 ? liftPercent[own] : null };
}

export const attributionQuality: BenchSuite = {
	title: 'Attribution quality on planted facts: precision@1 of spans, gradients and combined; control answers',
	async run(log) {
		const set = plantedFactSet({ count: CONTRIBUTIONS, seed: 13 });
		// PROVENA_BENCH_ATTRIBUTION_REUSE=<dir> keeps the data and adapter there and reuses them (calibrating rules).
		const reuse = process.env.PROVENA_BENCH_ATTRIBUTION_REUSE;
		const dir = reuse ?? (await mkdtemp(join(tmpdir(), 'provena-attribution-quality-')));
		try {
			const dataDir = join(dir, 'data');
			await mkdir(dataDir, { recursive: true });
			const paths: string[] = [];
			for (const c of set.contributions) {
				const path = join(dataDir, c.key);
				await writeFile(path, c.records.map((r) => JSON.stringify(r)).join('\n') + '\n');
				paths.push(path);
			}
			const out = join(dir, 'adapter');
			log(`training on ${set.contributions.length} contributions for ${EPOCHS} epochs (provena train)…`);
			const started = performance.now();
			const trained = reuse !== undefined && existsSync(join(out, 'attribution/attribution.json'));
			const code = trained
				? 0
				: await train([
						'--model',
						MODEL_DIR,
						'--data',
						...paths,
						'--out',
						out,
						'--epochs',
						String(EPOCHS),
						'--samples',
						'0',
						'--validation-share',
						'0.01'
					]);
			if (code !== 0) throw new Error(`provena train exited with ${code}.`);
			const trainSeconds = (performance.now() - started) / 1000;

			const model = await loadModelFiles(directoryReader(MODEL_DIR), { source: MODEL_DIR });
			const tokenizer = hfTokenizer(model.tokenizerJson!, model.tokenizerConfig!);
			const endOfTurnTokenIds = stopTokenIds(model.config, model.generationConfig);
			const opened = await openAttribution(directoryReader(out), {
				config: model.config,
				tokenizerJson: model.tokenizerJson!
			});
			const keyIndex = new Map(opened.manifest.contributions.map((key, i) => [key, i]));
			await initJaxWasm();
			const base = jaxWeightsFromHost(model.config, model.weights);
			const rules = DEFAULT_ATTRIBUTION_RULES;
			const example = (q: { question: string; answer: string }) =>
				answerExample(tokenizer, model.config, { prompt: q.question, answer: q.answer, chat: true, endOfTurnTokenIds });

			// Per-record sketches of the same run, to compare with the published per-contribution sums.
			const prepared = prepareFineTune(
				model,
				set.contributions.map((c, i) => ({ label: paths[i]!, records: c.records })),
				{ ...DEFAULT_FINE_TUNE_SETTINGS, validationShare: 0.01 }
			);
			const trainExamples = prepared.split.train;
			const checkpoints = opened.checkpoints.map((adapter, k) => ({
				step: opened.manifest.gradients.checkpoints[k]!.step,
				learningRate: opened.manifest.gradients.checkpoints[k]!.weight,
				model: {
					settings: { config: model.config, loraScale: loraScale(adapter) },
					base,
					lora: jaxLoraFromAdapter(model.config, adapter)
				}
			}));
			log(`per-record sketches of ${trainExamples.length} examples…`);
			const perRecord = await gradientSketches(
				trainExamples,
				(e) => trainExamples.indexOf(e),
				trainExamples.length,
				checkpoints,
				opened.manifest.gradients.projection
			);
			const recordContribution = trainExamples.map((e) => keyIndex.get(paths[e.sourceIndex]!)!);

			let cosineHits = 0;
			let spanHits = 0;
			let gradientHits = 0;
			let combinedHits = 0;
			let perRecordHits = 0;
			const facts: Record<string, unknown>[] = [];
			for (const [i, c] of set.contributions.entries()) {
				const own = keyIndex.get(paths[i]!)!;
				const ex = example(c.fact);
				const result = await attributeAnswer(opened, { config: model.config, base }, ex, rules);
				const span = opened.manifest.contributions.map(
					(_, k) => result.scores.find((s) => s.contribution === k)?.span ?? 0
				);
				const weight = opened.manifest.contributions.map(
					(_, k) => result.scores.find((s) => s.contribution === k)?.weight ?? 0
				);
				const answer = await answerSketches(ex, checkpoints, perRecord);
				const influence = gradientInfluence(answer, opened.sketches);
				// Gradient ranking: influence per training example of the contribution (its mean, not its size).
				const perExample = influence.map((x, k) => Number(x) / Math.max(1, opened.manifest.examples[k]!));
				// The engine's ranking: each contribution's cosine (influence over its sketch norm), as its lift.
				const cosine = combinedWeights({ span: span.map(() => 0), influence, norms: opened.sketchNorms }).liftPercent;
				const recordInfluence = gradientInfluence(answer, perRecord);
				const bestRecord = opened.manifest.contributions.map((_, k) =>
					recordInfluence.reduce((best, x, r) => (recordContribution[r] === k && x > best ? x : best), -(2n ** 62n))
				);
				if (top(span) === own) spanHits++;
				if (top(perExample) === own) gradientHits++;
				if (top(cosine) === own) cosineHits++;
				if (top(weight) === own && result.paid.some((p) => p.contribution === own)) combinedHits++;
				if (top(bestRecord) === own) perRecordHits++;
				facts.push({
					contribution: c.key,
					lifts: topLifts(influence, opened.sketchNorms, own),
					answer: c.fact.answer,
					spanTop: top(span) === own,
					gradientTop: top(cosine) === own,
					combinedTop: top(weight) === own,
					paid: result.paid.map((p) => opened.manifest.contributions[p.contribution])
				});
			}
			let controlsPaying = 0;
			let controlWeightShare = 0;
			const controls: Record<string, unknown>[] = [];
			for (const control of set.controls) {
				const result = await attributeAnswer(opened, { config: model.config, base }, example(control), rules);
				const paidWeight = result.paid.reduce((sum, p) => sum + p.weight, 0);
				if (result.paid.length > 0) controlsPaying++;
				controlWeightShare += result.totalWeight > 0 ? paidWeight / result.totalWeight : 0;
				const controlInfluence = gradientInfluence(
					await answerSketches(example(control), checkpoints, perRecord),
					opened.sketches
				);
				controls.push({
					answer: control.answer,
					lifts: topLifts(controlInfluence, opened.sketchNorms, -1),
					spans: result.spans.length,
					paid: result.paid.map((p) => opened.manifest.contributions[p.contribution])
				});
			}
			for (const checkpoint of checkpoints) {
				tree.dispose(checkpoint.model.lora);
				releaseTrainSteps(checkpoint.model.settings);
			}
			tree.dispose(base);

			const n = set.contributions.length;
			const rows: BenchRow[] = [
				{ name: 'precision@1, spans', value: spanHits / n, unit: 'share', target: 0.95, atLeast: true },
				{
					name: 'precision@1, gradients (the engine: cosine with each contribution’s summed sketch)',
					value: cosineHits / n,
					unit: 'share',
					target: 0.8,
					atLeast: true
				},
				{
					name: 'precision@1, combined (top weight and paid)',
					value: combinedHits / n,
					unit: 'share',
					target: 0.95,
					atLeast: true
				},
				{
					name: 'precision@1, gradients ranked by influence per example instead',
					value: gradientHits / n,
					unit: 'share'
				},
				{
					name: 'precision@1, gradients from per-record sketches (best record)',
					value: perRecordHits / n,
					unit: 'share'
				},
				{
					name: 'control answers that pay any contribution',
					value: controlsPaying,
					unit: `of ${set.controls.length}`,
					target: 0
				},
				{
					name: 'mean share of a control answer’s weight paid to contributions',
					value: controlWeightShare / set.controls.length,
					unit: 'share',
					target: 0
				},
				{
					name: 'gradient sketch bytes: per contribution vs per record',
					value: opened.manifest.contributions.length / trainExamples.length,
					unit: 'ratio',
					details: {
						perContribution:
							opened.manifest.contributions.length * perRecord.projection.dimensions * 4 * checkpoints.length,
						perRecord: trainExamples.length * perRecord.projection.dimensions * 4 * checkpoints.length
					}
				},
				{ name: 'training with artifacts (provena train)', value: Math.round(trainSeconds), unit: 's' }
			];
			return {
				suite: 'attribution-quality',
				title: this.title,
				environment: `default model (provena-tiny), ${n} contributions × ${set.contributions[0]!.records.length} records, ${EPOCHS} epochs, default rules ${JSON.stringify(rules)}`,
				rows: rows.map((row) =>
					row.name.startsWith('precision@1, combined')
						? { ...row, details: { facts } }
						: row.name.startsWith('control answers')
							? { ...row, details: { controls } }
							: row
				),
				notes: [
					'A fact answer is the held-out question with the fact reworded; precision@1 counts the answers whose own contribution ranks first alone (and, combined, is paid).',
					'Per-record sketches: the same gradients kept per training example, each contribution ranked by its best example instead of its sum.'
				]
			};
		} finally {
			if (!reuse) await rm(dir, { recursive: true, force: true });
		}
	}
};
