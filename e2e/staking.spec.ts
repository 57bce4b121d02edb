// The Staking page on the real devnet, as one staker lives it: stake from nothing to the curator minimum (the roles
// flip to met), request to unstake and watch the countdown, request again and be told before signing that the first
// part waits again, be refused for leaving less than the minimum, cancel, wait the period out (the chain's clock moved
// forward) and withdraw, delegate the staked votes away and back, claim rewards someone added, and see a slash
// (governance's, sent here as the impersonated Timelock) in the history. At 1280 and 390 px, without sideways scroll.
//
// Devnet account 7 is the staker: the other specs use it only to create, contribute and publish, never to stake or
// to count its votes, and this spec leaves it with no stake and its staked votes delegated to itself.
import { mkdirSync } from 'node:fs';
import {
	createPublicClient,
	createTestClient,
	encodeFunctionData,
	getAddress,
	http,
	parseEther,
	type Address
} from 'viem';
import { openVotesAbi, protocolParamsAbi, stakingAbi } from '../src/lib/chain/abis.ts';
import { test, expect, devnetAccounts, nativeBalance } from './fixtures/devnet.ts';
import { expectNoSidewaysScroll, signAndConfirm } from './fixtures/page.ts';
import { connectDevnetAccount, deployments, sendAndConfirm, stakeOf } from './fixtures/datanets.ts';
import { advanceTime, asTimelock, timelock } from './fixtures/governance.ts';
import type { Locator, Page } from '@playwright/test';

test.setTimeout(300_000);

const shots = 'test-results/staking';
mkdirSync(shots, { recursive: true });
const stakerIndex = 7;
// Not a dev account: votes given to it change no other spec's counts.
const friend = getAddress('0x00000000000000000000000000000000deadbeef');
const staking = () => deployments().contracts.Staking.address;

/** Reviews what `start` opened in `section`'s panel (fee shown first), signs it and waits for the chain. */
async function signIn(section: Locator, start: () => Promise<void>): Promise<void> {
	await start();
	await signAndConfirm(section);
	await expect(section.getByTestId('tx-panel')).toHaveCount(0);
}

async function unbondingOf(rpcUrl: string, account: Address) {
	const client = createPublicClient({ transport: http(rpcUrl) });
	const [amount, releaseAt] = await client.readContract({
		address: staking(),
		abi: stakingAbi,
		functionName: 'unbondingOf',
		args: [account]
	});
	return { amount, releaseAt: Number(releaseAt) };
}

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
	await expectNoSidewaysScroll(page, name);
}

