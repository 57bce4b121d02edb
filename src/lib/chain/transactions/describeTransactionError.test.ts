import { describe, expect, it } from 'vitest';
import { ContractFunctionExecutionError, ContractFunctionRevertedError, encodeErrorResult, parseEther } from 'viem';
import { datanetRegistryAbi } from '../abis.ts';
import { knownErrorsAbi } from '../knownErrors.ts';
import { describeTransactionError } from './describeTransactionError.ts';

const curator = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

/** What viem throws when a simulated `functionName` call reverts with `data`. */
function revertedCall(data: `0x${string}`, functionName: string, args: readonly unknown[]) {
	const cause = new ContractFunctionRevertedError({ abi: knownErrorsAbi, data, functionName });
	return new ContractFunctionExecutionError(cause, { abi: datanetRegistryAbi, functionName, args });
}

describe('describeTransactionError', () => {
	it('gives the sentence as the reason and keeps the error name and arguments', () => {
		const data = encodeErrorResult({
			abi: datanetRegistryAbi,
			errorName: 'DatanetRegistryCuratorStakeTooLow',
			args: [curator, 0n, parseEther('10')]
		});
		expect(describeTransactionError(revertedCall(data, 'setCurator', [1n, curator, true]), knownErrorsAbi)).toEqual({
			kind: 'reverted',
			errorName: 'DatanetRegistryCuratorStakeTooLow',
			args: [curator, 0n, parseEther('10')],
			reason: '0xf39F…2266 has 0 OPEN staked; a curator must keep at least 10 OPEN staked. Stake 10 OPEN first, then appoint again.'
		});
	});

	it('says when a selector is unknown, and what to do', () => {
		const problem = describeTransactionError(revertedCall('0xdeadbeef', 'approve', [1n, [2n], 'manifest']), knownErrorsAbi);
		expect(problem).toEqual({
			kind: 'reverted',
			reason: 'an error this app does not know (selector 0xdeadbeef). Reload the page: the app may be older than the contracts it talks to.'
		});
	});
});
