// Issue 15's whole path in the page, on the real devnet: a newcomer stakes to become a curator (the owner's
// appointment and the Curate tab then accept them), wraps OPEN and delegates its votes, proposes a change of the
// attribution threshold by form from the Protocol page, two accounts vote, the clock moves past the vote and the
// timelock, the proposal is queued and executed from its page, and the Protocol page shows the new value with the
// proposal linked. ProtocolParams returns the new threshold; afterAll puts the old one back.
//
// Devnet accounts 18 (the newcomer) and 19 (the datanet owner and second voter): no other spec uses them.
import { createPublicClient, http, parseEther, type Address } from 'viem';
import { datanetRegistryAbi, protocolParamsAbi } from '../src/lib/chain/abis.ts';
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import {
	connectDevnetAccount,
	contributeOnChain,
	createDatanetOnChain,
	deployments,
	identityCid,
	sha256Hex,
	switchDevnetAccount
} from './fixtures/datanets.ts';
import {
	advanceTime,
	asTimelock,
	attributionThresholdOf,
	setThresholdAction,
	wrapAndDelegate
} from './fixtures/governance.ts';
import { expectNoSidewaysScroll, signAndConfirm } from './fixtures/page.ts';

const NEWCOMER = 18;
const OWNER = 19;
let accounts: Address[];
let thresholdBefore: number;

test.beforeAll(async () => {
	const rpcUrl = process.env.PROVENA_E2E_RPC!;
	accounts = await devnetAccounts(rpcUrl);
	thresholdBefore = await attributionThresholdOf(rpcUrl);
});

test.afterAll(async () => {
	const rpcUrl = process.env.PROVENA_E2E_RPC!;
	if ((await attributionThresholdOf(rpcUrl)) !== thresholdBefore)
		await asTimelock(rpcUrl, [setThresholdAction(thresholdBefore)]);
});

