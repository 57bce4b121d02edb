// Checks a datanet inclusion proof the way OpenZeppelin's `MerkleProof.verify` does on chain: fold the siblings
// into the leaf with the commutative pair hash and compare with the root. Contracts and the page thus accept the
// same proofs, and a version's root (published by an approve batch) is all a verifier needs from the chain.
import { bytesToHex, type Hex } from 'viem';
import { hashPairBytes, nodeBytes } from './merkleHashing.ts';

/**
 * The root a proof leads to from `leaf`: OpenZeppelin's `MerkleProof.processProof`.
 * @example processProof(leaf, tree.proofOf(0)) === tree.root() // true
 */
export function processProof(leaf: Hex, proof: readonly Hex[]): Hex {
	let node = nodeBytes(leaf, 'leaf');
	for (const [i, sibling] of proof.entries()) node = hashPairBytes(node, nodeBytes(sibling, `proof element ${i}`));
	return bytesToHex(node);
}

/**
 * Whether `proof` shows `leaf` under `root`: what `MerkleProof.verify(proof, root, leaf)` returns on chain.
 * @example verifyProof(datanetLeaf(contribution), tree.proofOf(seq - 1, version.acceptedCount), version.root) // true
 */
export function verifyProof(leaf: Hex, proof: readonly Hex[], root: Hex): boolean {
	return processProof(leaf, proof) === bytesToHex(nodeBytes(root, 'root'));
}
