// The page at narrow widths and from the keyboard alone.
import { test, expect } from './fixtures/devnet.ts';

test('the layout holds at a narrow width and works from the keyboard', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('/system/');
	// Measure once the longest content (peer multiaddrs, the RPC URL) is on the page.
	await expect(page.getByTestId('ipfs-peer')).toBeVisible();
	await expect(page.getByTestId('chain-status')).toHaveText('reachable');
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Provena' })).toBeFocused();
});

test('a devnet account can be connected with the keyboard alone', async ({ page }) => {
	await page.goto('/');
	const connectButton = page.getByRole('button', { name: 'Connect wallet' });
	await expect(connectButton).toBeVisible();
	for (let presses = 0; presses < 20 && !(await connectButton.evaluate((el) => el === document.activeElement)); presses++) {
		await page.keyboard.press('Tab');
	}
	await expect(connectButton).toBeFocused();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	const account = dialog.getByTestId('devnet-account').nth(5);
	await expect(account).toBeVisible();
	for (let presses = 0; presses < 20 && !(await account.evaluate((el) => el === document.activeElement)); presses++) {
		await page.keyboard.press('Tab');
	}
	await expect(account).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('account-balance')).toContainText('OPEN');
});
