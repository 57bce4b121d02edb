// Registered models on the Models page, against the real devnet: models registered straight on chain (as
// ModelFactory will) with a demo adapter put on the devnet's IPFS peer, listed from the registry's events in a fresh
// browser profile, opened in the chat by their adapter CID (and answering with it), from a card or a deep link; a
// registration whose hash is not its adapter's, and one for another base model, listed but refused with the reason;
// and the list at phone width, with no sideways scroll, opened in the arena from the keyboard.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import { sha256Hex } from './fixtures/datanets.ts';
import {
	ask,
	demoAdapterFiles,
	greedy,
	openModelsPage,
	pinFolderOnDevnetPeer,
	publishedDatanetVersion,
	registerModelOnChain,
	WRONG_ADAPTER_HASH
} from './fixtures/models.ts';

// Opening the base model compiles shaders on a CPU GPU: give each test room.
test.setTimeout(300_000);

const shots = '/tmp/shots-registered-models';
mkdirSync(shots, { recursive: true });

type Registered = {
	cid: string;
	sha256: string;
	datanetId: bigint;
	good: bigint;
	wrongHash: bigint;
	otherBase: bigint;
};
let registered: Promise<Registered> | undefined;

/** The weather adapter on the peer, one datanet version, and three registrations of it (once for the file). */
function registeredModels(rpcUrl: string): Promise<Registered> {
	registered ??= (async () => {
		const accounts = await devnetAccounts(rpcUrl);
		// 4 and 5 own and curate the shared test datanets; 6 contributes to them and owns these models.
		const [owner, curator, modelOwner] = [accounts[4]!, accounts[5]!, accounts[6]!];
		const files = await demoAdapterFiles('weather');
		const cid = await pinFolderOnDevnetPeer(files);
		const sha256 = await sha256Hex(files.find((f) => f.path === 'adapter_model.safetensors')!.content);
		const trained = await publishedDatanetVersion(rpcUrl, { owner, curator, contributor: modelOwner });
		const model = { adapterCid: cid, trainedOn: [trained] };
		const good = await registerModelOnChain(rpcUrl, modelOwner, {
			...model,
			name: 'Weather forecaster (registered)',
			adapterHash: sha256
		});
		const wrongHash = await registerModelOnChain(rpcUrl, modelOwner, {
			...model,
			name: 'Weather, wrong hash',
			adapterHash: WRONG_ADAPTER_HASH
		});
		const otherBase = await registerModelOnChain(rpcUrl, modelOwner, {
			...model,
			name: 'Weather for SmolLM2',
			adapterHash: sha256,
			baseModelId: 'HuggingFaceTB/SmolLM2-135M'
		});
		return { cid, sha256, datanetId: trained.datanetId, good, wrongHash, otherBase };
	})();
	return registered;
}

const card = (page: Page, id: bigint) => page.locator(`[data-testid="registered-model"][data-model-id="${id}"]`);

test('a model registered on chain is listed in a fresh profile, and Chat answers with its adapter from IPFS', async ({
	page,
	devnet
}) => {
	const { cid, good, datanetId } = await registeredModels(devnet.rpcUrl);
	await page.setViewportSize({ width: 1280, height: 900 });
	await openModelsPage(page);
	const model = card(page, good);
	await expect(model.getByRole('heading')).toHaveText('Weather forecaster (registered)');
	await expect(model.getByTestId('model-base')).toHaveText('provena/provena-tiny');
	await expect(model.getByTestId('model-trained-on').getByRole('link')).toHaveAttribute(
		'href',
		`/datanets/datanet/?id=${datanetId}`
	);
	await expect(model.getByTestId('model-trained-on')).toHaveText(`Datanet #${datanetId} v1`);
	await expect(model.getByTestId('model-fee')).toContainText('OPEN');
	await expect(model.getByTestId('model-adapter-cid')).toHaveText(cid);
	await page.screenshot({ path: `${shots}/desktop-list.png`, fullPage: true });

	await model.getByRole('button', { name: 'Chat with Weather forecaster (registered)' }).click();
	// The chat opens on the registered adapter, with the cursor in the message box.
	const adapter = page.getByLabel('Adapter', { exact: true });
	await expect(adapter.locator('option:checked')).toHaveText('Weather forecaster (registered) (model #' + good + ')', {
		timeout: 120_000
	});
	await expect(page.getByLabel('Message')).toBeFocused();
	await expect(model.getByRole('status')).toContainText('Open');
	await greedy(page, 12);
	const answer = await ask(page, 'Will it rain today?');
	console.log(`registered model #${good}: ${JSON.stringify(answer)}`);
	expect(answer).toMatch(/forecast|degrees|rain|sun|wind/i);
	await page.screenshot({ path: `${shots}/desktop-chat.png`, fullPage: true });
});

