// The Validate page against the devnet: a model with real attribution artifacts (the attributedModel fixture), an
// honest answer and a self-attributing one recorded by the same payer; a non-validator is shown how to become one; a
// validator's tab re-checks both in the attribution worker (verified here, mismatch), disputes the mismatch with its
// own recomputed evidence and the bond shown before signing; the page prefills the resolving proposal, which passes
// on chain (DisputeResolved, and the validator is credited the bonds); after the window the honest record is
// finalised with the batched button. Accounts 25 (payer, model owner), 26 (curator, validator) and 27 (contributor,
// voter, non-validator) are this spec's alone. The challenge window is lengthened for the spec and put back after.
import { createPublicClient, encodeFunctionData, http, parseEther, parseEventLogs, type Address, type Hex } from 'viem';
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import { connectDevnetAccount, deployments, sendAndConfirm, stakeOf } from './fixtures/datanets.ts';
import { advanceTime, asTimelock, passOnChain, protocolParams, wrapAndDelegate } from './fixtures/governance.ts';
import { expectNoSidewaysScroll, signAndConfirm } from './fixtures/page.ts';
import {
	attributedModelOnChain,
	recordAnswerOnChain,
	type AttributedModel,
	type RecordedAnswer
} from './fixtures/attributedModel.ts';
import { createNodeHelia, type NodeHelia } from '../src/cli/peer/createNodeHelia.ts';
import { attributionLedgerAbi, protocolParamsAbi, stakingAbi } from '../src/lib/chain/abis.ts';
import type { InferenceEvidence } from '../src/lib/attribution/inferenceEvidence.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(600_000);

const [PAYER, VALIDATOR, VOTER] = [25, 26, 27];
/** Long enough for the tab to re-check both records on SwiftShader; the devnet's 60 s is put back afterwards. */
const WINDOW = 3600;
const shots = 'test-results/validate';

let accounts: Address[];
let publisher: NodeHelia;
let model: AttributedModel;
let honest: RecordedAnswer;
let skewed: RecordedAnswer;
let originalWindow: number | undefined;

const setWindow = (seconds: number) => ({
	target: protocolParams(),
	value: 0n,
	calldata: encodeFunctionData({ abi: protocolParamsAbi, functionName: 'setChallengeWindow', args: [seconds] })
});

/** Weights a self-attributing payer records: the whole remainder, and half of the biggest other share, to its own. */
function selfAttributingWeights(evidence: InferenceEvidence, own: string): Record<string, number> {
	const others = evidence.paid.filter((p) => p.contribution !== own);
	const weights: Record<string, number> = {};
	let ownWeight = evidence.totalWeight - others.reduce((sum, p) => sum + p.weight, 0);
	const largest = [...others].sort((a, b) => b.weight - a.weight)[0];
	if (largest) {
		const half = Math.floor(largest.weight / 2);
		weights[largest.contribution] = largest.weight - half;
		ownWeight += half;
	}
	weights[own] = ownWeight;
	return weights;
}

async function ledgerClaimable(rpcUrl: string, account: Address): Promise<bigint> {
	return createPublicClient({ transport: http(rpcUrl) }).readContract({
		address: deployments().contracts.AttributionLedger.address,
		abi: attributionLedgerAbi,
		functionName: 'claimable',
		args: [account]
	});
}

