// Publishing a trained adapter when the wallet or the chain says no, in Chromium on anvil and the devnet's IPFS peer:
// a refused signature and a registration that reverts on chain (governance raised the fee between the review and
// the signature) both keep the adapter folder pinned and the trained run in this browser, and the registration is
// offered again, with nothing uploaded twice, until it succeeds; a later run publishes as the model's next version.
import { test, expect, devnetAccounts, nativeBalance } from './fixtures/devnet.ts';
import {
	createLicensedDatanet,
	publishFirstVersion,
	recordsJsonl,
	setModelRegistrationFee
} from './fixtures/modelfactory.ts';
import { installTestWallet, setRejectTransactions } from './fixtures/testWallet.ts';

test.setTimeout(480_000);

test('a refused signature and a reverted registration keep the trained adapter and its pins, and offer the registration again', async ({
	page,
	devnet
}) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const [owner, curator, contributor, publisher] = [accounts[4]!, accounts[5]!, accounts[6]!, accounts[7]!];
	const datanetId = await createLicensedDatanet(devnet.rpcUrl, { owner, curator, name: 'Tides', licence: 'CC0-1.0' });
	await publishFirstVersion(devnet.rpcUrl, {
		datanetId,
		contributor,
		curator,
		records: recordsJsonl(
			['Brest', 'Cadiz', 'Porto', 'Vigo', 'Bilbao', 'Nantes'].map((port, i) => ({
				id: `t${i}`,
				kind: 'pair' as const,
				prompt: `High tide in ${port}?`,
				response: `High tide in ${port} is at ${6 + i}:00.`,
				tokens: 16
			}))
		)
	});

	await installTestWallet(page, { rpcUrl: devnet.rpcUrl, account: publisher, rejectTransactions: true });
	await page.goto('/modelfactory/');
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();
	await expect(page.getByTestId('base-facts')).toBeVisible();
	await page.getByLabel('Version of Tides to train on').selectOption('1');
	await expect(page.getByTestId('version-load').first()).toHaveAttribute('data-status', 'ready');
	await page.getByRole('radio', { name: 'Steps' }).check();
	await page.getByLabel('Number of steps').fill('2');
	await page.getByLabel('Batch size').fill('1');
	await page.getByLabel(/^Maximum sequence length/).fill('32');
	await page.getByTestId('start-training').click();
	await expect(page.getByTestId('training-finished')).toBeVisible({ timeout: 240_000 });

	// The wallet refuses the signature: nothing is sent or spent, and the adapter stays pinned here and remotely.
	await page.getByLabel('Model name').fill('Tide tables');
	const before = await nativeBalance(devnet.rpcUrl, publisher);
	await page.getByTestId('publish-model').click();
	const panel = page.getByTestId('tx-panel');
	await expect(panel).toHaveAttribute('data-status', 'review', { timeout: 120_000 });
	await expect(page.getByTestId('publish-model')).toHaveText('Registering: review and sign below');
	await expect(page.getByTestId('publish-model')).toBeDisabled();
	const folder = page.getByTestId('ipfs-publish').first();
	await expect(folder).toHaveAttribute('data-remote', 'pinned');
	const folderCid = (await folder.getByTestId('published-cid').textContent())!;
	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(panel).toHaveAttribute('data-status', 'cancelled');
	expect(await nativeBalance(devnet.rpcUrl, publisher)).toBe(before);
	await expect(page.getByTestId('already-published')).toBeVisible();
	await expect(page.getByTestId('publish-model')).toHaveText('Register again');
	await expect(page.getByTestId('ipfs-released')).toHaveCount(0);

	// A reload keeps the trained run and what it published.
	await page.reload();
	const run = page.getByTestId('saved-run');
	await expect(run).toContainText('trained, not registered yet (on IPFS)');
	await run.getByTestId('publish-saved-run').click();
	await expect(page.getByTestId('already-published')).toBeVisible();
	await expect(page.getByLabel('Model name')).toHaveValue('Tide tables');

	// Governance raises the registration fee after the review: the registration reverts, and says why.
	await setRejectTransactions(page, false);
	await page.getByTestId('publish-model').click();
	await expect(panel).toHaveAttribute('data-status', 'review', { timeout: 60_000 });
	const oldFee = await setModelRegistrationFee(devnet.rpcUrl, 2n * 10n ** 18n);
	try {
		await page.getByRole('button', { name: 'Sign and send' }).click();
		await expect(panel).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
		await expect(page.getByTestId('tx-reason')).toContainText(/Registering a model costs exactly 2(\.0+)? OPEN/);
		await expect(page.getByTestId('registration-reverted')).toBeVisible();

		// Registering again reads the new fee; nothing is uploaded again.
		await page.getByTestId('publish-model').click();
		await expect(panel).toHaveAttribute('data-status', 'review', { timeout: 60_000 });
		await expect(page.getByTestId('tx-value')).toContainText(/: 2(\.0+)? OPEN/);
		await expect(folder.getByTestId('published-cid')).toHaveText(folderCid);
		await page.getByRole('button', { name: 'Sign and send' }).click();
		await expect(page.getByTestId('model-registered')).toBeVisible({ timeout: 60_000 });
		await expect(page.getByTestId('step-publish')).toHaveAttribute('data-state', 'done');
	} finally {
		await setModelRegistrationFee(devnet.rpcUrl, oldFee);
	}
	const modelId = (await page.getByTestId('model-registered').textContent())!.match(/model #(\d+)/)![1]!;
	await page.reload();
	await expect(page.getByTestId('base-facts')).toBeVisible();
	await expect(page.getByTestId('saved-run')).toHaveCount(0);
	// The test wallet is installed again by the reload, refusing as it was told at the start.
	await setRejectTransactions(page, false);

	// A second run on the same base model goes out as the next adapter version of the model this account owns.
	await page.getByLabel('Version of Tides to train on').selectOption('1');
	await expect(page.getByTestId('version-load').first()).toHaveAttribute('data-status', 'ready');
	await page.getByTestId('start-training').click();
	await expect(page.getByTestId('training-finished')).toBeVisible({ timeout: 240_000 });
	await page.getByLabel('Publish as').selectOption(modelId);
	await expect(page.getByTestId('publish-fees')).toContainText('only the network fee');
	await page.getByTestId('publish-model').click();
	await expect(panel).toHaveAttribute('data-status', 'review', { timeout: 120_000 });
	await expect(panel).toContainText(`Publish adapter version 2 of model #${modelId}`);
	await expect(page.getByTestId('tx-value')).toHaveCount(0);
	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(page.getByTestId('model-registered')).toContainText(`model #${modelId}, adapter version 2`, {
		timeout: 60_000
	});
});
