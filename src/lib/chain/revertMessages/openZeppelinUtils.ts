// Low-level refusals from OpenZeppelin's and Provena's utilities (signatures, calls, casts, re-entrancy, the
// datanet Merkle tree): rare for a user, so each says what happened and that retrying or reporting is the way on.
import type { RevertSentences } from './types.ts';
import { num, open } from './units.ts';

export const openZeppelinUtilsSentences: RevertSentences = {
	ECDSAInvalidSignature: () => 'The signature is not valid. Sign again.',
	ECDSAInvalidSignatureLength: ([length]) => `The signature is ${num(length)} bytes long, not 65. Sign again.`,
	ECDSAInvalidSignatureS: () => 'The signature is malleable and was refused. Sign again with your wallet.',
	FailedCall: () => 'A call the contract made failed. Try again; if it keeps failing, report it.',
	FailedDeployment: () => 'The contract could not create its clone. Try again; if it keeps failing, report it.',
	InsufficientBalance: ([balance, needed]) =>
		`The contract holds ${open(balance)} but needs to send ${open(needed)}. Report this: the contract is short of OPEN.`,
	InvalidShortString: () => 'A name is too long to store. Use a shorter name.',
	StringTooLong: ([str]) => `"${String(str).slice(0, 40)}" is too long to store. Use a shorter text.`,
	ReentrancyGuardReentrantCall: () =>
		'The contract refused a call made from inside another call to it (re-entrancy). Call it again on its own.',
	SafeCastOverflowedUintDowncast: ([bits, value]) =>
		`The number ${value} does not fit in ${num(bits)} bits. Use a smaller amount.`,
	IncrementalMerkleTreeFull: () =>
		'This datanet has accepted the most contributions a datanet can hold (2³² − 1). Create a new datanet.'
};
