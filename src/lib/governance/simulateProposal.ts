// Runs a proposal's actions as the Timelock will when the proposal is executed: in order, from the Timelock's
// address, each seeing the state the previous ones left. viem's `simulateCalls` sends them as one eth_simulateV1
// request (anvil ≥ 1.x, geth, reth and most hosted RPCs answer it), which reports each call's own success or revert
// data. Value transfers are checked against the treasury first: eth_simulateV1 refuses the whole request when its
// sender cannot pay a value, so an action sending more than the treasury then holds is reported here and left out.
// Where the RPC does not know eth_simulateV1, each action is run alone with eth_call from the Timelock: that misses
// what earlier actions change (a slash after a parameter change sees the old parameter), so the page says so.
import { decodeErrorResult, type Hex } from 'viem';
import { call, simulateCalls } from 'viem/actions';
import { getContractAddress } from '../chain/deployments/index.ts';
import type { ReadClient } from '../chain/actions/readClient.ts';
import { readTreasuryBalance } from '../chain/actions/readTreasuryBalance.ts';
import { knownErrorsAbi } from '../chain/knownErrors.ts';
import { describeRevert } from '../chain/revertMessages/describeRevert.ts';
import { describeTransactionError } from '../chain/transactions/describeTransactionError.ts';
import { formatOpen } from '../format.ts';
import type { ProposalAction } from './describeAction.ts';

/** What one action would do when executed. */
export type ActionOutcome = { ok: true } | { ok: false; reason: string; errorName?: string; args?: readonly unknown[] };

export type ProposalSimulation = {
	outcomes: ActionOutcome[];
	/** How it was simulated: together in order, or one eth_call each (earlier actions' effects unseen). */
	mode: 'in-order' | 'one-by-one';
};

/** A revert's sentence from its raw data, decoded against every Provena error. */
export function revertOutcome(data: Hex | undefined): ActionOutcome {
	if (!data || data === '0x') return { ok: false, reason: 'It would revert without a reason.' };
	try {
		const { errorName, args } = decodeErrorResult({ abi: knownErrorsAbi, data });
		const list = (args ?? []) as readonly unknown[];
		return { ok: false, reason: describeRevert(errorName, list), errorName, args: list };
	} catch {
		return { ok: false, reason: `It would revert with an error this app does not know (${data.slice(0, 10)}).` };
	}
}

/** Simulates `actions` as the Timelock would execute them on the chain of `client`. */
export async function simulateProposal(
	client: ReadClient,
	actions: readonly ProposalAction[]
): Promise<ProposalSimulation> {
	const timelock = getContractAddress(client.chain.id, 'ProvenaTimelock');
	const outcomes: (ActionOutcome | undefined)[] = actions.map(() => undefined);
	let treasury = await readTreasuryBalance(client);
	const runnable: number[] = [];
	actions.forEach((action, i) => {
		if (action.value > treasury) {
			outcomes[i] = {
				ok: false,
				reason: `The treasury would hold ${formatOpen(treasury, { decimals: 18 })} by then, less than the ${formatOpen(action.value, { decimals: 18 })} this sends.`
			};
			return;
		}
		treasury -= action.value;
		runnable.push(i);
	});
	const calls = runnable.map((i) => ({ to: actions[i]!.target, value: actions[i]!.value, data: actions[i]!.calldata }));
	try {
		const { results } = await simulateCalls(client, { account: timelock, calls });
		results.forEach((result, j) => {
			outcomes[runnable[j]!] = result.status === 'success' ? { ok: true } : revertOutcome(result.data);
		});
		return { outcomes: outcomes.map((o) => o ?? { ok: true }), mode: 'in-order' };
	} catch (error) {
		if (!isUnsupported(error)) throw error;
	}
	for (const i of runnable) {
		const action = actions[i]!;
		try {
			await call(client, { account: timelock, to: action.target, value: action.value, data: action.calldata });
			outcomes[i] = { ok: true };
		} catch (error) {
			const problem = describeTransactionError(error, knownErrorsAbi);
			outcomes[i] =
				problem.kind === 'reverted'
					? { ok: false, reason: problem.reason, errorName: problem.errorName, args: problem.args }
					: { ok: false, reason: problem.kind === 'failed' ? problem.reason : 'It would fail.' };
		}
	}
	return { outcomes: outcomes.map((o) => o ?? { ok: true }), mode: 'one-by-one' };
}

/** The RPC does not offer eth_simulateV1 (method not found / not supported). */
function isUnsupported(error: unknown): boolean {
	for (let current = error; current; current = (current as { cause?: unknown }).cause) {
		const code = (current as { code?: unknown }).code;
		if (code === -32601 || code === -32004) return true;
		const message = String((current as { message?: unknown }).message ?? '');
		if (/method not found|not supported|does not exist|unknown method/i.test(message)) return true;
	}
	return false;
}
