// A real anvil with the real contracts, deployed by the project's deploy code, for tests that drive the protocol:
// clients on the devnet chain, its dev accounts, the deployed addresses and the parameters read back from chain.
import { createPublicClient, createWalletClient, http, type Abi, type Address } from 'viem';
import { deployProtocol } from '../../../cli/deploy/deployProtocol.ts';
import { startAnvil, type RunningAnvil } from '../../../cli/devnet/anvil.ts';
import { freePort } from '../../../cli/devnet/freePort.ts';
import { protocolParamsAbi } from '../../chain/abis.ts';
import { provenaDevnet } from '../../chain/chains.ts';

export async function startProtocolDevnet() {
	const anvil: RunningAnvil = await startAnvil({ port: await freePort() });
	try {
		const chain = { ...provenaDevnet, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
		const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
		const wallet = createWalletClient({ chain, transport: http(anvil.rpcUrl) });
		const accounts = await wallet.getAddresses();
		const deployments = await deployProtocol({ rpcUrl: anvil.rpcUrl, write: false });
		const parameters = await publicClient.readContract({
			address: deployments.contracts.ProtocolParams.address,
			abi: protocolParamsAbi,
			functionName: 'parameters'
		});

		/** Sends a transaction from a dev account and waits for it; a revert fails the test at the call. */
		async function send(
			account: Address,
			address: Address,
			abi: Abi,
			functionName: string,
			args: unknown[],
			value?: bigint
		) {
			const hash = await wallet.writeContract({ account, address, abi, functionName, args, value } as never);
			const receipt = await publicClient.waitForTransactionReceipt({ hash });
			if (receipt.status !== 'success') throw new Error(`${functionName} reverted (${hash})`);
			return receipt;
		}

		/** Moves the chain's clock forward and mines a block, e.g. past the bond-release delay. */
		async function increaseTime(seconds: number) {
			await publicClient.request({ method: 'evm_increaseTime' as never, params: [seconds] as never });
			await publicClient.request({ method: 'evm_mine' as never });
		}

		return { anvil, publicClient, wallet, accounts, deployments, parameters, send, increaseTime };
	} catch (error) {
		await anvil.stop();
		throw error;
	}
}

export type ProtocolDevnet = Awaited<ReturnType<typeof startProtocolDevnet>>;
