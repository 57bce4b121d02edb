// Proof of Attribution's whole loop, in Chromium on anvil and the devnet's IPFS peer: a contributor's data is
// approved, a model is fine-tuned on it and registered, a user chats with it and sees the contributor's data
// highlighted in the answer, pays and records it (after a refused signature that keeps everything); …
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createPublicClient, encodeFunctionData, http, parseEther, type Address, type Hex } from 'viem';
import { attributionLedgerAbi, modelRegistryAbi, protocolParamsAbi, stakingAbi } from '../src/lib/chain/abis.ts';
import { addContributionFile } from '../src/lib/datanets/ipfs/contributionContent.ts';
import { encodeInferenceEvidence, inferenceEvidenceOf } from '../src/lib/attribution/inferenceEvidence.ts';
import { protocolAttributionRules } from '../src/lib/attribution/verifyInference.ts';
import { formatOpen } from '../src/lib/format.ts';
import { run as verifyCli } from '../src/cli/commands/verify.ts';
import { directoryReader } from '../src/cli/directoryReader.ts';
import { createNodeHelia } from '../src/cli/peer/createNodeHelia.ts';
import { AttributionSession } from '../workers/ml/attribution/attributionSession.ts';
import { recordAnswerOnChain, type AttributedModel } from './fixtures/attributedModel.ts';
import { ledgerClaimableOf as claimableOf } from './fixtures/ledger.ts';
import { connectDevnetAccount, deployments, sendAndConfirm, sha256Hex, stakeOf } from './fixtures/datanets.ts';
import { advanceTime, asTimelock, passOnChain, protocolParams, wrapAndDelegate } from './fixtures/governance.ts';
import { expectNoSidewaysScroll, signAndConfirm } from './fixtures/page.ts';
import { test, expect, devnetAccounts, nativeBalance } from './fixtures/devnet.ts';
import {
	ask,
	demoAdapterFiles,
	greedy,
	openModelsPage,
	pinFolderOnDevnetPeer,
	registerModelOnChain
} from './fixtures/models.ts';
import { installTestWallet, setRejectTransactions } from './fixtures/testWallet.ts';
import { LIGHTHOUSE, MODEL_DIR, memorizedModelOnChain, type MemorizedModel } from './fixtures/proofLoop.ts';

test.describe.configure({ mode: 'serial' });
test.setTimeout(600_000);

const shots = 'test-results/proof-loop';
const modelRegistry = () => deployments().contracts.ModelRegistry.address;
const ledger = () => deployments().contracts.AttributionLedger.address;
let model: MemorizedModel;
let accounts: `0x${string}`[];

/** The challenge window the loop runs under (the devnet's minute is too short for a validator on a busy CI box). */
const WINDOW = 3600;
let windowBefore: number | undefined;
const setWindow = (seconds: number) => ({
	target: protocolParams(),
	value: 0n,
	calldata: encodeFunctionData({ abi: protocolParamsAbi, functionName: 'setChallengeWindow', args: [seconds] })
});

test.beforeAll(async ({ devnet }) => {
	test.setTimeout(300_000);
	mkdirSync(shots, { recursive: true });
	accounts = await devnetAccounts(devnet.rpcUrl);
	windowBefore = await createPublicClient({ transport: http(devnet.rpcUrl) }).readContract({
		address: protocolParams(),
		abi: protocolParamsAbi,
		functionName: 'challengeWindow'
	});
	await asTimelock(devnet.rpcUrl, [setWindow(WINDOW)]);
	model = await memorizedModelOnChain(devnet.rpcUrl, {
		owner: accounts[28]!,
		contributor: accounts[29]!,
		cheater: accounts[30]!
	});
});
test.afterAll(async ({ devnet }) => {
	if (windowBefore !== undefined) await asTimelock(devnet.rpcUrl, [setWindow(windowBefore)]);
	await model?.cleanup();
});

async function chatWithModel(page: Page): Promise<void> {
	await openModelsPage(page);
	const card = page.locator(`[data-testid="registered-model"][data-model-id="${model.modelId}"]`);
	await card.getByRole('button', { name: /^Chat with/ }).click();
	await expect(card.getByRole('status')).toHaveText('Open: pick it in the chat or the arena.', { timeout: 120_000 });
	await greedy(page, 40);
}

