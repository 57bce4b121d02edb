// The Models page in real Chromium: the default model and its demo adapters served by OpenLoRA on WebGPU
// (SwiftShader here), streamed chat with tokens/s, an arena answered in one batched pass, Stop, and the bad cases a
// user can meet: an adapter for another base model, a model too large for the GPU, a GPU lost mid-answer, and a
// browser without WebGPU.
import { chromium, type Page, type Route } from '@playwright/test';
import { chromiumWebGpuArgs, findChromium } from '../src/cli/devnet/findChromium.ts';
import { writeSafetensors } from '../workers/ml/formats/safetensors.ts';
import { checkDomain } from '../src/cli/defaultModel/domainCheck.ts';
import { test, expect } from './fixtures/devnet.ts';
import { ask, demoAdapterFiles, greedy, openModelsPage, pinFolderOnDevnetPeer } from './fixtures/models.ts';

// Opening the model compiles shaders on a CPU GPU: give it room.
test.setTimeout(240_000);

test('chats with the default model on WebGPU, streaming with tokens/s, and an adapter shifts the answer', async ({ page }) => {
	await openModelsPage(page);
	await expect(page.getByTestId('model-backend')).toHaveText('WebGPU');
	await expect(page.getByTestId('model-fallback')).toHaveCount(0);
	await greedy(page, 24);

	const base = await ask(page, 'Tell me about the weather tomorrow.');
	expect(base.trim().length).toBeGreaterThan(0);
	const speed = Number(await page.getByTestId('answer-speed').first().textContent());
	expect(speed).toBeGreaterThan(0);

	const adapterSelect = page.getByLabel('Adapter', { exact: true });
	const adapterIds = await adapterSelect.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).label));
	expect(adapterIds.length).toBeGreaterThanOrEqual(3);
	await adapterSelect.selectOption({ index: 1 });
	const adapted = await ask(page, 'Tell me about the weather tomorrow.');
	expect(adapted).not.toBe(base);
	console.log(`base: ${JSON.stringify(base)}\n${adapterIds[1]}: ${JSON.stringify(adapted)}`);
	// The adapter used now sits in a GPU slot.
	await expect(page.getByTestId('adapter-list').getByTestId('adapter-where').filter({ hasText: 'on the GPU' })).toHaveCount(1);
});

