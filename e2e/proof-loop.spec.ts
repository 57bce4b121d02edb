// Proof of Attribution's whole loop, in Chromium on anvil and the devnet's IPFS peer: a contributor's data is
// approved, a model is fine-tuned on it and registered, a user chats with it and sees the contributor's data
// highlighted in the answer, pays and records it (after a refused signature that keeps everything); …
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createPublicClient, encodeFunctionData, http } from 'viem';
import { attributionLedgerAbi, modelRegistryAbi, protocolParamsAbi } from '../src/lib/chain/abis.ts';
import { deployments, sendAndConfirm, sha256Hex } from './fixtures/datanets.ts';
import { asTimelock, protocolParams } from './fixtures/governance.ts';
import { test, expect, devnetAccounts, nativeBalance } from './fixtures/devnet.ts';
import { ask, demoAdapterFiles, greedy, openModelsPage, pinFolderOnDevnetPeer, registerModelOnChain } from './fixtures/models.ts';
import { expectNoSidewaysScroll } from './fixtures/page.ts';
import { installTestWallet, setRejectTransactions } from './fixtures/testWallet.ts';
import { LIGHTHOUSE, memorizedModelOnChain, type MemorizedModel } from './fixtures/proofLoop.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(600_000);

const shots = 'test-results/proof-loop';
const modelRegistry = () => deployments().contracts.ModelRegistry.address;
const ledger = () => deployments().contracts.AttributionLedger.address;
let model: MemorizedModel;
let accounts: `0x${string}`[];

test.beforeAll(async ({ devnet }) => {
	test.setTimeout(300_000);
	mkdirSync(shots, { recursive: true });
	accounts = await devnetAccounts(devnet.rpcUrl);
	model = await memorizedModelOnChain(devnet.rpcUrl, { owner: accounts[28]!, contributor: accounts[29]!, cheater: accounts[30]! });
});
test.afterAll(async () => model?.cleanup());

async function chatWithModel(page: Page): Promise<void> {
	await openModelsPage(page);
	const card = page.locator(`[data-testid="registered-model"][data-model-id="${model.modelId}"]`);
	await card.getByRole('button', { name: /^Chat with/ }).click();
	await expect(card.getByRole('status')).toHaveText('Open: pick it in the chat or the arena.', { timeout: 120_000 });
	await greedy(page, 40);
}

test('a user chats with the model, sees the contributor’s data in the answer, and pays and records it', async ({ page, devnet }) => {
	const payer = accounts[28]!;
	await installTestWallet(page, { rpcUrl: devnet.rpcUrl, account: payer, rejectTransactions: true });
	await chatWithModel(page);
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();

	const answer = await ask(page, LIGHTHOUSE.prompt);
	expect(answer).toContain('salted herring and barley cakes');
	const attribution = page.getByTestId('answer-attribution').last();
	await expect(attribution).toHaveAttribute('data-status', 'attributed', { timeout: 180_000 });
	// The contributor's words are highlighted and linked to their contribution; it is paid, by weight.
	await expect(attribution.getByTestId('matched-span').first()).toContainText('salted herring');
	const ranked = attribution.getByTestId('ranked-contribution').first();
	await expect(ranked).toHaveAttribute('data-id', String(model.honest));
	await expect(ranked).toHaveAttribute('data-paid', 'true');
	await expect(attribution.getByTestId('contributor-share')).toHaveCount(1);
	await expect(attribution.getByTestId('fee-split')).toContainText('to the model owner');
	await page.screenshot({ path: `${shots}/chat-attributed-1280.png`, fullPage: true });

	// A refused signature keeps the answer, its attribution and its pinned evidence.
	const before = await nativeBalance(devnet.rpcUrl, payer);
	await attribution.getByTestId('pay-record').click();
	const panel = attribution.getByTestId('tx-panel');
	await expect(panel).toHaveAttribute('data-status', 'review', { timeout: 60_000 });
	await expect(panel.getByTestId('tx-value')).toContainText('assertion bond');
	await expect(panel.getByTestId('tx-fee')).toContainText('Network fee');
	await panel.getByRole('button', { name: 'Sign and send' }).click();
	await expect(panel).toHaveAttribute('data-status', 'cancelled');
	expect(await nativeBalance(devnet.rpcUrl, payer)).toBe(before);
	await expect(attribution).toHaveAttribute('data-status', 'attributed');
	await expect(attribution.getByText('Evidence pinned:')).toBeVisible();

	await setRejectTransactions(page, false);
	await attribution.getByTestId('pay-record').click();
	await expect(panel).toHaveAttribute('data-status', 'review', { timeout: 60_000 });
	await panel.getByRole('button', { name: 'Sign and send' }).click();
	await expect(panel).toHaveAttribute('data-status', 'confirmed', { timeout: 60_000 });
	const status = attribution.getByTestId('record-status');
	await expect(status).toContainText('challenge window closes in');
	await expect(status).toHaveAttribute('data-state', 'asserted');
	await page.setViewportSize({ width: 390, height: 900 });
	await expectNoSidewaysScroll(page, 'the attributed answer at 390 px');
	await page.screenshot({ path: `${shots}/chat-recorded-390.png`, fullPage: true });
});