test('a user chats with the model, sees the contributor’s data in the answer, and pays and records it', async ({
	page,
	devnet
}) => {
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

test('governance changing the split between attributing and paying makes the page recompute and ask again; a revert keeps the answer', async ({
	page,
	devnet
}) => {
	const payer = accounts[28]!;
	const client = createPublicClient({ transport: http(devnet.rpcUrl) });
	const splitBefore = await client.readContract({
		address: protocolParams(),
		abi: protocolParamsAbi,
		functionName: 'feeSplit'
	});
	const feeBefore = (
		await client.readContract({
			address: modelRegistry(),
			abi: modelRegistryAbi,
			functionName: 'model',
			args: [model.modelId]
		})
	).inferenceFee;
	const setSplit = (split: typeof splitBefore) =>
		asTimelock(devnet.rpcUrl, [
			{
				target: protocolParams(),
				value: 0n,
				calldata: encodeFunctionData({ abi: protocolParamsAbi, functionName: 'setFeeSplit', args: [split] })
			}
		]);
	const setFee = (fee: bigint) =>
		sendAndConfirm(devnet.rpcUrl, (w) =>
			w.writeContract({
				account: payer,
				chain: null,
				address: modelRegistry(),
				abi: modelRegistryAbi,
				functionName: 'setInferenceFee',
				args: [model.modelId, fee]
			})
		);
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
		await setSplit({
			...splitBefore,
			dataBps: splitBefore.dataBps - 1000,
			treasuryBps: splitBefore.treasuryBps + 1000
		});
		await attribution.getByTestId('pay-record').click();
		await expect(attribution.getByTestId('payment-notice')).toContainText('Governance changed the fee split');
		await expect(attribution.getByTestId('fee-split')).toContainText(
			`Split ${(splitBefore.dataBps - 1000) / 100} % data`
		);
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
		await expect(page.getByTestId('answer-attribution').last()).toHaveAttribute('data-status', 'attributed', {
			timeout: 180_000
		});
		await page.getByTestId('pay-all').click();
		const batch = page.getByTestId('batch-payment').getByTestId('tx-panel');
		await expect(batch).toHaveAttribute('data-status', 'review', { timeout: 60_000 });
		await expect(batch).toContainText('for 2 answers');
		const recordsBefore = await client.readContract({
			address: ledger(),
			abi: attributionLedgerAbi,
			functionName: 'recordCount'
		});
		await batch.getByRole('button', { name: 'Sign and send' }).click();
		await expect(batch).toHaveAttribute('data-status', 'confirmed', { timeout: 60_000 });
		expect(
			await client.readContract({ address: ledger(), abi: attributionLedgerAbi, functionName: 'recordCount' })
		).toBe(recordsBefore + 2n);
		for (const answer of await page.getByTestId('answer-attribution').all())
			await expect(answer.getByTestId('record-status')).toHaveAttribute('data-state', 'asserted');
		await expect(page.getByTestId('pay-all')).toHaveCount(0);
	} finally {
		await setSplit(splitBefore);
		await setFee(feeBefore);
	}
});

test('an arena row of a model without attribution artifacts is paid to the datanet pool, and the page says so', async ({
	page,
	devnet
}) => {
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

test('the loop closes: a second profile verifies the record, a tampered copy fails precisely, a self-attributing payer is disputed and loses the bond, the honest record is finalised and the contributor claims', async ({
	page,
	browser,
	devnet
}) => {
	const { rpcUrl } = devnet;
	const [owner, contributor, cheater, validator] = [accounts[28]!, accounts[29]!, accounts[30]!, accounts[31]!];
	const client = createPublicClient({ transport: http(rpcUrl) });

	// 1. The honest user's answer, paid and recorded from the chat.
	await installTestWallet(page, { rpcUrl, account: owner });
	await chatWithModel(page);
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();
	const answer = await ask(page, LIGHTHOUSE.prompt);
	const attribution = page.getByTestId('answer-attribution').last();
	await expect(attribution).toHaveAttribute('data-status', 'attributed', { timeout: 180_000 });
	await attribution.getByTestId('pay-record').click();
	await signAndConfirm(attribution);
	const recordLink = attribution.getByTestId('record-status').getByRole('link').first();
	const honestId = BigInt((await recordLink.textContent())!.replace(/\D/g, ''));
	const [honestLog] = await client.getContractEvents({
		address: ledger(),
		abi: attributionLedgerAbi,
		eventName: 'InferenceRecorded',
		args: { recordId: honestId },
		fromBlock: 0n,
		strict: true
	});
	const honest = honestLog!.args;

	// 2. Node recomputes the same evidence, byte for byte (same CID), from the answer alone.
	const publisher = await createNodeHelia({ listen: ['/ip4/127.0.0.1/tcp/0/ws'] });
	const attributed: AttributedModel = {
		modelId: model.modelId,
		adapterVersion: 1,
		adapterCid: model.adapterCid,
		adapterDir: model.adapterDir,
		datanetId: model.datanetId,
		contributionIds: [model.honest, model.cheaters],
		contributors: [contributor, cheater],
		answers: [{ prompt: LIGHTHOUSE.prompt, answer, chat: true }]
	};
	try {
		const session = new AttributionSession();
		await session.open(directoryReader(MODEL_DIR), directoryReader(model.adapterDir), { model: MODEL_DIR });
		const report = await session.attributeText(
			attributed.answers[0]!,
			protocolAttributionRules({ thresholdBps: 100, maxPaid: 32 })
		);
		session.close();
		const evidence = inferenceEvidenceOf(report, {
			chainId: 31337,
			modelId: String(model.modelId),
			adapterVersion: 1,
			adapterCid: model.adapterCid
		});
		// The page added it as it adds any file (addContributionFile's UnixFS settings), so the same bytes give its CID.
		expect((await addContributionFile(publisher, encodeInferenceEvidence(evidence))).cid.toString()).toBe(
			honest.answer.evidenceCid
		);

		// 3. A second profile, with no wallet, verifies the record: it matches. A tampered copy fails precisely.
		const second = await browser.newContext();
		const verifier = await second.newPage();
		await verifier.goto(`/verify/?record=${honestId}`);
		await expect(verifier.getByTestId('verdict-matches')).toBeVisible({ timeout: 180_000 });
		const tampered = structuredClone(evidence);
		const score = tampered.scores.find((s) => s.contribution === String(model.honest))!;
		score.span += 1;
		await verifier.getByText('Check a copy of the evidence', { exact: true }).click();
		await verifier
			.getByTestId('evidence-file')
			.setInputFiles({
				name: 'tampered.json',
				mimeType: 'application/json',
				buffer: Buffer.from(encodeInferenceEvidence(tampered))
			});
		await expect(verifier.getByTestId('verdict-differs')).toBeVisible({ timeout: 120_000 });
		await expect(verifier.getByTestId('difference')).toHaveCount(1);
		await expect(verifier.getByTestId('difference').first().locator('td')).toHaveText([
			`contribution ${model.honest}`,
			'span',
			String(score.span - 1),
			String(score.span)
		]);
		await verifier.screenshot({ path: `${shots}/verify-tampered-1280.png`, fullPage: true });
		await second.close();

		// 4. The cheater records the same answer, steering half the weight to their own contribution.
		const half = Math.floor(evidence.totalWeight / 2);
		const cheat = await recordAnswerOnChain(rpcUrl, publisher, attributed, cheater, 0, {
			weights: { [String(model.honest)]: evidence.totalWeight - half, [String(model.cheaters)]: half }
		});

		// `provena verify` agrees with the page: the honest record matches, the cheater's does not.
		const peers = process.env.PROVENA_E2E_PEER_ADDRS!.split(',').flatMap((addr) => ['--peer', addr]);
		expect(await verifyCli(['--rpc', rpcUrl, '--record', String(honestId), ...peers])).toBe(0);
		expect(await verifyCli(['--rpc', rpcUrl, '--tx', cheat.hash, ...peers])).toBe(1);

		// 5. A validator tab re-checks both and disputes the cheater's record, its bond shown before signing.
		const minValidatorStake = await client.readContract({
			address: protocolParams(),
			abi: protocolParamsAbi,
			functionName: 'minValidatorStake'
		});
		const staked = await stakeOf(rpcUrl, validator);
		if (staked < minValidatorStake)
			await sendAndConfirm(rpcUrl, (w) =>
				w.writeContract({
					account: validator,
					chain: null,
					address: deployments().contracts.Staking.address,
					abi: stakingAbi,
					functionName: 'stake',
					value: minValidatorStake - staked,
					gas: 2_000_000n
				})
			);
		const tab = await browser.newPage();
		await tab.goto(`/validate/?models=${model.modelId}`);
		await connectDevnetAccount(tab, 31, validator);
		const row = (id: bigint) =>
			tab.getByTestId('records-card').locator(`[data-testid="record"][data-record-id="${id}"]`);
		await expect(row(honestId)).toHaveAttribute('data-state', 'verified', { timeout: 300_000 });
		await expect(row(cheat.recordId)).toHaveAttribute('data-state', 'mismatch', { timeout: 300_000 });
		const cheaterClaimable = await claimableOf(rpcUrl, cheater);
		await row(cheat.recordId).getByTestId('dispute').click();
		const records = tab.getByTestId('records-card');
		await expect(records.getByTestId('tx-value')).toContainText('Dispute bond', { timeout: 60_000 });
		await signAndConfirm(records);
		await expect(row(cheat.recordId)).toHaveAttribute('data-state', 'disputed');

		// 6. Governance resolves it from the prefilled proposal: the validator wins both bonds, less the cut.
		const dispute = tab
			.getByTestId('disputes-card')
			.locator(`[data-testid="open-dispute"][data-record-id="${cheat.recordId}"]`);
		await dispute.getByTestId('propose-resolution').click();
		await expect(tab).toHaveURL(/\/governance\/new\/\?prefill=1/);
		const draft = JSON.parse((await tab.evaluate(() => sessionStorage.getItem('provena.proposalDraft.v1')))!) as {
			title: string;
			actions: { target: Address; calldata: Hex }[];
		};
		const validatorClaimable = await claimableOf(rpcUrl, validator);
		await wrapAndDelegate(rpcUrl, owner, parseEther('3000'));
		await advanceTime(rpcUrl, 2);
		await passOnChain(
			rpcUrl,
			owner,
			owner,
			[{ target: draft.actions[0]!.target, value: 0n, calldata: draft.actions[0]!.calldata }],
			`# ${draft.title}\n`
		);
		const [resolved] = await client.getContractEvents({
			address: ledger(),
			abi: attributionLedgerAbi,
			eventName: 'DisputeResolved',
			args: { recordId: cheat.recordId },
			fromBlock: 0n
		});
		expect(resolved!.args.assertionUpheld).toBe(false);
		expect(resolved!.args.winner).toBe(validator);
		expect((await claimableOf(rpcUrl, validator)) - validatorClaimable).toBe(resolved!.args.award);
		expect(await claimableOf(rpcUrl, cheater)).toBe(cheaterClaimable); // the cheater's bond is gone

		// 7. After the window, the honest record (and any other due) is finalised from the Validate page.
		await advanceTime(rpcUrl, WINDOW + 1);
		await tab.goto(`/validate/?models=${model.modelId}`);
		await expect(row(honestId)).toHaveAttribute('data-state', 'due', { timeout: 60_000 });
		const finalize = tab.getByTestId('finalize-card');
		await finalize.getByTestId('finalize-all').click();
		await signAndConfirm(finalize);
		await expect(row(honestId)).toHaveAttribute('data-state', 'finalized');
		await tab.close();

		// 8. The contributor claims on the Rewards page: what the fee split gave them, to the wei.
		const rewarded = await client.getContractEvents({
			address: ledger(),
			abi: attributionLedgerAbi,
			eventName: 'ContributionRewarded',
			args: { contributor },
			fromBlock: 0n
		});
		// One paid contribution takes the whole data share the split set for the honest record.
		expect(rewarded.some((e) => e.args.contributionId === model.honest && e.args.amount === honest.amounts.data)).toBe(
			true
		);
		const claimable = await claimableOf(rpcUrl, contributor);
		expect(claimable).toBe(rewarded.reduce((sum, e) => sum + e.args.amount!, 0n));
		const wallet = await browser.newPage();
		await wallet.goto('/rewards/');
		await connectDevnetAccount(wallet, 29, contributor);
		const card = wallet.getByRole('region', { name: 'As a contributor' });
		await expect(card.getByTestId('claimable')).toHaveText(formatOpen(claimable, { decimals: 8 }), { timeout: 60_000 });
		await expect(
			wallet.locator(`[data-testid="contribution-earning"][data-contribution="${model.honest}"]`)
		).toBeVisible();
		const balanceBefore = await nativeBalance(rpcUrl, contributor);
		await card.getByRole('button', { name: 'Claim', exact: true }).click();
		const panel = card.getByTestId('tx-panel');
		await expect(panel).toHaveAttribute('data-status', 'review');
		await panel.getByRole('button', { name: 'Sign and send' }).click();
		await expect(panel).toHaveAttribute('data-status', 'confirmed');
		const hash = (await panel.getByTestId('tx-hash').textContent()) as Hex;
		const receipt = await client.getTransactionReceipt({ hash });
		expect(await nativeBalance(rpcUrl, contributor)).toBe(
			balanceBefore + claimable - receipt.gasUsed * receipt.effectiveGasPrice
		);
		for (const width of [1280, 390]) {
			await wallet.setViewportSize({ width, height: 900 });
			await expectNoSidewaysScroll(wallet, `/rewards/ after the claim at ${width} px`);
			await wallet.screenshot({ path: `${shots}/rewards-claimed-${width}.png`, fullPage: true });
		}
		await wallet.close();
	} finally {
		await publisher.stop();
	}
});
