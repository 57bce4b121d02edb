// README.md of a published fine-tune: a Hugging Face model card (YAML front matter PEFT and the Hub read) saying
// what the adapter was trained from (base model, data sources with CIDs and licences), how (every setting), what it
// changed (validation loss and perplexity before and after, greedy answers side by side), and how to load it.
import { FINE_TUNE_SETTING_HELP, type FineTuneSettings } from './fineTuneSettings.ts';
import type { LossMetrics } from './evaluateFineTune.ts';
import { snapshotFolder, type PublishedFolderMeta } from './publishedFolder.ts';
import type { CompletedFineTune } from './runFineTune.ts';

/**
 * The model card's markdown.
 *
 * @example
 * const card = fineTuneModelCard(result, { baseModelId: 'provena/provena-tiny', sources, data });
 */
export function fineTuneModelCard(result: CompletedFineTune, meta: PublishedFolderMeta): string {
	const { settings, log } = result;
	const title = meta.name ?? `${meta.baseModelId} LoRA`;
	const records = meta.sources.reduce((sum, source) => sum + source.records, 0);
	const licenses = [...new Set(meta.sources.map((source) => source.license).filter((l) => l !== undefined))];
	const lines: string[] = [
		'---',
		`base_model: ${yamlString(meta.baseModelId)}`,
		'library_name: peft',
		...(licenses.length === 1 ? [`license: ${yamlString(licenses[0]!)}`] : []),
		'tags:',
		'  - lora',
		'  - provena',
		'---',
		'',
		`# ${title}`,
		'',
		`A LoRA adapter (rank ${settings.rank}, alpha ${settings.alpha}) for \`${meta.baseModelId}\`, fine-tuned with ` +
			`Provena's ModelFactory on ${records} records from ${meta.sources.length} source` +
			`${meta.sources.length === 1 ? '' : 's'}. Files: \`adapter_config.json\` and \`adapter_model.safetensors\` ` +
			'(PEFT), `training.json` (settings, logs, metrics), and snapshots under `checkpoints/`.',
		'',
		'## Data',
		'',
		'| source | CID | licence | records |',
		'|---|---|---|---|',
		...meta.sources.map(
			(s) => `| ${cell(s.label)} | ${s.cid ? `\`${cell(s.cid)}\`` : '—'} | ${cell(s.license ?? '—')} | ${s.records} |`
		),
		'',
		`${meta.data.examples} examples: ${result.trainCount} to train, ${result.validationCount} held out for ` +
			`validation (chosen by record id with seed ${settings.seed}); ${meta.data.truncated} cut to ` +
			`${settings.maxSeqLength} tokens; ${meta.data.skipped} records skipped. Pairs train on the response only.`,
		'',
		'## Training',
		'',
		`${result.totalSteps} steps of ${settings.batchSize} × ${settings.maxSeqLength} tokens; training loss ` +
			`${fixed(log.losses[0])} at the first step, ${fixed(meanOfLast(log.losses, 10))} over the last ` +
			`${Math.min(10, log.losses.length)}.`,
		'',
		'| setting | value |',
		'|---|---|',
		...(Object.keys(FINE_TUNE_SETTING_HELP) as (keyof FineTuneSettings)[]).map(
			(key) => `| ${key} | ${cell(settingText(settings, key))} |`
		),
		''
	];
	const evaluation = meta.evaluation;
	if (evaluation) {
		lines.push('## Results', '');
		if (evaluation.base && evaluation.adapter)
			lines.push(
				`On the ${evaluation.validationCount} held-out examples (loss per response token):`,
				'',
				'| | base model | with the adapter |',
				'|---|---|---|',
				`| validation loss | ${metric(evaluation.base, 'loss')} | ${metric(evaluation.adapter, 'loss')} |`,
				`| perplexity | ${metric(evaluation.base, 'perplexity')} | ${metric(evaluation.adapter, 'perplexity')} |`,
				''
			);
		else lines.push('No records were held out, so there is no validation loss.', '');
		if (evaluation.samples.length > 0) {
			lines.push(`Greedy answers (temperature 0, at most ${evaluation.maxNewTokens} tokens) to held-out prompts:`, '');
			for (const sample of evaluation.samples)
				lines.push(
					...quote('Prompt', sample.prompt),
					...quote('Reference', sample.reference),
					...quote('Base model', sample.before),
					...quote('With the adapter', sample.after),
					'---',
					''
				);
		}
	}
	lines.push(
		'## Checkpoints',
		'',
		'Snapshots of the adapter during training, each with the mean learning rate since the previous one (what',
		'TracIn-style attribution weighs its gradients by). The last is the adapter above.',
		'',
		'| step | learning rate | folder |',
		'|---|---|---|',
		...result.snapshots.map(
			(s) => `| ${s.step} | ${s.learningRate.toExponential(3)} | \`${snapshotFolder(s.step)}\` |`
		),
		'',
		'## Use',
		'',
		'```python',
		'from peft import PeftModel',
		'from transformers import AutoModelForCausalLM',
		'',
		`base = AutoModelForCausalLM.from_pretrained(${JSON.stringify(meta.baseModelId)})`,
		'model = PeftModel.from_pretrained(base, "path/to/this/folder")',
		'```',
		''
	);
	return lines.join('\n');
}

function settingText(settings: FineTuneSettings, key: keyof FineTuneSettings): string {
	const value = settings[key];
	if (key === 'duration')
		return settings.duration.kind === 'epochs'
			? `${settings.duration.epochs} epochs`
			: `${settings.duration.steps} steps`;
	if (Array.isArray(value)) return value.join(', ');
	return String(value);
}

function metric(metrics: LossMetrics, key: keyof LossMetrics): string {
	return key === 'loss' ? fixed(metrics.loss) : metrics.perplexity.toFixed(2);
}

function fixed(value: number | undefined): string {
	return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(4);
}

function meanOfLast(values: readonly number[], count: number): number | undefined {
	const last = values.slice(-count);
	return last.length === 0 ? undefined : last.reduce((sum, v) => sum + v, 0) / last.length;
}

/** A labelled block quote; every line of the text stays inside the quote. */
function quote(label: string, text: string): string[] {
	const body = text === '' ? ['> *(empty)*'] : text.split('\n').map((line) => `> ${line}`);
	return [`**${label}:**`, '', ...body, ''];
}

/** Text safe inside a table cell: pipes escaped, line breaks as spaces. */
function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function yamlString(text: string): string {
	return JSON.stringify(text);
}
