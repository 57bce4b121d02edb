// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/**
 * @title IncrementalMerkleTree
 * @notice An append-only Merkle tree of depth 32 that costs one storage write per leaf.
 * @dev The algorithm of the Ethereum deposit contract: for each level the tree keeps only the last left
 * node whose right sibling is still missing (`branch`), so {push} writes one slot, and {root} rebuilds the
 * root on demand by hashing the branch with the roots of empty subtrees, which are computed in memory
 * (empty leaves are `bytes32(0)`). Internal nodes use OpenZeppelin's commutative keccak256, so
 * OpenZeppelin's `MerkleProof.verify` checks a 32-element proof against {root}.
 *
 * OpenZeppelin's `MerkleTree.Bytes32PushTree` does the same job but stores every level's zero hash at setup
 * and rewrites a side node on every level per push; with one tree per datanet that cost about 20 storage
 * writes per datanet and per leaf (see docs/decisions.md), so Provena keeps this smaller structure.
 */
library IncrementalMerkleTree {
    /// @notice Levels in every tree: room for 2^32 - 1 leaves (the last position stays empty, as in the deposit
    /// contract: no node above the top level is kept, so {root} could not see a 2^32-th leaf).
    uint256 internal constant DEPTH = 32;

    /// @notice The tree already holds 2^32 - 1 leaves.
    error IncrementalMerkleTreeFull();

    struct Tree {
        uint256 size;
        bytes32[DEPTH] branch;
    }

    /**
     * @notice Appends `leaf` (hash it first, twice, against second pre-image attacks).
     * @return index The leaf's position, from zero.
     */
    function push(Tree storage tree, bytes32 leaf) internal returns (uint256 index) {
        index = tree.size;
        if (index >= 2 ** DEPTH - 1) revert IncrementalMerkleTreeFull();
        uint256 size = index + 1;
        tree.size = size;
        bytes32 node = leaf;
        for (uint256 level = 0; level < DEPTH; ++level) {
            if (size & 1 == 1) {
                tree.branch[level] = node;
                return index;
            }
            node = Hashes.commutativeKeccak256(tree.branch[level], node);
            size >>= 1;
        }
    }

    /// @notice The root over every leaf pushed so far, with empty leaves as zero.
    function root(Tree storage tree) internal view returns (bytes32 node) {
        uint256 size = tree.size;
        bytes32 zero; // root of an empty subtree of the current level
        for (uint256 level = 0; level < DEPTH; ++level) {
            node = size & 1 == 1
                ? Hashes.commutativeKeccak256(tree.branch[level], node)
                : Hashes.commutativeKeccak256(node, zero);
            zero = Hashes.commutativeKeccak256(zero, zero);
            size >>= 1;
        }
    }
}
