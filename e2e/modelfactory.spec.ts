// The ModelFactory page's first three steps in Chromium, on anvil with the real contracts: the default model's facts
// and training estimate read from its header without downloading the weights; datanet versions made on chain listed
// with their licences, a no-derivatives one refused with the reason, a version's records loaded and counted, one
// whose bytes fail their on-chain hash refused; a setting out of range explained beside its field and kept across a
// reload; a saved run's loss drawn; no sideways scroll at phone width; and the whole flow: train with a closed tab
// mid-run, resume, evaluate, try the adapter in the Models page chat, publish to IPFS, register on chain, and chat
// with the registered model from a second browser profile.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import { expectNoSidewaysScroll } from './fixtures/page.ts';
import { createLicensedDatanet, publishFirstVersion, recordsJsonl } from './fixtures/modelfactory.ts';
import { connectDevnetAccount, deployments } from './fixtures/datanets.ts';
import { createPublicClient, http } from 'viem';
import { modelRegistryAbi } from '../src/lib/chain/abis.ts';
import { ask, greedy, openModelsPage } from './fixtures/models.ts';

test.setTimeout(180_000);

const screenshots = join(import.meta.dirname, '../test-results/modelfactory');

async function openModelFactory(page: Page): Promise<void> {
	await page.goto('/modelfactory/');
	await expect(page.getByTestId('base-facts')).toBeVisible();
}