test('a registration whose hash is not its adapter, or whose base is another model, is listed but refused on open', async ({
	page,
	devnet
}) => {
	const { sha256, wrongHash, otherBase } = await registeredModels(devnet.rpcUrl);
	await openModelsPage(page);
	const wrong = card(page, wrongHash);
	await expect(wrong.getByRole('heading')).toHaveText('Weather, wrong hash');
	// From the keyboard: focus the card's Chat button and press Enter.
	await wrong.getByRole('button', { name: /^Chat with/ }).focus();
	await page.keyboard.press('Enter');
	const refusal = wrong.getByTestId('registered-model-error');
	await expect(refusal).toContainText(`has SHA-256 ${sha256}`, { timeout: 120_000 });
	await expect(refusal).toContainText(`records ${WRONG_ADAPTER_HASH}`);
	await expect(refusal).toContainText(`model #${wrongHash}, adapter version 1`);
	await expect(refusal).toContainText("ask the model's owner to publish an adapter version whose files match its hash");
	console.log(`refused: ${await refusal.textContent()}`);
	// Nothing of it reached the chat.
	await expect(page.getByLabel('Adapter', { exact: true }).locator('option', { hasText: 'wrong hash' })).toHaveCount(0);

	const foreign = card(page, otherBase);
	await foreign.getByRole('button', { name: /^Chat with/ }).click();
	await expect(foreign.getByTestId('registered-model-error')).toContainText(
		`trained on the base model "HuggingFaceTB/SmolLM2-135M" (as the ModelRegistry records it), but this page has "provena/provena-tiny" loaded`
	);
	await page.screenshot({ path: `${shots}/desktop-refused.png`, fullPage: true });
});

test('a deep link /models/?model=<id> opens that model in the chat', async ({ page, devnet }) => {
	const { good } = await registeredModels(devnet.rpcUrl);
	await openModelsPage(page, `?model=${good}`);
	await expect(card(page, good)).toHaveAttribute('aria-current', 'true');
	// Named by its card, which the link waits for (it used to open as "Model #id" when the chain came first).
	await expect(page.getByLabel('Adapter', { exact: true }).locator('option:checked')).toHaveText(
		`Weather forecaster (registered) (model #${good})`,
		{
			timeout: 120_000
		}
	);
	await expect(page.getByLabel('Message')).toBeFocused();
});

test('at 390 px the registered models are cards with no sideways scroll, and Arena opens one from the keyboard', async ({
	page,
	devnet
}) => {
	const { good, wrongHash } = await registeredModels(devnet.rpcUrl);
	await page.setViewportSize({ width: 390, height: 844 });
	await openModelsPage(page);
	await expect(card(page, good)).toBeVisible();
	// A refusal's long message (two hashes) must wrap, not widen the page.
	await card(page, wrongHash)
		.getByRole('button', { name: /^Chat with/ })
		.click();
	await expect(card(page, wrongHash).getByTestId('registered-model-error')).toBeVisible({ timeout: 120_000 });
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await card(page, good).scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${shots}/phone-list.png`, fullPage: true });

	await card(page, good)
		.getByRole('button', { name: /^Arena with/ })
		.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('Prompt')).toBeFocused({ timeout: 120_000 });
	await expect(page.getByRole('checkbox', { name: `Weather forecaster (registered) (model #${good})` })).toBeChecked();
	expect(
		await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
	).toBeLessThanOrEqual(0);
	await page.screenshot({ path: `${shots}/phone-arena.png`, fullPage: true });
});
