// Turns whatever a wallet, viem or the chain threw into what the user should see: a quiet "cancelled" when
// they rejected it in their wallet, the contract's refusal in words (custom errors decoded from the ABIs and
// described by revertMessages/), or a short message that says what to do next.
import { isUserRejection } from '../isUserRejection.ts';
import { errorMessage } from '../../../../workers/shared/errors/errorMessage.ts';
import { describeRevert } from '../revertMessages/describeRevert.ts';
import {
	BaseError,
	ContractFunctionExecutionError,
	ContractFunctionRevertedError,
	InsufficientFundsError,
	HttpRequestError,
	TimeoutError,
	decodeErrorResult,
	type Abi,
	type Hex
} from 'viem';

export type TransactionProblem =
	| { kind: 'rejected' }
	| { kind: 'reverted'; reason: string; errorName?: string; args?: readonly unknown[] }
	| { kind: 'failed'; reason: string };

/** Decodes revert data against `abi`; undefined when no error in the ABI matches. */
export function decodeRevertData(data: Hex, abi: Abi): { errorName: string; args: readonly unknown[] } | undefined {
	try {
		const decoded = decodeErrorResult({ abi, data });
		return { errorName: decoded.errorName, args: decoded.args ?? [] };
	} catch {
		return undefined;
	}
}

/** Classifies an error from sending, simulating or confirming a transaction. */
export function describeTransactionError(error: unknown, abi: Abi = []): TransactionProblem {
	if (isUserRejection(error)) return { kind: 'rejected' };
	if (!(error instanceof BaseError)) {
		return { kind: 'failed', reason: errorMessage(error) };
	}
	// The function called (when viem knows it), so a sentence can say what to try again.
	const call = error.walk((e) => e instanceof ContractFunctionExecutionError);
	const functionName = call instanceof ContractFunctionExecutionError ? call.functionName : undefined;
	const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
	if (reverted instanceof ContractFunctionRevertedError) {
		if (reverted.data?.errorName) {
			return described(reverted.data.errorName, reverted.data.args ?? [], functionName);
		}
		const decoded = reverted.raw && revertedWith(reverted.raw, abi, functionName);
		if (decoded) return decoded;
		if (reverted.signature) return unknownSelector(reverted.signature);
		return { kind: 'reverted', reason: reverted.reason ?? reverted.shortMessage };
	}
	// A plain eth_call (e.g. replaying a mined transaction) reverts with raw data rather than a decoded error.
	const data = findRevertData(error);
	if (data) return revertedWith(data, abi, functionName) ?? unknownSelector(data.slice(0, 10));
	const funds = error.walk((e) => e instanceof InsufficientFundsError);
	if (funds) return { kind: 'failed', reason: 'Your account does not have enough OPEN to pay for this transaction and its fee. Add OPEN, or lower the amount.' };
	if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) {
		return { kind: 'failed', reason: "The chain's RPC did not answer. Check your connection (or that the devnet is running) and try again." };
	}
	return { kind: 'failed', reason: error.shortMessage };
}

/** The problem for revert data that decodes against `abi`; undefined when no error in it matches. */
function revertedWith(data: Hex, abi: Abi, functionName: string | undefined): TransactionProblem | undefined {
	const decoded = decodeRevertData(data, abi);
	return decoded && described(decoded.errorName, decoded.args, functionName);
}

/** A decoded custom error: its sentence for people, its name and arguments for code that matches on them. */
function described(errorName: string, args: readonly unknown[], functionName: string | undefined): TransactionProblem {
	return { kind: 'reverted', errorName, args, reason: describeRevert(errorName, args, { functionName }) };
}

/** A revert whose 4-byte selector no known ABI declares. */
function unknownSelector(selector: string): TransactionProblem {
	return {
		kind: 'reverted',
		reason: `an error this app does not know (selector ${selector}). Reload the page: the app may be older than the contracts it talks to.`
	};
}

/** Revert data carried anywhere in the cause chain (RPC errors and viem's RawContractError keep it as `data`). */
function findRevertData(error: unknown): Hex | undefined {
	for (let current = error; current; current = (current as { cause?: unknown }).cause) {
		const value = (current as { data?: unknown }).data;
		const data = typeof value === 'object' && value !== null ? (value as { data?: unknown }).data : value;
		if (typeof data === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(data)) return data as Hex;
	}
	return undefined;
}
