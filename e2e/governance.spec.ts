// Governance through the page, on the real devnet: the proposal list, a proposal voted For and Against from two
// accounts, queued, held by the Timelock delay and executed; an account whose vOPEN was never delegated told why
// it cannot vote and offered the fix; voting refused after the deadline; and an execution that reverts inside its
// target shown with the target's decoded error while the proposal stays queued. Proposals are made straight on
// the chain (the form has its own spec). Devnet accounts 10–14 are this spec's alone; the attribution threshold it
// changes is restored afterwards.
import { mkdirSync } from 'node:fs';
import { createPublicClient, encodeFunctionData, http, parseEther, type Address } from 'viem';
import { openVotesAbi, protocolParamsAbi, provenaGovernorAbi } from '../src/lib/chain/abis.ts';
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import { expectNoSidewaysScroll, signAndConfirm } from './fixtures/page.ts';
import { connectDevnetAccount, deployments, sendAndConfirm, switchDevnetAccount } from './fixtures/datanets.ts';
import {
	attributionThresholdOf,
	checkpointGas,
	advanceTime,
	asTimelock,
	governor,
	passOnChain,
	proposalStateOf,
	proposeOnChain,
	protocolParams,
	setThresholdAction,
	settleOnChain,
	timelock,
	voteOnChain,
	wrapAndDelegate
} from './fixtures/governance.ts';
import type { Page } from '@playwright/test';
import { formatOpen } from '../src/lib/format.ts';

test.describe.configure({ mode: 'serial' });

const shots = 'test-results/governance';
mkdirSync(shots, { recursive: true });

const PROPOSER = 10;
const FOR_VOTER = 11;
const AGAINST_VOTER = 12;
const UNDELEGATED = 13;
const BYSTANDER = 14;
const VOTING_PERIOD = 300; // devnet: 5 min
const TIMELOCK_DELAY = 60; // devnet: 60 s

let accounts: Address[];
let thresholdBefore: number;

test.beforeAll(async () => {
	const rpcUrl = process.env.PROVENA_E2E_RPC!;
	accounts = await devnetAccounts(rpcUrl);
	thresholdBefore = await attributionThresholdOf(rpcUrl);
	await wrapAndDelegate(rpcUrl, accounts[PROPOSER]!, parseEther('10'));
	await wrapAndDelegate(rpcUrl, accounts[FOR_VOTER]!, parseEther('3000'));
	await wrapAndDelegate(rpcUrl, accounts[AGAINST_VOTER]!, parseEther('500'));
	// The Governor's clock is the timestamp: votes count from the second after delegating, and proposing reads the
	// proposer's votes one second back, so a block in the same second as the delegation is not enough.
	await advanceTime(rpcUrl, 2);
});

test.afterAll(async () => {
	const rpcUrl = process.env.PROVENA_E2E_RPC!;
	if ((await attributionThresholdOf(rpcUrl)) !== thresholdBefore)
		await asTimelock(rpcUrl, [setThresholdAction(thresholdBefore)]);
	expect(await attributionThresholdOf(rpcUrl)).toBe(thresholdBefore);
});