test('governance changing the split between attributing and paying makes the page recompute and ask again; a revert keeps the answer', async ({ page, devnet }) => {
	const payer = accounts[28]!;
	const client = createPublicClient({ transport: http(devnet.rpcUrl) });
	const splitBefore = await client.readContract({ address: protocolParams(), abi: protocolParamsAbi, functionName: 'feeSplit' });
	const feeBefore = (await client.readContract({ address: modelRegistry(), abi: modelRegistryAbi, functionName: 'model', args: [model.modelId] })).inferenceFee;
	const setSplit = (split: typeof splitBefore) =>
		asTimelock(devnet.rpcUrl, [{ target: protocolParams(), value: 0n, calldata: encodeFunctionData({ abi: protocolParamsAbi, functionName: 'setFeeSplit', args: [split] }) }]);
	const setFee = (fee: bigint) =>
		sendAndConfirm(devnet.rpcUrl, (w) => w.writeContract({ account: payer, chain: null, address: modelRegistry(), abi: modelRegistryAbi, functionName: 'setInferenceFee', args: [model.modelId, fee] }));
	try {
		await installTestWallet(page, { rpcUrl: devnet.rpcUrl, account: payer });
		await chatWithModel(page);
		await page.getByRole('button', { name: 'Connect wallet' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();
		await ask(page, LIGHTHOUSE.prompt);
		const attribution = page.getByTestId('answer-attribution').last();
		await expect(attribution).toHaveAttribute('data-status', 'attributed', { timeout: 180_000 });
		await expect(attribution.getByTestId('fee-split')).toContainText(`Split ${splitBefore.dataBps / 100} % data`);

		// Governance moves 10 points of the data share to the treasury after the answer was attributed.
		await setSplit({ ...splitBefore, dataBps: splitBefore.dataBps - 1000, treasuryBps: splitBefore.treasuryBps + 1000 });
		await attribution.getByTestId('pay-record').click();
		await expect(attribution.getByTestId('payment-notice')).toContainText('Governance changed the fee split');
		await expect(attribution.getByTestId('fee-split')).toContainText(`Split ${(splitBefore.dataBps - 1000) / 100} % data`);
		await expect(attribution.getByTestId('tx-panel')).toHaveCount(0);

		// Asked again, the user reviews; the model's owner raises its fee before the signature: the payment reverts
		// on chain, with the ledger's reason, and the answer, its attribution and evidence stay.
		await attribution.getByTestId('pay-record').click();
		const panel = attribution.getByTestId('tx-panel');
		await expect(panel).toHaveAttribute('data-status', 'review', { timeout: 60_000 });
		await setFee(feeBefore * 2n);
		await panel.getByRole('button', { name: 'Sign and send' }).click();
		await expect(panel).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
		await expect(panel).toContainText('Recording costs exactly');
		await expect(attribution).toHaveAttribute('data-status', 'attributed');
		await expect(attribution.getByText('Evidence pinned:')).toBeVisible();
		await expect(attribution.getByTestId('pay-record')).toBeEnabled();

		// A second answer: both are paid in one recordInferences, each recorded and followed.
		await attribution.getByTestId('tx-panel').getByRole('button', { name: 'Dismiss' }).click();
		await ask(page, LIGHTHOUSE.prompt);
		await expect(page.getByTestId('answer-attribution').last()).toHaveAttribute('data-status', 'attributed', { timeout: 180_000 });
		await page.getByTestId('pay-all').click();
		const batch = page.getByTestId('batch-payment').getByTestId('tx-panel');
		await expect(batch).toHaveAttribute('data-status', 'review', { timeout: 60_000 });
		await expect(batch).toContainText('for 2 answers');
		const recordsBefore = await client.readContract({ address: ledger(), abi: attributionLedgerAbi, functionName: 'recordCount' });
		await batch.getByRole('button', { name: 'Sign and send' }).click();
		await expect(batch).toHaveAttribute('data-status', 'confirmed', { timeout: 60_000 });
		expect(await client.readContract({ address: ledger(), abi: attributionLedgerAbi, functionName: 'recordCount' })).toBe(recordsBefore + 2n);
		for (const answer of await page.getByTestId('answer-attribution').all())
			await expect(answer.getByTestId('record-status')).toHaveAttribute('data-state', 'asserted');
		await expect(page.getByTestId('pay-all')).toHaveCount(0);
	} finally {
		await setSplit(splitBefore);
		await setFee(feeBefore);
	}
});

test('an arena row of a model without attribution artifacts is paid to the datanet pool, and the page says so', async ({ page, devnet }) => {
	const owner = accounts[28]!;
	const files = await demoAdapterFiles('weather');
	const adapterCid = await pinFolderOnDevnetPeer(files);
	const weatherId = await registerModelOnChain(devnet.rpcUrl, owner, {
		name: 'Weather without artifacts',
		adapterCid,
		adapterHash: await sha256Hex(files.find((f) => f.path === 'adapter_model.safetensors')!.content),
		trainedOn: [{ datanetId: model.datanetId, version: 1 }]
	});
	await installTestWallet(page, { rpcUrl: devnet.rpcUrl, account: owner });
	await openModelsPage(page);
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();
	const card = page.locator(`[data-testid="registered-model"][data-model-id="${weatherId}"]`);
	await card.getByRole('button', { name: /^Arena with/ }).click();
	await expect(card.getByRole('status')).toHaveText('Open: pick it in the chat or the arena.', { timeout: 120_000 });
	await greedy(page, 24);
	await page.getByLabel('Prompt').fill('What is the weather like today?');
	await page.getByRole('button', { name: /^Answer with/ }).click();
	const row = page.getByTestId('arena-column').filter({ hasText: 'Weather without artifacts' });
	const attribution = row.getByTestId('answer-attribution');
	await expect(attribution).toHaveAttribute('data-status', 'attributed', { timeout: 180_000 });
	await expect(attribution.getByTestId('attribution-notice')).toContainText('without attribution artifacts');
	await expect(attribution).toContainText('the datanet pool is paid');
	await expect(attribution.getByTestId('pool-share')).toBeVisible();
	// Only registered models' rows are paid for: the base model's row has no attribution.
	await expect(page.getByTestId('arena-column').first().getByTestId('answer-attribution')).toHaveCount(0);

	await attribution.getByTestId('pay-record').click();
	const panel = attribution.getByTestId('tx-panel');
	await expect(panel).toHaveAttribute('data-status', 'review', { timeout: 60_000 });
	await expect(panel.getByTestId('tx-value')).toContainText('the data share goes to the datanet pool');
	await panel.getByRole('button', { name: 'Sign and send' }).click();
	await expect(panel).toHaveAttribute('data-status', 'confirmed', { timeout: 60_000 });
	await expect(attribution.getByTestId('record-status')).toContainText('went to the datanet pool at once');
	await expect(attribution.getByTestId('record-status')).toHaveAttribute('data-state', 'settled');
});