// What must never reach the screen: U+FFFD from broken bytes, and control characters other than newline and tab.
const UNDISPLAYABLE = /[\uFFFD\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** The demo adapters as the chat's adapter menu lists them: [label, adapter id]. */
async function demoAdapters(page: Page): Promise<[string, string][]> {
	const items = page.getByTestId('adapter-list').locator('li');
	await expect(items).toHaveCount(4);
	const ids = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-testid')!.replace(/^adapter-/, '')));
	const names = await items.locator('strong').allTextContents();
	return names.map((name, i) => [name, ids[i]!]);
}

test("at the model's own defaults every demo adapter answers in its domain, with whole characters, after a typing indicator", async ({ page }) => {
	// Four answers of up to 64 tokens each on a CPU GPU.
	test.setTimeout(420_000);
	await openModelsPage(page);
	// The settings start from generation_config.json, say so, and reset to it.
	await page.getByText('Generation settings').click();
	await expect(page.getByTestId('sampling-origin')).toContainText("the model's defaults");
	const temperature = page.getByLabel(/^Temperature/);
	await expect(temperature).toHaveValue('0.3');
	await expect(page.getByLabel(/^Top-k/)).toHaveValue('5');
	await expect(page.getByTestId('sampling-reset')).toBeDisabled();
	await temperature.fill('0.9');
	await expect(page.getByTestId('sampling-origin')).toContainText('Changed');
	await page.getByTestId('sampling-reset').click();
	await expect(temperature).toHaveValue('0.3');

	// A typing indicator shows from sending until the first words: watched from the page, since it can be brief.
	await page.evaluate(() => {
		const seen = ((window as unknown as { __typing: string[] }).__typing = [] as string[]);
		new MutationObserver(() => {
			const indicator = document.querySelector('[data-testid="typing-indicator"]');
			if (indicator) seen.push(indicator.textContent!.trim());
		}).observe(document.body, { childList: true, subtree: true });
	});
	const results: string[] = [];
	for (const [label, id] of await demoAdapters(page)) {
		// A fresh conversation per adapter: the whole conversation is the prompt, and another adapter's answers in it
		// would pull this one out of its domain (a 1M-parameter model was trained on single exchanges).
		const clear = page.getByRole('button', { name: 'Clear' });
		if (await clear.isEnabled()) await clear.click();
		await page.getByLabel('Adapter', { exact: true }).selectOption({ label });
		const answer = await ask(page, 'What should I do today?');
		const check = checkDomain(answer, id);
		results.push(`${id}: ${JSON.stringify(answer)} ${JSON.stringify(check)}`);
		expect(answer, id).not.toMatch(UNDISPLAYABLE);
		expect(check.inDomain, `${id}: ${JSON.stringify(answer)} ${JSON.stringify(check)}`).toBe(true);
		// The first use of each adapter fetched it from the site itself.
		await expect(page.getByTestId('chat-notice')).toContainText(`Loaded ${label} from this site`);
	}
	console.log(`chat at the model's defaults:\n${results.join('\n')}`);
	expect(await page.evaluate(() => (window as unknown as { __typing: string[] }).__typing)).toContain('Writing…');
	await expect(page.getByTestId('typing-indicator')).toHaveCount(0);
});

test("the arena at the model's defaults: every adapter's column in its domain, none with broken characters", async ({ page }) => {
	await openModelsPage(page);
	const adapters = await demoAdapters(page);
	await page.getByRole('button', { name: 'Arena', exact: true }).click();
	await page.getByLabel('Prompt').fill('Tell me something.');
	await page.getByRole('button', { name: /^Answer with \d+$/ }).click();
	await expect(page.getByTestId('arena-summary')).toBeVisible({ timeout: 180_000 });
	const columns = page.getByTestId('arena-column');
	await expect(columns).toHaveCount(adapters.length + 1);
	const labels = await columns.locator('h3').allTextContents();
	const texts = await columns.locator('.text').allTextContents();
	console.log(`arena at the model's defaults:\n${labels.map((l, i) => `${l}: ${JSON.stringify(texts[i])}`).join('\n')}`);
	for (const [i, text] of texts.entries()) {
		expect(text, labels[i]).not.toMatch(UNDISPLAYABLE);
		expect(text.trim().length, labels[i]).toBeGreaterThan(0);
		const adapter = adapters.find(([name]) => name === labels[i]);
		if (adapter) expect(checkDomain(text, adapter[1]).inDomain, `${adapter[1]}: ${JSON.stringify(text)}`).toBe(true);
	}
	await expect(page.getByTestId('typing-indicator')).toHaveCount(0);
});

test('the arena answers one prompt with the base model and every adapter in one batched pass', async ({ page }) => {
	await openModelsPage(page);
	await greedy(page, 16);
	await page.getByRole('button', { name: 'Arena', exact: true }).click();
	await page.getByLabel('Prompt').fill('Write one sentence.');
	const run = page.getByRole('button', { name: /^Answer with \d+$/ });
	const count = Number((await run.textContent())!.match(/\d+/)![0]);
	expect(count).toBeGreaterThanOrEqual(4);
	await run.click();
	await expect(page.getByTestId('arena-summary')).toBeVisible({ timeout: 180_000 });
	const columns = page.getByTestId('arena-column');
	await expect(columns).toHaveCount(count);
	const texts = await columns.locator('.text').allTextContents();
	expect(texts.every((t) => t.trim().length > 0)).toBe(true);
	expect(new Set(texts).size).toBeGreaterThan(1);
	console.log(`arena: ${await page.getByTestId('arena-summary').textContent()}`);
});

test('Stop ends an answer at once and keeps what was written', async ({ page }) => {
	await openModelsPage(page);
	await greedy(page, 400);
	const input = page.getByLabel('Message');
	await input.fill('Tell me a long story.');
	await input.press('Enter');
	await expect(page.getByTestId('chat-answer')).not.toHaveText('', { timeout: 120_000 });
	await page.getByTestId('chat-stop').click();
	await expect(page.getByTestId('chat-notice')).toContainText('Stopped');
	await expect(page.getByTestId('answer-stats')).toContainText('stopped');
	const tokens = Number(await page.getByTestId('answer-tokens').textContent());
	expect(tokens).toBeGreaterThan(0);
	expect(tokens).toBeLessThan(400);
});

test('an adapter made for another base model is refused, saying which', async ({ page }) => {
	// A real PEFT folder served at a URL, trained (it says) on another base model.
	const config = { peft_type: 'LORA', base_model_name_or_path: 'someone/other-model', r: 4, lora_alpha: 8, target_modules: ['q_proj'] };
	const tensors = new Map([
		['base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight', { shape: [4, 128], data: new Float32Array(512) }],
		['base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight', { shape: [128, 4], data: new Float32Array(512) }]
	]);
	await page.route('**/e2e-adapters/foreign/**', (route: Route) => {
		const name = new URL(route.request().url()).pathname.split('/').pop();
		if (name === 'adapter_config.json') return route.fulfill({ body: JSON.stringify(config), contentType: 'application/json' });
		if (name === 'adapter_model.safetensors') return route.fulfill({ body: Buffer.from(writeSafetensors(tensors)) });
		return route.fulfill({ status: 404 });
	});
	await openModelsPage(page);
	await page.getByLabel(/Folder URL or IPFS CID/).fill(new URL('/e2e-adapters/foreign/', page.url()).href);
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByTestId('adapter-add-error')).toContainText('someone/other-model');
	// Nothing was lost: the model still answers.
	await greedy(page, 4);
	await ask(page, 'Hello');
});

