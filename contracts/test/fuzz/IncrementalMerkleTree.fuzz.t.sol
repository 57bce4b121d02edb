// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {Test} from "../utils/Test.sol";
import {
    IncrementalMerkleTreeHarness,
    NaiveMerkleTree,
    OpenZeppelinPushTreeHarness
} from "../unit/IncrementalMerkleTree.t.sol";

/**
 * @notice Fuzz tests for {IncrementalMerkleTree}: for any 1..70 leaves, the root after every push equals a naive
 * depth-32 tree and OpenZeppelin's push tree, every leaf has a proof OpenZeppelin's `MerkleProof` accepts, a
 * wrong leaf has none, and indices are consecutive.
 */
contract IncrementalMerkleTreeFuzzTest is Test {
    uint256 internal constant MAX_LEAVES = 70;

    IncrementalMerkleTreeHarness internal tree;

    function setUp() public {
        tree = new IncrementalMerkleTreeHarness();
    }

    function leavesOf(uint256 count, bytes32 seed) internal pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](count);
        for (uint256 i = 0; i < count; ++i) {
            leaves[i] = keccak256(abi.encode(seed, i));
        }
    }

    /// @dev Keeps at most {MAX_LEAVES} of the fuzzer's array, so raw values (dictionary picks, zeros) get in too.
    function capped(bytes32[] memory leaves) internal pure returns (bytes32[] memory) {
        return leaves.length > MAX_LEAVES ? NaiveMerkleTree.prefix(leaves, MAX_LEAVES) : leaves;
    }

    /// @dev After every push, the root is the naive tree's over the leaves so far, and the index is consecutive.
    function testFuzz_root_afterEachPush_matchesNaiveTree_succeeds(uint256 count, bytes32 seed) public {
        count = bound(count, 1, MAX_LEAVES);
        bytes32[] memory leaves = leavesOf(count, seed);
        for (uint256 n = 1; n <= count; ++n) {
            assertEq(tree.push(leaves[n - 1]), n - 1, "consecutive index");
            assertEq(tree.root(), NaiveMerkleTree.root(NaiveMerkleTree.prefix(leaves, n)), "root");
        }
        assertEq(tree.size(), count, "size");
    }

    /// @dev The same with the fuzzer's own leaves, which may repeat or be zero.
    function testFuzz_root_arbitraryLeaves_matchesNaiveTree_succeeds(bytes32[] memory raw) public {
        bytes32[] memory leaves = capped(raw);
        for (uint256 i = 0; i < leaves.length; ++i) {
            assertEq(tree.push(leaves[i]), i, "consecutive index");
        }
        assertEq(tree.root(), NaiveMerkleTree.root(leaves), "root");
    }

    /// @dev Our root equals OpenZeppelin's push tree (depth 32, zero leaves, commutative keccak) at every step.
    function testFuzz_root_matchesOpenZeppelinPushTree_succeeds(uint256 count, bytes32 seed) public {
        count = bound(count, 1, MAX_LEAVES);
        bytes32[] memory leaves = leavesOf(count, seed);
        OpenZeppelinPushTreeHarness oz = new OpenZeppelinPushTreeHarness();
        oz.setup();
        for (uint256 i = 0; i < count; ++i) {
            (uint256 index, bytes32 ozRoot) = oz.push(leaves[i]);
            assertEq(tree.push(leaves[i]), index, "same index");
            assertEq(tree.root(), ozRoot, "same root");
        }
    }

    /// @dev Every leaf's naive proof verifies against the library's root; a different leaf at the same place does not.
    function testFuzz_proof_everyLeafVerifies_wrongLeafRejected_succeeds(uint256 count, bytes32 seed, bytes32 wrong)
        public
    {
        count = bound(count, 1, MAX_LEAVES);
        bytes32[] memory leaves = leavesOf(count, seed);
        for (uint256 i = 0; i < count; ++i) {
            tree.push(leaves[i]);
        }
        bytes32 root = tree.root();
        bytes32[][] memory levels = NaiveMerkleTree.build(leaves);
        for (uint256 i = 0; i < count; ++i) {
            bytes32[] memory siblings = NaiveMerkleTree.proof(levels, i);
            assertTrue(MerkleProof.verify(siblings, root, leaves[i]), "leaf proven");
            if (wrong != leaves[i]) assertFalse(MerkleProof.verify(siblings, root, wrong), "wrong leaf rejected");
        }
    }

    /// @dev A proof for one index does not prove a different leaf of the tree at that index.
    function testFuzz_proof_leafAtAnotherIndex_isRejected_succeeds(uint256 count, bytes32 seed, uint256 i, uint256 j)
        public
    {
        count = bound(count, 2, MAX_LEAVES);
        i = bound(i, 0, count - 1);
        j = bound(j, 0, count - 1);
        vm.assume(i != j);
        bytes32[] memory leaves = leavesOf(count, seed);
        for (uint256 k = 0; k < count; ++k) {
            tree.push(leaves[k]);
        }
        bytes32[] memory siblings = NaiveMerkleTree.proof(NaiveMerkleTree.build(leaves), i);
        assertFalse(MerkleProof.verify(siblings, tree.root(), leaves[j]), "leaf j does not sit at index i");
    }

    /// @dev A root published earlier still proves the leaves it held, whatever was pushed after.
    function testFuzz_proof_earlierRoot_provesEarlierLeaves_succeeds(uint256 count, uint256 later, bytes32 seed)
        public
    {
        count = bound(count, 1, MAX_LEAVES / 2);
        later = bound(later, 1, MAX_LEAVES / 2);
        bytes32[] memory leaves = leavesOf(count + later, seed);
        for (uint256 i = 0; i < count; ++i) {
            tree.push(leaves[i]);
        }
        bytes32 earlier = tree.root();
        for (uint256 i = count; i < count + later; ++i) {
            tree.push(leaves[i]);
        }
        bytes32[][] memory levels = NaiveMerkleTree.build(NaiveMerkleTree.prefix(leaves, count));
        for (uint256 i = 0; i < count; ++i) {
            assertTrue(MerkleProof.verify(NaiveMerkleTree.proof(levels, i), earlier, leaves[i]), "earlier version");
        }
        assertEq(tree.root(), NaiveMerkleTree.root(leaves), "current root");
    }
}