test('a staker stakes, unbonds, cancels, withdraws, delegates, claims and sees a slash on the Staking page', async ({
	page,
	devnet
}) => {
	const { rpcUrl } = devnet;
	const accounts = await devnetAccounts(rpcUrl);
	const staker = accounts[stakerIndex]!;
	expect(await stakeOf(rpcUrl, staker), 'the staker must start without stake').toBe(0n);
	const client = createPublicClient({ transport: http(rpcUrl) });
	const unbondingPeriod = await client.readContract({
		address: deployments().contracts.ProtocolParams.address,
		abi: protocolParamsAbi,
		functionName: 'unbondingPeriod'
	});

	await page.setViewportSize({ width: 1280, height: 900 });
	// Where the datanet pages' "stake first" links land: the roles, explained before connecting.
	await page.goto('/staking/#roles');
	await expect(page.locator('#roles')).toBeInViewport();
	await expect(page.locator('#roles')).toContainText('Curators and validators each need a minimum stake');
	await connectDevnetAccount(page, stakerIndex, staker);

	const position = page.getByRole('region', { name: 'Your position' });
	const stakeSection = page.getByRole('region', { name: 'Stake', exact: true });
	const unstake = page.getByRole('region', { name: 'Unstake', exact: true });
	const roles = page.getByRole('region', { name: 'Roles' });
	const votes = page.getByRole('region', { name: 'Votes of your stake' });
	const history = page.getByRole('region', { name: 'History' });
	const curator = roles.locator('[data-role=curator]');
	const validator = roles.locator('[data-role=validator]');

	await test.step('stake from nothing to the curator minimum', async () => {
		await expect(position.getByTestId('active-stake')).toHaveText('0 OPEN');
		await expect(position.getByTestId('stake-delegate')).toContainText('nobody yet');
		await expect(stakeSection.getByTestId('stake-rules')).toContainText('at least 1 OPEN');
		await expect(stakeSection.getByTestId('stake-rules')).toContainText('10 min unbonding period');
		await expect(curator).toHaveAttribute('data-met', 'false');
		await expect(curator).toContainText('needs 10 OPEN staked');
		await expect(curator).toContainText('stake 10 OPEN more');
		await shot(page, 'desktop-1-start');

		// With the keyboard only: type, Enter to review (the Sign button takes focus), Escape to give up.
		await stakeSection.getByLabel('Amount to stake (OPEN)').focus();
		await page.keyboard.type('0.5');
		await page.keyboard.press('Enter');
		// Below the minimum: refused before signing, in words.
		await expect(stakeSection.getByTestId('tx-panel')).toHaveAttribute('data-status', 'failed');
		await expect(stakeSection.getByTestId('tx-reason')).toContainText('below the minimum of 1 OPEN');
		await stakeSection.getByRole('button', { name: 'Dismiss' }).click();
		await stakeSection.getByLabel('Amount to stake (OPEN)').fill('4');
		await stakeSection.getByLabel('Amount to stake (OPEN)').press('Enter');
		await expect(stakeSection.getByRole('button', { name: 'Sign and send' })).toBeFocused();
		await expect(stakeSection.getByTestId('tx-value')).toContainText('4 OPEN');
		await page.keyboard.press('Escape');
		await expect(stakeSection.getByTestId('tx-panel')).toHaveCount(0);

		await signIn(stakeSection, () => stakeSection.getByRole('button', { name: 'Stake', exact: true }).click());
		await expect(position.getByTestId('active-stake')).toHaveText('4 OPEN');
		await expect(curator).toContainText('stake 6 OPEN more');
		await signIn(roles, () => curator.getByRole('button', { name: 'Stake the missing 6 OPEN' }).click());
		await expect(position.getByTestId('active-stake')).toHaveText('10 OPEN');
		await expect(curator).toHaveAttribute('data-met', 'true');
		await expect(validator).toHaveAttribute('data-met', 'true');
		await expect(position.getByTestId('stake-delegate')).toHaveText('yourself');
		expect(await stakeOf(rpcUrl, staker)).toBe(parseEther('10'));
	});

	const amount = unstake.getByLabel('Amount to unstake (OPEN)');
	const withdraw = unstake.getByRole('button', { name: /^Withdraw/ });

	await test.step('request to unstake: countdown, release time, a withdraw button that says when', async () => {
		await amount.fill('2');
		await expect(unstake.getByTestId('unstake-preview')).toContainText('It stops earning now and unlocks at');
		await expect(unstake.getByText('You would no longer meet the curator minimum of 10 OPEN.')).toBeVisible();
		await signIn(unstake, () => unstake.getByRole('button', { name: 'Request unstake' }).click());
		await expect(amount).toHaveValue('');
		const { amount: unbonding, releaseAt } = await unbondingOf(rpcUrl, staker);
		expect(unbonding).toBe(parseEther('2'));
		await expect(position.getByTestId('release-at')).toHaveAttribute(
			'datetime',
			new Date(releaseAt * 1000).toISOString()
		);
		await expect(position.getByTestId('unbonding')).toContainText('2 OPEN — unlocks');
		await expect(unstake.getByTestId('countdown')).toHaveText(/^(10 min|9 min( \d+ s)?)$/);
		const first = await unstake.getByTestId('countdown').textContent();
		await expect(unstake.getByTestId('countdown')).not.toHaveText(first!); // it ticks
		await expect(withdraw).toBeDisabled();
		await expect(unstake.getByTestId('withdraw-why')).toContainText('Withdraw becomes possible at');
		await expect(curator).toHaveAttribute('data-met', 'false');
		await expect(curator).toContainText('stake 2 OPEN more');
		await shot(page, 'desktop-2-unbonding');
	});

	await test.step('a second request says, before signing, that the first part waits again', async () => {
		await advanceTime(rpcUrl, 120);
		// The page follows the chain's clock, not its own: two minutes less to wait once it has read the new block.
		await expect(unstake.getByTestId('countdown')).toHaveText(/^(8 min|7 min( \d+ s)?)$/);
		const before = await unbondingOf(rpcUrl, staker);
		await amount.fill('1');
		const warning = unstake.getByTestId('restart-warning');
		await expect(warning).toContainText('Your 2 OPEN already unbonding will wait again: all 3 OPEN unlocks at');
		await expect(warning).toContainText('instead of');
		await shot(page, 'desktop-3-restart-warning');
		await signIn(unstake, () => unstake.getByRole('button', { name: 'Request unstake' }).click());
		const after = await unbondingOf(rpcUrl, staker);
		expect(after.amount).toBe(parseEther('3'));
		expect(after.releaseAt).toBeGreaterThan(before.releaseAt);
		await expect(position.getByTestId('release-at')).toHaveAttribute(
			'datetime',
			new Date(after.releaseAt * 1000).toISOString()
		);
	});

	await test.step('leaving less than the minimum is refused, with what to do', async () => {
		await amount.fill('6.5');
		await expect(unstake.getByTestId('unstake-warning')).toContainText('below the minimum stake of 1 OPEN');
		await unstake.getByRole('button', { name: 'Request unstake' }).click();
		await expect(unstake.getByTestId('tx-panel')).toHaveAttribute('data-status', 'failed');
		await expect(unstake.getByTestId('tx-reason')).toContainText(
			'Your active stake would be 0.5 OPEN, below the minimum of 1 OPEN. Stake at least 1 OPEN in all, or unstake everything.'
		);
		await unstake.getByRole('button', { name: 'Dismiss' }).click();
		await amount.fill('');
	});

	await test.step('cancel puts the unbonding stake back to work', async () => {
		await signIn(unstake, () => unstake.getByRole('button', { name: 'Cancel unstaking' }).click());
		await expect(position.getByTestId('active-stake')).toHaveText('10 OPEN');
		await expect(position.getByTestId('unbonding')).toHaveText('nothing');
		await expect(unstake.getByRole('button', { name: 'Cancel unstaking' })).toBeDisabled();
		await expect(curator).toHaveAttribute('data-met', 'true');
	});

	await test.step('withdraw once the unbonding period has passed', async () => {
		await amount.fill('3');
		await signIn(unstake, () => unstake.getByRole('button', { name: 'Request unstake' }).click());
		await expect(withdraw).toBeDisabled();
		await advanceTime(rpcUrl, unbondingPeriod + 1);
		await expect(withdraw).toBeEnabled();
		await expect(withdraw).toHaveText('Withdraw 3 OPEN');
		const before = await nativeBalance(rpcUrl, staker);
		await signIn(unstake, () => withdraw.click());
		const after = await nativeBalance(rpcUrl, staker);
		expect(after > before + parseEther('2.99')).toBe(true);
		await expect(position.getByTestId('unbonding')).toHaveText('nothing');
		await expect(position.getByTestId('active-stake')).toHaveText('7 OPEN');
		await expect(history.locator('[data-kind=withdrawn]')).toContainText('Withdrew 3 OPEN to your wallet');
	});

	await test.step('delegate the staked votes to another address and back', async () => {
		const vault = await client.readContract({
			address: staking(),
			abi: stakingAbi,
			functionName: 'vaultOf',
			args: [staker]
		});
		const delegateOf = () =>
			client.readContract({
				address: deployments().contracts.OpenVotes.address,
				abi: openVotesAbi,
				functionName: 'delegates',
				args: [vault]
			});
		await votes.getByLabel('Give the votes of your stake to').fill('0x1234');
		await votes.getByRole('button', { name: 'Delegate', exact: true }).click();
		await expect(votes.getByRole('alert')).toContainText('Enter an address: 0x followed by 40 hexadecimal digits.');
		await votes.getByLabel('Give the votes of your stake to').fill(friend);
		await signIn(votes, () => votes.getByRole('button', { name: 'Delegate', exact: true }).click());
		expect(await delegateOf()).toBe(friend);
		await expect(position.getByTestId('stake-delegate')).toContainText(friend);
		await signIn(votes, () => votes.getByRole('button', { name: 'Delegate back to myself' }).click());
		expect(await delegateOf()).toBe(staker);
		await expect(position.getByTestId('stake-delegate')).toHaveText('yourself');
	});

	await test.step('claim rewards that another account added', async () => {
		await sendAndConfirm(rpcUrl, (w) =>
			w.writeContract({
				account: accounts[0]!,
				chain: null,
				address: staking(),
				abi: stakingAbi,
				functionName: 'notifyRewards',
				value: parseEther('1')
			})
		);
		const claimable = await client.readContract({
			address: staking(),
			abi: stakingAbi,
			functionName: 'claimable',
			args: [staker]
		});
		expect(claimable > 0n).toBe(true);
		await expect(position.getByTestId('claimable')).not.toHaveText('0 OPEN');
		const before = await nativeBalance(rpcUrl, staker);
		await signIn(position, () => position.getByRole('button', { name: 'Claim' }).click());
		await expect(position.getByTestId('claimable')).toHaveText('0 OPEN');
		expect(await nativeBalance(rpcUrl, staker)).toBeGreaterThan(before + claimable - parseEther('0.001'));
	});

	await test.step('a slash by governance shows in the history', async () => {
		await expect(history.getByTestId('no-slashes')).toBeVisible();
		await createTestClient({ mode: 'anvil', transport: http(rpcUrl) }).setBalance({
			address: timelock(),
			value: parseEther('10')
		});
		const calldata = encodeFunctionData({
			abi: stakingAbi,
			functionName: 'slash',
			args: [staker, parseEther('1'), 'e2e: missed a review']
		});
		await asTimelock(rpcUrl, [{ target: staking(), value: 0n, calldata }]);
		const slash = history.getByTestId('slash');
		await expect(slash).toContainText('1 OPEN slashed (1 OPEN from active stake, 0 OPEN from unbonding stake)');
		await expect(slash.getByTestId('slash-reason')).toHaveText('e2e: missed a review');
		await expect(slash).toContainText(/block \d+ · 0x[0-9a-f]{64}/);
		await expect(position.getByTestId('active-stake')).toHaveText('6 OPEN');
		await shot(page, 'desktop-4-history');
	});

	await test.step('at 390 px nothing scrolls sideways', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		await amount.fill('2');
		await expect(unstake.getByTestId('unstake-preview')).toBeVisible();
		await shot(page, 'phone-1-page');
		await amount.fill('');
	});

	await test.step('leave no stake behind: unstake everything and withdraw', async () => {
		await signIn(unstake, () => unstake.getByRole('button', { name: 'Unstake everything (6 OPEN)' }).click());
		await advanceTime(rpcUrl, unbondingPeriod + 1);
		await signIn(unstake, () => withdraw.click());
		expect(await stakeOf(rpcUrl, staker)).toBe(0n);
		expect((await unbondingOf(rpcUrl, staker)).amount).toBe(0n);
		await expect(position.getByTestId('active-stake')).toHaveText('0 OPEN');
	});
});