test('an adapter added by IPFS CID comes through the pinning service and the peer, and answers', async ({ page }) => {
	// A publisher's node holds the weather adapter; the devnet's pinning service fetches and pins it from there,
	// and the page's own Helia node gets it from the devnet peer over bitswap.
	const cid = await pinFolderOnDevnetPeer(await demoAdapterFiles('weather'));
	await openModelsPage(page);
	await page.getByLabel(/Folder URL or IPFS CID/).fill(`ipfs://${cid}`);
	await page.getByLabel('Name (optional)').fill('Weather via IPFS');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByTestId(`adapter-ipfs://${cid}`).getByTestId('adapter-where')).toHaveText('on the GPU', { timeout: 120_000 });
	await greedy(page, 12);
	await page.getByLabel('Adapter', { exact: true }).selectOption({ label: 'Weather via IPFS' });
	const answer = await ask(page, 'Will it rain today?');
	expect(answer).toMatch(/forecast|degrees|rain|sun|wind/i);
});

test('an adapter CID that nobody has is reported as missing, and nothing is lost', async ({ page }) => {
	await openModelsPage(page);
	// A well-formed CID of bytes no node holds.
	const missing = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
	await page.getByLabel(/Folder URL or IPFS CID/).fill(missing);
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByTestId('adapter-add-error')).toContainText('could not be found on the IPFS network', { timeout: 120_000 });
	await expect(page.getByLabel(/Folder URL or IPFS CID/)).toHaveValue(missing);
	await expect(page.getByTestId('adapter-list').getByTestId('adapter-where')).toHaveCount(4);
});

