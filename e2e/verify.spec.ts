// Anyone can check a paid answer: the /verify/ page reads the record, fetches its evidence over IPFS with the page's
// own Helia node, recomputes the attribution in the attribution worker and says "Matches" or exactly what differs;
// `provena verify` (its run(), in this process) says the same of the same records. A model trained on four planted
// facts named by their on-chain contribution ids answers (e2e/fixtures/attributedModel.ts); devnet accounts 23
// (datanet owner, curator, model owner and the payer) and 24 (the contributor) are this spec's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Address } from 'viem';
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import { expectNoSidewaysScroll } from './fixtures/page.ts';
import {
	attributedModelOnChain,
	MISSING_EVIDENCE_CID,
	recordAnswerOnChain,
	type AttributedModel,
	type RecordedAnswer
} from './fixtures/attributedModel.ts';
import { createNodeHelia, type NodeHelia } from '../src/cli/peer/createNodeHelia.ts';
import { encodeInferenceEvidence } from '../src/lib/attribution/inferenceEvidence.ts';
import { run as verifyCli, type RecordVerdict } from '../src/cli/commands/verify.ts';

// Training (~20 s), Node attributions, and Wasm recomputations in SwiftShader's shared CPU.
test.setTimeout(300_000);

let dir: string;
let publisher: NodeHelia;
let model: AttributedModel;
let honest: RecordedAnswer;
let skewed: RecordedAnswer;
let missing: RecordedAnswer;

