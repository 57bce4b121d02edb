// The deploy-time settings of the protocol: governance timing and the first parameter values. The local
// devnet uses short periods so a proposal can pass in minutes; any other chain gets production-like ones.
// Every value is checked again on chain (ProtocolParams' bounds), so a bad one fails the deployment.
import { parseEther } from 'viem';
import { provenaDevnet } from '../../lib/chain/chains.ts';
import { DEFAULT_PAYMENT_RULES } from '../../../workers/ml/attribution/paidContributions.ts';
import { MAX_DOCX_UNCOMPRESSED_BYTES } from '../../../workers/ingest/limits.ts';

/** Fee split in basis points; the four shares sum to 10,000. */
export type FeeSplit = { dataBps: number; modelOwnerBps: number; stakersBps: number; treasuryBps: number };

/** Constructor arguments of ProtocolParams (IProtocolParams.Parameters), amounts in wei. */
export type ProtocolParameters = {
	attributionThresholdBps: number;
	feeSplit: FeeSplit;
	maxPaidContributions: number;
	duplicateBountyBps: number;
	/** Seconds. */
	unbondingPeriod: number;
	/** Seconds. */
	bondReleaseDelay: number;
	minInferenceFee: bigint;
	modelRegistrationFee: bigint;
	contributionBond: bigint;
	minCuratorStake: bigint;
	/** Seconds an attribution assertion may be disputed. */
	challengeWindow: number;
	/** The payer's assertion bond, in basis points of the fee. */
	assertionBondBps: number;
	disputeBond: bigint;
	minValidatorStake: bigint;
	/** The largest byte size a contribution may declare. */
	maxContributionBytes: number;
	/** Seconds a contribution may wait for review before its contributor may withdraw it. */
	reviewTimeout: number;
	/** The largest share of a stake (active and unbonding) one slash may take, in basis points. */
	maxSlashBps: number;
};

/** The Governor's and the Timelock's settings; times are seconds (the Governor's clock is the timestamp). */
export type GovernanceSettings = {
	votingDelay: number;
	votingPeriod: number;
	/** vOPEN votes needed to propose, in wei. */
	proposalThreshold: bigint;
	/** Share of the vOPEN supply that must vote for or abstain, in percent. */
	quorumPercent: number;
	/** Seconds between queueing a passed proposal and executing it. */
	timelockDelay: number;
};

export type ProtocolSettings = { governance: GovernanceSettings; parameters: ProtocolParameters };

/** The largest contribution the page's ingest can produce (a .docx's text is capped at 64 MiB uncompressed). */
const MAX_CONTRIBUTION_BYTES = MAX_DOCX_UNCOMPRESSED_BYTES;

const feeSplit: FeeSplit = { dataBps: 5_000, modelOwnerBps: 2_000, stakersBps: 2_000, treasuryBps: 1_000 };

/** Short periods for the local devnet: a proposal passes in about six minutes. */
export const devnetSettings: ProtocolSettings = {
	governance: {
		votingDelay: 1,
		votingPeriod: 5 * 60,
		proposalThreshold: parseEther('1'),
		quorumPercent: 4,
		timelockDelay: 60
	},
	parameters: {
		attributionThresholdBps: DEFAULT_PAYMENT_RULES.thresholdBps,
		feeSplit,
		maxPaidContributions: DEFAULT_PAYMENT_RULES.maxPaid,
		duplicateBountyBps: 2_000,
		unbondingPeriod: 10 * 60,
		bondReleaseDelay: 5 * 60,
		minInferenceFee: parseEther('0.0001'),
		modelRegistrationFee: parseEther('1'),
		contributionBond: parseEther('0.01'),
		minCuratorStake: parseEther('10'),
		challengeWindow: 60,
		assertionBondBps: 10_000,
		disputeBond: parseEther('0.01'),
		minValidatorStake: parseEther('10'),
		maxContributionBytes: MAX_CONTRIBUTION_BYTES,
		reviewTimeout: 10 * 60,
		maxSlashBps: 5_000
	}
};

/** Production-like periods for testnets and mainnet; change them by proposal once deployed. */
export const publicChainSettings: ProtocolSettings = {
	governance: {
		votingDelay: 24 * 60 * 60,
		votingPeriod: 5 * 24 * 60 * 60,
		proposalThreshold: parseEther('10000'),
		quorumPercent: 4,
		timelockDelay: 2 * 24 * 60 * 60
	},
	parameters: {
		attributionThresholdBps: DEFAULT_PAYMENT_RULES.thresholdBps,
		feeSplit,
		maxPaidContributions: DEFAULT_PAYMENT_RULES.maxPaid,
		duplicateBountyBps: 2_000,
		unbondingPeriod: 14 * 24 * 60 * 60,
		bondReleaseDelay: 7 * 24 * 60 * 60,
		minInferenceFee: parseEther('0.0001'),
		modelRegistrationFee: parseEther('10'),
		contributionBond: parseEther('1'),
		minCuratorStake: parseEther('10000'),
		challengeWindow: 24 * 60 * 60,
		assertionBondBps: 10_000,
		disputeBond: parseEther('10'),
		minValidatorStake: parseEther('10000'),
		maxContributionBytes: MAX_CONTRIBUTION_BYTES,
		reviewTimeout: 30 * 24 * 60 * 60,
		maxSlashBps: 1_000
	}
};

/** The settings a fresh deployment on `chainId` starts with. */
export function settingsForChain(chainId: number): ProtocolSettings {
	return chainId === provenaDevnet.id ? devnetSettings : publicChainSettings;
}
