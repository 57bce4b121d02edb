import { beforeAll, describe, expect, it } from 'vitest';
import { tree } from '@jax-js/jax';
import { parseSafetensors } from '../formats/safetensors.ts';
import { fixtureWeights, tinyLlamaConfig } from '../model/fixtureModels.ts';
import { parsePeftAdapter } from '../model/parsePeftAdapter.ts';
import { initJaxWasm } from '../training/initJaxWasm.ts';
import { jaxWeightsFromHost } from '../training/jaxForward.ts';
import type { FineTuneEvaluation } from './evaluateFineTune.ts';
import { fixtureExamples, fixtureSettings } from './fineTuneFixtures.testing.ts';
import { fineTuneFolderFiles, type PublishedFolderMeta } from './publishedFolder.ts';
import { runFineTune, type CompletedFineTune } from './runFineTune.ts';

const evaluation: FineTuneEvaluation = {
	validationCount: 4,
	base: { loss: 6.123456789, perplexity: Math.exp(6.123456789) },
	adapter: { loss: 3.5, perplexity: Math.exp(3.5) },
	samples: [
		{ recordId: 'record-20', prompt: 'Why | how?\nTwo lines', reference: 'Because.', before: '', after: 'So.' }
	],
	maxNewTokens: 16
};
const meta: PublishedFolderMeta = {
	baseModelId: 'provena/tiny-fixture',
	sources: [
		{
			label: 'datanet 3 v2',
			cid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
			license: 'CC-BY-4.0',
			records: 20
		},
		{ label: 'extra.jsonl', records: 4 }
	],
	data: { examples: 24, truncated: 1, skipped: 2 },
	evaluation
};

let result: CompletedFineTune;
beforeAll(async () => {
	await initJaxWasm();
	const examples = fixtureExamples(24);
	const base = jaxWeightsFromHost(tinyLlamaConfig, fixtureWeights(tinyLlamaConfig, 3));
	const run = await runFineTune({
		config: tinyLlamaConfig,
		base,
		baseFingerprint: 'fixture',
		train: examples.slice(0, 20),
		validation: examples.slice(20),
		settings: fixtureSettings
	});
	tree.dispose(base);
	if (run.aborted) throw new Error('aborted');
	result = run;
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('fineTuneFolderFiles', () => {
	it('lays out the PEFT adapter, the card, training.json and a folder per kept snapshot', () => {
		const files = fineTuneFolderFiles(result, meta);
		expect(files.map((f) => f.path)).toEqual([
			'adapter_config.json',
			'adapter_model.safetensors',
			'README.md',
			'training.json',
			'checkpoints/step-4/adapter_config.json',
			'checkpoints/step-4/adapter_model.safetensors',
			'checkpoints/step-8/adapter_config.json',
			'checkpoints/step-8/adapter_model.safetensors',
			'checkpoints/step-12/adapter_config.json',
			'checkpoints/step-12/adapter_model.safetensors'
		]);
		// The same result gives the same bytes.
		expect(fineTuneFolderFiles(result, meta)).toEqual(files);
	});

	it('writes adapters that PEFT-style loading reads back onto the base, final and snapshots alike', () => {
		const files = new Map(fineTuneFolderFiles(result, meta).map((f) => [f.path, f.bytes]));
		for (const [prefix, adapter] of [
			['', result.adapter],
			['checkpoints/step-8/', result.snapshots[1]!.adapter]
		] as const) {
			const config = JSON.parse(text(files.get(`${prefix}adapter_config.json`)!));
			expect(config).toMatchObject({
				peft_type: 'LORA',
				r: 4,
				lora_alpha: 8,
				base_model_name_or_path: meta.baseModelId
			});
			const tensors = parseSafetensors(files.get(`${prefix}adapter_model.safetensors`)!).tensors;
			const loaded = parsePeftAdapter(config, tensors, { config: tinyLlamaConfig, modelId: meta.baseModelId });
			expect(loaded.targetModules).toEqual(['q_proj', 'v_proj', 'down_proj']);
			for (const [name, tensor] of adapter.tensors) expect(loaded.tensors.get(name)!.data).toEqual(tensor.data);
		}
	});

	it('training.json holds the settings, sources, counts, logs, metrics and checkpoints, floats at six digits', () => {
		const files = fineTuneFolderFiles(result, meta);
		const json = JSON.parse(text(files.find((f) => f.path === 'training.json')!.bytes));
		expect(Object.keys(json)).toEqual([
			'format',
			'baseModel',
			'settings',
			'seed',
			'sources',
			'counts',
			'log',
			'metrics',
			'samples',
			'checkpoints'
		]);
		expect(json.settings).toEqual(JSON.parse(JSON.stringify(fixtureSettings)));
		expect(json.sources[0]).toEqual({
			label: 'datanet 3 v2',
			cid: meta.sources[0]!.cid,
			license: 'CC-BY-4.0',
			records: 20
		});
		expect(json.counts).toEqual({
			examples: 24,
			train: 20,
			validation: 4,
			truncated: 1,
			skipped: 2,
			steps: 12,
			targetTokens: 144
		});
		expect(json.log.losses).toHaveLength(12);
		expect(json.log.losses[0]).toBe(Number(result.log.losses[0]!.toPrecision(6)));
		expect(json.metrics.base).toEqual({ loss: 6.12346, perplexity: Number(Math.exp(6.123456789).toPrecision(6)) });
		expect(json.checkpoints.map((c: { path: string }) => c.path)).toEqual([
			'checkpoints/step-4/',
			'checkpoints/step-8/',
			'checkpoints/step-12/'
		]);
		expect(json.checkpoints[2].learningRate).toBe(Number(result.snapshots[2]!.learningRate.toPrecision(6)));
	});

	it('the model card names the base, the sources, the settings, the metrics and the samples', () => {
		const card = text(fineTuneFolderFiles(result, meta).find((f) => f.path === 'README.md')!.bytes);
		expect(card).toMatch(/^---\nbase_model: "provena\/tiny-fixture"\nlibrary_name: peft\n/);
		expect(card).toContain(
			'| datanet 3 v2 | `bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi` | CC-BY-4.0 | 20 |'
		);
		expect(card).toContain('| extra.jsonl | — | — | 4 |');
		expect(card).toContain('| validation loss | 6.1235 | 3.5000 |');
		expect(card).toContain('| targetModules | q_proj, v_proj, down_proj |');
		expect(card).toContain('| duration | 12 steps |');
		// Sample text stays inside its quote, whatever it contains.
		expect(card).toContain('> Why | how?\n> Two lines');
		expect(card).toContain('**Base model:**\n\n> *(empty)*');
		expect(card).toContain('`checkpoints/step-12/`');
	});
});