test.beforeAll(async ({ devnet }) => {
	test.setTimeout(600_000);
	const { rpcUrl } = devnet;
	accounts = await devnetAccounts(rpcUrl);
	const client = createPublicClient({ transport: http(rpcUrl) });
	originalWindow = await client.readContract({
		address: protocolParams(),
		abi: protocolParamsAbi,
		functionName: 'challengeWindow'
	});
	await asTimelock(rpcUrl, [setWindow(WINDOW)]);

	publisher = await createNodeHelia({ listen: ['/ip4/127.0.0.1/tcp/0/ws'] });
	model = await attributedModelOnChain(rpcUrl, publisher, {
		owner: accounts[PAYER]!,
		curator: accounts[VALIDATOR]!,
		contributors: [accounts[PAYER]!, accounts[VOTER]!]
	});

	// The curator's stake makes them a validator too, once it reaches the validator minimum.
	const minValidatorStake = await client.readContract({
		address: protocolParams(),
		abi: protocolParamsAbi,
		functionName: 'minValidatorStake'
	});
	const staked = await stakeOf(rpcUrl, accounts[VALIDATOR]!);
	if (staked < minValidatorStake)
		await sendAndConfirm(rpcUrl, (w) =>
			w.writeContract({
				account: accounts[VALIDATOR]!,
				chain: null,
				address: deployments().contracts.Staking.address,
				abi: stakingAbi,
				functionName: 'stake',
				value: minValidatorStake - staked,
				gas: 2_000_000n
			})
		);

	honest = await recordAnswerOnChain(rpcUrl, publisher, model, accounts[PAYER]!, 0);
	const ownIds = model.contributionIds.filter((_, i) => model.contributors[i] === accounts[PAYER]).map(String);
	const own = ownIds.find((id) => !honest.evidence.paid.some((p) => p.contribution === id)) ?? ownIds[0]!;
	skewed = await recordAnswerOnChain(rpcUrl, publisher, model, accounts[PAYER]!, 0, {
		weights: selfAttributingWeights(honest.evidence, own)
	});
});

test.afterAll(async ({ devnet }) => {
	if (originalWindow !== undefined) await asTimelock(devnet.rpcUrl, [setWindow(originalWindow)]);
	await publisher?.stop();
});

const record = (page: import('@playwright/test').Page, id: bigint) =>
	page.getByTestId('records-card').locator(`[data-testid="record"][data-record-id="${id}"]`);

