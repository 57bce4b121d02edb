// The `validator-throughput` bench: how many recorded answers one validator keeps up with. The attribution fixture's
// adapter is trained, a payer attributes N answers and writes their evidence (what recordInference names), and a
// validator re-checks each from its evidence bytes alone with the code the Validate page runs in its worker: parse the
// evidence, check its rules, recompute the attribution in an AttributionSession (jax-js on Wasm) and compare. Half the
// answers are then re-asserted self-attributing (weights skewed), and each must be found to differ. Reported: opening
// the session, verification time per record (mean, median, p95) and records per minute; what that means against the
// challenge window. Sizes: PROVENA_BENCH_VALIDATOR_RECORDS (default 20).
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_ATTRIBUTION_RULES } from '../../../workers/ml/attribution/attributeAnswer.ts';
import { AttributionSession } from '../../../workers/ml/attribution/attributionSession.ts';
import {
	encodeInferenceEvidence,
	inferenceEvidenceOf,
	parseInferenceEvidence,
	type InferenceEvidence
} from '../../lib/attribution/inferenceEvidence.ts';
import { recomputationDifferences, rulesDifferences } from '../../lib/attribution/attributionDifferences.ts';
import { protocolAttributionRules } from '../../lib/attribution/verifyInference.ts';
import { attributionFixture } from '../attributionQuality/attributionFixture.ts';
import { directoryReader } from '../directoryReader.ts';
import { repoRoot } from '../paths.ts';
import type { BenchSuite } from './types.ts';

const MODEL_DIR = join(repoRoot, 'static/models/provena-tiny');
const RECORDS = Number(process.env.PROVENA_BENCH_VALIDATOR_RECORDS ?? 20);
/** The default challenge window of a real deployment (deploy/protocolSettings.ts: 24 h; the devnet uses 60 s), for the "keeps up" figure. */
const CHALLENGE_WINDOW_S = 24 * 60 * 60;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * `evidence` re-asserted by a self-attributing payer: the whole weight to a contribution (theirs) that the honest
 * attribution does not pay.
 */
function selfAttributing(evidence: InferenceEvidence, contributions: readonly string[]): InferenceEvidence {
	const honest = new Set(evidence.paid.map((p) => p.contribution));
	const own = contributions.find((c) => !honest.has(c)) ?? 'self';
	return { ...evidence, paid: [{ contribution: own, weight: Math.max(1, evidence.totalWeight) }] };
}

export const validatorThroughput: BenchSuite = {
	title: 'Validator throughput: re-checking recorded answers from their evidence (Node, AttributionSession on Wasm)',
	async run(log) {
		const dir = await mkdtemp(join(tmpdir(), 'provena-bench-validator-'));
		try {
			log('Training the attribution fixture (about 20 s)…');
			const fixture = await attributionFixture(dir, MODEL_DIR);
			const rules = protocolAttributionRules(DEFAULT_ATTRIBUTION_RULES.payment);
			const at = { chainId: 31337, modelId: '1', adapterVersion: 1, adapterCid: 'bafy-fixture-adapter' };

			// The payer: attribute N answers and write their evidence.
			const payer = new AttributionSession();
			const { contributions } = await payer.open(directoryReader(MODEL_DIR), directoryReader(fixture.adapterDir), {
				model: MODEL_DIR
			});
			const recorded: Uint8Array[] = [];
			for (let i = 0; i < RECORDS; i++) {
				const answer = fixture.answers[i % fixture.answers.length]!;
				const evidence = inferenceEvidenceOf(await payer.attributeText(answer, rules), at);
				recorded.push(encodeInferenceEvidence(i % 2 === 1 ? selfAttributing(evidence, contributions) : evidence));
			}
			payer.close();
			log(`${RECORDS} answers recorded (every second one self-attributing).`);

			// The validator: a fresh session, as a page opens one.
			const validator = new AttributionSession();
			const openStart = performance.now();
			await validator.open(directoryReader(MODEL_DIR), directoryReader(fixture.adapterDir), { model: MODEL_DIR });
			const openMs = performance.now() - openStart;
			const times: number[] = [];
			let matched = 0;
			let caught = 0;
			let missed = 0;
			for (const [i, bytes] of recorded.entries()) {
				const start = performance.now();
				const evidence = parseInferenceEvidence(bytes);
				const recomputed = await validator.attribute(evidence.attribution.example, rules);
				const differences = [...rulesDifferences(evidence, rules), ...recomputationDifferences(evidence, recomputed)];
				times.push(performance.now() - start);
				const skewed = i % 2 === 1;
				if (differences.length === 0 && !skewed) matched++;
				else if (differences.length > 0 && skewed) caught++;
				else missed++;
			}
			validator.close();
			const sorted = [...times].sort((a, b) => a - b);
			const mean = times.reduce((s, t) => s + t, 0) / times.length;
			const perMinute = 60_000 / mean;
			log(`verified ${RECORDS}: mean ${mean.toFixed(0)} ms, ${perMinute.toFixed(1)} records/min`);
			return {
				suite: 'validator-throughput',
				title: this.title,
				environment: `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; default model (provena-tiny), attribution fixture adapter (4 contributions); jax-js on Wasm, one thread`,
				rows: [
					{ name: 'open the session (base model + adapter artifacts)', value: Math.round(openMs), unit: 'ms' },
					{
						name: 'verification per record, mean',
						value: Math.round(mean),
						unit: 'ms',
						details: { times: times.map(Math.round) }
					},
					{ name: 'verification per record, median', value: Math.round(percentile(sorted, 0.5)), unit: 'ms' },
					{ name: 'verification per record, p95', value: Math.round(percentile(sorted, 0.95)), unit: 'ms' },
					{
						name: 'records one validator re-checks per minute',
						value: Number(perMinute.toFixed(1)),
						unit: 'records/min'
					},
					{
						name: `records one validator covers per ${CHALLENGE_WINDOW_S / 3600}-hour challenge window`,
						value: Math.floor((CHALLENGE_WINDOW_S * 1000) / mean),
						unit: 'records'
					},
					{
						name: 'honest records found matching',
						value: matched,
						unit: `of ${Math.ceil(RECORDS / 2)}`,
						atLeast: true,
						target: Math.ceil(RECORDS / 2)
					},
					{
						name: 'self-attributing records found differing',
						value: caught,
						unit: `of ${Math.floor(RECORDS / 2)}`,
						atLeast: true,
						target: Math.floor(RECORDS / 2)
					},
					{ name: 'wrong verdicts', value: missed, unit: 'records', target: 0 }
				],
				notes: [
					"Per record: parse the evidence bytes, check its rules, recompute the answer's attribution from its example (span matching + the LoRA gradient sketch), compare every score and the paid list. Reading the evidence from IPFS and the chain reads are not included (milliseconds on a devnet).",
					'A validator page checks one record at a time in one worker; more validators, or more tabs, scale it linearly.',
					'Chromium (SwiftShader or a GPU) runs the same Wasm code; its figures are not measured here.'
				]
			};
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}
};
