// The Rewards page on the real devnet. A contributor (devnet account 20) sees the page explain itself before
// connecting, then their contribution's earnings appear once an answer attributed to it is recorded and finalised; a
// pooled answer (no contribution named) waits in the pool until one Settle transaction moves it to the claimable
// balance; Claim pays exactly that balance (less gas) and the claim shows in the history with its transaction. The
// model owner (account 21, also the datanet's owner and curator) sees the answers and the owner's share for their
// model, and a Claim rejected in the wallet leaves the balance and says what to do. Account 22 pays for the answers.
// At 1280 and 390 px, without sideways scroll. Other specs may have used the devnet before: balances are compared
// as deltas.
import { mkdirSync } from 'node:fs';
import { createPublicClient, http, keccak256, toHex, type Address, type Hash } from 'viem';
import { formatOpen } from '../src/lib/format.ts';
import type { InferenceRecordedArgs } from '../src/lib/chain/attribution/assertionOf.ts';
import { test, expect, devnetAccounts, nativeBalance } from './fixtures/devnet.ts';
import { expectNoSidewaysScroll, signAndConfirm } from './fixtures/page.ts';
import { approveOnChain, connectDevnetAccount, contributeOnChain, createDatanetOnChain } from './fixtures/datanets.ts';
import { registerModelOnChain } from './fixtures/models.ts';
import { finalizeOnChain, ledgerClaimableOf, pooledRewardOnChain, recordAnswerOnChain } from './fixtures/ledger.ts';
import { installTestWallet } from './fixtures/testWallet.ts';
import type { Page } from '@playwright/test';

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const shots = 'test-results/rewards';
mkdirSync(shots, { recursive: true });
const [contributorIndex, ownerIndex] = [20, 21];
const open = (wei: bigint) => formatOpen(wei, { decimals: 8 });

let contributor: Address;
let owner: Address;
let payer: Address;
let modelId: bigint;
let contributionId: bigint;
const answers: InferenceRecordedArgs[] = [];

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
	await expectNoSidewaysScroll(page, name);
}

test.beforeAll(async ({}, testInfo) => {
	const rpcUrl = process.env.PROVENA_E2E_RPC!;
	testInfo.setTimeout(120_000);
	[contributor, owner, payer] = (await devnetAccounts(rpcUrl)).slice(20, 23) as [Address, Address, Address];
	const datanetId = await createDatanetOnChain(rpcUrl, owner, owner, { name: 'Rewards datanet' });
	contributionId = await contributeOnChain(rpcUrl, contributor, datanetId, {
		cid: 'bafkqaaa',
		contentHash: keccak256(toHex(`rewards e2e ${Date.now()}`)),
		byteSize: 1_000
	});
	await approveOnChain(rpcUrl, owner, datanetId, [contributionId]);
	modelId = await registerModelOnChain(rpcUrl, owner, {
		name: 'Rewards model',
		adapterCid: 'bafkqaaa',
		adapterHash: keccak256(toHex('rewards e2e adapter')),
		trainedOn: [{ datanetId, version: 1 }]
	});
});