test('a non-validator sees what a validator does, the stake it takes, and the way to get it', async ({ page }) => {
	await page.goto(`/validate/?models=${model.modelId}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Validate' })).toBeVisible();
	await connectDevnetAccount(page, VOTER, accounts[VOTER]!);
	const become = page.getByTestId('become-validator');
	await expect(become).toBeVisible();
	await expect(become.getByTestId('validator-minimum')).toContainText('OPEN');
	await expect(become).toContainText('This account has 0 OPEN staked');
	// It may still watch: the records are listed, and nothing is re-checked unless it asks.
	await expect(record(page, honest.recordId)).toHaveAttribute('data-state', 'asserted');
	await expect(page.getByTestId('watching')).not.toBeChecked();
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await expectNoSidewaysScroll(page, `/validate/ as a non-validator at ${width} px`);
		await page.screenshot({ path: `${shots}/non-validator-${width}.png`, fullPage: true });
	}
	await become.getByTestId('get-validator-stake').click();
	await expect(page).toHaveURL(/\/staking\/#roles$/);
	await expect(page.locator('[data-testid="role"][data-role="validator"]')).toContainText('Stake the missing');
});

test('a validator re-checks both records, disputes the self-attributing one, and proposes its resolution', async ({
	page,
	devnet
}) => {
	const { rpcUrl } = devnet;
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(`/validate/?models=${model.modelId}`);
	await connectDevnetAccount(page, VALIDATOR, accounts[VALIDATOR]!);
	await expect(page.getByTestId('validator-standing')).toContainText('You are a validator');
	await expect(page.getByTestId('watching')).toBeChecked();

	// Re-checked in the attribution worker, soonest deadline first: the honest one matches, the skewed one does not.
	await expect(record(page, honest.recordId)).toHaveAttribute('data-state', 'verified', { timeout: 300_000 });
	const bad = record(page, skewed.recordId);
	await expect(bad).toHaveAttribute('data-state', 'mismatch', { timeout: 300_000 });
	await expect(bad.getByTestId('differences')).toContainText(/recomputes to|Recomputed, the answer pays/);
	await expect(record(page, honest.recordId).getByTestId('window-left')).toContainText('left to dispute');
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await expectNoSidewaysScroll(page, `/validate/ with a mismatch at ${width} px`);
		await page.screenshot({ path: `${shots}/mismatch-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });

	// One action: the recomputed evidence goes to IPFS, then the dispute with its bond, shown before signing.
	const claimableBefore = await ledgerClaimable(rpcUrl, accounts[VALIDATOR]!);
	await bad.getByTestId('dispute').click();
	const records = page.getByTestId('records-card');
	await expect(records.getByTestId('tx-panel')).toHaveAttribute('data-status', 'review', { timeout: 60_000 });
	await expect(records.getByTestId('tx-value')).toContainText(/Dispute bond.*0\.01 OPEN/);
	await signAndConfirm(records);
	await expect(bad).toHaveAttribute('data-state', 'disputed');

	// Waiting for governance: both sides and the recomputation, side by side, then the prefilled proposal.
	const dispute = page
		.getByTestId('disputes-card')
		.locator(`[data-testid="open-dispute"][data-record-id="${skewed.recordId}"]`);
	await expect(dispute.getByTestId('dispute-side')).toHaveCount(3, { timeout: 60_000 });
	await expect(dispute.getByTestId('dispute-side').first()).toContainText('Asserted by the payer');
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await expectNoSidewaysScroll(page, `/validate/ with a dispute at ${width} px`);
		await page.screenshot({ path: `${shots}/dispute-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	await dispute.getByTestId('propose-resolution').click();
	await expect(page).toHaveURL(/\/governance\/new\/\?prefill=1/);
	await expect(page.getByLabel('Title')).toHaveValue(
		`Resolve the dispute of answer record #${skewed.recordId}: reject the assertion`
	);
	await expect(page.getByLabel('Description (markdown)')).toHaveValue(/Recomputed from the record's evidence/);
	await expect(
		page.getByText(`Resolve the dispute of answer record #${skewed.recordId}: reject the payer's assertion`)
	).toBeVisible();
	await expectNoSidewaysScroll(page, 'the prefilled proposal');
	await page.screenshot({ path: `${shots}/proposal-1280.png`, fullPage: true });

	// Voters pass it; the Timelock's resolveDispute runs, and the validator is credited both bonds less the cut.
	const draft = JSON.parse((await page.evaluate(() => sessionStorage.getItem('provena.proposalDraft.v1')))!) as {
		title: string;
		actions: { target: Address; calldata: Hex }[];
	};
	const action = { target: draft.actions[0]!.target, value: 0n, calldata: draft.actions[0]!.calldata };
	await wrapAndDelegate(rpcUrl, accounts[VOTER]!, parseEther('3000'));
	await advanceTime(rpcUrl, 2); // votes count from the second after the delegation (the Governor's clock is time)
	await passOnChain(rpcUrl, accounts[VOTER]!, accounts[VOTER]!, [action], `# ${draft.title}\n`);
	const client = createPublicClient({ transport: http(rpcUrl) });
	const resolved = parseEventLogs({
		abi: attributionLedgerAbi,
		eventName: 'DisputeResolved',
		logs: await client.getLogs({ address: deployments().contracts.AttributionLedger.address, fromBlock: 0n })
	}).find((log) => log.args.recordId === skewed.recordId);
	expect(resolved?.args.assertionUpheld).toBe(false);
	expect(resolved?.args.winner).toBe(accounts[VALIDATOR]);
	const claimableAfter = await ledgerClaimable(rpcUrl, accounts[VALIDATOR]!);
	expect(claimableAfter - claimableBefore).toBe(resolved!.args.award);
	expect(resolved!.args.award).toBeGreaterThan(parseEther('0.01')); // their bond back and the payer's, less the cut

	await page.goto(`/validate/?models=${model.modelId}`);
	await expect(record(page, skewed.recordId)).toHaveAttribute('data-state', 'resolved');
	await expect(record(page, skewed.recordId).getByTestId('resolution')).toContainText('rejected the assertion');
});

test('after the window, the honest record is finalised with the batched button', async ({ page, devnet }) => {
	await page.goto(`/validate/?models=${model.modelId}`);
	await connectDevnetAccount(page, VOTER, accounts[VOTER]!);
	await advanceTime(devnet.rpcUrl, WINDOW + 1);
	await expect(record(page, honest.recordId)).toHaveAttribute('data-state', 'due');
	const card = page.getByTestId('finalize-card');
	await expect(card.getByTestId('due-ids')).toContainText(`#${honest.recordId}`);
	await card.getByTestId('finalize-all').click();
	await signAndConfirm(card);
	await expect(record(page, honest.recordId)).toHaveAttribute('data-state', 'finalized');
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await expectNoSidewaysScroll(page, `/validate/ after finalising at ${width} px`);
		await page.screenshot({ path: `${shots}/finalized-${width}.png`, fullPage: true });
	}
});
