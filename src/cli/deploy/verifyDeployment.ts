// Checks a deployment against the plan, on chain: every contract's immutables point where the plan passed
// them, each setting the constructor stored is the one planned, Staking collects from the AttributionLedger,
// ProtocolParams is owned by the Timelock, and each Timelock role is held by exactly who it should be (from
// the Timelock's role events, so an extra admin anywhere is found, not only the deployer).
import { getAddress, isAddress, type Abi, type AbiEvent, type Address, type PublicClient } from 'viem';
import { CONTRACT_NAMES, type Deployments } from '../../lib/chain/deployments/types.ts';
import {
	at,
	deploySteps,
	intendedTimelockRoles,
	type Deployed,
	type PlanContext,
	type ReadContract
} from './deployPlan.ts';
import type { ProtocolSettings } from './protocolSettings.ts';
import { readArtifact } from './readArtifact.ts';

/** The deployment is not wired as planned; `problems` names each mismatch. Do not use it. */
export class DeploymentVerificationError extends Error {
	override name = 'DeploymentVerificationError';
	readonly problems: readonly string[];
	constructor(problems: readonly string[], chainId: number) {
		super(
			`The deployment on chain ${chainId} is not wired as intended; do not use it:\n${problems.map((p) => `  - ${p}`).join('\n')}`
		);
		this.problems = problems;
	}
}

/** Parameters of {@link verifyDeployment}. */
export type VerifyDeploymentParameters = {
	client: PublicClient;
	/** Where each contract is (and from which block to read the Timelock's role events). */
	deployments: Deployments;
	/** The account that deployed; named as such when it still holds a role. */
	deployer: Address;
	/** The settings the contracts were deployed with. */
	settings: ProtocolSettings;
	/** Where the forge artifacts are (default contracts/out), for the ABIs. */
	artifactsDir?: string;
};

/** Logs are read in windows this wide, under common RPC providers' range limits. */
const LOG_WINDOW = 10_000n;

/**
 * Every way the deployment differs from the plan, one sentence each; empty when it is wired as intended.
 *
 * @example
 * const problems = await verifyDeployment({ client, deployments, deployer, settings: devnetSettings });
 * // [] or ['Staking.rewardSource() is 0x0000…, expected AttributionLedger (0x5FC8…)', …]
 */
