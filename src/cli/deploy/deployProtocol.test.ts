// The deploy step against a real anvil: every contract deployed and wired as the issue asks, with every
// admin role in the Timelock's hands and none left with the deployer.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createPublicClient,
	createWalletClient,
	http,
	keccak256,
	toHex,
	zeroAddress,
	type Address,
	type PublicClient
} from 'viem';
import { foundry } from 'viem/chains';
import { startAnvil, type RunningAnvil } from '../devnet/anvil.ts';
import { freePort } from '../devnet/freePort.ts';
import {
	attributionLedgerAbi,
	datanetRegistryAbi,
	modelRegistryAbi,
	protocolParamsAbi,
	provenaGovernorAbi,
	provenaTimelockAbi,
	stakingAbi
} from '../../lib/chain/abis.ts';
import { CONTRACT_NAMES, type Deployments } from '../../lib/chain/deployments/types.ts';
import type { DeployJournal } from './deployJournal.ts';
import { deployProtocol, DeploymentVerificationError, type DeployCheckpoint } from './deployProtocol.ts';
import { devnetSettings, publicChainSettings, settingsForChain } from './protocolSettings.ts';
import { verifyDeployment } from './verifyDeployment.ts';

let anvil: RunningAnvil;
let client: PublicClient;
let deployments: Deployments;
let deployer: Address;

const DEFAULT_ADMIN_ROLE = `0x${'00'.repeat(32)}` as const;
const role = (name: string) => keccak256(toHex(name));

beforeAll(async () => {
	anvil = await startAnvil({ port: await freePort() });
	client = createPublicClient({ transport: http(anvil.rpcUrl) });
	[deployer] = (await createWalletClient({ transport: http(anvil.rpcUrl) }).getAddresses()) as [Address];
	deployments = await deployProtocol({ rpcUrl: anvil.rpcUrl, write: false });
}, 60_000);

afterAll(async () => {
	await anvil?.stop();
});