test('a contributor sees earnings appear, settles the pool in one transaction and claims exactly the balance', async ({
	page,
	devnet
}) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/rewards/');
	await expect(page.getByTestId('connect-prompt')).toContainText('Connect a wallet to see your rewards');
	await expect(page.getByTestId('connect-prompt').getByRole('button', { name: 'Connect a wallet' })).toBeVisible();
	await connectDevnetAccount(page, contributorIndex, contributor);
	const contributorCard = page.getByRole('region', { name: 'As a contributor' });
	const row = page.locator(`[data-testid="contribution-earning"][data-contribution="${contributionId}"]`);
	await expect(contributorCard.getByTestId('claimable')).toHaveText(
		open(await ledgerClaimableOf(devnet.rpcUrl, contributor))
	);
	await expect(row).toHaveCount(0);
	// Nothing earned yet: the page says how to start.
	const howToEarn = page.getByTestId('how-to-earn');
	await expect(howToEarn.getByRole('link', { name: 'Contribute data to a datanet' })).toHaveAttribute(
		'href',
		'/datanets/'
	);
	await expect(howToEarn.getByRole('link', { name: 'Train and register a model' })).toHaveAttribute(
		'href',
		'/modelfactory/'
	);

	// An answer attributed to the contribution pays it once finalised.
	const claimableBefore = await ledgerClaimableOf(devnet.rpcUrl, contributor);
	const attributed = await recordAnswerOnChain(devnet.rpcUrl, payer, { modelId, contributionIds: [contributionId] });
	await finalizeOnChain(devnet.rpcUrl, payer, [attributed]);
	answers.push(attributed);
	await expect(row.getByTestId('attributed')).toHaveText(open(attributed.amounts.data));
	await expect(row.getByTestId('pooled')).toHaveText(open(0n));
	await expect(contributorCard.getByTestId('claimable')).toHaveText(open(claimableBefore + attributed.amounts.data));
	await expect(page.getByTestId('earnings-chart')).toBeVisible();
	await expect(howToEarn).toHaveCount(0);

	// A pooled answer: the training set's pool owes the contribution until it is settled, in one transaction.
	const pooled = await recordAnswerOnChain(devnet.rpcUrl, payer, { modelId });
	answers.push(pooled);
	const owed = await pooledRewardOnChain(devnet.rpcUrl, modelId, 1, contributionId);
	expect(owed).toBeGreaterThan(0n);
	await expect(contributorCard.getByTestId('pooled-owed')).toHaveText(open(owed));
	await expect(contributorCard.getByTestId('settle-plan')).toContainText('One transaction');
	await contributorCard.getByRole('button', { name: 'Settle pooled rewards' }).click();
	await expect(contributorCard.getByTestId('tx-panel')).toContainText('Settle');
	await signAndConfirm(contributorCard);
	await expect(contributorCard.getByTestId('tx-panel')).toHaveCount(0);
	const claimable = await ledgerClaimableOf(devnet.rpcUrl, contributor);
	expect(claimable).toBe(claimableBefore + attributed.amounts.data + owed);
	expect(await pooledRewardOnChain(devnet.rpcUrl, modelId, 1, contributionId)).toBe(0n);
	await expect(contributorCard.getByTestId('claimable')).toHaveText(open(claimable));
	await expect(contributorCard.getByTestId('pooled-owed')).toHaveText(open(0n));
	await expect(row.getByTestId('pooled')).toHaveText(open(owed));
	await expect(row.getByTestId('total')).toHaveText(open(attributed.amounts.data + owed));
	await expect(page.getByTestId('datanet-leaderboard')).toBeVisible();
	await expect(page.locator(`[data-testid="model-leaderboard"] li[data-model="${modelId}"]`)).toContainText(
		formatOpen(attributed.fee + pooled.fee, { decimals: 6 })
	);
	await shot(page, '1-contributor-1280');

	// Claim: the wallet gains exactly the claimable balance less the gas, and the claim is in the history.
	const balanceBefore = await nativeBalance(devnet.rpcUrl, contributor);
	await contributorCard.getByRole('button', { name: 'Claim', exact: true }).click();
	const panel = contributorCard.getByTestId('tx-panel');
	await expect(panel).toHaveAttribute('data-status', 'review');
	await expect(panel.getByTestId('tx-fee')).toContainText(/Network fee: about \d[\d.]* OPEN/);
	await panel.getByRole('button', { name: 'Sign and send' }).click();
	await expect(panel).toHaveAttribute('data-status', 'confirmed');
	const hash = (await panel.getByTestId('tx-hash').textContent()) as Hash;
	const receipt = await createPublicClient({ transport: http(devnet.rpcUrl) }).getTransactionReceipt({ hash });
	expect(await nativeBalance(devnet.rpcUrl, contributor)).toBe(
		balanceBefore + claimable - receipt.gasUsed * receipt.effectiveGasPrice
	);
	expect(await ledgerClaimableOf(devnet.rpcUrl, contributor)).toBe(0n);
	await panel.getByRole('button', { name: 'Dismiss' }).click();
	await expect(contributorCard.getByTestId('claimable')).toHaveText(open(0n));
	const claim = page.getByTestId('claim').filter({ has: page.getByTestId('claim-tx').getByText(hash) });
	await expect(claim.getByTestId('claim-amount')).toHaveText(open(claimable));
	// The devnet has no explorer: the transaction is shown (and copyable) and the page says why it is not a link.
	await expect(claim).toContainText('(no explorer on this chain)');
	await expect(claim.locator('time')).toHaveText(/\d/);

	await page.setViewportSize({ width: 390, height: 844 });
	await shot(page, '2-contributor-390');
});

test("a model owner sees their model's answers and share; a Claim rejected in the wallet keeps the balance", async ({
	browser,
	devnet
}) => {
	const context = await browser.newContext({ baseURL: devnet.siteUrl, viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await installTestWallet(page, { rpcUrl: devnet.rpcUrl, account: owner, rejectTransactions: true });
	await page.goto('/rewards/');
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();
	const model = page.locator(`[data-testid="owned-model"][data-model="${modelId}"]`);
	await expect(model.getByTestId('answers')).toHaveText(String(answers.length));
	await expect(model.getByTestId('owner-earned')).toHaveText(
		open(answers.reduce((sum, a) => sum + a.amounts.modelOwner, 0n))
	);
	await shot(page, '3-owner-1280');

	const claimable = await ledgerClaimableOf(devnet.rpcUrl, owner);
	expect(claimable).toBeGreaterThan(0n);
	const balance = await nativeBalance(devnet.rpcUrl, owner);
	const card = page.getByRole('region', { name: 'As a contributor' });
	await card.getByRole('button', { name: 'Claim', exact: true }).click();
	await card.getByRole('button', { name: 'Sign and send' }).click();
	await expect(card.getByTestId('tx-panel')).toHaveAttribute('data-status', 'cancelled');
	await expect(card.getByTestId('claim-cancelled')).toHaveText(
		`Nothing was sent: your ${open(claimable)} stays claimable. Press Claim again when you are ready to sign in your wallet.`
	);
	expect(await ledgerClaimableOf(devnet.rpcUrl, owner)).toBe(claimable);
	expect(await nativeBalance(devnet.rpcUrl, owner)).toBe(balance);
	await expect(card.getByTestId('claimable')).toHaveText(open(claimable));
	await page.setViewportSize({ width: 390, height: 844 });
	await shot(page, '4-owner-rejected-390');
	await context.close();
});
