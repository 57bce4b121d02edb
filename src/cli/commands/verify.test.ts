// `provena verify` against a real anvil with the real contracts and two real Helia nodes: a publisher holding the
// adapter folder and the evidence (as a payer's page would), and the command's own node dialling it. A model trained
// on four planted-fact contributions named by their on-chain ids (e2e/fixtures/attributedModel.ts) answers; its
// records are checked honest (exit 0), against a tampered copy of the evidence, with evidence nobody holds, and with
// weights skewed by the payer (exit 1, each naming what differs).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Address } from 'viem';
import {
	attributedModelOnChain,
	MISSING_EVIDENCE_CID,
	recordAnswerOnChain,
	type AttributedModel,
	type RecordedAnswer
} from '../../../e2e/fixtures/attributedModel.ts';
import { startProtocolDevnet, type ProtocolDevnet } from '../../lib/datanets/state/protocolDevnet.testing.ts';
import { encodeInferenceEvidence } from '../../lib/attribution/inferenceEvidence.ts';
import { createNodeHelia, type NodeHelia } from '../peer/createNodeHelia.ts';
import { run, type RecordVerdict } from './verify.ts';

let devnet: ProtocolDevnet;
let publisher: NodeHelia;
let dir: string;
let model: AttributedModel;
let honest: RecordedAnswer;
let payer: Address;

beforeAll(async () => {
	devnet = await startProtocolDevnet();
	publisher = await createNodeHelia({ listen: ['/ip4/127.0.0.1/tcp/0/ws'] });
	dir = await mkdtemp(join(tmpdir(), 'provena-verify-'));
	const [owner, curator, a, b, p] = devnet.accounts.slice(2, 7) as Address[];
	payer = p!;
	const setting = { contracts: devnet.deployments.contracts, workDir: dir };
	model = await attributedModelOnChain(
		devnet.anvil.rpcUrl,
		publisher,
		{ owner: owner!, curator: curator!, contributors: [a!, b!] },
		setting
	);
	honest = await recordAnswerOnChain(devnet.anvil.rpcUrl, publisher, model, payer, 0, setting);
}, 240_000);

afterAll(async () => {
	await publisher?.stop();
	await devnet?.anvil.stop();
	if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the command, returning its exit code and what it printed. */
async function verify(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
	const out: string[] = [];
	const err: string[] = [];
	const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
	const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
	try {
		const peer = publisher.libp2p.getMultiaddrs()[0]!.toString();
		const code = await run(['--rpc', devnet.anvil.rpcUrl, '--peer', peer, '--timeout', '3', ...argv]);
		return { code, out: out.join('\n'), err: err.join('\n') };
	} finally {
		log.mockRestore();
		error.mockRestore();
	}
}

const jsonOf = (out: string) => JSON.parse(out) as { verdict: string; records: RecordVerdict[] };

describe('provena verify', () => {
	it('the honest record pays a contribution and matches its recomputation (exit 0)', async () => {
		expect(honest.evidence.paid.length).toBeGreaterThan(0);
		const { code, out } = await verify('--tx', honest.hash, '--json');
		expect(code).toBe(0);
		const result = jsonOf(out);
		expect(result.verdict).toBe('matches');
		expect(result.records).toHaveLength(1);
		expect(result.records[0]).toMatchObject({
			recordId: honest.recordId.toString(),
			verdict: 'matches',
			evidenceCid: honest.evidenceCid
		});
		const text = await verify('--record', honest.recordId.toString());
		expect(text.code).toBe(0);
		expect(text.out).toContain(`record #${honest.recordId}`);
		expect(text.out).toContain('matches');
	}, 120_000);

	it('a tampered copy of the evidence names the contribution and the score (exit 1)', async () => {
		const tampered = structuredClone(honest.evidence);
		const target = tampered.scores.find((s) => s.contribution === tampered.paid[0]!.contribution)!;
		const recomputed = target.gradient;
		target.gradient += 7;
		const file = join(dir, 'tampered.json');
		await writeFile(file, encodeInferenceEvidence(tampered));
		const { code, out } = await verify('--tx', honest.hash, '--evidence', file, '--json');
		expect(code).toBe(1);
		const [record] = jsonOf(out).records;
		expect(record!.verdict).toBe('differs');
		expect(record!.differences).toContainEqual(
			expect.objectContaining({
				subject: `contribution ${target.contribution}`,
				field: 'gradient',
				expected: String(recomputed),
				recorded: String(recomputed + 7)
			})
		);
		const text = await verify('--tx', honest.hash, '--evidence', file);
		expect(text.code).toBe(1);
		expect(text.out).toContain(`Contribution ${target.contribution}'s gradient score recomputes to ${recomputed}`);
	}, 120_000);

	it('a record whose evidence nobody holds says it could not be fetched (exit 1)', async () => {
		const missing = await recordAnswerOnChain(devnet.anvil.rpcUrl, publisher, model, payer, 1, {
			contracts: devnet.deployments.contracts,
			evidenceCid: MISSING_EVIDENCE_CID
		});
		const { code, out } = await verify('--tx', missing.hash);
		expect(code).toBe(1);
		expect(out).toContain('unverifiable');
		expect(out).toContain(`The evidence ${MISSING_EVIDENCE_CID} could not be fetched from IPFS`);
		expect(out).toContain('ask the payer for a copy of the evidence');
		// The payer's copy still checks out.
		const file = join(dir, 'copy.json');
		await writeFile(file, encodeInferenceEvidence(missing.evidence));
		const copy = await verify('--tx', missing.hash, '--evidence', file, '--json');
		expect(jsonOf(copy.out).records[0]!.differences ?? []).toEqual([]);
		expect(copy.code).toBe(0);
	}, 120_000);

	it('weights skewed by the payer differ from the recomputation: contribution, expected and recorded (exit 1)', async () => {
		const [paid] = honest.evidence.paid;
		const total = honest.evidence.totalWeight;
		const skewed = paid!.weight < total ? total : paid!.weight - 1;
		const record = await recordAnswerOnChain(devnet.anvil.rpcUrl, publisher, model, payer, 0, {
			contracts: devnet.deployments.contracts,
			weights: { [paid!.contribution]: skewed }
		});
		const { code, out } = await verify('--tx', record.hash, '--json');
		expect(code).toBe(1);
		const [verdict] = jsonOf(out).records;
		expect(verdict!.verdict).toBe('differs');
		expect(verdict!.differences).toContainEqual(
			expect.objectContaining({
				subject: `contribution ${paid!.contribution}`,
				field: 'weight',
				expected: String(paid!.weight),
				recorded: String(skewed)
			})
		);
		// Evidence and record agree with each other: only the recomputation exposes the skew.
		expect(verdict!.differences!.every((d) => d.subject !== 'record')).toBe(true);
	}, 120_000);

	it('usage mistakes exit 2 through the entry point (CliUsageError)', async () => {
		await expect(run(['--rpc', devnet.anvil.rpcUrl])).rejects.toThrow(/--tx <hash> or --record <id>/);
		await expect(run(['--tx', '0x12'])).rejects.toThrow(/transaction hash/);
	});
});