test('a model too large for the GPU is refused from its header, with the numbers, before the weights download', async ({ page }) => {
	const config = {
		model_type: 'llama',
		vocab_size: 2_000_000,
		hidden_size: 1024,
		intermediate_size: 2816,
		num_hidden_layers: 1,
		num_attention_heads: 16,
		num_key_value_heads: 16,
		max_position_embeddings: 512,
		rms_norm_eps: 1e-5,
		rope_theta: 10000,
		tie_word_embeddings: true
	};
	const embedBytes = 2_000_000 * 1024 * 4;
	const header = new TextEncoder().encode(
		JSON.stringify({ 'model.embed_tokens.weight': { dtype: 'F32', shape: [2_000_000, 1024], data_offsets: [0, embedBytes] } })
	);
	const head = new Uint8Array(8 + header.length);
	new DataView(head.buffer).setBigUint64(0, BigInt(header.length), true);
	head.set(header, 8);
	const fileBytes = head.length + embedBytes;
	const weightRequests: string[] = [];
	await page.route('**/e2e-models/huge/**', (route: Route) => {
		const name = new URL(route.request().url()).pathname.split('/').pop();
		if (name === 'config.json') return route.fulfill({ body: JSON.stringify(config), contentType: 'application/json' });
		if (name !== 'model.safetensors') return route.fulfill({ status: 404 });
		const range = route.request().headers()['range'];
		weightRequests.push(range ?? 'whole file');
		const match = range?.match(/bytes=(\d+)-(\d+)/);
		if (!match) return route.abort();
		const [start, end] = [Number(match[1]), Math.min(Number(match[2]), head.length - 1)];
		return route.fulfill({
			status: 206,
			headers: { 'content-range': `bytes ${start}-${end}/${fileBytes}`, 'accept-ranges': 'bytes' },
			body: Buffer.from(head.subarray(start, end + 1))
		});
	});
	await openModelsPage(page);
	await page.getByLabel('Or open a model folder by URL or IPFS CID').fill(new URL('/e2e-models/huge/', page.url()).href);
	await page.getByRole('button', { name: 'Open', exact: true }).click();
	await expect(page.getByTestId('model-error')).toContainText(/needs .* in one buffer .* this GPU allows/);
	console.log(`too large: ${await page.getByTestId('model-error').textContent()}`);
	expect(weightRequests.every((r) => r !== 'whole file')).toBe(true);
	expect(weightRequests.length).toBeGreaterThan(0);
});

test('when the GPU is lost mid-answer the engine reopens the model and says so', async ({ page }) => {
	await openModelsPage(page, '?e2e-hooks');
	await greedy(page, 300);
	const input = page.getByLabel('Message');
	await input.fill('Tell me a long story.');
	await input.press('Enter');
	await expect(page.getByTestId('chat-answer')).not.toHaveText('', { timeout: 120_000 });
	await page.evaluate(() => (window as unknown as { __provenaModels: { loseDeviceForTesting(): Promise<void> } }).__provenaModels.loseDeviceForTesting());
	await expect(page.getByTestId('chat-error')).toContainText('send your message again', { timeout: 120_000 });
	await page.getByLabel('Max new tokens').fill('6');
	await ask(page, 'Hello again.');
	await expect(page.getByTestId('answer-stats')).toHaveCount(1);
});

test('at a phone width the page fits and still chats from the keyboard', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 800 });
	await openModelsPage(page);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await greedy(page, 6);
	await ask(page, 'Hi');
});

test('without WebGPU the Models page runs on the CPU, says so, and still answers', async ({ devnet }) => {
	const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumWebGpuArgs.filter((a) => a !== '--enable-unsafe-webgpu') });
	try {
		const page = await browser.newPage({ baseURL: devnet.siteUrl });
		await openModelsPage(page);
		await expect(page.getByTestId('model-backend')).toHaveText('CPU (Wasm)');
		await expect(page.getByTestId('model-fallback')).toContainText('WebGPU is not available');
		await greedy(page, 8);
		const answer = await ask(page, 'Tell me about the weather tomorrow.');
		expect(answer.trim().length).toBeGreaterThan(0);
	} finally {
		await browser.close();
	}
});
