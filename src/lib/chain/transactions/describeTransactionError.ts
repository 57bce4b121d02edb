// Turns whatever a wallet, viem or the chain threw into what the user should see: a quiet "cancelled" when
// they rejected it in their wallet, the contract's own revert reason (custom errors decoded from the ABIs),
// or a short message that says what to do next.
import { isUserRejection } from '../isUserRejection.ts';
import {
	BaseError,
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

/** Formats a decoded custom error as `Name(arg1, arg2)`, with native amounts shown in full. */
export function formatCustomError(errorName: string, args: readonly unknown[] | undefined): string {
	if (!args?.length) return `${errorName}()`;
	return `${errorName}(${args.map((a) => (typeof a === 'bigint' ? a.toString() : String(a))).join(', ')})`;
}

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
		return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
	}
	const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
	if (reverted instanceof ContractFunctionRevertedError) {
		if (reverted.data?.errorName) {
			return {
				kind: 'reverted',
				errorName: reverted.data.errorName,
				args: reverted.data.args,
				reason: formatCustomError(reverted.data.errorName, reverted.data.args)
			};
		}
		const decoded = reverted.raw && revertedWith(reverted.raw, abi);
		if (decoded) return decoded;
		return { kind: 'reverted', reason: reverted.reason ?? reverted.shortMessage };
	}
	// A plain eth_call (e.g. replaying a mined transaction) reverts with raw data rather than a decoded error.
	const data = findRevertData(error);
	if (data) return revertedWith(data, abi) ?? { kind: 'reverted', reason: `an error this app does not know (selector ${data.slice(0, 10)})` };
	const funds = error.walk((e) => e instanceof InsufficientFundsError);
	if (funds) return { kind: 'failed', reason: 'Your account does not have enough OPEN to pay for this transaction and its fee. Add OPEN, or lower the amount.' };
	if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) {
		return { kind: 'failed', reason: "The chain's RPC did not answer. Check your connection (or that the devnet is running) and try again." };
	}
	return { kind: 'failed', reason: error.shortMessage };
}

/** The problem for revert data that decodes against `abi`; undefined when no error in it matches. */
function revertedWith(data: Hex, abi: Abi): TransactionProblem | undefined {
	const decoded = decodeRevertData(data, abi);
	return decoded && { kind: 'reverted', ...decoded, reason: formatCustomError(decoded.errorName, decoded.args) };
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
