// One contract write as the user lives it: simulate and price it (fee shown before signing), wait for the
// wallet's signature, wait for the chain, then confirmed or failed with the contract's decoded reason.
// A rejection in the wallet is not an error: the flow returns to "cancelled" quietly.
import {
	call,
	getTransaction,
	getConnection,
	getPublicClient,
	simulateContract,
	writeContract,
	type Config
} from '@wagmi/core';
import {
	encodeFunctionData,
	WaitForTransactionReceiptTimeoutError,
	type Abi,
	type ContractFunctionName,
	type Hash,
	type Hex,
	type Log
} from 'viem';
// viem's action, not wagmi's: wagmi's throws on a reverted receipt after replaying it at the latest block,
// while we replay at the transaction's own block to read the reason it failed with.
import { waitForTransactionReceipt } from 'viem/actions';
import { estimateFee, type FeeEstimate } from '../estimateFee.ts';
import { explorerTxUrl } from '../explorer.ts';
import { knownErrorsAbi } from '../knownErrors.ts';
import { describeTransactionError } from './describeTransactionError.ts';
import type { ContractCall, WriteMutability } from '../actions/contractCall.ts';

// Gas limit sent, as a percentage of the estimate (MetaMask buffers by 1.5× too). Unused gas is refunded; a
// new vote checkpoint slot alone adds ~20k gas to a ~63k unwrap when the block lands in a new second.
const gasHeadroomPercent = 150n;

// Tries at following a sent transaction before giving up on a flaky RPC (about 23 s of backoff in all).
const receiptAttempts = 6;

export type TransactionStatus = 'idle' | 'estimating' | 'review' | 'signing' | 'pending' | 'confirmed' | 'failed' | 'cancelled';

export type { ContractCall } from '../actions/contractCall.ts';

/** The custom error a reverted call failed with, decoded from the ABIs (e.g. a stake below the minimum). */
export type RevertedWith = { errorName: string; args: readonly unknown[] };

export class TransactionFlow {
	status = $state<TransactionStatus>('idle');
	label = $state('');
	/** OPEN sent with the call, and what it is for: shown with the fee before signing. */
	value = $state<bigint>();
	valueLabel = $state<string>();
	fee = $state<FeeEstimate>();
	hash = $state<Hash>();
	/** What went wrong, in words a user can act on; undefined unless failed. */
	reason = $state<string>();
	/** The decoded custom error when the contract refused, so the page can offer a remedy (stake, then retry). */
	revert = $state<RevertedWith>();
	blockNumber = $state<bigint>();
	/** The confirmed transaction's logs, to read what it created (a datanet id, a version number). */
	logs = $state.raw<readonly Log[]>();

	readonly #config: Config;
	readonly #onConfirmed: ((hash: Hash) => void) | undefined;
	readonly #onSent: ((hash: Hash) => void) | undefined;
	#call: ContractCall | undefined;
	/** The call's calldata, encoded once at review. */
	#data: Hex | undefined;

	/** `onSent` runs once the wallet returns the hash (save it: the transaction is on its way); `onConfirmed` once mined. */
	constructor(config: Config, options: { onConfirmed?: (hash: Hash) => void; onSent?: (hash: Hash) => void } = {}) {
		this.#config = config;
		this.#onConfirmed = options.onConfirmed;
		this.#onSent = options.onSent;
	}

	get explorerUrl(): string | undefined {
		const chain = this.#config.chains[0];
		return this.hash && chain ? explorerTxUrl(chain, this.hash) : undefined;
	}

	get busy(): boolean {
		return this.status === 'estimating' || this.status === 'signing' || this.status === 'pending';
	}