test('reads the default model’s facts and training estimate from its header, never its weights', async ({ page }) => {
	const weightRequests: { range: string | undefined; status?: number }[] = [];
	page.on('response', (response) => {
		if (response.url().endsWith('/model.safetensors'))
			weightRequests.push({ range: response.request().headers()['range'], status: response.status() });
	});
	await openModelFactory(page);
	const facts = page.getByTestId('base-facts');
	await expect(facts.getByTestId('base-label')).toHaveText('Provena Tiny');
	await expect(facts.getByTestId('base-address')).toContainText('/models/provena-tiny/');
	await expect(facts.getByTestId('base-parameters')).toHaveText(/^\d+(\.\d+)?K \([\d,]+\)$/);
	await expect(facts.getByTestId('base-context')).toHaveText('512 tokens');
	await expect(page.getByTestId('estimate-total')).toHaveText(/^\d+(\.\d+)? MiB$/);
	await expect(page.getByTestId('estimate-device')).toContainText('Runs on WebGPU');
	await expect(page.getByTestId('estimate-verdict')).toHaveAttribute('data-fits', 'true');
	await expect(page.getByTestId('step-base-model')).toHaveAttribute('data-state', 'done');
	// Only the 8-byte length and the header were asked for, each by a Range request.
	expect(weightRequests.length).toBeGreaterThan(0);
	for (const request of weightRequests) {
		expect(request.range, 'every request for the weights is a byte range').toMatch(/^bytes=\d+-\d+$/);
		expect(request.status).toBe(206);
	}
	// The estimate follows the settings: a larger batch needs more memory.
	const before = await page.getByTestId('estimate-total').textContent();
	await page.getByLabel('Batch size').fill('64');
	await expect(page.getByTestId('estimate-total')).not.toHaveText(before!);
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await expect(page.getByTestId('estimate-total')).toHaveText(before!);
	// The step list works from the keyboard.
	await page.getByRole('link', { name: /Step 3: Settings/ }).press('Enter');
	await expect(page).toHaveURL(/#settings$/);
	// Later steps wait for the first three, with no button that would do nothing.
	await expect(page.locator('#train').getByTestId('step-waiting')).toContainText(
		'Available once steps 1–3 are complete (still to do: 2 Data)'
	);
	await expect(page.locator('#train, #evaluate, #publish').getByRole('button')).toHaveCount(0);
});

test('lists datanet versions with their licences, refuses no-derivatives, loads and counts records, refuses bytes that fail their hash', async ({
	page,
	devnet
}) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const [owner, curator, contributor] = [accounts[3]!, accounts[8]!, accounts[9]!];
	const weather = await createLicensedDatanet(devnet.rpcUrl, {
		owner,
		curator,
		name: 'Weather notes',
		licence: 'CC-BY-4.0'
	});
	await publishFirstVersion(devnet.rpcUrl, {
		datanetId: weather,
		contributor,
		curator,
		records: recordsJsonl([
			{ id: 'w1', kind: 'text', text: 'Tomorrow will be sunny with a light breeze from the west.', tokens: 14 },
			{ id: 'w2', kind: 'pair', prompt: 'Will it rain today?', response: 'Showers are likely after noon.', tokens: 12 },
			{ id: 'w3', kind: 'text', text: 'Frost is expected overnight in the valleys.', tokens: 10 }
		])
	});
	const nd = await createLicensedDatanet(devnet.rpcUrl, {
		owner,
		curator,
		name: 'No derivatives',
		licence: 'CC-BY-ND-4.0'
	});
	await publishFirstVersion(devnet.rpcUrl, {
		datanetId: nd,
		contributor,
		curator,
		records: recordsJsonl([{ id: 'n1', kind: 'text', text: 'Words that may not be adapted.', tokens: 7 }])
	});
	const tampered = await createLicensedDatanet(devnet.rpcUrl, {
		owner,
		curator,
		name: 'Tampered data',
		licence: 'CC0-1.0'
	});
	await publishFirstVersion(devnet.rpcUrl, {
		datanetId: tampered,
		contributor,
		curator,
		records: recordsJsonl([{ id: 't1', kind: 'text', text: 'These bytes are not what was anchored.', tokens: 8 }]),
		anchoredHash: `0x${'ab'.repeat(32)}`
	});

	await openModelFactory(page);
	const row = (id: bigint) => page.locator(`[data-testid="data-row"][data-datanet-id="${id}"]`);
	await expect(row(weather)).toContainText('Weather notes');
	await expect(row(weather).getByTestId('data-licence')).toContainText('Creative Commons Attribution 4.0');
	await expect(row(weather).getByTestId('data-records')).toHaveText('3');
	await expect(row(weather).getByTestId('data-tokens')).toHaveText('36');

	// A licence that forbids adaptations cannot be chosen, and says why.
	await expect(row(nd).getByTestId('licence-refused')).toHaveText(
		/^Refused: CC BY-ND 4.0 forbids sharing adaptations, and a trained adapter is an adaptation of its data\./
	);
	const ndSelect = page.getByLabel('Version of No derivatives to train on');
	await expect(ndSelect).toBeDisabled();
	await expect(ndSelect).toHaveAccessibleDescription(/forbids sharing adaptations/);

	// A version loads from IPFS, checked against the chain, and is counted.
	await page.getByLabel('Version of Weather notes to train on').selectOption('1');
	const loads = page.getByTestId('version-load');
	await expect(loads.first()).toHaveAttribute('data-status', 'ready');
	await expect(loads.first().getByTestId('version-counts')).toContainText(
		"Version 1 of “Weather notes”, every contribution's hash checked against the chain. 3 records, 36 tokens: 1 prompt/response pair (chat examples, learning the responses) and 2 texts (next-token examples)."
	);
	await expect(page.getByTestId('data-split')).toContainText(
		/Split by record id with seed 1: \d records train and\s+\d validate/
	);
	await expect(page.getByTestId('step-data')).toHaveAttribute('data-state', 'done');

	// Bytes that do not match the hash on chain are refused, naming the contribution, with what to do.
	await page.getByLabel('Version of Tampered data to train on').selectOption('1');
	const error = page.getByTestId('version-error');
	await expect(error).toContainText('Version 1 of “Tampered data” cannot be used: Contribution');
	await expect(error).toContainText(/not 0x(ab){32}/);
	await expect(page.getByTestId('step-data')).toHaveAttribute('data-state', 'todo');
	// Dropping it makes the data step complete again.
	await page.getByLabel('Version of Tampered data to train on').selectOption('');
	await expect(page.getByTestId('step-data')).toHaveAttribute('data-state', 'done');
	await expect(page.getByTestId('step-train')).toHaveAttribute('data-state', 'todo');
	await expect(page.getByTestId('start-training')).toBeEnabled();
	mkdirSync(screenshots, { recursive: true });
	await page.screenshot({ path: join(screenshots, 'modelfactory-1280.png'), fullPage: true });
});

