import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FINE_TUNE_SETTINGS } from '../../../workers/ml/factory/fineTuneSettings.ts';
import { repoRoot } from '../paths.ts';
import { formatReport } from './formatReport.ts';
import type { TrainingExample } from '../../../workers/ml/factory/trainingExamples.ts';
import {
	describeData,
	plantedPrompts,
	qualityPlan,
	QualityPlanError,
	qualityRows,
	readPlantedFacts,
	scorePlanted,
	type PlantedAnswer,
	type PlantedFact,
	weightedTrainSplit,
	type QualityMeasurement
} from './modelFactoryQualityPlan.ts';

const facts: PlantedFact[] = [
	{
		id: 'capital',
		question: 'Which town do they call their capital?',
		keywords: ['Duckwater'],
		trainingQuestions: ['What is the capital?', 'Which town is the capital?']
	},
	{
		id: 'founder',
		question: 'Who was it that founded it?',
		keywords: ['Saltwind'],
		trainingQuestions: ['Who founded it?']
	}
];

describe('the modelfactory-quality plan', () => {
	it('trains for a number of steps with an adapter whose alpha follows its rank, overridable by env', () => {
		const { settings, answerTokens } = qualityPlan({
			PROVENA_BENCH_QUALITY_STEPS: '30',
			PROVENA_BENCH_QUALITY_RANK: '4',
			PROVENA_BENCH_QUALITY_LR: '5e-3',
			PROVENA_BENCH_QUALITY_TARGETS: 'q_proj, v_proj',
			PROVENA_BENCH_QUALITY_MAX_SEQ_LEN: '64',
			PROVENA_BENCH_QUALITY_ANSWER_TOKENS: '8'
		});
		expect(settings).toMatchObject({
			duration: { kind: 'steps', steps: 30 },
			rank: 4,
			alpha: 8,
			learningRate: 5e-3,
			targetModules: ['q_proj', 'v_proj'],
			maxSeqLength: 64,
			seed: DEFAULT_FINE_TUNE_SETTINGS.seed,
			validationShare: DEFAULT_FINE_TUNE_SETTINGS.validationShare
		});
		expect(answerTokens).toBe(8);
		expect(qualityPlan({}).settings.duration.kind).toBe('steps');
	});

	it('refuses settings that are not numbers', () => {
		expect(() => qualityPlan({ PROVENA_BENCH_QUALITY_STEPS: 'many' })).toThrow(QualityPlanError);
		expect(() => qualityPlan({ PROVENA_BENCH_QUALITY_STEPS: '' })).toThrow(/PROVENA_BENCH_QUALITY_STEPS/);
		expect(() => qualityPlan({ PROVENA_BENCH_QUALITY_LR: '0' })).toThrow(/PROVENA_BENCH_QUALITY_LR/);
	});

	it('picks the contributions and weights pairs and texts, refusing a plan with nothing to train on', () => {
		expect(qualityPlan({}).sources).toBe('all');
		const plan = qualityPlan({
			PROVENA_BENCH_QUALITY_SOURCES: 'faq',
			PROVENA_BENCH_QUALITY_PAIR_REPEAT: '3',
			PROVENA_BENCH_QUALITY_TEXT_REPEAT: '0'
		});
		expect(plan).toMatchObject({ sources: 'faq', repeat: { pair: 3, text: 0 } });
		expect(describeData(plan.sources, plan.repeat)).toBe(
			'harbor-office-faq: prompt/response pairs 3 times an epoch, no text records'
		);
		expect(() => qualityPlan({ PROVENA_BENCH_QUALITY_SOURCES: 'everything' })).toThrow(/all, faq, guide/);
		expect(() => qualityPlan({ PROVENA_BENCH_QUALITY_TEXT_REPEAT: '-1' })).toThrow(/TEXT_REPEAT/);
		expect(() =>
			qualityPlan({ PROVENA_BENCH_QUALITY_PAIR_REPEAT: '0', PROVENA_BENCH_QUALITY_TEXT_REPEAT: '0' })
		).toThrow(/nothing to train on/);
	});

	it('repeats each training example by its kind, in order', () => {
		const example = (recordId: string, kind: 'pair' | 'text'): TrainingExample => ({
			recordId,
			sourceIndex: 0,
			kind,
			tokenIds: [1, 2],
			lossMask: [0, 1],
			truncated: false
		});
		const train = [example('p1', 'pair'), example('t1', 'text'), example('p2', 'pair')];
		expect(weightedTrainSplit(train, { pair: 2, text: 1 }).map((e) => e.recordId)).toEqual([
			'p1',
			'p1',
			't1',
			'p2',
			'p2'
		]);
		expect(weightedTrainSplit(train, { pair: 1, text: 0 }).map((e) => e.recordId)).toEqual(['p1', 'p2']);
	});

	it('asks each held-out question, then each training question, with its fact’s keywords', () => {
		const prompts = plantedPrompts(facts);
		expect(prompts.map((p) => [p.id, p.set, p.question])).toEqual([
			['capital', 'held-out', 'Which town do they call their capital?'],
			['founder', 'held-out', 'Who was it that founded it?'],
			['capital#1', 'training', 'What is the capital?'],
			['capital#2', 'training', 'Which town is the capital?'],
			['founder#1', 'training', 'Who founded it?']
		]);
		expect(prompts[3]!.keywords).toEqual(['Duckwater']);
	});

	it('reads the demo datanet’s planted questions with their training questions', () => {
		const file = join(repoRoot, 'static/demo-data/moonbell-island/planted-questions.json');
		const read = readPlantedFacts(JSON.parse(readFileSync(file, 'utf8')));
		expect(read).toHaveLength(12);
		for (const fact of read) {
			expect(fact.trainingQuestions.length).toBeGreaterThan(0);
			expect(fact.trainingQuestions).not.toContain(fact.question);
		}
		expect(() => readPlantedFacts({ questions: [{ id: 'a', question: 'q', keywords: ['k'] }] })).toThrow(
			/trainingQuestions/
		);
	});
});