	/** Simulates the call (a revert is reported before anything is signed) and estimates its fee. */
	async review<const abi extends Abi, functionName extends ContractFunctionName<abi, WriteMutability>>(
		typedCall: ContractCall<abi, functionName>
	): Promise<void> {
		// Typed where the call is written (its action); from here on only the ABI-independent parts are used.
		const callToSend: ContractCall = typedCall;
		this.#reset(callToSend);
		this.status = 'estimating';
		const account = getConnection(this.#config).address;
		if (!account) return this.#fail('Connect a wallet first.');
		try {
			await simulateContract(this.#config, { ...withoutLabels(callToSend), account });
			const client = getPublicClient(this.#config);
			if (!client) return this.#fail('The configured chain has no RPC client. Check PUBLIC_RPC_URL.');
			this.#data = encodeFunctionData({ abi: callToSend.abi, functionName: callToSend.functionName, args: callToSend.args });
			this.fee = await estimateFee(client, { account, to: callToSend.address, data: this.#data, value: callToSend.value });
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
			// Headroom over the estimate, as wallets give: costs can grow between estimate and inclusion.
			const gas = this.fee ? (this.fee.gas * gasHeadroomPercent) / 100n + (callToSend.extraGas ?? 0n) : undefined;
			this.hash = await writeContract(this.#config, { ...withoutLabels(callToSend), gas });
		} catch (error) {
			return this.#problem(error);
		}
		this.status = 'pending';
		this.#onSent?.(this.hash);
		try {
			const receipt = await this.#waitForReceipt(this.hash);
			this.blockNumber = receipt.blockNumber;
			if (receipt.status === 'success') {
				this.logs = receipt.logs;
				this.status = 'confirmed';
				this.#onConfirmed?.(this.hash);
				return;
			}
			// Mined but reverted: replay it at its block to read the reason the contract gave.
			const account = getConnection(this.#config).address;
			await call(this.#config, {
				account,
				to: callToSend.address,
				data: this.#data,
				value: callToSend.value,
				blockNumber: receipt.blockNumber
			});
			// The call succeeds when replayed with ample gas, so the transaction ran out of gas.
			const sent = await getTransaction(this.#config, { hash: this.hash });
			this.#fail(
				receipt.gasUsed >= sent.gas
					? `The transaction ran out of gas (limit ${sent.gas.toLocaleString()}). Nothing was changed except the fee; send it again.`
					: 'The transaction was mined but reverted without a reason.'
			);
		} catch (error) {
			this.#problem(error);
		}
	}

	/** Reviews the last call again, e.g. after staking what its revert said was missing. */
	async retry(): Promise<void> {
		if (this.#call && !this.busy) await this.review(this.#call);
	}

	/** Returns to idle, e.g. when the user dismisses the panel or declines the fee. */
	dismiss(): void {
		this.#reset(undefined);
	}

	/**
	 * Follows a sent transaction to its receipt. The transaction is on its way whatever the RPC says, so a
	 * transient RPC error while polling must not be reported as a failed transaction: retry with backoff.
	 */
	async #waitForReceipt(hash: Hash) {
		const client = getPublicClient(this.#config);
		if (!client) throw new Error('The configured chain has no RPC client. Check PUBLIC_RPC_URL.');
		for (let attempt = 1; ; attempt++) {
			try {
				return await waitForTransactionReceipt(client, { hash });
			} catch (error) {
				if (attempt >= receiptAttempts || error instanceof WaitForTransactionReceiptTimeoutError) throw error;
				await new Promise((resolve) => setTimeout(resolve, Math.min(8_000, 500 * 2 ** attempt)));
			}
		}
	}

	#reset(callToSend: ContractCall | undefined) {
		this.#call = callToSend;
		this.#data = undefined;
		this.label = callToSend?.label ?? '';
		this.value = callToSend?.value;
		this.valueLabel = callToSend?.valueLabel;
		this.status = 'idle';
		this.fee = undefined;
		this.hash = undefined;
		this.reason = undefined;
		this.revert = undefined;
		this.blockNumber = undefined;
		this.logs = undefined;
	}

	#problem(error: unknown) {
		const problem = describeTransactionError(error, [...(this.#call?.abi ?? []), ...knownErrorsAbi]);
		if (problem.kind === 'rejected') {
			this.status = 'cancelled';
			return;
		}
		if (problem.kind === 'reverted' && problem.errorName) this.revert = { errorName: problem.errorName, args: problem.args ?? [] };
		this.#fail(problem.kind === 'reverted' ? `The contract refused: ${problem.reason}` : problem.reason);
	}

	#fail(reason: string) {
		this.reason = reason;
		this.status = 'failed';
	}
}

/** The call as wagmi takes it, without the labels that are only for the user. */
function withoutLabels({ label: _label, valueLabel: _valueLabel, extraGas: _extraGas, ...call }: ContractCall) {
	return call;
}
