// The deploy-time settings keep a misbehaving stake within reach: a slash is a proposal, so it executes no
// sooner than the governance cycle after it is made, and a staker who sees it coming can ask to unstake at once.
import { describe, expect, it } from 'vitest';
import { devnetSettings, publicChainSettings, type ProtocolSettings } from './protocolSettings.ts';

/** Seconds from a proposal to the earliest moment it can execute: delay, voting, one second past the deadline, timelock. */
const governanceCycle = ({ governance }: ProtocolSettings) =>
	governance.votingDelay + governance.votingPeriod + 1 + governance.timelockDelay;

describe('protocolSettings', () => {
	it.each([
		['the devnet', devnetSettings],
		['public chains', publicChainSettings]
	])('on %s, unbonding outlasts the governance cycle', (_, settings) => {
		expect(settings.parameters.unbondingPeriod).toBeGreaterThan(governanceCycle(settings));
	});

	it('leaves about 4 min to notice and propose on the devnet, 6 days on public chains (as Staking says)', () => {
		expect([devnetSettings.parameters.unbondingPeriod, governanceCycle(devnetSettings)]).toEqual([10 * 60, 362]);
		expect([publicChainSettings.parameters.unbondingPeriod, governanceCycle(publicChainSettings)]).toEqual([
			14 * 86_400,
			8 * 86_400 + 1
		]);
	});
});
