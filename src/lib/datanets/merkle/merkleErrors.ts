// Errors of the datanet Merkle tree (the TypeScript twin of DatanetRegistry's on-chain tree). They are
// programming or data errors, not network ones: a message names the bad value and what to pass instead.
import { ProvenaError, type ProvenaErrorOptions } from '../../../../workers/shared/errors/ProvenaError.ts';

/** Base class of every error the datanet Merkle module throws. */
export class DatanetMerkleError extends ProvenaError {
	override name = 'DatanetMerkleError';
}

/** A leaf, root or proof element is not a 32-byte hex string. */
export class InvalidMerkleNodeError extends DatanetMerkleError {
	override name = 'InvalidMerkleNodeError';
	constructor(what: string, value: unknown, options: ProvenaErrorOptions = {}) {
		super(`The ${what} is not a 32-byte hex string (0x followed by 64 hex digits): ${String(value)}.`, options);
	}
}

/** The fields of a contribution cannot be ABI-encoded as the registry's leaf (uint64 out of range, bad address). */
export class InvalidDatanetLeafError extends DatanetMerkleError {
	override name = 'InvalidDatanetLeafError';
}

/** The tree holds 2^32 - 1 leaves, as many as the on-chain tree accepts. */
export class MerkleTreeFullError extends DatanetMerkleError {
	override name = 'MerkleTreeFullError';
	constructor(options: ProvenaErrorOptions = {}) {
		super(
			'The datanet Merkle tree is full (2^32 - 1 leaves); the registry accepts no more contributions either.',
			options
		);
	}
}

/** A prefix length or leaf index outside the leaves appended so far. */
export class MerkleIndexOutOfRangeError extends DatanetMerkleError {
	override name = 'MerkleIndexOutOfRangeError';
	constructor(what: string, value: number, end: number, options: ProvenaErrorOptions = {}) {
		super(
			`The ${what} ${value} is out of range: it must be a whole number, at least 0 and below ${end}` +
				` (append the missing leaves first, or use a version's acceptedCount).`,
			options
		);
	}
}
