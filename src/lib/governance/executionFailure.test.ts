import { describe, expect, it } from 'vitest';
import { parseEther } from 'viem';
import { executionFailureNote } from './executionFailure.ts';

describe('executionFailureNote', () => {
	it('names a treasury transfer larger than the treasury', () => {
		expect(executionFailureNote({ errorName: 'FailedCall', sends: parseEther('5'), treasury: parseEther('1') })).toBe(
			"The proposal's actions send 5 OPEN from the treasury, which holds only 1 OPEN, so the Timelock's transfer failed. The proposal stays queued and nothing it does has happened; it can be executed later if what made it fail changes."
		);
	});

	it('says the underlying transaction reverted when the target gave no reason', () => {
		expect(executionFailureNote({ errorName: 'FailedCall', sends: 0n, treasury: 0n })).toContain(
			'the Timelock reports only that the underlying transaction reverted'
		);
		expect(executionFailureNote({ sends: 0n })).toContain('without giving a reason');
	});

	it("points at the target's decoded error", () => {
		expect(executionFailureNote({ errorName: 'ProtocolParamsOutOfBounds', sends: 0n })).toContain(
			'reverted in its target contract, with the error above'
		);
		expect(executionFailureNote({ errorName: 'TimelockUnexpectedOperationState', sends: 0n })).toMatch(
			/^The proposal stays queued/
		);
	});
});