async function screenshots(page: Page, name: string) {
	for (const viewport of [
		{ width: 1280, height: 900 },
		{ width: 390, height: 844 }
	]) {
		await page.setViewportSize(viewport);
		await page.screenshot({ path: `${shots}/${name}-${viewport.width}.png`, fullPage: true });
		await expectNoSidewaysScroll(page, `${name} at ${viewport.width} px`);
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('a proposal is listed, voted For and Against in the page, queued, held by the timelock and executed', async ({
	page,
	devnet
}) => {
	test.setTimeout(180_000);
	const target = thresholdBefore + 100 <= 5000 ? thresholdBefore + 100 : thresholdBefore - 100;
	const title = `E2E: attribution threshold to ${target / 100}%`;
	const description = `# ${title}\n\nThis proposal **changes** one parameter.\n\n<script>window.pwned = true</script>\n\n[a link](javascript:alert(1))`;
	const actions = [setThresholdAction(target)];
	const id = await proposeOnChain(devnet.rpcUrl, accounts[PROPOSER]!, actions, description);
	await advanceTime(devnet.rpcUrl, 2); // past the 1 s voting delay

	await page.goto('/governance/');
	const row = page.getByTestId('proposal-row').filter({ hasText: title });
	await expect(row.getByTestId('proposal-state')).toHaveText('Voting');
	await expect(row.getByTestId('proposal-countdown')).toContainText('Voting ends in');
	await expect(page.getByTestId('new-proposal')).toHaveAttribute('href', '/governance/new/');
	await screenshots(page, 'list');

	await connectDevnetAccount(page, FOR_VOTER, accounts[FOR_VOTER]!);
	await row.getByRole('link', { name: title }).click();
	await expect(page).toHaveURL(new RegExp(`/governance/proposal/\\?id=${id}$`));
	await expect(page.getByTestId('proposal-title')).toHaveText(title);
	// The description is markdown, rendered without its HTML or its script link.
	const body = page.getByTestId('proposal-description');
	await expect(body.locator('strong')).toHaveText('changes');
	await expect(body).toContainText('<script>window.pwned = true</script>');
	await expect(body.locator('script')).toHaveCount(0);
	await expect(body.locator('a')).toHaveCount(0);
	expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned)).toBeUndefined();
	await expect(page.getByTestId('proposal-actions')).toContainText(
		`Set the attribution threshold from ${(thresholdBefore / 100).toFixed(2)} % to ${(target / 100).toFixed(2)} %`
	);
	await page.getByTestId('proposal-actions').getByText('Raw call').click();
	await expect(page.getByTestId('proposal-actions')).toContainText(`to ProtocolParams ${protocolParams()}`);
	await expect(page.getByTestId('votes-at-snapshot')).toHaveText('3000 votes');

	await page.getByLabel('Reason (optional, public and permanent)').fill('Spam costs us all.');
	await page.getByTestId('vote-for').click();
	await signAndConfirm(page);
	await expect(page.getByTestId('votes-for')).toHaveText('3000 votes');
	await expect(page.getByTestId('my-vote')).toHaveText('For with 3000 votes');
	await expect(page.getByTestId('vote-rule')).toHaveText('You voted For with 3000 votes. A vote cannot be changed.');
	await expect(page.getByTestId('vote-for')).toBeDisabled();
	await expect(page.getByTestId('quorum')).toContainText('— reached');
	await expect(page.getByTestId('vote-cast').filter({ hasText: 'Spam costs us all.' })).toContainText('voted For');

	// The second voter votes Against with the keyboard only.
	await switchDevnetAccount(page, AGAINST_VOTER, accounts[AGAINST_VOTER]!);
	await expect(page.getByTestId('votes-at-snapshot')).toHaveText('500 votes');
	await page.getByTestId('vote-against').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'review');
	await expect(page.getByRole('button', { name: 'Sign and send' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'confirmed');
	await expect(page.getByTestId('votes-against')).toHaveText('500 votes');
	await expect(page.getByTestId('vote-cast')).toHaveCount(2);

	// Queueing waits for the end of the vote.
	await expect(page.getByTestId('queue-proposal')).toBeDisabled();
	await expect(page.getByTestId('queue-rule')).toContainText('Queueing opens when voting ends, at');
	await screenshots(page, 'proposal');

	await advanceTime(devnet.rpcUrl, VOTING_PERIOD + 1);
	await expect(page.getByTestId('proposal-state')).toHaveText('Passed');
	await expect(page.getByTestId('execute-rule')).toContainText('Queue the proposal first');
	await page.getByTestId('queue-proposal').click();
	await signAndConfirm(page);
	await expect(page.getByTestId('proposal-state')).toHaveText('Queued');

	// (c) Before the Timelock delay has passed, execution is disabled and says from when it is possible.
	await expect(page.getByTestId('execute-proposal')).toBeDisabled();
	await expect(page.getByTestId('execute-rule')).toContainText(
		/^Executable from \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d \(timelock\), in /
	);
	await expect(page.getByTestId('timeline-queued')).toHaveClass(/done/);

	await advanceTime(devnet.rpcUrl, TIMELOCK_DELAY + 1);
	await expect(page.getByTestId('execute-proposal')).toBeEnabled();
	await page.getByTestId('execute-proposal').click();
	await signAndConfirm(page);
	await expect(page.getByTestId('proposal-state')).toHaveText('Executed');
	await expect(page.getByTestId('timeline-executed')).toHaveClass(/done/);
	expect(await proposalStateOf(devnet.rpcUrl, id)).toBe(7);
	expect(await attributionThresholdOf(devnet.rpcUrl)).toBe(target);

	await page.goto('/governance/');
	await expect(page.getByTestId('proposal-row').filter({ hasText: title }).getByTestId('proposal-state')).toHaveText(
		'Executed'
	);
});

test('an account that never delegated its vOPEN is told why it cannot vote and offered the fix; after the deadline voting is closed', async ({
	page,
	devnet
}) => {
	test.setTimeout(120_000);
	const undelegated = accounts[UNDELEGATED]!;
	await sendAndConfirm(devnet.rpcUrl, (w) =>
		w.writeContract({
			account: undelegated,
			chain: null,
			address: deployments().contracts.OpenVotes.address,
			abi: openVotesAbi,
			functionName: 'deposit',
			value: parseEther('5'),
			gas: checkpointGas
		})
	);
	const title = 'E2E: a proposal for the undelegated';
	const id = await proposeOnChain(
		devnet.rpcUrl,
		accounts[PROPOSER]!,
		[setThresholdAction(thresholdBefore)],
		`# ${title}\n`
	);
	await advanceTime(devnet.rpcUrl, 2);

	await page.goto(`/governance/proposal/?id=${id}`);
	await connectDevnetAccount(page, UNDELEGATED, undelegated);
	await expect(page.getByTestId('proposal-state')).toHaveText('Voting');
	await expect(page.getByTestId('vote-rule')).toContainText("You had no votes at this proposal's snapshot (");
	await expect(page.getByTestId('vote-rule')).toContainText(
		'you had not delegated your vOPEN. Delegate now so your votes count on the next proposal.'
	);
	for (const button of ['vote-for', 'vote-against', 'vote-abstain'])
		await expect(page.getByTestId(button)).toBeDisabled();

	await page.getByTestId('delegate-self').click();
	await signAndConfirm(page);
	await expect(page.getByTestId('votes-now')).toHaveText('5 votes');
	await expect(page.getByTestId('delegate-self')).toBeHidden();
	// Still no vote on this proposal: its snapshot came first.
	await expect(page.getByTestId('vote-rule')).toContainText('count on the next proposal');
	await expect(page.getByTestId('vote-for')).toBeDisabled();

	// (b) Past the deadline, even an account with votes at the snapshot is told voting closed, and when.
	await switchDevnetAccount(page, FOR_VOTER, accounts[FOR_VOTER]!);
	await expect(page.getByTestId('vote-for')).toBeEnabled();
	await advanceTime(devnet.rpcUrl, VOTING_PERIOD + 1);
	await expect(page.getByTestId('vote-rule')).toContainText(/^Voting closed at \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d \(/);
	await expect(page.getByTestId('vote-for')).toBeDisabled();
	await expect(page.getByTestId('proposal-state')).toHaveText('Defeated');
	await expect(page.getByTestId('queue-rule')).toContainText('The proposal was defeated: quorum not reached');
});

test('an execution that reverts in its target shows the decoded error and the proposal stays queued', async ({
	page,
	devnet
}) => {
	test.setTimeout(120_000);
	const max = await createPublicClient({ transport: http(devnet.rpcUrl) }).readContract({
		address: protocolParams(),
		abi: protocolParamsAbi,
		functionName: 'MAX_ATTRIBUTION_THRESHOLD_BPS'
	});
	const title = 'E2E: a threshold above its bound';
	const description = `# ${title}\n`;
	const actions = [setThresholdAction(max + 1)];
	const id = await proposeOnChain(devnet.rpcUrl, accounts[PROPOSER]!, actions, description);
	await advanceTime(devnet.rpcUrl, 2);
	await voteOnChain(devnet.rpcUrl, accounts[FOR_VOTER]!, id, 1);
	await advanceTime(devnet.rpcUrl, VOTING_PERIOD + 1);
	await settleOnChain(devnet.rpcUrl, accounts[PROPOSER]!, 'queue', actions, description);
	await advanceTime(devnet.rpcUrl, TIMELOCK_DELAY + 1);

	await page.goto(`/governance/proposal/?id=${id}`);
	await connectDevnetAccount(page, BYSTANDER, accounts[BYSTANDER]!);
	await expect(page.getByTestId('proposal-state')).toHaveText('Queued');
	await page.getByTestId('execute-proposal').click();
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'failed');
	await expect(page.getByTestId('tx-reason')).toContainText(
		`The attribution threshold cannot be ${(max + 1) / 100}%: it must be between 0% and ${max / 100}%.`
	);
	await expect(page.getByTestId('execution-failure')).toContainText(
		"One of the proposal's actions reverted in its target contract, with the error above. The proposal stays queued"
	);
	expect(await proposalStateOf(devnet.rpcUrl, id)).toBe(5);
	await expect(page.getByTestId('proposal-state')).toHaveText('Queued');
	await expect(page.getByTestId('cancel-rule')).toContainText(
		'Only the proposer can cancel, and only before voting starts'
	);
});

test('an execution whose treasury transfer exceeds the treasury says so, and the proposal stays queued', async ({
	page,
	devnet
}) => {
	test.setTimeout(120_000);
	const treasury = await createPublicClient({ transport: http(devnet.rpcUrl) }).getBalance({ address: timelock() });
	const title = 'E2E: pay more than the treasury holds';
	const description = `# ${title}\n`;
	const actions = [{ target: accounts[BYSTANDER]!, value: treasury + parseEther('1000'), calldata: '0x' as const }];
	const id = await proposeOnChain(devnet.rpcUrl, accounts[PROPOSER]!, actions, description);
	await advanceTime(devnet.rpcUrl, 2);
	await voteOnChain(devnet.rpcUrl, accounts[FOR_VOTER]!, id, 1);
	await advanceTime(devnet.rpcUrl, VOTING_PERIOD + 1);
	await settleOnChain(devnet.rpcUrl, accounts[PROPOSER]!, 'queue', actions, description);
	await advanceTime(devnet.rpcUrl, TIMELOCK_DELAY + 1);

	await page.goto(`/governance/proposal/?id=${id}`);
	await connectDevnetAccount(page, BYSTANDER, accounts[BYSTANDER]!);
	await page.getByTestId('execute-proposal').click();
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'failed');
	await expect(page.getByTestId('execution-failure')).toContainText(
		`The proposal's actions send ${formatOpen(treasury + parseEther('1000'))} from the treasury, which holds only ${formatOpen(treasury)}, so the Timelock's transfer failed. The proposal stays queued`
	);
	expect(await proposalStateOf(devnet.rpcUrl, id)).toBe(5);
});

