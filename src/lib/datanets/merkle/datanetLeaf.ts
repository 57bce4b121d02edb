// The leaf a datanet's Merkle tree holds for an accepted contribution, exactly as DatanetRegistry's `leafOf`
// computes it: OpenZeppelin's standard leaf, keccak256(keccak256(abi.encode(id, contributor, contentHash,
// byteSize))). Hashing twice keeps a 64-byte leaf preimage from passing for an inner node (second pre-image).
import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem';
import { InvalidDatanetLeafError } from './merkleErrors.ts';

/** The contribution fields a leaf commits to, as `IDatanetRegistry.Contribution` and its id hold them. */
export type DatanetLeafParameters = {
	/** The registry's contribution id (uint64). */
	contributionId: bigint | number;
	/** Who contributed (and is paid for it). */
	contributor: Address;
	/** The content hash the contribution was submitted with (bytes32). */
	contentHash: Hex;
	/** The contribution's size in bytes (uint64). */
	byteSize: bigint | number;
};

/** What {@link datanetLeaf} returns: the bytes32 leaf. */
export type DatanetLeafReturnType = Hex;

const leafFields = [{ type: 'uint64' }, { type: 'address' }, { type: 'bytes32' }, { type: 'uint64' }] as const;

/**
 * The Merkle leaf of a contribution, equal to `DatanetRegistry.leafOf(contributionId)`.
 * @example datanetLeaf({ contributionId: 1n, contributor, contentHash, byteSize: 40_000n })
 */
export function datanetLeaf({
	contributionId,
	contributor,
	contentHash,
	byteSize
}: DatanetLeafParameters): DatanetLeafReturnType {
	let encoded: Hex;
	try {
		encoded = encodeAbiParameters(leafFields, [BigInt(contributionId), contributor, contentHash, BigInt(byteSize)]);
	} catch (cause) {
		throw new InvalidDatanetLeafError(
			`Contribution ${String(contributionId)} cannot be hashed into a datanet leaf: check that the id and size fit in ` +
				'uint64, the contributor is an address and the content hash is 32 bytes.',
			{ cause }
		);
	}
	return keccak256(keccak256(encoded, 'bytes'));
}
