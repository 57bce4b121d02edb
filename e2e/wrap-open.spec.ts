// The Foundation's end-to-end path: connect a devnet account, wrap OPEN into OpenVotes through the UI with
// the fee shown before signing, see the transaction confirmed and the balances change on the real chain.
import { test, expect, devnetAccounts, nativeBalance } from './fixtures/devnet.ts';
import { formatEther, parseEther } from 'viem';

test('a devnet account wraps OPEN into vOPEN and delegates', async ({ page, devnet }) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const account = accounts[1]!;
	const before = await nativeBalance(devnet.rpcUrl, account);

	await page.goto('/governance/');
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByText('Local devnet only')).toBeVisible();
	await dialog.getByTestId('devnet-account').nth(1).click();
	await expect(page.getByTestId('account-address')).toHaveText(`${account.slice(0, 6)}…${account.slice(-4)}`);
	await expect(page.getByTestId('account-balance')).toContainText('OPEN');
	await expect(page.getByTestId('vopen-balance')).toHaveText('0 vOPEN');

	await page.getByLabel('Amount of OPEN').fill('1.5');
	await page.getByRole('button', { name: 'Wrap', exact: true }).click();
	const panel = page.getByTestId('tx-panel');
	await expect(panel).toHaveAttribute('data-status', 'review');
	// The fee is shown, in OPEN, before anything is signed.
	await expect(page.getByTestId('tx-fee')).toContainText(/Network fee: about \d[\d.]* OPEN/);
	expect(await nativeBalance(devnet.rpcUrl, account)).toBe(before);

	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(panel).toHaveAttribute('data-status', 'confirmed');
	await expect(panel).toContainText(/Transaction 0x[0-9a-f]{64}/);
	await expect(panel).toContainText('no explorer on this chain');
	await expect(page.getByTestId('vopen-balance')).toHaveText('1.5 vOPEN');

	const after = await nativeBalance(devnet.rpcUrl, account);
	const spent = before - after;
	expect(spent > parseEther('1.5'), `spent ${formatEther(spent)} should include the fee`).toBe(true);
	expect(spent < parseEther('1.51')).toBe(true);
	await expect(page.getByTestId('open-balance')).toHaveText(
		`${formatEther(after)
			.replace(/(\.\d{4})\d*$/, '$1')
			.replace(/\.?0+$/, '')} OPEN`
	);

	// Votes count only once delegated.
	await expect(page.getByTestId('votes')).toHaveText('0 votes');
	await page.getByRole('button', { name: 'Delegate to myself' }).click();
	await expect(panel).toHaveAttribute('data-status', 'review');
	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(panel).toHaveAttribute('data-status', 'confirmed');
	await expect(page.getByTestId('votes')).toHaveText('1.5 votes');

	// Votes can go to someone else (an address no key holds, so no other spec's counts move) and come back.
	const someoneElse = '0x00000000000000000000000000000000DeaDBeef';
	await page.getByLabel('Give the votes of your vOPEN to').fill('0x12');
	await page.getByRole('button', { name: 'Delegate', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Enter an address: 0x followed by 40 hexadecimal digits.');
	await page.getByLabel('Give the votes of your vOPEN to').fill(someoneElse);
	await page.getByRole('button', { name: 'Delegate', exact: true }).click();
	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(panel).toHaveAttribute('data-status', 'confirmed');
	await expect(page.getByTestId('votes')).toHaveText('0 votes');
	await expect(page.getByTestId('votes-explained')).toContainText(/votes through 0x0000…beef/i);
	await page.getByRole('button', { name: 'Delegate back to myself' }).click();
	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(panel).toHaveAttribute('data-status', 'confirmed');
	await expect(page.getByTestId('votes')).toHaveText('1.5 votes');
});

test('unwrapping more than you hold is refused before signing, with the contract error decoded', async ({
	page,
	devnet
}) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	await page.goto('/governance/');
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByTestId('devnet-account').nth(2).click();
	await expect(page.getByTestId('vopen-balance')).toHaveText('0 vOPEN');
	const before = await nativeBalance(devnet.rpcUrl, accounts[2]!);

	await page.getByLabel('Amount of OPEN').fill('5');
	await page.getByRole('button', { name: 'Unwrap' }).click();
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'failed');
	await expect(page.getByTestId('tx-reason')).toContainText('has 0 vOPEN; this needs 5 vOPEN.');
	expect(await nativeBalance(devnet.rpcUrl, accounts[2]!)).toBe(before);

	await page.getByLabel('Amount of OPEN').fill('abc');
	await page.getByRole('button', { name: 'Wrap', exact: true }).click();
	await expect(page.getByText('Enter an amount of OPEN like 10 or 2.5 (at most 18 decimals).')).toBeVisible();
});