describe('deployProtocol', () => {
	it('deploys every contract, in order, with code at each address', async () => {
		expect(Object.keys(deployments.contracts)).toEqual([...CONTRACT_NAMES]);
		let lastBlock = 0;
		for (const name of CONTRACT_NAMES) {
			const { address, blockNumber } = deployments.contracts[name];
			expect((await client.getCode({ address }))?.length ?? 0, name).toBeGreaterThan(2);
			expect(blockNumber).toBeGreaterThan(lastBlock);
			lastBlock = blockNumber;
		}
	});

	it('hands every admin role to the Timelock and leaves the deployer none', async () => {
		const {
			ProvenaTimelock,
			ProvenaGovernor,
			ProtocolParams,
			Staking,
			DatanetRegistry,
			ModelRegistry,
			AttributionLedger
		} = deployments.contracts;
		const timelock = { address: ProvenaTimelock.address, abi: provenaTimelockAbi } as const;
		const hasRole = (roleId: `0x${string}`, account: Address) =>
			client.readContract({ ...timelock, functionName: 'hasRole', args: [roleId, account] });

		expect(await hasRole(DEFAULT_ADMIN_ROLE, deployer)).toBe(false);
		expect(await hasRole(DEFAULT_ADMIN_ROLE, ProvenaTimelock.address)).toBe(true);
		expect(await hasRole(role('PROPOSER_ROLE'), ProvenaGovernor.address)).toBe(true);
		expect(await hasRole(role('CANCELLER_ROLE'), ProvenaGovernor.address)).toBe(true);
		expect(await hasRole(role('EXECUTOR_ROLE'), zeroAddress)).toBe(true);
		expect(await hasRole(role('PROPOSER_ROLE'), deployer)).toBe(false);

		expect(
			await client.readContract({ address: ProtocolParams.address, abi: protocolParamsAbi, functionName: 'owner' })
		).toBe(ProvenaTimelock.address);
		expect(await client.readContract({ address: Staking.address, abi: stakingAbi, functionName: 'governance' })).toBe(
			ProvenaTimelock.address
		);
		expect(await client.readContract({ address: Staking.address, abi: stakingAbi, functionName: 'rewardSource' })).toBe(
			AttributionLedger.address
		);
		const treasuries = await Promise.all([
			client.readContract({ address: DatanetRegistry.address, abi: datanetRegistryAbi, functionName: 'treasury' }),
			client.readContract({ address: ModelRegistry.address, abi: modelRegistryAbi, functionName: 'treasury' }),
			client.readContract({ address: AttributionLedger.address, abi: attributionLedgerAbi, functionName: 'treasury' }),
			client.readContract({ address: Staking.address, abi: stakingAbi, functionName: 'treasury' })
		]);
		expect(treasuries).toEqual([
			ProvenaTimelock.address,
			ProvenaTimelock.address,
			ProvenaTimelock.address,
			ProvenaTimelock.address
		]);
		expect(
			await client.readContract({ address: ProvenaGovernor.address, abi: provenaGovernorAbi, functionName: 'timelock' })
		).toBe(ProvenaTimelock.address);
	});

	it('uses the short devnet settings on chain 31337', async () => {
		const governor = { address: deployments.contracts.ProvenaGovernor.address, abi: provenaGovernorAbi } as const;
		expect(await client.readContract({ ...governor, functionName: 'votingDelay' })).toBe(
			BigInt(devnetSettings.governance.votingDelay)
		);
		expect(await client.readContract({ ...governor, functionName: 'votingPeriod' })).toBe(
			BigInt(devnetSettings.governance.votingPeriod)
		);
		expect(await client.readContract({ ...governor, functionName: 'proposalThreshold' })).toBe(
			devnetSettings.governance.proposalThreshold
		);
		expect(await client.readContract({ ...governor, functionName: 'CLOCK_MODE' })).toBe('mode=timestamp');
		expect(
			await client.readContract({
				address: deployments.contracts.ProvenaTimelock.address,
				abi: provenaTimelockAbi,
				functionName: 'getMinDelay'
			})
		).toBe(BigInt(devnetSettings.governance.timelockDelay));
		const parameters = await client.readContract({
			address: deployments.contracts.ProtocolParams.address,
			abi: protocolParamsAbi,
			functionName: 'parameters'
		});
		expect(parameters).toEqual(devnetSettings.parameters);
	});

	it('chooses production-like settings for any other chain', () => {
		expect(settingsForChain(31337)).toBe(devnetSettings);
		expect(settingsForChain(161201)).toBe(publicChainSettings);
		expect(publicChainSettings.governance.timelockDelay).toBeGreaterThan(devnetSettings.governance.timelockDelay);
	});
});

/** A deployment that throws at `point`, as a crash there would stop it. */
const stopAt = (point: DeployCheckpoint) => (reached: DeployCheckpoint) => {
	if (reached === point) throw new Error(`stopped at "${point}"`);
};

