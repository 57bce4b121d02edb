// The deploy step against a real anvil: every contract deployed and wired as the issue asks, with every
// admin role in the Timelock's hands and none left with the deployer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, http, keccak256, toHex, zeroAddress, type Address, type PublicClient } from 'viem';
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
import { deployProtocol } from './deployProtocol.ts';
import { devnetSettings, publicChainSettings, settingsForChain } from './protocolSettings.ts';

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
		const { ProvenaTimelock, ProvenaGovernor, ProtocolParams, Staking, DatanetRegistry, ModelRegistry, AttributionLedger } =
			deployments.contracts;
		const timelock = { address: ProvenaTimelock.address, abi: provenaTimelockAbi } as const;
		const hasRole = (roleId: `0x${string}`, account: Address) =>
			client.readContract({ ...timelock, functionName: 'hasRole', args: [roleId, account] });

		expect(await hasRole(DEFAULT_ADMIN_ROLE, deployer)).toBe(false);
		expect(await hasRole(DEFAULT_ADMIN_ROLE, ProvenaTimelock.address)).toBe(true);
		expect(await hasRole(role('PROPOSER_ROLE'), ProvenaGovernor.address)).toBe(true);
		expect(await hasRole(role('CANCELLER_ROLE'), ProvenaGovernor.address)).toBe(true);
		expect(await hasRole(role('EXECUTOR_ROLE'), zeroAddress)).toBe(true);
		expect(await hasRole(role('PROPOSER_ROLE'), deployer)).toBe(false);

		expect(await client.readContract({ address: ProtocolParams.address, abi: protocolParamsAbi, functionName: 'owner' })).toBe(
			ProvenaTimelock.address
		);
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
		expect(treasuries).toEqual([ProvenaTimelock.address, ProvenaTimelock.address, ProvenaTimelock.address, ProvenaTimelock.address]);
		expect(await client.readContract({ address: ProvenaGovernor.address, abi: provenaGovernorAbi, functionName: 'timelock' })).toBe(
			ProvenaTimelock.address
		);
	});

	it('uses the short devnet settings on chain 31337', async () => {
		const governor = { address: deployments.contracts.ProvenaGovernor.address, abi: provenaGovernorAbi } as const;
		expect(await client.readContract({ ...governor, functionName: 'votingDelay' })).toBe(BigInt(devnetSettings.governance.votingDelay));
		expect(await client.readContract({ ...governor, functionName: 'votingPeriod' })).toBe(BigInt(devnetSettings.governance.votingPeriod));
		expect(await client.readContract({ ...governor, functionName: 'proposalThreshold' })).toBe(devnetSettings.governance.proposalThreshold);
		expect(await client.readContract({ ...governor, functionName: 'CLOCK_MODE' })).toBe('mode=timestamp');
		expect(
			await client.readContract({ address: deployments.contracts.ProvenaTimelock.address, abi: provenaTimelockAbi, functionName: 'getMinDelay' })
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