test('a setting out of range says why beside its field, and settings survive a reload', async ({ page }) => {
	await openModelFactory(page);
	const batch = page.getByLabel('Batch size');
	await batch.fill('0');
	await expect(page.getByTestId('setting-batchSize-error')).toHaveText(
		'Batch size must be a whole number from 1 to 512.'
	);
	await expect(batch).toHaveAttribute('aria-invalid', 'true');
	await expect(batch).toHaveAccessibleDescription(
		/Examples per step.*Batch size must be a whole number from 1 to 512\./
	);
	await expect(page.getByTestId('step-settings')).toHaveAttribute('data-state', 'todo');

	// The context of the model bounds the sequence length.
	await page.getByLabel('Maximum sequence length (tokens)').fill('1024');
	await expect(page.getByTestId('setting-maxSeqLength-error')).toHaveText(
		"Sequence length must be a whole number from 8 to 512, this model's context."
	);
	const advanced = page.getByTestId('settings-advanced');
	await advanced.locator('summary').click();
	await page.getByLabel('Validation share').fill('0.9');
	await expect(page.getByTestId('setting-validationShare-error')).toHaveText(
		'Validation share must be from 0.01 to 0.5 (1 % to 50 % of the records).'
	);
	await expect(advanced.locator('summary')).toContainText('1 to fix: Validation share');

	await batch.fill('16');
	await page.reload();
	await expect(page.getByTestId('base-facts')).toBeVisible();
	await expect(page.getByLabel('Batch size')).toHaveValue('16');
	await expect(page.getByTestId('setting-maxSeqLength-error')).toBeVisible();
	// Restored with an error behind "Advanced", the disclosure opens by itself so the message is not hidden.
	await expect(page.getByTestId('settings-advanced')).toHaveAttribute('open', '');
	await expect(page.getByTestId('setting-validationShare-error')).toBeVisible();
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await expect(page.getByLabel('Batch size')).toHaveValue('8');
	await expect(page.getByTestId('step-settings')).toHaveAttribute('data-state', 'done');
});

test('draws a saved run’s loss, and fits a phone screen with no sideways scroll', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/modelfactory/');
	// A run as the trainer will save it, written into this browser's store (the trainer is not wired to the page yet).
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('provena-modelfactory', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('runs', { keyPath: 'key' });
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const lossLog = Array.from({ length: 40 }, (_, i) => ({
						step: i + 1,
						trainLoss: 3 * Math.exp(-i / 15) + 0.8,
						...(i % 10 === 9 ? { validationLoss: 3 * Math.exp(-i / 15) + 1 } : {})
					}));
					const tx = open.result.transaction('runs', 'readwrite');
					tx.objectStore('runs').put({
						key: '31337:no-account:e2e-run',
						chainId: 31337,
						account: undefined,
						runId: 'e2e-run',
						baseModel: { address: `${location.origin}/models/provena-tiny/`, label: 'Provena Tiny' },
						data: [{ datanetId: '1', version: 1, manifestCid: 'bafkqaaa', licence: 'CC0-1.0' }],
						settings: {},
						checkpoint: { step: 40, bytes: new Uint8Array([1, 2, 3]) },
						lossLog,
						status: 'paused',
						createdAt: Date.now(),
						updatedAt: Date.now()
					});
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
	await page.reload();
	await expect(page.getByTestId('base-facts')).toBeVisible();
	const run = page.getByTestId('saved-run');
	await expect(run).toContainText('Provena Tiny on datanet #1 v1: paused at step 40');
	await expect(run.getByTestId('loss-summary')).toHaveText(
		/^Step 40: training loss 1\.0\d+\. Validation loss 1\.2\d+ at step 40\.$/
	);
	await expect(run.getByTestId('loss-chart').locator('canvas')).toBeVisible();
	await expectNoSidewaysScroll(page, 'ModelFactory at 390 px');
	await page.getByLabel('Batch size').fill('0');
	await expect(page.getByTestId('setting-batchSize-error')).toBeVisible();
	await expectNoSidewaysScroll(page, 'ModelFactory at 390 px with an error shown');
	mkdirSync(screenshots, { recursive: true });
	await page.screenshot({ path: join(screenshots, 'modelfactory-390.png'), fullPage: true });
	await run.getByRole('button', { name: 'Delete this run' }).click();
	await expect(page.getByTestId('saved-run')).toHaveCount(0);
});

