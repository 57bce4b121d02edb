// What `provena deploy` deploys and wires, as data: each contract's constructor arguments (naming, for every
// argument a contract keeps, the getter that must return it), then the calls that wire the contracts together
// and hand the Timelock to itself. deployProtocol.ts carries the plan out; verifyDeployment.ts checks a chain
// against it, so a new constructor argument is one line here and is checked from then on.
import { keccak256, toHex, zeroAddress, type Address, type Hex } from 'viem';
import type { ContractDeployment, ContractName } from '../../lib/chain/deployments/types.ts';
import type { ProtocolSettings } from './protocolSettings.ts';

/** The contracts deployed so far, by name. */
export type Deployed = Partial<Record<ContractName, ContractDeployment>>;

/** What constructor arguments and wiring calls are made from. */
export type PlanContext = { deployed: Deployed; settings: ProtocolSettings; deployer: Address };

/**
 * One constructor argument. `getter`, when set, names the contract's view that must return the argument once
 * deployed (an immutable, or a setting the constructor stores); `contract` says the argument is that
 * contract's address.
 */
export type PlanArgument = { value: (context: PlanContext) => unknown; getter?: string; contract?: ContractName };

/** One contract to deploy, in order; `alsoLinks` are getters that return a contract not passed on its own. */
export type DeployStep = { name: ContractName; args: readonly PlanArgument[]; alsoLinks?: readonly PlanArgument[] };

/** Reads a view of a deployed contract (with its artifact's ABI). */
export type ReadContract = (
	contract: ContractName,
	functionName: string,
	args?: readonly unknown[]
) => Promise<unknown>;

/** One call made after every contract exists, from the deployer. */
export type WiringStep = {
	contract: ContractName;
	functionName: string;
	args: (context: PlanContext) => readonly unknown[];
	/** Shown in the log, and names the step in a checkpoint. */
	description: string;
	/** Whether the chain already shows the step's effect, so a resumed deployment skips it. */
	done: (read: ReadContract, context: PlanContext) => Promise<boolean>;
};

export const role = (name: string): Hex => keccak256(toHex(name));
export const DEFAULT_ADMIN_ROLE: Hex = `0x${'00'.repeat(32)}`;
export const PROPOSER_ROLE = role('PROPOSER_ROLE');
export const CANCELLER_ROLE = role('CANCELLER_ROLE');
export const EXECUTOR_ROLE = role('EXECUTOR_ROLE');

/** The address of a contract already deployed; planning an argument from a later one is a bug in the plan. */
export function at(deployed: Deployed, name: ContractName): Address {
	const contract = deployed[name];
	if (!contract) throw new Error(`${name} is used before it is deployed.`);
	return contract.address;
}

/** An argument that is `contract`'s address, which the deployed contract's `getter()` must return. */
const link = (contract: ContractName, getter: string): PlanArgument => ({
	value: ({ deployed }) => at(deployed, contract),
	getter,
	contract
});

/** An argument from the settings (or the deployer); with `getter`, the deployed contract must return it. */
const setting = (value: PlanArgument['value'], getter?: string): PlanArgument => ({ value, getter });

