import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FINE_TUNE_SETTINGS } from '../../../workers/ml/factory/fineTuneSettings.ts';
import { repoRoot } from '../paths.ts';
import { formatReport } from './formatReport.ts';
import {
	plantedPrompts,
	qualityPlan,
	QualityPlanError,
	qualityRows,
	readPlantedFacts,
	scorePlanted,
	type PlantedAnswer,
	type PlantedFact,
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
		answers,
		trainingQuestionsInTrainSplit: 3,
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
