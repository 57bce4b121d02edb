// The datanet tree against trees worked out by hand (0, 1, 2, 3, 5 leaves), against a naive level-by-level
// builder (the TypeScript copy of contracts/test NaiveMerkleTree) for every prefix, and for proofs that OpenZeppelin's
// MerkleProof would accept or refuse. The reference hashing here is written out with viem, not taken from the module.
import { describe, expect, it } from 'vitest';
import { concatHex, keccak256, toHex, type Hex } from 'viem';
import { IncrementalMerkleTree } from './incrementalMerkleTree.ts';
import { MERKLE_TREE_DEPTH, hashPair, zeroHashes } from './merkleHashing.ts';
import { InvalidMerkleNodeError, MerkleIndexOutOfRangeError } from './merkleErrors.ts';
import { processProof, verifyProof } from './verifyProof.ts';

const ZERO: Hex = `0x${'00'.repeat(32)}`;

/** OpenZeppelin's commutative keccak256, written out: the numerically smaller word first. */
const h = (a: Hex, b: Hex): Hex =>
	BigInt(a) < BigInt(b) ? keccak256(concatHex([a, b])) : keccak256(concatHex([b, a]));

/** Root of an empty subtree of height `height`, by repeated hashing (kept: the naive builder asks often). */
const emptyRoots: Hex[] = [ZERO];
const z = (height: number): Hex => {
	while (emptyRoots.length <= height) emptyRoots.push(h(emptyRoots.at(-1) as Hex, emptyRoots.at(-1) as Hex));
	return emptyRoots[height] as Hex;
};

/** Lifts the root of a subtree of height `height` (the leftmost one) to the depth-32 root, joining empty subtrees. */
const lift = (node: Hex, height: number): Hex => {
	for (let level = height; level < MERKLE_TREE_DEPTH; level++) node = h(node, z(level));
	return node;
};

/** Every level of the depth-32 tree over `leaves`, missing right children as empty subtrees. */
function naiveLevels(leaves: Hex[]): Hex[][] {
	const levels = [leaves];
	for (let level = 0; level < MERKLE_TREE_DEPTH; level++) {
		const nodes = levels[level] as Hex[];
		const next: Hex[] = [];
		for (let i = 0; i < Math.max(1, Math.ceil(nodes.length / 2)); i++)
			next.push(h(nodes[2 * i] ?? z(level), nodes[2 * i + 1] ?? z(level)));
		levels.push(next);
	}
	return levels;
}

function naiveProof(levels: Hex[][], index: number): Hex[] {
	return levels.slice(0, MERKLE_TREE_DEPTH).map((nodes, level) => nodes[(index >> level) ^ 1] ?? z(level));
}

const leafAt = (i: number, seed = 'unit'): Hex => keccak256(keccak256(toHex(`${seed} ${i}`)));
const leavesOf = (count: number, seed?: string): Hex[] => Array.from({ length: count }, (_, i) => leafAt(i, seed));

describe('zero subtrees', () => {
	it('are the zero word hashed with itself, level by level', () => {
		expect(zeroHashes).toHaveLength(MERKLE_TREE_DEPTH + 1);
		expect(zeroHashes[0]).toBe(ZERO);
		expect(zeroHashes[1]).toBe(keccak256(`0x${'00'.repeat(64)}`));
		expect(zeroHashes[1]).toBe('0xad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5');
		expect(zeroHashes[2]).toBe(keccak256(concatHex([zeroHashes[1] as Hex, zeroHashes[1] as Hex])));
		for (let level = 0; level <= MERKLE_TREE_DEPTH; level++) expect(zeroHashes[level], `level ${level}`).toBe(z(level));
	});
});