/** The deployment plan, in order. A new contract adds a step here and its name to CONTRACT_NAMES. */
export const deploySteps: readonly DeployStep[] = [
	{ name: 'OpenVotes', args: [] },
	{
		// Proposers are added once the Governor exists; address(0) as executor lets anyone execute a ready
		// operation; the deployer is a temporary admin, renounced in the wiring below. The roles are checked
		// from the Timelock's role events, not by getter.
		name: 'ProvenaTimelock',
		args: [
			setting(({ settings }) => BigInt(settings.governance.timelockDelay), 'getMinDelay'),
			setting(() => []),
			setting(() => [zeroAddress]),
			setting(({ deployer }) => deployer)
		]
	},
	{
		name: 'ProvenaGovernor',
		args: [
			link('OpenVotes', 'token'),
			link('ProvenaTimelock', 'timelock'),
			setting(({ settings }) => settings.governance.votingDelay, 'votingDelay'),
			setting(({ settings }) => settings.governance.votingPeriod, 'votingPeriod'),
			setting(({ settings }) => settings.governance.proposalThreshold, 'proposalThreshold'),
			setting(({ settings }) => BigInt(settings.governance.quorumPercent), 'quorumNumerator')
		]
	},
	{
		name: 'ProtocolParams',
		args: [link('ProvenaTimelock', 'owner'), setting(({ settings }) => settings.parameters, 'parameters')]
	},
	{
		name: 'Staking',
		args: [link('ProtocolParams', 'params'), link('OpenVotes', 'votesToken'), link('ProvenaTimelock', 'governance')],
		alsoLinks: [link('ProvenaTimelock', 'treasury')]
	},
	{
		name: 'DatanetRegistry',
		args: [link('ProtocolParams', 'params'), link('Staking', 'staking'), link('ProvenaTimelock', 'treasury')]
	},
	{
		name: 'ModelRegistry',
		args: [link('ProtocolParams', 'params'), link('DatanetRegistry', 'datanets'), link('ProvenaTimelock', 'treasury')]
	},
	{
		// A new constructor argument goes at the end, as the constructor takes it: e.g. link('OpenVotes', 'openVotes').
		name: 'AttributionLedger',
		args: [
			link('ProtocolParams', 'params'),
			link('DatanetRegistry', 'datanets'),
			link('ModelRegistry', 'models'),
			link('Staking', 'staking'),
			link('ProvenaTimelock', 'treasury'),
			link('OpenVotes', 'votesToken')
		]
	}
];

const hasRole = (read: ReadContract, roleId: Hex, account: Address) =>
	read('ProvenaTimelock', 'hasRole', [roleId, account]) as Promise<boolean>;

/** After deployment: the Governor proposes through the Timelock, and the deployer gives up its admin role last. */
export const wiringSteps: readonly WiringStep[] = [
	{
		contract: 'ProvenaTimelock',
		functionName: 'grantRole',
		args: ({ deployed }) => [PROPOSER_ROLE, at(deployed, 'ProvenaGovernor')],
		description: 'Governor may propose',
		done: (read, { deployed }) => hasRole(read, PROPOSER_ROLE, at(deployed, 'ProvenaGovernor'))
	},
	{
		contract: 'ProvenaTimelock',
		functionName: 'grantRole',
		args: ({ deployed }) => [CANCELLER_ROLE, at(deployed, 'ProvenaGovernor')],
		description: 'Governor may cancel',
		done: (read, { deployed }) => hasRole(read, CANCELLER_ROLE, at(deployed, 'ProvenaGovernor'))
	},
	{
		contract: 'Staking',
		functionName: 'setRewardSource',
		args: ({ deployed }) => [at(deployed, 'AttributionLedger')],
		description: 'Staking collects fees from AttributionLedger',
		// Set to anything, it cannot be set again; the verification names a wrong source.
		done: async (read) => (await read('Staking', 'rewardSource')) !== zeroAddress
	},
	{
		contract: 'ProvenaTimelock',
		functionName: 'renounceRole',
		args: ({ deployer }) => [DEFAULT_ADMIN_ROLE, deployer],
		description: 'deployer renounces the Timelock admin role',
		done: async (read, { deployer }) => !(await hasRole(read, DEFAULT_ADMIN_ROLE, deployer))
	}
];

/**
 * Who must hold each Timelock role once deployed, and no one else: the Timelock administers itself, the
 * Governor alone proposes and cancels, and anyone (address zero) executes a ready operation.
 */
export const intendedTimelockRoles: readonly { name: string; role: Hex; holders: (deployed: Deployed) => Address[] }[] =
	[
		{ name: 'DEFAULT_ADMIN_ROLE', role: DEFAULT_ADMIN_ROLE, holders: (d) => [at(d, 'ProvenaTimelock')] },
		{ name: 'PROPOSER_ROLE', role: PROPOSER_ROLE, holders: (d) => [at(d, 'ProvenaGovernor')] },
		{ name: 'CANCELLER_ROLE', role: CANCELLER_ROLE, holders: (d) => [at(d, 'ProvenaGovernor')] },
		{ name: 'EXECUTOR_ROLE', role: EXECUTOR_ROLE, holders: () => [zeroAddress] }
	];
