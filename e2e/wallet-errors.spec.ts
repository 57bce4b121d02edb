// What happens when the wallet is missing or says no: clear words, nothing lost, nothing hangs.
import { test, expect, devnetAccounts, nativeBalance } from './fixtures/devnet.ts';
import { installTestWallet, testWalletLog } from './fixtures/testWallet.ts';

test('with no browser wallet installed the dialog says what to install', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await expect(page.getByTestId('no-wallet')).toContainText('No browser wallet found');
	// The native dialog closes with Escape and the page stays usable from the keyboard.
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog')).toBeHidden();
});

test('a rejected connection is reported quietly and can be retried', async ({ page, devnet }) => {
	const [account] = await devnetAccounts(devnet.rpcUrl);
	await installTestWallet(page, { rpcUrl: devnet.rpcUrl, account: account!, rejectConnect: true });
	await page.goto('/');
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();
	await expect(page.getByRole('dialog').getByRole('status')).toContainText('Connection cancelled in your wallet');
	await expect(page.getByRole('button', { name: 'Test Wallet' })).toBeEnabled();
});

test('a wallet on the wrong chain is detected; a refused switch is quiet; an accepted one adds the chain with OPEN', async ({ page, devnet }) => {
	const [account] = await devnetAccounts(devnet.rpcUrl);
	await installTestWallet(page, { rpcUrl: devnet.rpcUrl, account: account!, chainId: 1, knownChains: [1] });
	await page.goto('/governance/');
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();
	const banner = page.getByTestId('wrong-network');
	await expect(banner).toContainText('Your wallet is on chain 1');
	await expect(page.getByText('Switch your wallet to the right network first')).toBeVisible();

	await page.evaluate(() => ((window as unknown as { __testWallet: { state: { rejectSwitch?: boolean } } }).__testWallet.state.rejectSwitch = true));
	await banner.getByRole('button', { name: /Switch to Provena devnet/ }).click();
	await expect(banner).toBeVisible();

	// After a reload the page reconnects by itself (the wallet remembers the site) and still sees the wrong chain.
	await page.reload();
	await expect(page.getByTestId('account-address')).toBeVisible();
	await expect(page.getByTestId('wrong-network')).toBeVisible();
	await page.getByTestId('wrong-network').getByRole('button', { name: /Switch to Provena devnet/ }).click();
	await expect(page.getByTestId('wrong-network')).toBeHidden();
	const added = (await testWalletLog(page)).find((entry) => entry.method === 'wallet_addEthereumChain');
	expect(added?.params).toMatchObject([{ chainId: '0x7a69', nativeCurrency: { symbol: 'OPEN', decimals: 18 } }]);
	await expect(page.getByTestId('vopen-balance')).toHaveText(/vOPEN/);
});

test('a transaction rejected in the wallet is cancelled quietly and nothing is spent', async ({ page, devnet }) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const account = accounts[3]!;
	await installTestWallet(page, { rpcUrl: devnet.rpcUrl, account, rejectTransactions: true });
	const before = await nativeBalance(devnet.rpcUrl, account);
	await page.goto('/governance/');
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();
	await page.getByLabel('Amount of OPEN').fill('2');
	await page.getByRole('button', { name: 'Wrap', exact: true }).click();
	await page.getByRole('button', { name: 'Sign and send' }).click();
	const panel = page.getByTestId('tx-panel');
	await expect(panel).toHaveAttribute('data-status', 'cancelled');
	await expect(panel.getByTestId('tx-reason')).toHaveCount(0);
	expect(await nativeBalance(devnet.rpcUrl, account)).toBe(before);
});