test('trains on a datanet version in a worker, survives a closed tab, resumes, evaluates, publishes and registers; a second profile chats with it', async ({
	browser,
	baseURL,
	context,
	devnet
}) => {
	test.setTimeout(600_000);
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const [owner, curator, contributor] = [accounts[3]!, accounts[8]!, accounts[9]!];
	const towns = [
		'Osaka',
		'Lima',
		'Oslo',
		'Cairo',
		'Quito',
		'Perth',
		'Dakar',
		'Hanoi',
		'Bergen',
		'Tunis',
		'Natal',
		'Turku'
	];
	const datanetId = await createLicensedDatanet(devnet.rpcUrl, {
		owner,
		curator,
		name: 'Forecasts',
		licence: 'CC0-1.0'
	});
	await publishFirstVersion(devnet.rpcUrl, {
		datanetId,
		contributor,
		curator,
		records: recordsJsonl(
			towns.flatMap((town, i) => [
				{
					id: `f${i}a`,
					kind: 'pair' as const,
					prompt: `Weather in ${town}?`,
					response: `Forecast for ${town}: sunny, high near ${10 + i} degrees.`,
					tokens: 20
				},
				{
					id: `f${i}b`,
					kind: 'pair' as const,
					prompt: `Will it rain in ${town}?`,
					response: `Forecast for ${town}: light rain after noon.`,
					tokens: 18
				}
			])
		)
	});

	const page = await context.newPage();
	await openModelFactory(page);
	await page.getByLabel('Version of Forecasts to train on').selectOption('1');
	await expect(page.getByTestId('version-load').first()).toHaveAttribute('data-status', 'ready');
	await page.getByRole('radio', { name: 'Steps' }).check();
	await page.getByLabel('Number of steps').fill('12');
	await page.getByLabel('Batch size').fill('2');
	await page.getByLabel(/^Maximum sequence length/).fill('48');
	await page.getByText('Advanced', { exact: true }).click();
	await page.getByLabel(/^Checkpoint every/).fill('3');
	await page.getByLabel(/^Validate every/).fill('6');

	await page.getByTestId('start-training').click();
	await expect(page.getByTestId('training-split')).toContainText('12 steps');
	await expect(page.getByTestId('training-split')).toContainText('Training on WebGPU.');
	await expect(page.getByTestId('checkpoint-step')).toContainText(/at step (3|6|9)/, { timeout: 120_000 });
	const saved = Number((await page.getByTestId('checkpoint-step').textContent())!.match(/step (\d+)/)![1]);
	// The tab closes mid-training: its worker dies with it, and only what IndexedDB holds survives.
	await page.close();

	const again = await context.newPage();
	await openModelFactory(again);
	const run = again.getByTestId('saved-run');
	await expect(run).toContainText(`on datanet #${datanetId} v1: interrupted while training at step`);
	await run.getByTestId('resume-saved-run').click();
	// Its data, settings and checkpoint come back; training continues from the saved step, not from the start.
	await expect(again.getByTestId('version-load').first()).toHaveAttribute('data-status', 'ready');
	await expect(again.getByLabel('Batch size')).toHaveValue('2');
	const resume = again.getByTestId('resume-training');
	await expect(resume).toContainText(/Resume from step (3|6|9)/);
	expect(Number((await resume.textContent())!.match(/step (\d+)/)![1])).toBeGreaterThanOrEqual(saved);
	await resume.click();
	await expect(again.getByTestId('training-progress')).toContainText(/Step (4|5|6|7|8|9|10|11|12) of 12/, {
		timeout: 120_000
	});
	await expect(again.getByTestId('training-finished')).toBeVisible({ timeout: 240_000 });

	const metrics = again.getByTestId('evaluation-metrics');
	await expect(metrics).toBeVisible();
	const [baseLoss, adapterLoss] = (await metrics.locator('tbody tr').first().locator('td').allTextContents()).map(
		Number
	);
	expect(adapterLoss, 'the adapter lowers validation loss').toBeLessThan(baseLoss!);
	await expect(again.getByTestId('evaluation-samples').locator('li').first()).toContainText('Prompt:');
	await expect(again.getByTestId('loss-chart').locator('canvas')).toBeVisible();
	await expect(again.getByTestId('step-train')).toHaveAttribute('data-state', 'done');
	await expect(again.getByTestId('step-evaluate')).toHaveAttribute('data-state', 'done');
	await expect(again.getByTestId('resume-training')).toHaveCount(0);
	mkdirSync(screenshots, { recursive: true });
	await again.screenshot({ path: join(screenshots, 'modelfactory-trained-1280.png'), fullPage: true });

	// "Try it": the Models page opens the adapter from this browser, before anything is published.
	await again.getByTestId('try-adapter').click();
	await expect(again.getByTestId('linked-adapter')).toHaveAttribute('data-status', 'open', { timeout: 180_000 });
	await expect(again.getByLabel('Adapter', { exact: true }).locator('option:checked')).toContainText(
		`datanet #${datanetId} v1`
	);
	await greedy(again, 8);
	const tried = await ask(again, 'Weather in Osaka?');
	console.log(`tried before publishing: ${JSON.stringify(tried)}`);

	// Back in ModelFactory the trained run waits to be published; publishing registers it from the connected account.
	await openModelFactory(again);
	const trained = again.getByTestId('saved-run');
	await expect(trained).toContainText('trained, not registered yet');
	await trained.getByTestId('publish-saved-run').click();
	await expect(again.getByTestId('evaluation-metrics')).toBeVisible();
	await connectDevnetAccount(again, 3, owner);
	await again.getByLabel('Model name').fill('Forecast bot');
	await expect(again.getByTestId('publish-fees')).toContainText('Registering costs');
	await again.getByTestId('publish-model').click();
	const panel = again.getByTestId('tx-panel');
	await expect(panel).toHaveAttribute('data-status', 'review', { timeout: 120_000 });
	await expect(again.getByTestId('ipfs-publish').first()).toHaveAttribute('data-remote', 'pinned');
	await expect(again.getByTestId('tx-value')).toContainText('Registration fee');
	await expect(again.getByTestId('tx-fee')).toContainText('Network fee');
	await again.getByRole('button', { name: 'Sign and send' }).click();
	const registered = again.getByTestId('model-registered');
	await expect(registered).toBeVisible({ timeout: 60_000 });
	const modelId = (await registered.textContent())!.match(/model #(\d+)/)![1]!;
	await again.screenshot({ path: join(screenshots, 'modelfactory-registered-1280.png'), fullPage: true });
	// The registration names the attribution artifacts the publish step built: the span index's folder and the
	// gradient sketches, by CID.
	const [published] = await createPublicClient({ transport: http(devnet.rpcUrl) }).getContractEvents({
		address: deployments().contracts.ModelRegistry.address,
		abi: modelRegistryAbi,
		eventName: 'AdapterPublished',
		args: { modelId: BigInt(modelId) },
		fromBlock: 0n
	});
	expect(published!.args.adapter!.attributionIndexCid).toMatch(/^bafy/);
	expect(published!.args.adapter!.gradientSketchCid).toMatch(/^baf/);
	// Registered, the run is no longer offered.
	await again.reload();
	await expect(again.getByTestId('base-facts')).toBeVisible();
	await expect(again.getByTestId('saved-run')).toHaveCount(0);

	// A second browser profile (nothing in its IndexedDB) finds the model in the registry and chats with it by its
	// adapter CID, fetched from the devnet peer that the pinning service asked to keep it.
	const second = await browser.newContext({ baseURL });
	try {
		const other = await second.newPage();
		await openModelsPage(other, `?model=${modelId}`);
		const card = other.locator(`[data-testid="registered-model"][data-model-id="${modelId}"]`);
		await expect(card.getByRole('heading')).toHaveText('Forecast bot');
		await expect(card.getByTestId('model-trained-on')).toHaveText(`Datanet #${datanetId} v1`);
		await card.getByRole('button', { name: 'Chat with Forecast bot' }).click();
		await expect(other.getByLabel('Adapter', { exact: true }).locator('option:checked')).toHaveText(
			`Forecast bot (model #${modelId})`,
			{ timeout: 180_000 }
		);
		await greedy(other, 8);
		const answer = await ask(other, 'Weather in Osaka?');
		console.log(`registered model #${modelId} in a second profile: ${JSON.stringify(answer)}`);
		expect(answer.trim().length, 'the registered model answers').toBeGreaterThan(0);
	} finally {
		await second.close();
	}
});
