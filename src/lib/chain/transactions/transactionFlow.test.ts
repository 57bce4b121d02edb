// TransactionFlow against a real anvil with the real OpenVotes, signed by the devnet-accounts connector: the
// fee is priced before signing, a confirmed write calls back, and a transaction that is mined but reverts
// (two withdrawals racing for the same balance) reports the contract's decoded reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { connect, createConfig, createStorage, getTransaction, http, type Config } from '@wagmi/core';
import { createTestClient, parseEther, type Address } from 'viem';
import { startAnvil, type RunningAnvil } from '../../../cli/devnet/anvil.ts';
import { freePort } from '../../../cli/devnet/freePort.ts';
import { deployProtocol } from '../../../cli/deploy/deployProtocol.ts';
import { openVotesAbi } from '../abis.ts';
import { provenaDevnet } from '../chains.ts';
import { devnetAccounts } from '../connectors/devnetAccounts.ts';
import { TransactionFlow, type ContractCall } from './transactionFlow.svelte.ts';

let anvil: RunningAnvil;
let config: Config;
let openVotes: Address;

function memoryStorage() {
	const items = new Map<string, string>();
	return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

const until = async (condition: () => boolean, what: string, timeoutMs = 10_000) => {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
};

beforeAll(async () => {
	anvil = await startAnvil({ port: await freePort() });
	const chain = { ...provenaDevnet, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
	openVotes = (await deployProtocol({ rpcUrl: anvil.rpcUrl, write: false })).contracts.OpenVotes.address;
	config = createConfig({
		chains: [chain],
		connectors: [devnetAccounts(chain)],
		storage: createStorage({ storage: memoryStorage() }),
		transports: { [chain.id]: http(anvil.rpcUrl) },
		pollingInterval: 50
	});
	await connect(config, { connector: config.connectors[0]! });
});

afterAll(async () => {
	await anvil?.stop();
});

const wrap = (value: bigint): ContractCall => ({ label: 'Wrap', address: openVotes, abi: openVotesAbi, functionName: 'deposit', args: [], value });
const unwrap = (amount: bigint): ContractCall => ({ label: 'Unwrap', address: openVotes, abi: openVotesAbi, functionName: 'withdraw', args: [amount] });

describe('TransactionFlow', () => {
	it('prices the call before signing, then confirms it and calls back', async () => {
		let confirmed = 0;
		const flow = new TransactionFlow(config, { onConfirmed: () => confirmed++ });
		await flow.review(wrap(parseEther('1')));
		expect(flow.status).toBe('review');
		expect(flow.hash).toBeUndefined();
		expect(flow.fee!.total).toBe(flow.fee!.gas * flow.fee!.gasPrice);
		await flow.sign();
		expect(flow.status).toBe('confirmed');
		expect(flow.hash).toMatch(/^0x[0-9a-f]{64}$/);
		expect(flow.blockNumber).toBeGreaterThan(0n);
		expect(flow.explorerUrl).toBeUndefined();
		expect(confirmed).toBe(1);
		// The gas limit sent leaves 50% headroom over the estimate the user was shown.
		expect((await getTransaction(config, { hash: flow.hash! })).gas).toBe((flow.fee!.gas * 150n) / 100n);
	});

	it('refuses at review, with the decoded error, what the contract would revert', async () => {
		const flow = new TransactionFlow(config);
		await flow.review(unwrap(parseEther('1000')));
		expect(flow.status).toBe('failed');
		expect(flow.reason).toMatch(/^The contract refused: 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4} has 1 vOPEN; this needs 1000 vOPEN\. Enter at most 1 vOPEN, or wrap more OPEN first\.$/);
	});

	it('reports a transaction that was mined but reverted, with the reason read back from the chain', async () => {
		// Holding 1 vOPEN from the first test, two withdrawals of 1 are each valid alone; mined together, one fails.
		const testClient = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
		await testClient.setAutomine(false);
		try {
			const first = new TransactionFlow(config);
			const second = new TransactionFlow(config);
			await first.review(unwrap(parseEther('1')));
			await second.review(unwrap(parseEther('1')));
			expect([first.status, second.status]).toEqual(['review', 'review']);
			// Sent one after the other (as a user would), so each gets its own nonce; neither is mined yet.
			const signing = [first.sign()];
			await until(() => first.status === 'pending', 'the first transaction to be sent');
			signing.push(second.sign());
			await until(() => second.status === 'pending', 'the second transaction to be sent');
			await testClient.mine({ blocks: 1 });
			await Promise.all(signing);
			expect([first.status, second.status], `${first.reason} / ${second.reason}`).toEqual(['confirmed', 'failed']);
			expect(second.hash).toMatch(/^0x[0-9a-f]{64}$/);
			expect(second.reason).toMatch(/^The contract refused: 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4} has 0 vOPEN; this needs 1 vOPEN\./);
		} finally {
			await testClient.setAutomine(true);
		}
	});

	it('keeps following a sent transaction through transient RPC errors', async () => {
		// A proxy in front of anvil answers the first receipt lookups with JSON-RPC internal errors.
		let injected = 0;
		const proxy: Server = createServer(async (req, res) => {
			let body = '';
			for await (const chunk of req) body += chunk;
			const request = JSON.parse(body);
			if (request.method === 'eth_getTransactionReceipt' && injected < 3) {
				injected++;
				res.setHeader('content-type', 'application/json');
				return res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32603, message: 'internal error' } }));
			}
			const upstream = await fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
			res.setHeader('content-type', 'application/json');
			res.end(await upstream.text());
		});
		const port = await freePort();
		await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
		try {
			const chain = { ...provenaDevnet, rpcUrls: { default: { http: [`http://127.0.0.1:${port}`] } } };
			const flaky = createConfig({
				chains: [chain],
				connectors: [devnetAccounts(chain)],
				storage: createStorage({ storage: memoryStorage() }),
				transports: { [chain.id]: http(`http://127.0.0.1:${port}`, { retryCount: 0 }) },
				pollingInterval: 50
			});
			await connect(flaky, { connector: flaky.connectors[0]! });
			const flow = new TransactionFlow(flaky);
			await flow.review(wrap(parseEther('0.5')));
			await flow.sign();
			expect(injected).toBe(3);
			expect(flow.status, flow.reason).toBe('confirmed');
		} finally {
			proxy.closeAllConnections();
			await new Promise((resolve) => proxy.close(resolve));
		}
	});

	it('lets the user decline the fee without sending anything', async () => {
		const flow = new TransactionFlow(config);
		await flow.review(wrap(parseEther('2')));
		flow.dismiss();
		expect(flow.status).toBe('idle');
		await flow.sign();
		expect(flow.hash).toBeUndefined();
	});
});
