// ModelFactory as a new user drives it, in Chromium at 1280 × 900, on anvil with the real contracts: connect a
// devnet account from the wallet dialog, type the settings, scroll down to "Start training" with the keyboard focus
// still in the last field typed, after the window was resized, and click it. Chromium's scroll anchoring used to
// jump the page back to that field as it lost focus, between the button's press and release, so the click landed
// elsewhere and nothing started (the new-user walk found it; src/app.css turns anchoring off).
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import { connectDevnetAccount } from './fixtures/datanets.ts';
import { publishForecasts } from './fixtures/training.ts';

test.setTimeout(300_000);
// Playwright's trace recorder keeps the page from reaching the state this test is about (measured: with a trace the
// click went through even without the fix), so this spec runs without one.
test.use({ trace: 'off' });

test('Start training, clicked after scrolling away from the field just typed in, starts the run', async ({
	page,
	devnet
}) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const datanet = 'Forecasts typed by hand';
	// Other datanets listed above the form make the page as long as a real devnet's.
	for (let i = 0; i < 10; i++)
		await publishForecasts(devnet.rpcUrl, {
			owner: accounts[3]!,
			curator: accounts[8]!,
			contributor: accounts[9]!,
			name: `Other forecasts ${i}`
		});
	await publishForecasts(devnet.rpcUrl, {
		owner: accounts[3]!,
		curator: accounts[8]!,
		contributor: accounts[9]!,
		name: datanet
	});

	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/modelfactory/');
	await connectDevnetAccount(page, 5, accounts[5]!);
	await expect(page.getByTestId('base-facts')).toBeVisible();
	await page.getByLabel(`Version of ${datanet} to train on`).selectOption('1');
	await expect(page.getByTestId('version-load').first()).toHaveAttribute('data-status', 'ready');
	await page.getByRole('radio', { name: 'Steps' }).check();
	await page.getByLabel('Number of steps').fill('4');
	await page.getByLabel('Batch size').fill('2');
	const lastTyped = page.getByLabel(/^Maximum sequence length/);
	await lastTyped.fill('48');
	await expect(lastTyped).toBeFocused();

	// The page is resized while that field has the focus (a full-page screenshot resizes it for the capture, as a
	// resized window or a phone's keyboard going away does), then the person scrolls to the end of the page, where the button is, with the wheel, and clicks it.
	await page.screenshot({ fullPage: true });
	await page.mouse.move(640, 450);
	await page.mouse.wheel(0, 10_000);
	await expect
		.poll(() => page.evaluate(() => innerHeight + scrollY >= document.documentElement.scrollHeight - 1))
		.toBe(true);
	const start = page.getByTestId('start-training');
	await expect(start).toBeInViewport();
	const box = (await start.boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

	await expect(page.getByTestId('training-progress')).toBeVisible({ timeout: 30_000 });
	await expect(start).toBeDisabled();
	await page.getByRole('button', { name: 'Cancel and delete this run' }).click();
	await expect(page.getByTestId('training-progress')).toBeHidden();
});
