// `provena attribute --model DIR --adapter DIR --prompt TEXT --answer TEXT`: Proof of Attribution headless. The same
// code the page's attribution worker runs (AttributionSession: openAttribution, attributeAnswer, attributionReport), on jax-js's Wasm
// backend, so the integers it prints are the ones the page computes and a verifier recomputes.
import { resolve } from 'node:path';
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { describeError } from '../describeError.ts';
import { directoryReader } from '../directoryReader.ts';
import { DEFAULT_ATTRIBUTION_RULES, type AttributionRules } from '../../../workers/ml/attribution/attributeAnswer.ts';
import type { AttributionReport } from '../../../workers/ml/attribution/attributionReport.ts';
import { AttributionSession } from '../../../workers/ml/attribution/attributionSession.ts';

const rules = DEFAULT_ATTRIBUTION_RULES;

export const help = `Usage: provena attribute --model <dir> --adapter <dir> --prompt <text> --answer <text> [options]

Traces an answer of an adapter back to the data it was trained on, as the page does before paying for it: the
answer's spans found in the training data (at least ${rules.spans.minLength} tokens, in at most ${rules.spans.maxOccurrences} places, ${rules.spans.minSurpriseBits} bits of rarity),
and its gradient influence at the adapter's kept checkpoints (TracIn over projected LoRA gradients), combined into
an integer weight per contribution. Contributions clearing the threshold share the answer's data fee; when none
does, the datanet pool is paid. Offline, a contribution is one --data file of the training run, named by its path
exactly as it was given to provena train. Runs on the CPU (jax-js Wasm): every machine gets the same integers.

Options:
  --model <dir>          the base model folder the adapter was trained on
  --adapter <dir>        the adapter folder as provena train wrote it (with attribution/ and checkpoints/)
  --prompt <text>        what the model was asked
  --answer <text>        what it answered
  --chat                 the prompt and answer are a chat turn (the chat template), as the chat page sends them
  --threshold-bps <n>    the share of the total weight a contribution needs to be paid, in basis points
                         (default ${rules.payment.thresholdBps}, the protocol's)
  --max-paid <n>         the most contributions paid (default ${rules.payment.maxPaid})
  --json                 print the whole result as one JSON object (spans, scores, paid, evidence)
  -h, --help             show this help

Example:
  provena attribute --model static/models/provena-tiny --adapter adapters/weather --chat \\
    --prompt 'What is the capital of Moonbell Island?' --answer 'The capital is Duckwater.'`;

type AttributeArgs = {
	model: string;
	adapter: string;
	prompt: string;
	answer: string;
	chat: boolean;
	rules: AttributionRules;
	json: boolean;
};

/**
 * Runs `provena attribute`; resolves to 0 with a result (the pool's, when the adapter has no artifacts), 1 when the
 * model, adapter or answer cannot be used. Usage mistakes throw CliUsageError.
 */
export async function run(argv: string[]): Promise<number> {
	const args = parse(argv);
	if (!args) {
		console.log(help);
		return 0;
	}
	try {
		const report = await attribute(args);
		if (report.notice) console.error(`provena attribute: ${report.notice}`);
		console.log(args.json ? JSON.stringify(report) : formatReport(report));
		return 0;
	} catch (error) {
		console.error(`provena attribute: ${describeError(error)}`);
		return 1;
	}
}

function parse(argv: string[]): AttributeArgs | undefined {
	const parsed = parseCommandArgs(argv, {
		model: { type: 'string' },
		adapter: { type: 'string' },
		prompt: { type: 'string' },
		answer: { type: 'string' },
		chat: { type: 'boolean' },
		'threshold-bps': { type: 'string' },
		'max-paid': { type: 'string' },
		json: { type: 'boolean' }
	});
	if (!parsed) return undefined;
	const { values, positionals } = parsed;
	if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}".`);
	for (const name of ['model', 'adapter', 'answer'] as const)
		if (values[name] === undefined) throw new CliUsageError(`--${name} is required.`);
	const integer = (name: 'threshold-bps' | 'max-paid', fallback: number, max: number) => {
		const raw = values[name];
		if (raw === undefined) return fallback;
		const value = Number(raw);
		if (raw.trim() === '' || !Number.isInteger(value) || value < 0 || value > max)
			throw new CliUsageError(`--${name} must be a whole number from 0 to ${max}, got "${raw}".`);
		return value;
	};
	return {
		model: values.model!,
		adapter: values.adapter!,
		prompt: values.prompt ?? '',
		answer: values.answer!,
		chat: values.chat ?? false,
		rules: {
			...rules,
			payment: {
				thresholdBps: integer('threshold-bps', rules.payment.thresholdBps, 10_000),
				maxPaid: integer('max-paid', rules.payment.maxPaid, 255)
			}
		},
		json: values.json ?? false
	};
}

async function attribute(args: AttributeArgs): Promise<AttributionReport> {
	const modelDir = resolve(args.model);
	const session = new AttributionSession();
	try {
		await session.open(directoryReader(modelDir), directoryReader(resolve(args.adapter)), { model: modelDir });
		return await session.attributeText({ prompt: args.prompt, answer: args.answer, chat: args.chat }, args.rules);
	} finally {
		session.close();
	}
}

/** The result for a person: the spans, the scores and who is paid. */
function formatReport(report: AttributionReport): string {
	const lines: string[] = [];
	lines.push(`answer: ${report.answerTokenIds.length} tokens`);
	if (report.spans.length === 0) lines.push('spans: none found in the training data');
	for (const span of report.spans)
		lines.push(
			`span [${span.start}, ${span.end}) ${JSON.stringify(span.text)}: ${span.count} place(s), ${span.surpriseBits} bits, in ${span.contributions.join(', ')}`
		);
	if (report.scores.length > 0) {
		lines.push('contribution\tspan\tgradient\tweight');
		for (const s of report.scores) lines.push(`${s.contribution}\t${s.span}\t${s.gradient}\t${s.weight}`);
	}
	lines.push(`total weight: ${report.totalWeight}`);
	lines.push(
		report.pool
			? 'paid: no contribution clears the threshold, so the datanet pool is paid'
			: `paid: ${report.paid.map((p) => `${p.contribution} (${((p.weight / report.totalWeight) * 100).toFixed(1)} %)`).join(', ')}`
	);
	return lines.join('\n');
}