export async function verifyDeployment(parameters: VerifyDeploymentParameters): Promise<string[]> {
	const { client, deployments, deployer, settings, artifactsDir } = parameters;
	const deployed: Deployed = deployments.contracts;
	const context: PlanContext = { deployed, settings, deployer };
	const names = new Map<string, string>(
		CONTRACT_NAMES.map((name) => [deployments.contracts[name].address.toLowerCase(), name])
	);
	names.set(deployer.toLowerCase(), 'the deployer');
	const describe = (value: unknown) => {
		if (typeof value === 'string' && isAddress(value)) {
			const name = names.get(value.toLowerCase());
			return name ? `${name} (${getAddress(value)})` : getAddress(value);
		}
		return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
	};

	const abis = new Map<string, Abi>();
	for (const name of [...CONTRACT_NAMES, 'StakeVault']) abis.set(name, (await readArtifact(name, artifactsDir)).abi);
	const readAt = (address: Address, abiName: string, functionName: string, args: readonly unknown[] = []) =>
		client.readContract({ address, abi: abis.get(abiName) as Abi, functionName, args });
	const read: ReadContract = (contract, functionName, args) =>
		readAt(at(deployed, contract), contract, functionName, args);

	const problems: string[] = [];
	/** Reads `label` and compares it with `expected`, recording a mismatch or a failed read. */
	const expectView = async (label: string, actual: () => Promise<unknown>, expected: unknown) => {
		try {
			const value = await actual();
			if (!same(value, expected)) problems.push(`${label} is ${describe(value)}, expected ${describe(expected)}`);
		} catch (error) {
			problems.push(`${label} could not be read (${(error as Error).message.split('\n')[0]})`);
		}
	};

	for (const name of CONTRACT_NAMES) {
		const code = await client.getCode({ address: deployments.contracts[name].address });
		if (!code || code === '0x') problems.push(`${name} has no code at ${deployments.contracts[name].address}`);
	}
	if (problems.length > 0) return problems;

	// Each constructor argument a contract keeps, and the links it derives from them.
	for (const step of deploySteps) {
		for (const argument of [...step.args, ...(step.alsoLinks ?? [])]) {
			if (!argument.getter) continue;
			await expectView(
				`${step.name}.${argument.getter}()`,
				() => read(step.name, argument.getter!),
				argument.value(context)
			);
		}
	}

	// The wiring done after deployment.
	await expectView('Staking.rewardSource()', () => read('Staking', 'rewardSource'), at(deployed, 'AttributionLedger'));
	await expectView(
		'ProtocolParams.pendingOwner()',
		() => read('ProtocolParams', 'pendingOwner'),
		`0x${'00'.repeat(20)}`
	);
	try {
		const vault = (await read('Staking', 'vaultImplementation')) as Address;
		await expectView(
			'the stake vault implementation staking()',
			() => readAt(vault, 'StakeVault', 'staking'),
			at(deployed, 'Staking')
		);
		await expectView(
			'the stake vault implementation openVotes()',
			() => readAt(vault, 'StakeVault', 'openVotes'),
			at(deployed, 'OpenVotes')
		);
	} catch (error) {
		problems.push(`Staking.vaultImplementation() could not be read (${(error as Error).message.split('\n')[0]})`);
	}

	// Each Timelock role: its intended holders (by hasRole), and no one else (anyone its events ever granted it to).
	const granted = await timelockGrantees(client, deployments, abis.get('ProvenaTimelock') as Abi);
	for (const { name, role, holders } of intendedTimelockRoles) {
		const intended = holders(deployed).map((account) => account.toLowerCase());
		for (const account of new Set([...intended, ...(granted.get(role) ?? [])])) {
			let holds: boolean;
			try {
				holds = (await read('ProvenaTimelock', 'hasRole', [role, account])) as boolean;
			} catch (error) {
				problems.push(
					`ProvenaTimelock.hasRole(${name}, ${describe(account)}) could not be read (${(error as Error).message.split('\n')[0]})`
				);
				continue;
			}
			if (intended.includes(account) && !holds)
				problems.push(`${describe(account)} does not hold the Timelock's ${name}`);
			if (!intended.includes(account) && holds) problems.push(`${describe(account)} also holds the Timelock's ${name}`);
		}
	}
	return problems;
}

/** Everyone each Timelock role was ever granted to, from its RoleGranted events since it was deployed. */
async function timelockGrantees(
	client: PublicClient,
	deployments: Deployments,
	abi: Abi
): Promise<Map<string, Set<string>>> {
	const event = abi.find((item): item is AbiEvent => item.type === 'event' && item.name === 'RoleGranted');
	if (!event) throw new Error('The ProvenaTimelock artifact has no RoleGranted event.');
	const address = deployments.contracts.ProvenaTimelock.address;
	const latest = await client.getBlockNumber({ cacheTime: 0 });
	const grantees = new Map<string, Set<string>>();
	for (let from = BigInt(deployments.contracts.ProvenaTimelock.blockNumber); from <= latest; from += LOG_WINDOW) {
		const to = from + LOG_WINDOW - 1n < latest ? from + LOG_WINDOW - 1n : latest;
		for (const log of await client.getLogs({ address, event, fromBlock: from, toBlock: to })) {
			const { role, account } = log.args as { role?: string; account?: Address };
			if (!role || !account) continue;
			const set = grantees.get(role) ?? new Set<string>();
			grantees.set(role, set);
			set.add(account.toLowerCase());
		}
	}
	return grantees;
}

/** Equal as chain values: numbers and bigints by value, addresses and hex without regard to case. */
function same(a: unknown, b: unknown): boolean {
	if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint'))
		return BigInt(a) === BigInt(b);
	if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
	if (a && b && typeof a === 'object' && typeof b === 'object') {
		const keys = Object.keys(b as object);
		return (
			keys.length === Object.keys(a as object).length &&
			keys.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
		);
	}
	return a === b;
}
