import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { initJaxWasm } from '../training/initJaxWasm.ts';
import { initLoraAdapter } from '../training/initLoraAdapter.ts';
import { SHORT_RUN_SETTINGS, shortDefaultModelRun, type ShortRun } from './defaultModel.testing.ts';
import { evaluateFineTune } from './evaluateFineTune.ts';
import { loraShape } from './fineTunePlan.ts';
import { heldOutPrompts } from './heldOutPrompts.ts';

let run: ShortRun;
beforeAll(async () => {
	await initJaxWasm();
	run = await shortDefaultModelRun();
});
afterAll(() => tree.dispose(run.base));

describe('evaluateFineTune', () => {
	it('measures the adapter against the base on the validation split, with greedy answers side by side', async () => {
		const { model, sources, split, result, base } = run;
		const prompts = heldOutPrompts(sources, split.validation, 2);
		expect(prompts).toHaveLength(2);
		const held = new Set(split.validation.map((e) => e.recordId));
		expect(prompts.every((p) => held.has(p.recordId))).toBe(true);
		const evaluation = await evaluateFineTune({
			config: model.files.config,
			base,
			adapter: result.adapter,
			validation: split.validation,
			settings: SHORT_RUN_SETTINGS,
			tokenizer: model.tokenizer,
			prompts,
			maxNewTokens: 12,
			stopTokenIds: model.stopTokenIds
		});
		const { base: before, adapter: after } = evaluation;
		console.log(
			`evaluateFineTune default model: validation loss ${before!.loss.toFixed(3)} → ${after!.loss.toFixed(3)}; ` +
				evaluation.samples.map((s) => `"${s.before}" → "${s.after}"`).join('; ')
		);
		expect(after!.loss).toBeLessThan(before!.loss);
		expect(after!.perplexity).toBeCloseTo(Math.exp(after!.loss), 10);
		// The last validation of the run measured the same thing.
		expect(after!.loss).toBeCloseTo(result.log.validation.at(-1)!.loss, 6);
		expect(evaluation.samples.map((s) => s.recordId)).toEqual(prompts.map((p) => p.recordId));
		expect(evaluation.samples.every((s) => s.reference.startsWith('In '))).toBe(true);
		expect(evaluation.samples.some((s) => s.before !== s.after)).toBe(true);
	});

	it('an adapter that has not trained (B = 0) changes nothing: same loss, same answers', async () => {
		const { model, sources, split, base } = run;
		const untrained = initLoraAdapter(model.files.config, loraShape(SHORT_RUN_SETTINGS), 1);
		const evaluation = await evaluateFineTune({
			config: model.files.config,
			base,
			adapter: untrained,
			validation: split.validation,
			settings: SHORT_RUN_SETTINGS,
			tokenizer: model.tokenizer,
			prompts: heldOutPrompts(sources, split.validation, 2),
			maxNewTokens: 8,
			stopTokenIds: model.stopTokenIds
		});
		expect(evaluation.adapter!.loss).toBeCloseTo(evaluation.base!.loss, 5);
		expect(evaluation.samples.map((s) => s.after)).toEqual(evaluation.samples.map((s) => s.before));
	});

	it('without a validation split there are no metrics, and prompts too long for the sequence are left out', async () => {
		const { model, base, result } = run;
		const evaluation = await evaluateFineTune({
			config: model.files.config,
			base,
			adapter: result.adapter,
			validation: [],
			settings: { ...SHORT_RUN_SETTINGS, maxSeqLength: 8 },
			tokenizer: model.tokenizer,
			prompts: [{ recordId: 'x', sourceIndex: 0, prompt: 'What is the weather in Paris?', reference: '' }],
			stopTokenIds: model.stopTokenIds
		});
		expect(evaluation).toMatchObject({ validationCount: 0, base: null, adapter: null, samples: [] });
	});
});