describe('deployProtocol stopped halfway', () => {
	let chain: RunningAnvil;
	let rpc: PublicClient;
	let dir: string;
	let accounts: Address[];
	let journals = 0;
	const nextJournal = () => join(dir, `journal-${++journals}.json`);
	const readJournalFile = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as DeployJournal;
	const timelockAdmin = (timelock: Address, account: Address) =>
		rpc.readContract({
			address: timelock,
			abi: provenaTimelockAbi,
			functionName: 'hasRole',
			args: [DEFAULT_ADMIN_ROLE, account]
		});
	const nonceOf = (account: Address) => rpc.getTransactionCount({ address: account });

	beforeAll(async () => {
		chain = await startAnvil({ port: await freePort() });
		rpc = createPublicClient({ transport: http(chain.rpcUrl) });
		accounts = await createWalletClient({ transport: http(chain.rpcUrl) }).getAddresses();
		dir = await mkdtemp(join(tmpdir(), 'provena-deploy-'));
	}, 60_000);

	afterAll(async () => {
		await chain?.stop();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('resumes after a stop between contracts, reusing those deployed, and leaves the Timelock to itself', async () => {
		const journal = nextJournal();
		await expect(
			deployProtocol({ rpcUrl: chain.rpcUrl, write: false, journal, checkpoint: stopAt('deployed Staking') })
		).rejects.toThrow('stopped at "deployed Staking"');

		const halfway = await readJournalFile(journal);
		expect(Object.keys(halfway.contracts)).toEqual([
			'OpenVotes',
			'ProvenaTimelock',
			'ProvenaGovernor',
			'ProtocolParams',
			'Staking'
		]);
		expect(halfway.pending).toBeUndefined();
		const timelock = halfway.contracts.ProvenaTimelock!.address;
		expect(await timelockAdmin(timelock, accounts[0]!), 'what a stop halfway leaves: the deployer is still admin').toBe(
			true
		);

		const lines: string[] = [];
		const resumed = await deployProtocol({
			rpcUrl: chain.rpcUrl,
			write: false,
			journal,
			log: (line) => lines.push(line)
		});

		for (const name of ['OpenVotes', 'ProvenaTimelock', 'ProvenaGovernor', 'ProtocolParams', 'Staking'] as const)
			expect(resumed.contracts[name], name).toEqual(halfway.contracts[name]);
		expect(lines.filter((line) => line.endsWith(', already deployed'))).toHaveLength(5);
		expect(await timelockAdmin(timelock, accounts[0]!), 'the deployer renounced').toBe(false);
		expect(await timelockAdmin(timelock, timelock), 'the Timelock administers itself').toBe(true);
		expect(
			await verifyDeployment({ client: rpc, deployments: resumed, deployer: accounts[0]!, settings: devnetSettings })
		).toEqual([]);
		await expect(readFile(journal), 'the journal is removed once verified').rejects.toThrow();
	}, 60_000);

	it('finds a contract whose deployment was sent before the stop instead of deploying it twice', async () => {
		const journal = nextJournal();
		const before = await nonceOf(accounts[0]!);
		await expect(
			deployProtocol({ rpcUrl: chain.rpcUrl, write: false, journal, checkpoint: stopAt('sent ModelRegistry') })
		).rejects.toThrow('stopped at "sent ModelRegistry"');
		const halfway = await readJournalFile(journal);
		expect(halfway.pending?.name).toBe('ModelRegistry');
		expect(halfway.contracts.ModelRegistry).toBeUndefined();
		// As if the process died while the node was taking the transaction: its hash was never recorded.
		const sentHash = halfway.pending!.txHash;
		delete halfway.pending!.txHash;
		await writeFile(journal, JSON.stringify(halfway));

		const resumed = await deployProtocol({ rpcUrl: chain.rpcUrl, write: false, journal });

		expect(resumed.contracts.ModelRegistry.address).toBe(halfway.pending!.address);
		expect(resumed.contracts.ModelRegistry.txHash).toBe(sentHash);
		expect(await nonceOf(accounts[0]!), 'eight deployments and four wiring calls, none twice').toBe(before + 12);
	}, 60_000);

	it('resumes after a stop in the wiring, skipping the calls the chain already shows', async () => {
		const journal = nextJournal();
		const before = await nonceOf(accounts[0]!);
		await expect(
			deployProtocol({ rpcUrl: chain.rpcUrl, write: false, journal, checkpoint: stopAt('wired Governor may propose') })
		).rejects.toThrow('stopped at "wired Governor may propose"');
		const lines: string[] = [];
		await deployProtocol({ rpcUrl: chain.rpcUrl, write: false, journal, log: (line) => lines.push(line) });
		expect(lines).toContain('  ✓ Governor may propose (already done)');
		expect(lines).toContain('  ✓ deployer renounces the Timelock admin role');
		expect(await nonceOf(accounts[0]!)).toBe(before + 12);
	}, 60_000);

	it("refuses to resume another account's deployment, which only that account can finish", async () => {
		const journal = nextJournal();
		await expect(
			deployProtocol({ rpcUrl: chain.rpcUrl, write: false, journal, checkpoint: stopAt('deployed ProvenaTimelock') })
		).rejects.toThrow();
		await expect(
			deployProtocol({
				rpcUrl: chain.rpcUrl,
				write: false,
				journal,
				// anvil's dev account 1
				privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
			})
		).rejects.toThrow(`A deployment by ${accounts[0]} stopped halfway`);
	}, 60_000);

	it('names every wiring step a deployment skipped', async () => {
		const journal = nextJournal();
		await expect(
			deployProtocol({ rpcUrl: chain.rpcUrl, write: false, journal, checkpoint: stopAt('deployed AttributionLedger') })
		).rejects.toThrow();
		const { contracts } = await readJournalFile(journal);
		const deployments = { chainId: 31337, contracts: contracts as Deployments['contracts'] };
		const { ProvenaGovernor, AttributionLedger } = deployments.contracts;

		const problems = await verifyDeployment({
			client: rpc,
			deployments,
			deployer: accounts[0]!,
			settings: devnetSettings
		});

		expect(problems).toEqual([
			`Staking.rewardSource() is ${zeroAddress}, expected AttributionLedger (${AttributionLedger.address})`,
			`the deployer (${accounts[0]}) also holds the Timelock's DEFAULT_ADMIN_ROLE`,
			`ProvenaGovernor (${ProvenaGovernor.address}) does not hold the Timelock's PROPOSER_ROLE`,
			`ProvenaGovernor (${ProvenaGovernor.address}) does not hold the Timelock's CANCELLER_ROLE`
		]);
	}, 60_000);

	it('names contracts that point at the wrong contracts', async () => {
		const journal = nextJournal();
		const deployments = await deployProtocol({ rpcUrl: chain.rpcUrl, write: false, journal });
		// A deployments file that mixes up two contracts: each one's links now point at "the other".
		const { DatanetRegistry, ModelRegistry } = deployments.contracts;
		const mixed = {
			...deployments,
			contracts: { ...deployments.contracts, DatanetRegistry: ModelRegistry, ModelRegistry: DatanetRegistry }
		};

		const problems = await verifyDeployment({
			client: rpc,
			deployments: mixed,
			deployer: accounts[0]!,
			settings: devnetSettings
		});

		expect(problems).toEqual([
			'DatanetRegistry.staking() could not be read (The contract function "staking" reverted.)',
			'ModelRegistry.datanets() could not be read (The contract function "datanets" reverted.)',
			`AttributionLedger.datanets() is ModelRegistry (${DatanetRegistry.address}), expected DatanetRegistry (${ModelRegistry.address})`,
			`AttributionLedger.models() is DatanetRegistry (${ModelRegistry.address}), expected ModelRegistry (${DatanetRegistry.address})`
		]);
	}, 60_000);

	it('fails loudly, and keeps the journal, when anyone besides the Timelock is left with admin powers', async () => {
		const journal = nextJournal();
		const stranger = accounts[2]!;
		const wallet = createWalletClient({ account: accounts[0]!, transport: http(chain.rpcUrl), chain: foundry });
		const grantStranger = async (point: DeployCheckpoint) => {
			if (point !== 'wired Staking collects fees from AttributionLedger') return;
			const { contracts } = await readJournalFile(journal);
			// The deployer, while still admin, makes another admin (a compromised script, a mistaken step).
			const hash = await wallet.writeContract({
				address: contracts.ProvenaTimelock!.address,
				abi: provenaTimelockAbi,
				functionName: 'grantRole',
				args: [DEFAULT_ADMIN_ROLE, stranger]
			});
			await rpc.waitForTransactionReceipt({ hash });
		};

		const failure = deployProtocol({ rpcUrl: chain.rpcUrl, write: false, journal, checkpoint: grantStranger });

		await expect(failure).rejects.toThrow(DeploymentVerificationError);
		await expect(failure).rejects.toThrow(`${stranger} also holds the Timelock's DEFAULT_ADMIN_ROLE`);
		expect((await readJournalFile(journal)).contracts.AttributionLedger).toBeDefined();
	}, 60_000);
});