test('stake to curate, wrap and delegate, propose a threshold change by form, vote, queue, execute, see it live', async ({
	page,
	devnet
}) => {
	test.setTimeout(300_000);
	const { rpcUrl } = devnet;
	const [newcomer, owner] = [accounts[NEWCOMER]!, accounts[OWNER]!];
	await page.setViewportSize({ width: 1280, height: 900 });

	// A datanet the owner curates, with one contribution waiting for review.
	const datanetId = await createDatanetOnChain(rpcUrl, owner, owner, { name: 'Governance loop datanet' });
	const content = new TextEncoder().encode('{"text":"a record for the newcomer to review"}\n');
	await contributeOnChain(rpcUrl, owner, datanetId, {
		cid: identityCid(content),
		contentHash: await sha256Hex(content),
		byteSize: content.length
	});

	// 1. The owner cannot appoint the newcomer yet: the page says how much they must stake, and where.
	await page.goto(`/datanets/datanet/?id=${datanetId}`);
	await connectDevnetAccount(page, OWNER, owner);
	await page.getByLabel('Appoint a curator').fill(newcomer);
	await page.getByRole('button', { name: 'Appoint', exact: true }).click();
	const shortfall = page.getByTestId('stake-to-meet');
	await expect(shortfall).toContainText('They must stake 10 OPEN first');
	await expect(shortfall.getByRole('link', { name: 'staking' })).toHaveAttribute('href', '/staking/#roles');

	// 2. The newcomer stakes the curator minimum from the Staking page's roles.
	await switchDevnetAccount(page, NEWCOMER, newcomer);
	await page.goto('/staking/#roles');
	const curatorRole = page.locator('[data-testid=role][data-role=curator]');
	await expect(curatorRole).toHaveAttribute('data-met', 'false');
	await curatorRole.getByRole('button', { name: 'Stake the missing 10 OPEN' }).click();
	await signAndConfirm(page);
	await expect(curatorRole).toHaveAttribute('data-met', 'true');

	// 3. Now the owner's appointment goes through, and the newcomer's Curate tab lets them review.
	await switchDevnetAccount(page, OWNER, owner);
	await page.goto(`/datanets/datanet/?id=${datanetId}`);
	await page.getByLabel('Appoint a curator').fill(newcomer);
	await page.getByRole('button', { name: 'Appoint', exact: true }).click();
	await signAndConfirm(page);
	await expect(page.getByTestId('curator-list')).toContainText(newcomer.slice(0, 6));
	const isCurator = await createPublicClient({ transport: http(rpcUrl) }).readContract({
		address: deployments().contracts.DatanetRegistry.address,
		abi: datanetRegistryAbi,
		functionName: 'isCurator',
		args: [datanetId, newcomer]
	});
	expect(isCurator).toBe(true);
	await switchDevnetAccount(page, NEWCOMER, newcomer);
	await page.goto(`/datanets/datanet/?id=${datanetId}&tab=curate`);
	const pending = page.getByTestId('pending-contribution').first();
	await expect(pending.getByRole('checkbox')).toBeEnabled();
	await expect(page.getByText("Only this datanet's curators")).toHaveCount(0);
	await expect(page.getByTestId('stake-to-meet')).toHaveCount(0);

	// 4. The newcomer wraps OPEN and delegates its votes to itself on the Governance page.
	await page.goto('/governance/');
	await page.getByLabel('Amount of OPEN').fill('5');
	await page.getByRole('button', { name: 'Wrap', exact: true }).click();
	await signAndConfirm(page);
	await expect(page.getByTestId('vopen-balance')).toHaveText('5 vOPEN');
	await page.getByRole('button', { name: 'Delegate to myself' }).click();
	await signAndConfirm(page);
	// The 5 vOPEN and the 10 OPEN staked (voting through the newcomer's StakeVault).
	await expect(page.getByTestId('votes')).toHaveText('15 votes');

	// The second voter holds enough vOPEN for the 4 % quorum whatever other specs wrapped before.
	await wrapAndDelegate(rpcUrl, owner, parseEther('2000'));
	await advanceTime(rpcUrl, 2); // the Governor counts votes from the second before a proposal

	// 5. From the Protocol page, a threshold change by form, in percent.
	const target = thresholdBefore + 100 <= 5000 ? thresholdBefore + 100 : thresholdBefore - 100;
	await page.goto('/protocol/');
	const card = page.locator('[data-testid=parameter][data-key=attributionThreshold]');
	await card.getByRole('link', { name: /Propose a change/ }).click();
	await expect(page).toHaveURL(/\/governance\/new\/\?parameter=attributionThreshold/);
	const title = `Attribution threshold to ${(target / 100).toFixed(2)} %`;
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Description (markdown)').fill('Fewer, **surer** payments per answer.');
	const action = page.getByTestId('action').first();
	await expect(action.getByLabel('Parameter')).toHaveValue('attributionThreshold');
	await action.getByLabel('New value').fill(String(target / 100));
	await expect(action.getByTestId('action-sentence')).toContainText(
		`from ${(thresholdBefore / 100).toFixed(2)} % to ${(target / 100).toFixed(2)} %`
	);
	await page.getByRole('button', { name: 'Simulate' }).click();
	await expect(action.getByTestId('action-simulation')).toHaveAttribute('data-ok', 'true');
	await page.getByRole('button', { name: 'Submit proposal' }).click();
	const panel = page.getByTestId('tx-panel');
	await expect(panel.getByTestId('tx-fee')).toContainText('Network fee');
	await panel.getByRole('button', { name: 'Sign and send' }).click();
	// Once the proposal is mined, the form hands over to its page.
	await expect(page).toHaveURL(/\/governance\/proposal\/\?id=\d+$/);
	const proposalUrl = new URL(page.url());
	await expect(page.getByTestId('proposal-title')).toHaveText(title);
	await expect(page.getByTestId('proposal-actions')).toContainText(`${(target / 100).toFixed(2)} %`);

	// 6. Two accounts vote For.
	await advanceTime(rpcUrl, 2); // past the 1 s voting delay
	await expect(page.getByTestId('votes-at-snapshot')).toHaveText('15 votes');
	await page.getByTestId('vote-for').click();
	await signAndConfirm(page);
	await switchDevnetAccount(page, OWNER, owner);
	await page.getByLabel('Reason (optional, public and permanent)').fill('Agreed.');
	await page.getByTestId('vote-for').click();
	await signAndConfirm(page);
	await expect(page.getByTestId('vote-cast')).toHaveCount(2);
	await expect(page.getByTestId('quorum')).toContainText('reached');

	// 7. The vote ends, the proposal is queued, waits out the timelock and is executed.
	await advanceTime(rpcUrl, 5 * 60 + 1);
	await expect(page.getByTestId('proposal-state')).toHaveText('Passed');
	await page.getByTestId('queue-proposal').click();
	await signAndConfirm(page);
	await expect(page.getByTestId('proposal-state')).toHaveText('Queued');
	await expect(page.getByTestId('execute-proposal')).toBeDisabled();
	await advanceTime(rpcUrl, 61);
	await page.getByTestId('execute-proposal').click();
	await signAndConfirm(page);
	await expect(page.getByTestId('proposal-state')).toHaveText('Executed');
	expect(await attributionThresholdOf(rpcUrl)).toBe(target);

	// 8. The Protocol page shows the new value, and its history links the proposal.
	await page.goto('/protocol/');
	await expect(card.getByTestId('parameter-value')).toHaveText(`${(target / 100).toFixed(2)} %`);
	const change = card.getByTestId('history-row').first();
	await expect(change).toContainText(`${(thresholdBefore / 100).toFixed(2)} % → ${(target / 100).toFixed(2)} %`);
	await expect(change.getByTestId('history-proposal')).toHaveAttribute(
		'href',
		`/governance/proposal/?id=${proposalUrl.searchParams.get('id')}`
	);
	// And how governance itself decides, live from the Governor and the Timelock.
	const setting = (key: string) => page.locator(`[data-testid=governance-setting][data-key=${key}]`);
	await expect(setting('votingPeriod')).toContainText('5 minutes');
	await expect(setting('quorum')).toContainText('4 % of vOPEN');
	await expect(setting('timelockDelay')).toContainText('1 minute');
	await expect(setting('proposalThreshold')).toContainText('1 vote');
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `test-results/governance-loop/protocol-${width}.png`, fullPage: true });
		await expectNoSidewaysScroll(page, `the Protocol page at ${width} px`);
	}
});