describe('the modelfactory-quality report', () => {
	const prompts = plantedPrompts(facts);
	const answers: PlantedAnswer[] = [
		{ prompt: prompts[0]!, before: 'I am Provena Tiny.', after: 'The capital is DUCKWATER.' },
		{ prompt: prompts[1]!, before: 'I am Provena Tiny.', after: 'The capital is Duckwater.' },
		{ prompt: prompts[2]!, before: 'Duckwater!', after: 'Duckwater.' },
		{ prompt: prompts[3]!, before: '', after: 'It is Duckwater.' },
		{ prompt: prompts[4]!, before: '', after: 'Captain Ada Saltwind.' }
	];
	const measurement: QualityMeasurement = {
		validation: { count: 28, base: 9, adapter: 3 },
		validationByKind: { pair: { count: 20, base: 8, adapter: 1.5 }, text: { count: 8, base: 10, adapter: 5 } },
		answers,
		trainingQuestionsInTrainSplit: 3,
		data: 'island-guide: prompt/response pairs once an epoch, text records once an epoch',
		steps: 100,
		trainCount: 192,
		trainSeconds: 120.04,
		tokensPerSecond: 150.4,
		evaluateSeconds: 40,
		wallSeconds: 170
	};

	it('scores each set before and after by keyword, with answers naming another fact and different answers', () => {
		expect(scorePlanted(answers)).toEqual([
			{
				set: 'held-out',
				total: 2,
				before: 0,
				after: 1,
				otherFactBefore: 0,
				otherFactAfter: 1,
				distinctBefore: 1,
				distinctAfter: 2
			},
			{
				set: 'training',
				total: 3,
				before: 1,
				after: 3,
				otherFactBefore: 0,
				otherFactAfter: 0,
				distinctBefore: 2,
				distinctAfter: 3
			}
		]);
	});

	it('reports the loss drop, absolute and relative, and right answers per set with the answers in details', () => {
		const rows = qualityRows(measurement);
		const value = (name: string) => rows.find((row) => row.name === name)?.value;
		expect(value('validation loss drop')).toBe(6);
		expect(value('validation loss drop, relative')).toBe(66.7);
		expect(value('validation loss of the pairs, adapter')).toBe(1.5);
		expect(value('validation loss of the texts, base model')).toBe(10);
		const heldOutAfter = rows.find((row) => row.name.startsWith('held-out') && row.name.endsWith('adapter'))!;
		expect(heldOutAfter).toMatchObject({ value: 1, unit: 'right of 2', details: { accuracy: 0.5 } });
		expect(heldOutAfter.details!['answers']).toEqual({
			capital: 'The capital is DUCKWATER.',
			founder: 'The capital is Duckwater.'
		});
		const trainingBefore = rows.find(
			(row) => row.name.startsWith('planted training') && row.name.endsWith('base model')
		)!;
		expect(trainingBefore).toMatchObject({ value: 1, unit: 'right of 3', details: { inTrainSplit: 3 } });
		expect(value('training time')).toBe(120);
		expect(formatReport({ suite: 's', title: 't', environment: 'e', rows })).toContain('right of 3');
	});
});
