// A datanet's owner alone, from nothing to a published version, in the page only: create the datanet (confirmed
// with a link to it), stake the curator minimum where the page asks for it, appoint itself curator, switch to a
// second account in the page to contribute a small file, switch back, approve it, and follow the link to version 1.
// Once at desktop width and once at phone width, where no step may scroll sideways.
import { mkdirSync } from 'node:fs';
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import { expectNoSidewaysScroll } from './fixtures/page.ts';
import {
	connectDevnetAccount,
	contributeOnChain,
	createDatanetInUi,
	createDatanetOnChain,
	requestUnstakeOnChain,
	sampleFile,
	stakeOf,
	switchDevnetAccount
} from './fixtures/datanets.ts';

test.setTimeout(240_000);

const shots = '/tmp/shots-lane5';
mkdirSync(shots, { recursive: true });

// Each width gets its own pair of accounts, so the owner starts with no stake (the other specs never stake with
// these: 0 is the deployer, 3 only signs refused wraps, 2 wraps nothing, 9 only contributes).
const widths = [
	{ name: 'desktop', viewport: { width: 1280, height: 900 }, owner: 0, contributor: 3, file: 'contract-basics.md' },
	{ name: 'phone', viewport: { width: 390, height: 844 }, owner: 2, contributor: 9, file: 'animal-care.txt' }
] as const;

for (const width of widths) {
	test(`a solo owner publishes version 1 from the page alone (${width.name}, ${width.viewport.width} px)`, async ({
		browser,
		devnet
	}) => {
		const accounts = await devnetAccounts(devnet.rpcUrl);
		const [owner, contributor] = [accounts[width.owner]!, accounts[width.contributor]!];
		expect(await stakeOf(devnet.rpcUrl, owner), 'the owner must start without stake').toBe(0n);
		const context = await browser.newContext({ baseURL: devnet.siteUrl, viewport: width.viewport });
		const page = await context.newPage();
		/** At phone width nothing may scroll sideways; a screenshot of each step is kept to look at. */
		const step = async (name: string) => {
			await page.screenshot({ path: `${shots}/${width.name}-${name}.png`, fullPage: true });
			if (width.viewport.width <= 390) await expectNoSidewaysScroll(page, name);
		};

		await page.goto('/datanets/');
		await connectDevnetAccount(page, width.owner, owner);
		const id = await createDatanetInUi(
			page,
			{
				name: `Solo notes (${width.name})`,
				summary: 'One owner, one curator: the same account.',
				tags: 'solo'
			},
			() => step('1-created')
		);

		// The curators card offers to stake what is missing, in OPEN, before the owner can appoint itself.
		const appointSelf = page.getByTestId('appoint-self');
		const offer = appointSelf.getByTestId('stake-to-meet');
		await expect(offer).toContainText('You have 0 OPEN staked; curators need 10 OPEN.');
		await expect(appointSelf.getByRole('button', { name: 'Appoint myself' })).toBeDisabled();
		// Appointing another account below the minimum is refused before anything is signed, saying what they miss.
		await page.getByLabel('Appoint a curator').fill(contributor);
		await page.getByRole('button', { name: 'Appoint', exact: true }).click();
		await expect(page.getByTestId('stake-to-meet').filter({ hasText: 'They must stake' })).toContainText(
			`${contributor.slice(0, 6)}…${contributor.slice(-4)} has 0 OPEN staked; curators need 10 OPEN. They must stake 10 OPEN first`
		);
		await expect(page.getByTestId('tx-panel')).toHaveCount(0);
		await page.getByLabel('Appoint a curator').fill('');
		await step('2-stake-offer');
		await offer.getByRole('button', { name: 'Stake 10 OPEN' }).click();
		const stakePanel = appointSelf.getByTestId('tx-panel');
		await expect(stakePanel).toHaveAttribute('data-status', 'review');
		await expect(stakePanel.getByTestId('tx-fee')).toContainText(/Network fee: about \d[\d.]* OPEN/);
		await expect(stakePanel.getByTestId('tx-value')).toContainText('10 OPEN');
		await step('3-stake-review');
		await stakePanel.getByRole('button', { name: 'Sign and send' }).click();
		await expect(stakePanel).toHaveAttribute('data-status', 'confirmed');
		await expect(offer).toBeHidden();
		expect(await stakeOf(devnet.rpcUrl, owner)).toBe(10n * 10n ** 18n);

		await appointSelf.getByRole('button', { name: 'Appoint myself' }).click();
		await expect(page.getByTestId('tx-panel').filter({ hasText: 'Appoint yourself as curator' })).toHaveAttribute(
			'data-status',
			'review'
		);
		await page.getByRole('button', { name: 'Sign and send' }).click();
		await expect(page.getByTestId('curator-list')).toContainText(owner);
		await expect(appointSelf).toBeHidden();
		await step('4-curator');

		// A second account, switched to in the same page, contributes a small file.
		await page.goto(`/datanets/datanet/?id=${id}&tab=contribute`);
		await switchDevnetAccount(page, width.contributor, contributor);
		await page.getByLabel('Files to contribute').setInputFiles(sampleFile(width.file, 'text/plain'));
		await page.getByRole('button', { name: 'Prepare records' }).click();
		await expect(page.getByTestId('review-summary')).toContainText(/\d+ records/);
		await step('5-contribution-review');
		await page.getByRole('button', { name: 'Submit contribution' }).click();
		await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'review');
		await page.getByRole('button', { name: 'Sign and send' }).click();
		await expect(page.getByTestId('contribution-submitted')).toBeVisible();
		await step('6-contributed');

		// Back to the owner, who approves it as the datanet's curator.
		await page.goto(`/datanets/datanet/?id=${id}&tab=curate`);
		await switchDevnetAccount(page, width.owner, owner);
		const pending = page.getByTestId('pending-contribution');
		await expect(pending).toHaveCount(1);
		await expect(page.getByTestId('stake-to-meet')).toHaveCount(0);
		await pending.getByRole('checkbox').check();
		await page.getByRole('button', { name: 'Approve and publish version 1' }).click();
		await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'review');
		await step('7-approve-review');
		await page.getByRole('button', { name: 'Sign and send' }).click();
		const published = page.getByTestId('version-published');
		await expect(published).toContainText('Version 1 is published.');
		await step('8-published');

		await published.getByRole('link', { name: 'See version 1' }).click();
		await expect(page).toHaveURL(/tab=overview#version-1$/);
		const row = page.locator('#version-1');
		await expect(row).toBeVisible();
		await expect(row).toContainText('v1');
		// The contributor's bond is shown locked until the release delay has passed.
		await expect(page.getByTestId('contribution-row').first().getByTestId('bond-status')).toHaveAttribute(
			'data-bond',
			'locked'
		);
		await step('9-version');
		await context.close();
	});
}