describe('hashPair', () => {
	it('hashes the smaller word first, in either order', () => {
		const [a, b] = [leafAt(1), leafAt(2)];
		const [low, high] = BigInt(a) < BigInt(b) ? [a, b] : [b, a];
		expect(hashPair(a, b)).toBe(keccak256(concatHex([low, high])));
		expect(hashPair(b, a)).toBe(hashPair(a, b));
	});

	it('refuses a word that is not 32 bytes', () => {
		expect(() => hashPair('0x1234', ZERO)).toThrow(InvalidMerkleNodeError);
		expect(() => hashPair(`0x${'zz'.repeat(32)}`, ZERO)).toThrow(InvalidMerkleNodeError);
	});
});

describe('IncrementalMerkleTree: roots of small trees by hand', () => {
	const [a, b, c, d, e] = leavesOf(5) as [Hex, Hex, Hex, Hex, Hex];
	const tree = IncrementalMerkleTree.from([a, b, c, d, e]);

	it('0 leaves: the empty subtree of height 32', () => {
		expect(new IncrementalMerkleTree().root()).toBe(z(32));
		expect(tree.root(0)).toBe(z(32));
	});

	it('1 leaf: the leaf beside a zero leaf, then beside ever larger empty subtrees', () => {
		expect(tree.root(1)).toBe(lift(h(a, ZERO), 1));
	});

	it('2 leaves', () => {
		expect(tree.root(2)).toBe(lift(h(a, b), 1));
	});

	it('3 leaves', () => {
		expect(tree.root(3)).toBe(lift(h(h(a, b), h(c, ZERO)), 2));
	});

	it('5 leaves', () => {
		const left = h(h(a, b), h(c, d));
		const right = h(h(e, ZERO), z(1));
		expect(tree.root(5)).toBe(lift(h(left, right), 3));
		expect(tree.root()).toBe(tree.root(5));
	});

	it('4 leaves, read back after the fifth was appended', () => {
		expect(tree.root(4)).toBe(lift(h(h(a, b), h(c, d)), 2));
	});

	it('a hand proof: leaf e (index 4) of 5', () => {
		const proof = tree.proofOf(4);
		expect(proof.slice(0, 4)).toEqual([ZERO, z(1), h(h(a, b), h(c, d)), z(3)]);
		expect(proof.slice(4)).toEqual(Array.from({ length: 28 }, (_, i) => z(i + 4)));
		expect(verifyProof(e, proof, tree.root())).toBe(true);
	});
});

describe('IncrementalMerkleTree: against the naive tree', () => {
	const leaves = leavesOf(70, 'naive');
	const tree = IncrementalMerkleTree.from(leaves);

	it('returns consecutive indices and keeps the leaves', () => {
		const fresh = new IncrementalMerkleTree();
		for (const [i, leaf] of leaves.slice(0, 10).entries()) expect(fresh.append(leaf)).toBe(i);
		expect(fresh.size).toBe(10);
		expect(fresh.leaf(7)).toBe(leaves[7]);
	});

	it('has the naive root for every prefix, including powers of two and their neighbours', () => {
		for (let count = 0; count <= leaves.length; count++)
			expect(tree.root(count), `${count} leaves`).toBe(naiveLevels(leaves.slice(0, count))[MERKLE_TREE_DEPTH]?.[0]);
	});

	it('gives the naive proof of every leaf in every prefix, and the proof verifies', () => {
		for (const count of [1, 2, 3, 5, 8, 9, 31, 32, 33, 64, 65, 70]) {
			const levels = naiveLevels(leaves.slice(0, count));
			const root = tree.root(count);
			for (let i = 0; i < count; i++) {
				const proof = tree.proofOf(i, count);
				expect(proof, `leaf ${i} of ${count}`).toEqual(naiveProof(levels, i));
				expect(verifyProof(leaves[i] as Hex, proof, root)).toBe(true);
				expect(processProof(leaves[i] as Hex, proof)).toBe(root);
			}
		}
	});
});

