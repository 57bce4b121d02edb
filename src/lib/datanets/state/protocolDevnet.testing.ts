// A real anvil with the real contracts, deployed by the project's deploy code, for tests that drive the protocol:
// clients on the devnet chain, its dev accounts, the deployed addresses and the parameters read back from chain.
// The deployments are registered for the chain, so the app's typed actions (src/lib/chain/actions) resolve them.
import {
	createPublicClient,
	createTestClient,
	createWalletClient,
	http,
	type Abi,
	type Address,
	type ContractFunctionArgs,
	type ContractFunctionName
} from 'viem';
import { deployProtocol } from '../../../cli/deploy/deployProtocol.ts';
import { startAnvil, type RunningAnvil } from '../../../cli/devnet/anvil.ts';
import { freePort } from '../../../cli/devnet/freePort.ts';
import { protocolParamsAbi } from '../../chain/abis.ts';
import type { ContractCall, WriteMutability } from '../../chain/actions/contractCall.ts';
import { provenaDevnet } from '../../chain/chains.ts';
import { registerDeployments } from '../../chain/deployments/index.ts';

export async function startProtocolDevnet() {
	const anvil: RunningAnvil = await startAnvil({ port: await freePort() });
	try {
		const chain = { ...provenaDevnet, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
		const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
		const wallet = createWalletClient({ chain, transport: http(anvil.rpcUrl) });
		const testClient = createTestClient({ mode: 'anvil', chain, transport: http(anvil.rpcUrl) });
		const accounts = await wallet.getAddresses();
		const deployments = await deployProtocol({ rpcUrl: anvil.rpcUrl, write: false });
		registerDeployments(deployments);
		const parameters = await publicClient.readContract({
			address: deployments.contracts.ProtocolParams.address,
			abi: protocolParamsAbi,
			functionName: 'parameters'
		});

		/** Sends a typed call (an action's, or any write) from a dev account and waits; a revert fails the test here. */
		async function sendCall<const abi extends Abi, functionName extends ContractFunctionName<abi, WriteMutability>>(
			account: Address,
			typedCall: Pick<ContractCall<abi, functionName>, 'address' | 'abi' | 'functionName' | 'args' | 'value' | 'extraGas'>
		) {
			// Checked against its ABI where it is written; from here on only the ABI-independent parts are used.
			const { address, abi, functionName, args, value, extraGas }: Pick<ContractCall, 'address' | 'abi' | 'functionName' | 'args' | 'value' | 'extraGas'> = typedCall;
			// As the page sends it (TransactionFlow): headroom over the estimate, plus what the action says an estimate
			// cannot see (a vote checkpoint written anew when the call lands a second after it was estimated).
			const estimate = await publicClient.estimateContractGas({ account, address, abi, functionName, args, value });
			const gas = (estimate * 150n) / 100n + (extraGas ?? 0n);
			const hash = await wallet.writeContract({ account, address, abi, functionName, args, value, gas });
			const receipt = await publicClient.waitForTransactionReceipt({ hash });
			if (receipt.status !== 'success') throw new Error(`${functionName} reverted (${hash})`);
			return receipt;
		}

		/** Sends `functionName` of `abi` at `address` from a dev account and waits for it. */
		function send<const abi extends Abi, functionName extends ContractFunctionName<abi, WriteMutability>>(
			account: Address,
			address: Address,
			abi: abi,
			functionName: functionName,
			args: ContractFunctionArgs<abi, WriteMutability, functionName>,
			value?: bigint
		) {
			return sendCall<abi, functionName>(account, { address, abi, functionName, args, value });
		}

		/** Moves the chain's clock forward and mines a block, e.g. past the bond-release delay. */
		async function increaseTime(seconds: number) {
			await testClient.increaseTime({ seconds });
			await testClient.mine({ blocks: 1 });
		}

		return { anvil, chain, publicClient, wallet, testClient, accounts, deployments, parameters, send, sendCall, increaseTime };
	} catch (error) {
		await anvil.stop();
		throw error;
	}
}

export type ProtocolDevnet = Awaited<ReturnType<typeof startProtocolDevnet>>;
