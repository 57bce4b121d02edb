// The datanet Merkle tree off chain. DatanetRegistry appends an accepted contribution's leaf to its datanet's
// depth-32 tree (contracts/src/utils/IncrementalMerkleTree.sol), and each approve batch publishes a version
// `{root, acceptedCount, acceptedBytes}`: version v is the first acceptedCount leaves in acceptance order
// (acceptedSeq 1, 2, ...), and its root is this tree's root over that prefix. Replaying the ContributionApproved
// events into this class gives the page (in a worker) and the CLI every version's root and, for any contribution,
// a proof that OpenZeppelin's `MerkleProof.verify` accepts against that version's root.
//
// The contract keeps only the frontier; here every complete subtree root is kept (about two nodes per leaf),
// because no later append changes a complete subtree. A prefix's root and a proof then cost 32 hashes each,
// whatever the tree's size, and an append costs one hash on average.
import { bytesToHex, type Hex } from 'viem';
import { MERKLE_TREE_CAPACITY, MERKLE_TREE_DEPTH, hashPairBytes, nodeBytes, zeroHashBytes } from './merkleHashing.ts';
import { MerkleIndexOutOfRangeError, MerkleTreeFullError } from './merkleErrors.ts';

/**
 * An append-only depth-32 Merkle tree with the contract's hashing, answering for any prefix of its leaves.
 * @example
 * const tree = IncrementalMerkleTree.from(leavesInAcceptanceOrder);
 * tree.root(version.acceptedCount) === version.root; // true
 * verifyProof(leaf, tree.proofOf(Number(acceptedSeq) - 1, version.acceptedCount), version.root); // true
 */
export class IncrementalMerkleTree {
	/** `#levels[h][i]`: root of the complete subtree of height h over leaves i·2^h .. (i+1)·2^h - 1; never rewritten. */
	readonly #levels: Uint8Array[][] = Array.from({ length: MERKLE_TREE_DEPTH }, () => []);
	/** The last prefix's edge: proving every contribution of one version then costs no hashing after the first. */
	#lastEdge: { count: number; edge: Uint8Array[] } | undefined;

	/**
	 * A tree holding `leaves` in order.
	 * @example IncrementalMerkleTree.from([leafOfSeq1, leafOfSeq2]).size // 2
	 */
	static from(leaves: Iterable<Hex>): IncrementalMerkleTree {
		const tree = new IncrementalMerkleTree();
		for (const leaf of leaves) tree.append(leaf);
		return tree;
	}

	/** How many leaves were appended: the acceptedCount of the latest version replayed. */
	get size(): number {
		return (this.#levels[0] as Uint8Array[]).length;
	}

	/**
	 * Appends the next accepted leaf and returns its index (acceptedSeq - 1), as `IncrementalMerkleTree.push`.
	 * @example tree.append(datanetLeaf(contribution)) // 0 for the first
	 */
	append(leaf: Hex): number {
		const index = this.size;
		if (index >= MERKLE_TREE_CAPACITY) throw new MerkleTreeFullError();
		let node = nodeBytes(leaf, 'leaf');
		let position = index;
		for (let h = 0; h < MERKLE_TREE_DEPTH; h++) {
			const level = this.#levels[h] as Uint8Array[];
			level.push(node);
			// A right child completes its parent; a left one waits for its sibling.
			if (position % 2 === 0 || h + 1 === MERKLE_TREE_DEPTH) break;
			node = hashPairBytes(level[position - 1] as Uint8Array, node);
			position = (position - 1) / 2;
		}
		return index;
	}

	/**
	 * The leaf at `index` (acceptedSeq - 1).
	 * @example tree.leaf(0) === datanetLeaf(firstAccepted) // true
	 */
	leaf(index: number): Hex {
		this.#checkIndex(index, this.size);
		return bytesToHex(this.#levels[0]?.[index] as Uint8Array);
	}

	/**
	 * The root over the first `count` leaves (default all): a version's root when `count` is its acceptedCount.
	 * @example tree.root(0) === zeroHashes[32] // true: a datanet before its first approval
	 */
	root(count: number = this.size): Hex {
		this.#checkCount(count);
		return bytesToHex(this.#edge(count)[MERKLE_TREE_DEPTH] as Uint8Array);
	}

	/**
	 * The 32 siblings from leaf `index` up to the root of the first `count` leaves, as `MerkleProof` takes them.
	 * @example verifyProof(tree.leaf(3), tree.proofOf(3, 5), tree.root(5)) // true
	 */
	proofOf(index: number, count: number = this.size): Hex[] {
		this.#checkCount(count);
		this.#checkIndex(index, count);
		const edge = this.#edge(count);
		const proof: Hex[] = [];
		let position = index;
		for (let h = 0; h < MERKLE_TREE_DEPTH; h++) {
			const sibling = position % 2 === 0 ? position + 1 : position - 1;
			const span = 2 ** h;
			let node: Uint8Array;
			if ((sibling + 1) * span <= count) node = this.#levels[h]?.[sibling] as Uint8Array;
			else if (sibling === Math.floor(count / span)) node = edge[h] as Uint8Array;
			else node = zeroHashBytes[h] as Uint8Array;
			proof.push(bytesToHex(node));
			position = Math.floor(position / 2);
		}
		return proof;
	}

	/**
	 * `edge[h]`: the node at height h holding leaf `count` (the first one outside the prefix), built as the contract's
	 * `root()` builds it: its complete left part, its partly filled part and zeros. `edge[32]` is the prefix's root.
	 */
	#edge(count: number): Uint8Array[] {
		// Complete subtrees never change, so a prefix's edge stays right however many leaves come later.
		if (this.#lastEdge?.count === count) return this.#lastEdge.edge;
		const edge = [zeroHashBytes[0] as Uint8Array];
		for (let h = 0; h < MERKLE_TREE_DEPTH; h++) {
			const position = Math.floor(count / 2 ** h);
			const below = edge[h] as Uint8Array;
			edge.push(
				position % 2 === 1
					? hashPairBytes(this.#levels[h]?.[position - 1] as Uint8Array, below)
					: hashPairBytes(below, zeroHashBytes[h] as Uint8Array)
			);
		}
		this.#lastEdge = { count, edge };
		return edge;
	}

	#checkCount(count: number): void {
		if (!Number.isSafeInteger(count) || count < 0 || count > this.size)
			throw new MerkleIndexOutOfRangeError('prefix length', count, this.size + 1);
	}

	#checkIndex(index: number, count: number): void {
		if (!Number.isSafeInteger(index) || index < 0 || index >= count)
			throw new MerkleIndexOutOfRangeError('leaf index', index, count);
	}
}