describe('verifyProof', () => {
	const leaves = leavesOf(6, 'verify');
	const tree = IncrementalMerkleTree.from(leaves);

	it('refuses a foreign leaf and a leaf at another position', () => {
		expect(verifyProof(leafAt(99, 'other'), tree.proofOf(2), tree.root())).toBe(false);
		expect(verifyProof(leaves[3] as Hex, tree.proofOf(2), tree.root())).toBe(false);
	});

	it('proves a leaf in its version but not with a later version root', () => {
		const oldProof = tree.proofOf(1, 3);
		expect(verifyProof(leaves[1] as Hex, oldProof, tree.root(3))).toBe(true);
		expect(verifyProof(leaves[1] as Hex, oldProof, tree.root(6))).toBe(false);
		expect(verifyProof(leaves[1] as Hex, tree.proofOf(1, 6), tree.root(6))).toBe(true);
	});

	it('refuses a truncated proof', () => {
		expect(verifyProof(leaves[0] as Hex, tree.proofOf(0).slice(0, 31), tree.root())).toBe(false);
	});

	it('refuses a malformed root', () => {
		expect(() => verifyProof(leaves[0] as Hex, tree.proofOf(0), '0x00')).toThrow(InvalidMerkleNodeError);
	});
});

describe('IncrementalMerkleTree: bounds', () => {
	const tree = IncrementalMerkleTree.from(leavesOf(3, 'bounds'));

	it('refuses prefixes and indices outside the leaves appended', () => {
		expect(() => tree.root(4)).toThrow(MerkleIndexOutOfRangeError);
		expect(() => tree.root(-1)).toThrow(MerkleIndexOutOfRangeError);
		expect(() => tree.root(1.5)).toThrow(MerkleIndexOutOfRangeError);
		expect(() => tree.proofOf(3)).toThrow(MerkleIndexOutOfRangeError);
		expect(() => tree.proofOf(2, 2)).toThrow(MerkleIndexOutOfRangeError);
		expect(() => tree.leaf(3)).toThrow(MerkleIndexOutOfRangeError);
		expect(() => new IncrementalMerkleTree().proofOf(0)).toThrow(MerkleIndexOutOfRangeError);
	});

	it('refuses a leaf that is not 32 bytes', () => {
		expect(() => new IncrementalMerkleTree().append('0xabcd')).toThrow(InvalidMerkleNodeError);
	});
});

describe('IncrementalMerkleTree: 100 000 leaves', () => {
	it('appends them, then answers roots and proofs for any prefix without rebuilding', () => {
		// Cheap distinct leaves: the tree's cost, not the leaves', is measured.
		const leaves = Array.from({ length: 100_000 }, (_, i) => toHex(i + 1, { size: 32 }));
		let start = performance.now();
		const tree = IncrementalMerkleTree.from(leaves);
		const buildMs = performance.now() - start;

		start = performance.now();
		for (const count of [1, 4_097, 65_536, 99_999, 100_000]) {
			const root = tree.root(count);
			for (const index of [0, count >> 1, count - 1])
				expect(verifyProof(leaves[index] as Hex, tree.proofOf(index, count), root), `${index} of ${count}`).toBe(true);
		}
		const queryMs = performance.now() - start;

		// A manifest proves every contribution of one version: after the first, a proof needs no hashing.
		start = performance.now();
		for (let index = 0; index < 10_000; index++) tree.proofOf(index, 99_999);
		const proofsMs = performance.now() - start;
		expect(verifyProof(leaves[9_999] as Hex, tree.proofOf(9_999, 99_999), tree.root(99_999))).toBe(true);
		// Generous bounds for two shared cores; about 1.5 s and 0.1 s on one.
		expect(buildMs).toBeLessThan(15_000);
		expect(queryMs).toBeLessThan(3_000);
		expect(proofsMs).toBeLessThan(5_000);
		// A spot check of the big tree against the naive one on a prefix small enough to build naively.
		expect(tree.root(1_000)).toBe(naiveLevels(leaves.slice(0, 1_000))[MERKLE_TREE_DEPTH]?.[0]);
	});
});
