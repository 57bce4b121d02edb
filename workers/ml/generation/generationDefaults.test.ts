import { describe, expect, it } from 'vitest';
import { generationDefaults, LIBRARY_GENERATION_DEFAULTS } from './generationDefaults.ts';
import { validateSamplingOptions } from './sampling.ts';

describe('generationDefaults', () => {
	it('falls back to the library defaults for a model without generation_config.json', () => {
		const defaults = generationDefaults(undefined);
		expect(defaults).toEqual({ ...LIBRARY_GENERATION_DEFAULTS, fromModel: [], warnings: [] });
		// eos ids and other fields that are not about sampling change nothing.
		expect(generationDefaults({ eos_token_id: [2], bos_token_id: 0 }).fromModel).toEqual([]);
	});

	it("takes the model's sampling fields by their Hugging Face names", () => {
		const defaults = generationDefaults({
			do_sample: true,
			temperature: 0.4,
			top_k: 8,
			top_p: 0.8,
			repetition_penalty: 1.05,
			max_new_tokens: 96
		});
		expect(defaults.sampling).toEqual({ temperature: 0.4, topK: 8, topP: 0.8, repetitionPenalty: 1.05 });
		expect(defaults.maxNewTokens).toBe(96);
		expect(defaults.fromModel).toEqual(['do_sample', 'temperature', 'top_k', 'top_p', 'repetition_penalty', 'max_new_tokens']);
		expect(defaults.warnings).toEqual([]);
		validateSamplingOptions(defaults.sampling);
	});

	it('reads do_sample false as greedy and top_k 0 as no top-k filter, as Hugging Face does', () => {
		const defaults = generationDefaults({ do_sample: false, temperature: 0.9, top_k: 0 });
		expect(defaults.sampling.temperature).toBe(0);
		expect(defaults.sampling).not.toHaveProperty('topK');
	});

	it('ignores a value it cannot use, with a warning naming the field and what is used instead', () => {
		const defaults = generationDefaults({ temperature: -1, top_p: 1.5, top_k: 2.5, max_new_tokens: '64', do_sample: 'yes' });
		expect(defaults.sampling).toEqual(LIBRARY_GENERATION_DEFAULTS.sampling);
		expect(defaults.maxNewTokens).toBe(LIBRARY_GENERATION_DEFAULTS.maxNewTokens);
		expect(defaults.fromModel).toEqual([]);
		expect(defaults.warnings).toHaveLength(5);
		expect(defaults.warnings.join('\n')).toMatch(/temperature must be a number ≥ 0, got -1; using 0\.7 instead/);
		expect(defaults.warnings.join('\n')).toMatch(/top_p must be a number in \(0, 1\], got 1\.5/);
		expect(defaults.warnings.join('\n')).toMatch(/max_new_tokens must be an integer ≥ 1, got "64"/);
		expect(defaults.warnings.join('\n')).toMatch(/do_sample must be true or false, got "yes"; ignored/);
	});
});
