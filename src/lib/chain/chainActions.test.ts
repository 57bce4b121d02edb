// Fee estimation and revert decoding against a real anvil with the real OpenVotes deployed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createTestClient, createWalletClient, encodeFunctionData, http, parseEther, type Address, type Chain, type Client, type TestClient, type Transport } from 'viem';
import { simulateContract } from 'viem/actions';
import { readFileSync } from 'node:fs';
import { artifactsDir } from '../../cli/paths.ts';
import { startAnvil, type RunningAnvil } from '../../cli/devnet/anvil.ts';
import { freePort } from '../../cli/devnet/freePort.ts';
import { deployProtocol } from '../../cli/deploy/deployProtocol.ts';
import { openVotesAbi } from './abis.ts';
import { provenaDevnet } from './chains.ts';
import { shortAddress } from '../format.ts';
import { estimateFee, gasPriceOracleAddress } from './estimateFee.ts';
import { describeTransactionError } from './transactions/describeTransactionError.ts';

let anvil: RunningAnvil;
let client: Client<Transport, Chain>;
let testClient: TestClient<'anvil', Transport, Chain>;
let openVotes: Address;
let account: Address;

beforeAll(async () => {
	anvil = await startAnvil({ port: await freePort() });
	const chain = { ...provenaDevnet, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
	client = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
	testClient = createTestClient({ mode: 'anvil', chain, transport: http(anvil.rpcUrl) });
	const deployments = await deployProtocol({ rpcUrl: anvil.rpcUrl, write: false });
	openVotes = deployments.contracts.OpenVotes.address;
	[account] = await createWalletClient({ chain, transport: http(anvil.rpcUrl) }).getAddresses() as [Address];
});

afterAll(async () => {
	await anvil?.stop();
});

describe('estimateFee', () => {
	it('prices a deposit as gas × gas price where the chain has no GasPriceOracle (anvil)', async () => {
		const data = encodeFunctionData({ abi: openVotesAbi, functionName: 'deposit' });
		const fee = await estimateFee(client, { account, to: openVotes, data, value: parseEther('1') });
		expect(fee.includesL1Fee).toBe(false);
		expect(fee.l1Fee).toBe(0n);
		expect(fee.gas).toBeGreaterThan(21_000n);
		expect(fee.gasPrice).toBeGreaterThan(0n);
		expect(fee.total).toBe(fee.gas * fee.gasPrice);
	});

	it('adds the L1 data fee where the GasPriceOracle predeploy exists', async () => {
		// anvil has no predeploy; install a stub that charges 1 gwei per serialized byte at its address.
		const artifact = JSON.parse(readFileSync(`${artifactsDir}/GasPriceOracleStub.sol/GasPriceOracleStub.json`, 'utf8'));
		await testClient.setCode({ address: gasPriceOracleAddress, bytecode: artifact.deployedBytecode.object });
		try {
			const data = encodeFunctionData({ abi: openVotesAbi, functionName: 'deposit' });
			const fee = await estimateFee(client, { account, to: openVotes, data, value: parseEther('1') });
			expect(fee.includesL1Fee).toBe(true);
			const bytes = fee.l1Fee / 1_000_000_000n;
			expect(fee.l1Fee % 1_000_000_000n).toBe(0n);
			// An EIP-1559 transaction carrying a 4-byte call serializes to a few dozen bytes.
			expect(bytes > 20n && bytes < 200n, `${bytes} bytes`).toBe(true);
			expect(fee.total).toBe(fee.gas * fee.gasPrice + fee.l1Fee);
		} finally {
			await testClient.setCode({ address: gasPriceOracleAddress, bytecode: '0x' });
		}
	});
});

describe('describeTransactionError', () => {
	it('decodes the contract custom error of a reverted call, with its arguments', async () => {
		const error = await simulateContract(client, { account, address: openVotes, abi: openVotesAbi, functionName: 'withdraw', args: [parseEther('3')] }).catch((e) => e);
		const problem = describeTransactionError(error, openVotesAbi);
		expect(problem.kind).toBe('reverted');
		if (problem.kind !== 'reverted') return;
		expect(problem.errorName).toBe('ERC20InsufficientBalance');
		expect(problem.args).toEqual([account, 0n, parseEther('3')]);
		expect(problem.reason).toBe(`${shortAddress(account)} has 0 vOPEN; this needs 3 vOPEN. Enter at most 0 vOPEN, or wrap more OPEN first.`);
	});

	it('treats a wallet rejection (EIP-1193 4001) as a quiet cancel, not an error', () => {
		expect(describeTransactionError(Object.assign(new Error('User rejected'), { code: 4001 }))).toEqual({ kind: 'rejected' });
	});

	it('says what to do when the RPC is unreachable', async () => {
		const dead = createPublicClient({ chain: provenaDevnet, transport: http(`http://127.0.0.1:${await freePort()}`, { retryCount: 0 }) });
		const error = await dead.getBlockNumber().catch((e) => e);
		const problem = describeTransactionError(error);
		expect(problem).toEqual({ kind: 'failed', reason: expect.stringMatching(/did not answer.*try again/) });
	});
});