test.beforeAll(async () => {
	test.setTimeout(400_000);
	const rpcUrl = process.env.PROVENA_E2E_RPC!;
	const accounts = await devnetAccounts(rpcUrl);
	const [a, b] = [accounts[23]!, accounts[24]!] as [Address, Address];
	dir = mkdtempSync(join(tmpdir(), 'provena-e2e-verify-'));
	publisher = await createNodeHelia({ listen: ['/ip4/127.0.0.1/tcp/0/ws'] });
	model = await attributedModelOnChain(
		rpcUrl,
		publisher,
		{ owner: a, curator: a, contributors: [b] },
		{ workDir: dir }
	);
	honest = await recordAnswerOnChain(rpcUrl, publisher, model, a, 0);
	const [paid] = honest.evidence.paid;
	const total = honest.evidence.totalWeight;
	skewed = await recordAnswerOnChain(rpcUrl, publisher, model, a, 0, {
		weights: { [paid!.contribution]: paid!.weight < total ? total : paid!.weight - 1 }
	});
	missing = await recordAnswerOnChain(rpcUrl, publisher, model, a, 1, { evidenceCid: MISSING_EVIDENCE_CID });
});
test.afterAll(async () => {
	await publisher?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `provena verify --json` on a record, in this process: its exit code and verdict. */
async function cli(
	...argv: string[]
): Promise<{ code: number; result: { verdict: string; records: RecordVerdict[] } }> {
	const out: string[] = [];
	const log = console.log;
	console.log = (...args: unknown[]) => void out.push(args.join(' '));
	try {
		const peer = publisher.libp2p.getMultiaddrs()[0]!.toString();
		const code = await verifyCli([
			'--rpc',
			process.env.PROVENA_E2E_RPC!,
			'--peer',
			peer,
			'--timeout',
			'5',
			'--json',
			...argv
		]);
		return { code, result: JSON.parse(out.join('\n')) };
	} finally {
		console.log = log;
	}
}

const verdict = (page: Page) => page.getByTestId('verdict');

test('an honest record verifies as "Matches", looked up by transaction hash from the form', async ({ page }) => {
	await page.goto('/verify/');
	await page.getByLabel('Transaction hash or record id').fill(honest.hash);
	await page.getByRole('button', { name: 'Verify' }).click();
	await page.waitForURL(/\/verify\/\?tx=0x[0-9a-f]{64}$/);
	const summary = page.getByTestId('record-summary');
	await expect(summary.getByRole('heading')).toHaveText(`Record #${honest.recordId}`);
	await expect(summary.getByTestId('record-model')).toHaveText(`#${model.modelId}`);
	await expect(summary.getByTestId('record-evidence-cid')).toHaveText(honest.evidenceCid);
	await expect(summary.getByTestId('record-state')).toContainText('Data share in escrow');
	const paid = honest.evidence.paid;
	await expect(summary.getByTestId('record-paid').locator('tbody tr')).toHaveCount(paid.length);
	await expect(summary.getByTestId('record-paid')).toContainText(`#${paid[0]!.contribution}`);
	await expect(summary.getByTestId('record-paid')).toContainText(String(paid[0]!.weight));
	// The steps show while it works, then the outcome.
	await expect(page.getByTestId('verify-progress').or(page.getByTestId('verdict-matches'))).toBeVisible();
	await expect(page.getByTestId('verdict-matches')).toBeVisible({ timeout: 180_000 });
	await expect(verdict(page)).toHaveAttribute('data-verdict', 'matches');

	for (const [width, name] of [
		[1280, 'verify-matches-1280.png'],
		[390, 'verify-matches-390.png']
	] as const) {
		await page.setViewportSize({ width, height: 900 });
		await expectNoSidewaysScroll(page, `/verify/ at ${width} px`);
		await page.screenshot({ path: test.info().outputPath(name), fullPage: true });
	}

	// The CLI agrees.
	const { code, result } = await cli('--tx', honest.hash);
	expect(code).toBe(0);
	expect(result.records[0]).toMatchObject({ recordId: honest.recordId.toString(), verdict: 'matches' });
});

test('a tampered copy of the evidence shows exactly what differs', async ({ page }) => {
	const tampered = structuredClone(honest.evidence);
	const score = tampered.scores.find((s) => s.contribution === tampered.paid[0]!.contribution)!;
	const recomputed = score.gradient;
	score.gradient += 7;
	await page.goto(`/verify/?record=${honest.recordId}`);
	await expect(page.getByTestId('verdict-matches')).toBeVisible({ timeout: 180_000 });
	await page.getByText('Check a copy of the evidence', { exact: true }).click();
	await page.getByTestId('evidence-file').setInputFiles({
		name: 'tampered-evidence.json',
		mimeType: 'application/json',
		buffer: Buffer.from(encodeInferenceEvidence(tampered))
	});
	await expect(page.getByTestId('verdict-differs')).toBeVisible({ timeout: 120_000 });
	await expect(page.getByTestId('verdict-differs')).toContainText('tampered-evidence.json');
	const rows = page.getByTestId('difference');
	await expect(rows).toHaveCount(1);
	await expect(rows.first().locator('td')).toHaveText([
		`contribution ${score.contribution}`,
		'gradient',
		String(recomputed),
		String(recomputed + 7)
	]);
	await expect(
		page.getByText(`Contribution ${score.contribution}'s gradient score recomputes to ${recomputed}`)
	).toBeVisible();

	// A file that is not evidence is said so, and nothing is checked.
	await page.getByTestId('evidence-file').setInputFiles({
		name: 'notes.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"hello": 1}')
	});
	await expect(page.getByTestId('evidence-file-problem')).toContainText(
		'notes.json: This is not Provena inference evidence'
	);

	for (const [width, name] of [
		[1280, 'verify-differs-1280.png'],
		[390, 'verify-differs-390.png']
	] as const) {
		await page.setViewportSize({ width, height: 900 });
		await expectNoSidewaysScroll(page, `/verify/ (differs) at ${width} px`);
		await page.screenshot({ path: test.info().outputPath(name), fullPage: true });
	}
});

test('weights skewed by the payer: the page and provena verify name the same differences', async ({ page }) => {
	const { code, result } = await cli('--record', skewed.recordId.toString());
	expect(code).toBe(1);
	const [fromCli] = result.records;
	expect(fromCli!.verdict).toBe('differs');
	const [paid] = honest.evidence.paid;
	expect(fromCli!.differences).toContainEqual(
		expect.objectContaining({
			subject: `contribution ${paid!.contribution}`,
			field: 'weight',
			expected: String(paid!.weight)
		})
	);

	await page.goto(`/verify/?record=${skewed.recordId}`);
	await expect(page.getByTestId('verdict-differs')).toBeVisible({ timeout: 180_000 });
	const rows = page.getByTestId('difference');
	await expect(rows).toHaveCount(fromCli!.differences!.length);
	for (const [i, d] of fromCli!.differences!.entries())
		await expect(rows.nth(i).locator('td')).toHaveText([d.subject, d.field, d.expected, d.recorded]);
});

test('a record whose evidence nobody holds says it could not be fetched and what to do', async ({ page }) => {
	await page.goto(`/verify/?record=${missing.recordId}`);
	const unverifiable = page.getByTestId('verdict-unverifiable');
	await expect(unverifiable).toBeVisible({ timeout: 120_000 });
	await expect(unverifiable).toContainText(`The evidence ${MISSING_EVIDENCE_CID} could not be fetched from IPFS`);
	await expect(unverifiable).toContainText('ask the payer for a copy of the evidence');
	await expect(verdict(page)).toContainText('Check a copy of the evidence');
	await page.setViewportSize({ width: 390, height: 900 });
	await expectNoSidewaysScroll(page, '/verify/ (unverifiable) at 390 px');
	await page.screenshot({ path: test.info().outputPath('verify-unverifiable-390.png'), fullPage: true });

	// The payer's copy checks out.
	await page.getByText('Check a copy of the evidence', { exact: true }).click();
	await page.getByTestId('evidence-file').setInputFiles({
		name: 'payer-copy.json',
		mimeType: 'application/json',
		buffer: Buffer.from(encodeInferenceEvidence(missing.evidence))
	});
	await expect(page.getByTestId('verdict-matches')).toBeVisible({ timeout: 120_000 });

	const { code, result } = await cli('--record', missing.recordId.toString());
	expect(code).toBe(1);
	expect(result.records[0]!.verdict).toBe('unverifiable');
	expect(result.records[0]!.reason).toContain('could not be fetched');
});

test("a model's recorded answers are listed, each linking to its verification", async ({ page }) => {
	await page.goto(`/verify/?model=${model.modelId}`);
	const rows = page.getByTestId('model-record');
	await expect(rows).toHaveCount(3);
	await expect(rows.first()).toContainText(`Verify #${missing.recordId}`);
	await rows
		.filter({ hasText: `Verify #${honest.recordId}` })
		.getByRole('link')
		.click();
	await page.waitForURL(new RegExp(`/verify/\\?record=${honest.recordId}$`));
	await expect(page.getByTestId('record-summary').getByRole('heading')).toHaveText(`Record #${honest.recordId}`);
	await page.setViewportSize({ width: 390, height: 900 });
	await page.goto(`/verify/?model=${model.modelId}`);
	await expect(rows).toHaveCount(3);
	await expectNoSidewaysScroll(page, '/verify/?model= at 390 px');
	await page.screenshot({ path: test.info().outputPath('verify-model-390.png'), fullPage: true });
});