test('the proposer cancels a proposal before voting opens; anyone else is told only the proposer can', async ({
	page,
	devnet
}) => {
	test.setTimeout(180_000);
	const rpcUrl = devnet.rpcUrl;
	const [proposer, bystander, voter] = [accounts[PROPOSER]!, accounts[BYSTANDER]!, accounts[FOR_VOTER]!];
	// The devnet's 1 s voting delay leaves no time to cancel from a page: a real proposal lengthens it first (the
	// Governor accepts its settings only from its own executed proposals), and another puts it back.
	const votingDelay = (seconds: number) => ({
		target: governor(),
		value: 0n,
		calldata: encodeFunctionData({ abi: provenaGovernorAbi, functionName: 'setVotingDelay', args: [seconds] })
	});
	await passOnChain(rpcUrl, proposer, voter, [votingDelay(600)], '# E2E: voting delay to 10 minutes\n');
	try {
		await advanceTime(rpcUrl, 2);
		const title = 'E2E: a proposal its proposer withdraws';
		const id = await proposeOnChain(rpcUrl, proposer, [setThresholdAction(thresholdBefore)], `# ${title}\n`);
		await page.goto(`/governance/proposal/?id=${id}`);
		await connectDevnetAccount(page, BYSTANDER, bystander);
		await expect(page.getByTestId('proposal-state')).toHaveText('Pending');
		await expect(page.getByTestId('cancel-proposal')).toBeDisabled();
		await expect(page.getByTestId('cancel-rule')).toContainText('Only the proposer can cancel');

		await switchDevnetAccount(page, PROPOSER, proposer);
		await expect(page.getByTestId('cancel-proposal')).toBeEnabled();
		await expect(page.getByTestId('cancel-rule')).toContainText('You can cancel until voting opens, at');
		await page.getByTestId('cancel-proposal').click();
		await signAndConfirm(page);
		await expect(page.getByTestId('proposal-state')).toHaveText('Cancelled');
		await expect(page.getByTestId('timeline-cancelled')).toHaveClass(/done/);
		await expect(page.getByTestId('vote-for')).toBeDisabled();
		expect(await proposalStateOf(rpcUrl, id)).toBe(2);
	} finally {
		await advanceTime(rpcUrl, 2);
		await passOnChain(rpcUrl, proposer, voter, [votingDelay(1)], '# E2E: voting delay back to 1 second\n');
	}
});
