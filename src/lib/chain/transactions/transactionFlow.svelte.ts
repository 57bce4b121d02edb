// One contract write as the user lives it: simulate and price it (fee shown before signing), wait for the
// wallet's signature, wait for the chain, then confirmed or failed with the contract's decoded reason.
// A rejection in the wallet is not an error: the flow returns to "cancelled" quietly.
import {
	call,
	getConnection,
	getPublicClient,
	simulateContract,
	waitForTransactionReceipt,
	writeContract,
	type Config
} from '@wagmi/core';
import { encodeFunctionData, type Abi, type Address, type Hash } from 'viem';
import { estimateFee, type FeeEstimate } from '../estimateFee.ts';
import { explorerTxUrl } from '../explorer.ts';
import { describeTransactionError } from './describeTransactionError.ts';

export type TransactionStatus = 'idle' | 'estimating' | 'review' | 'signing' | 'pending' | 'confirmed' | 'failed' | 'cancelled';

/** A contract call to send; `label` names it for the user ("Wrap 1.5 OPEN"). */
export type ContractCall = {
	label: string;
	address: Address;
	abi: Abi;
	functionName: string;
	args?: readonly unknown[];
	value?: bigint;
};

export class TransactionFlow {
	status = $state<TransactionStatus>('idle');
	label = $state('');
	fee = $state<FeeEstimate>();
	hash = $state<Hash>();
	/** What went wrong, in words a user can act on; undefined unless failed. */
	reason = $state<string>();
	blockNumber = $state<bigint>();

	readonly #config: Config;
	readonly #onConfirmed: (() => void) | undefined;
	#call: ContractCall | undefined;

	constructor(config: Config, options: { onConfirmed?: () => void } = {}) {
		this.#config = config;
		this.#onConfirmed = options.onConfirmed;
	}

	get explorerUrl(): string | undefined {
		const chain = this.#config.chains[0];
		return this.hash && chain ? explorerTxUrl(chain, this.hash) : undefined;
	}

	get busy(): boolean {
		return this.status === 'estimating' || this.status === 'signing' || this.status === 'pending';
	}

	/** Simulates the call (a revert is reported before anything is signed) and estimates its fee. */
	async review(callToSend: ContractCall): Promise<void> {
		this.#reset(callToSend);
		this.status = 'estimating';
		const account = getConnection(this.#config).address;
		if (!account) return this.#fail('Connect a wallet first.');
		try {
			await simulateContract(this.#config, { ...callToSend, account } as never);
			const client = getPublicClient(this.#config);
			if (!client) return this.#fail('The configured chain has no RPC client. Check PUBLIC_RPC_URL.');
			const data = encodeFunctionData({ abi: callToSend.abi, functionName: callToSend.functionName, args: callToSend.args } as never);
			this.fee = await estimateFee(client, { account, to: callToSend.address, data, value: callToSend.value });
			this.status = 'review';
		} catch (error) {
			this.#problem(error);
		}
	}

	/** Asks the wallet to sign the reviewed call, then follows it until it is mined. */
	async sign(): Promise<void> {
		const callToSend = this.#call;
		if (!callToSend || this.status !== 'review') return;
		this.status = 'signing';
		try {
			this.hash = await writeContract(this.#config, callToSend as never);
		} catch (error) {
			return this.#problem(error);
		}
		this.status = 'pending';
		try {
			const receipt = await waitForTransactionReceipt(this.#config, { hash: this.hash });
			this.blockNumber = receipt.blockNumber;
			if (receipt.status === 'success') {
				this.status = 'confirmed';
				this.#onConfirmed?.();
				return;
			}
			// Mined but reverted: replay it at its block to read the reason the contract gave.
			const account = getConnection(this.#config).address;
			await call(this.#config, {
				account,
				to: callToSend.address,
				data: encodeFunctionData({ abi: callToSend.abi, functionName: callToSend.functionName, args: callToSend.args } as never),
				value: callToSend.value,
				blockNumber: receipt.blockNumber
			});
			this.#fail('The transaction was mined but reverted.');
		} catch (error) {
			this.#problem(error);
		}
	}

	/** Returns to idle, e.g. when the user dismisses the panel or declines the fee. */
	dismiss(): void {
		this.#reset(undefined);
	}

	#reset(callToSend: ContractCall | undefined) {
		this.#call = callToSend;
		this.label = callToSend?.label ?? '';
		this.status = 'idle';
		this.fee = undefined;
		this.hash = undefined;
		this.reason = undefined;
		this.blockNumber = undefined;
	}

	#problem(error: unknown) {
		const problem = describeTransactionError(error, this.#call?.abi);
		if (problem.kind === 'rejected') {
			this.status = 'cancelled';
			return;
		}
		this.#fail(problem.kind === 'reverted' ? `The contract refused: ${problem.reason}` : problem.reason);
	}

	#fail(reason: string) {
		this.reason = reason;
		this.status = 'failed';
	}
}
