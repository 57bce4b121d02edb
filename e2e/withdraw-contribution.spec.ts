// A contribution no curator decides does not lock its bond forever: the datanet page shows when its contributor may
// take it back, then offers the withdrawal once the review timeout has passed; the bond becomes a registry credit.
import { createTestClient, http, keccak256, parseEther, toHex } from 'viem';
import { readContract } from 'viem/actions';
import { protocolParamsAbi } from '../src/lib/chain/abis.ts';
import { provenaDevnet } from '../src/lib/chain/chains.ts';
import { mkdirSync } from 'node:fs';
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import { expectNoSidewaysScroll } from './fixtures/page.ts';
import {
	claimableOf,
	connectDevnetAccount,
	contributeOnChain,
	createDatanetOnChain,
	deployments,
	readContribution
} from './fixtures/datanets.ts';

const shots = '/tmp/shots-withdraw';
mkdirSync(shots, { recursive: true });

const widths = [
	{ name: 'desktop', viewport: { width: 1280, height: 900 }, contributor: 7 },
	{ name: 'phone', viewport: { width: 390, height: 844 }, contributor: 8 }
] as const;

for (const width of widths) {
	test(`a contribution left unreviewed past the review timeout is withdrawn from the page and its bond comes back (${width.name})`, async ({
		browser,
		devnet
	}) => {
		const accounts = await devnetAccounts(devnet.rpcUrl);
		const [owner, contributor] = [accounts[0]!, accounts[width.contributor]!];
		const context = await browser.newContext({ baseURL: devnet.siteUrl, viewport: width.viewport });
		const page = await context.newPage();
		const step = async (name: string) => {
			await page.screenshot({ path: `${shots}/${width.name}-${name}.png`, fullPage: true });
			if (width.viewport.width <= 390) await expectNoSidewaysScroll(page, name);
		};
		const datanetId = await createDatanetOnChain(devnet.rpcUrl, owner, owner, { name: 'Abandoned datanet' });
		const contributionId = await contributeOnChain(devnet.rpcUrl, contributor, datanetId, {
			cid: 'bafkreidivzimqfqtoqxkrpge6bjyhlvxqs3rhe73owtmdulaxr5do5in7u',
			contentHash: keccak256(toHex(`withdraw e2e ${Date.now()}`)),
			byteSize: 1_000
		});
		const claimableBefore = await claimableOf(devnet.rpcUrl, contributor);

		await page.goto(`/datanets/datanet/?id=${datanetId}`);
		await connectDevnetAccount(page, width.contributor, contributor);
		const row = page.locator(`[data-testid=contribution-row][data-id="${contributionId}"]`);
		const bond = row.getByTestId('bond-status');
		await expect(bond).toHaveAttribute('data-bond', 'held');
		await expect(bond).toContainText('if still unreviewed, withdraw it after');
		await expect(bond.getByRole('button', { name: 'Withdraw and take back the bond' })).toHaveCount(0);
		await row.scrollIntoViewIfNeeded();
		await step('1-held');

		// No curator decides within the review timeout (10 minutes on the devnet): move the chain's clock past it.
		const client = createTestClient({ chain: provenaDevnet, mode: 'anvil', transport: http(devnet.rpcUrl) });
		const timeout = await readContract(client, {
			address: deployments().contracts.ProtocolParams.address,
			abi: protocolParamsAbi,
			functionName: 'reviewTimeout'
		});
		await client.increaseTime({ seconds: timeout + 1 });
		await client.mine({ blocks: 1 });

		await page.reload();
		await expect(bond).toHaveAttribute('data-bond', 'withdrawable');
		await expect(bond).toContainText('no curator decided in time');
		await row.scrollIntoViewIfNeeded();
		await step('2-withdrawable');
		await bond.getByRole('button', { name: 'Withdraw and take back the bond' }).click();
		const panel = page.getByTestId('tx-panel');
		await expect(panel).toHaveAttribute('data-status', 'review');
		await step('3-review');
		await expect(panel).toContainText(`Withdraw contribution #${contributionId} and take back its bond`);
		await panel.getByRole('button', { name: 'Sign and send' }).click();
		await expect(panel).toHaveAttribute('data-status', 'confirmed');

		await expect(row).toHaveAttribute('data-status', 'withdrawn');
		await expect(bond).toHaveAttribute('data-bond', 'withdrawn');
		// Counted apart: a withdrawn contribution is neither accepted data nor waiting for review.
		await expect(page.locator('dd').filter({ hasText: '(0 accepted, 0 pending, 0 rejected, 1 withdrawn)' })).toBeVisible();
		expect((await readContribution(devnet.rpcUrl, contributionId)).status).toBe(5); // Withdrawn
		expect(await claimableOf(devnet.rpcUrl, contributor)).toBe(claimableBefore + parseEther('0.01'));
		await row.scrollIntoViewIfNeeded();
		await step('4-withdrawn');
		await context.close();
	});
}
