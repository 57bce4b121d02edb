// The app around the features: the home page's promises, the 404 page, every page at phone width (one-row
// navigation with a menu, tables as cards, no sideways scroll), and the signing panel, which comes into view with
// focus and, when cancelled, unpins what was published only for its transaction.
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import {
	approveOnChain,
	connectDevnetAccount,
	contributeOnChain,
	createDatanetOnChain
} from './fixtures/datanets.ts';
import { createPinningClient } from '../src/lib/ipfs/pinning/pinningClient.ts';

test.setTimeout(180_000);

const sidewaysOverflow = (page: import('@playwright/test').Page) =>
	page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('every page the home page lists is a working page', async ({ page }) => {
	await page.goto('/');
	const links = page.getByTestId('works-today').getByRole('link');
	await expect(links.first()).toBeVisible();
	const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
	expect(hrefs.length).toBeGreaterThanOrEqual(3);
	for (const href of hrefs) {
		await page.goto(href);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByTestId('error-page'), `${href} is listed as working today`).toHaveCount(0);
	}
});

test('a wrong address shows the designed 404 page inside the layout', async ({ page }) => {
	await page.goto('/no-such-page/here/');
	const errorPage = page.getByTestId('error-page');
	await expect(errorPage).toHaveAttribute('data-status', '404');
	await expect(errorPage.getByRole('heading', { level: 1 })).toHaveText('There is no page here');
	await expect(errorPage).toContainText('/no-such-page/here/');
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeAttached();
	await errorPage.getByRole('link', { name: 'Datanets' }).click();
	await expect(page).toHaveURL(/\/datanets\/$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Datanets');
});

test('at 390 px every page fits without sideways scroll, with a one-row header and tables as cards', async ({ page, devnet }) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const [owner, curator, contributor] = [accounts[4]!, accounts[5]!, accounts[6]!];
	const id = await createDatanetOnChain(devnet.rpcUrl, owner, curator);
	const contribution = await contributeOnChain(devnet.rpcUrl, contributor, id, {
		cid: 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
		contentHash: `0x${'ab'.repeat(32)}`,
		byteSize: 1234
	});
	await approveOnChain(devnet.rpcUrl, curator, id, [contribution]);

	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/');
	await connectDevnetAccount(page, 4, owner);
	// The header stays one row, and the balance stays in view.
	const header = page.locator('header').first();
	expect((await header.boundingBox())!.height).toBeLessThan(72);
	await expect(page.getByTestId('account-balance')).toBeVisible();
	await expect(page.getByTestId('account-balance')).toContainText('OPEN');

	// The menu is a disclosure: it opens, closes on Escape with focus back on its button, and navigates.
	const menu = page.getByRole('button', { name: 'Menu' });
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datanets' })).toBeHidden();
	await menu.click();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await page.keyboard.press('Escape');
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(menu).toBeFocused();
	await page.keyboard.press('Enter');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datanets' }).click();
	await expect(page).toHaveURL(/\/datanets\/$/);
	await expect(menu).toHaveAttribute('aria-expanded', 'false');

	const pages = [
		'/',
		'/datanets/',
		'/datanets/new/',
		`/datanets/datanet/?id=${id}`,
		`/datanets/datanet/?id=${id}&tab=contribute`,
		`/datanets/datanet/?id=${id}&tab=curate`,
		'/models/',
		'/system/',
		'/governance/',
		'/governance/new/',
		'/protocol/',
		'/staking/',
		'/no-such-page/'
	];
	for (const path of pages) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
		if (path.includes('/datanet/?')) await expect(page.getByTestId('datanet-name')).toBeVisible();
		expect(await sidewaysOverflow(page), `${path} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
	}

	// The datanet's tables are cards: each version's download buttons are on screen, with no inner scrolling.
	await page.goto(`/datanets/datanet/?id=${id}`);
	const version = page.getByTestId('version-row');
	await expect(version).toHaveCount(1);
	for (const name of ['JSONL', 'CAR']) {
		const button = version.getByRole('button', { name, exact: true });
		await button.scrollIntoViewIfNeeded();
		await expect(button).toBeInViewport({ ratio: 1 });
	}
	const scrollers = await page.locator('.scroll-x').evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).length);
	expect(scrollers).toBe(0);
	// Addresses and CIDs are short, whole, and copyable.
	const row = page.getByTestId('contribution-row').first();
	await expect(row).toContainText(`${contributor.slice(0, 6)}…${contributor.slice(-4)}`);
	await expect(row.getByRole('button', { name: `Copy address ${contributor}` })).toBeVisible();
	await expect(row.getByRole('button', { name: /^Copy CID bafkrei/ })).toBeVisible();
});

test('the signing panel comes into view with focus; cancelling it unpins the description it published', async ({ page, devnet }) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const pinning = createPinningClient({ endpoint: process.env.PROVENA_E2E_PINNING_API! });
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/datanets/new/');
	await connectDevnetAccount(page, 7, accounts[7]!);
	await page.getByLabel('Name').fill('Panel in view');
	await page.getByLabel('Summary').fill('The signing panel opens where the user can see it.');
	await page.getByLabel('Description (markdown)').fill('A description long enough to push the panel down.\n\n'.repeat(8));
	await page.getByRole('button', { name: 'Create datanet' }).click();
	await expect(page.getByTestId('ipfs-publish')).toHaveAttribute('data-remote', 'pinned');
	const cid = (await page.getByTestId('published-cid').textContent())!;
	expect((await pinning.listPins({ cid: [cid] })).count).toBe(1);

	const panel = page.getByTestId('tx-panel');
	await expect(panel).toHaveAttribute('data-status', 'review');
	const sign = page.getByRole('button', { name: 'Sign and send' });
	await expect(sign).toBeFocused();
	await expect(sign).toBeInViewport({ ratio: 1 });

	// Escape cancels: nothing was sent, so the description is unpinned here and on the pinning service.
	await page.keyboard.press('Escape');
	await expect(panel).toBeHidden();
	const released = page.getByTestId('ipfs-released');
	await expect(released).toHaveAttribute('data-local', 'unpinned');
	await expect(released).toHaveAttribute('data-remote', 'removed');
	await expect(released).toContainText('Nothing was sent');
	expect((await pinning.listPins({ cid: [cid], status: ['queued', 'pinning', 'pinned', 'failed'] })).count).toBe(0);

	// Trying again publishes it again (same bytes, same CID), and this time it is sent and stays pinned.
	await page.getByRole('button', { name: 'Create datanet' }).click();
	await expect(page.getByTestId('ipfs-publish')).toHaveAttribute('data-remote', 'pinned');
	await expect(page.getByTestId('published-cid')).toHaveText(cid);
	await expect(sign).toBeFocused();
	await sign.click();
	await expect(page.getByTestId('datanet-created').or(page.getByTestId('datanet-name'))).toBeVisible();
	expect((await pinning.listPins({ cid: [cid] })).count).toBe(1);
});