test('a curator whose stake fell below the minimum stakes beside the refused approval, which is then retried', async ({
	page,
	devnet
}) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const [owner, curator, contributor] = [accounts[4]!, accounts[5]!, accounts[6]!];
	const id = await createDatanetOnChain(devnet.rpcUrl, owner, curator);
	const contribution = await contributeOnChain(devnet.rpcUrl, contributor, id, {
		cid: 'bafkqaaa',
		contentHash: `0x${'cd'.repeat(32)}`,
		byteSize: 321
	});
	// The curator unbonds all of its stake elsewhere: approving would now revert.
	await requestUnstakeOnChain(devnet.rpcUrl, curator, await stakeOf(devnet.rpcUrl, curator));

	await page.goto(`/datanets/datanet/?id=${id}&tab=curate`);
	await connectDevnetAccount(page, 5, curator);
	await expect(page.getByTestId('stake-to-meet')).toContainText('You have 0 OPEN staked; curators need 10 OPEN.');
	await page.locator(`[data-testid=pending-contribution][data-id="${contribution}"]`).getByRole('checkbox').check();
	await page.getByRole('button', { name: 'Approve and publish version 1' }).click();
	const approval = page.getByRole('region', { name: /^Approve #/ });
	await expect(approval).toHaveAttribute('data-status', 'failed');
	await expect(approval.getByTestId('tx-reason')).toContainText(/stake/i);

	// The offer now sits beside the refusal; once the stake confirms, the approval is reviewed again.
	const offer = page.getByTestId('stake-to-meet');
	await expect(offer).toHaveCount(1);
	await offer.getByRole('button', { name: 'Stake 10 OPEN' }).click();
	const stakePanel = page.getByRole('region', { name: /^Stake 10 OPEN/ });
	await expect(stakePanel).toHaveAttribute('data-status', 'review');
	await stakePanel.getByRole('button', { name: 'Sign and send' }).click();
	await expect(stakePanel).toHaveAttribute('data-status', 'confirmed');
	await expect(approval).toHaveAttribute('data-status', 'review');
	await page.screenshot({ path: `${shots}/retry-after-stake.png`, fullPage: true });
	await approval.getByRole('button', { name: 'Sign and send' }).click();
	await expect(page.getByTestId('version-published')).toContainText('Version 1 is published.');
});
