// How DatanetRegistry's Merkle tree hashes, bit for bit (contracts/src/utils/IncrementalMerkleTree.sol): a
// parent is OpenZeppelin's commutative keccak256 (`Hashes.commutativeKeccak256`: keccak256 of the two children,
// the numerically smaller first), an empty leaf is bytes32(0), and an empty subtree of height h is the zero
// leaf hashed with itself h times. Sorting the pair is what lets OpenZeppelin's `MerkleProof.verify` check a
// proof without knowing left from right.
import { bytesToHex, hexToBytes, isHex, keccak256, type Hex } from 'viem';
import { InvalidMerkleNodeError } from './merkleErrors.ts';

/** Levels of every datanet tree, as `IncrementalMerkleTree.DEPTH`; a proof has this many siblings. */
export const MERKLE_TREE_DEPTH = 32;

/** Leaves a tree accepts: the on-chain tree leaves its last position (2^32 - 1) empty, as the deposit contract does. */
export const MERKLE_TREE_CAPACITY = 2 ** MERKLE_TREE_DEPTH - 1;

const pair = new Uint8Array(64);

/** Numeric order of two big-endian 32-byte words, as Solidity's `a < b` on bytes32. */
function lessThan(a: Uint8Array, b: Uint8Array): boolean {
	for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
	return false;
}

/**
 * The parent of two nodes as bytes, `Hashes.commutativeKeccak256`; the tree works on bytes to skip hex round trips.
 * @example hashPairBytes(new Uint8Array(32), new Uint8Array(32)) // zeroHashBytes[1]
 */
export function hashPairBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
	const [first, second] = lessThan(a, b) ? [a, b] : [b, a];
	pair.set(first, 0);
	pair.set(second, 32);
	return keccak256(pair, 'bytes');
}

/**
 * The parent of two nodes: keccak256 of the sorted pair, as the contract and OpenZeppelin's `MerkleProof` hash.
 * @example hashPair(leafA, leafB) === hashPair(leafB, leafA) // true
 */
export function hashPair(a: Hex, b: Hex): Hex {
	return bytesToHex(hashPairBytes(nodeBytes(a, 'first node'), nodeBytes(b, 'second node')));
}

/**
 * A 32-byte hex node as bytes, or an {@link InvalidMerkleNodeError} naming `what` it was meant to be.
 * @example nodeBytes(leaf, 'leaf').length // 32
 */
export function nodeBytes(value: Hex, what: string): Uint8Array {
	if (typeof value !== 'string' || value.length !== 66 || !isHex(value, { strict: true }))
		throw new InvalidMerkleNodeError(what, value);
	return hexToBytes(value);
}

/** `zeroHashBytes[h]`: the root of an empty subtree of height h, for h from 0 (a zero leaf) to 32 (the empty tree). */
export const zeroHashBytes: readonly Uint8Array[] = (() => {
	const zeros: Uint8Array[] = [new Uint8Array(32)];
	for (let h = 0; h < MERKLE_TREE_DEPTH; h++) zeros.push(hashPairBytes(zeros[h] as Uint8Array, zeros[h] as Uint8Array));
	return zeros;
})();

/**
 * `zeroHashes[h]`: the root of an empty subtree of height h; `zeroHashes[32]` is a datanet's root before any approval.
 * @example zeroHashes[1] // '0xad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5'
 */
export const zeroHashes: readonly Hex[] = zeroHashBytes.map((zero) => bytesToHex(zero));
