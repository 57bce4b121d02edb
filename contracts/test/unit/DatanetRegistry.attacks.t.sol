// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDatanetRegistry} from "../../src/interfaces/IDatanetRegistry.sol";
import {IProtocolParams} from "../../src/interfaces/IProtocolParams.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/**
 * @notice Proofs of concept for the holes a security review found in {DatanetRegistry}, each written as the
 * attack and showing that it now fails:
 *  1. byte sizes: a declared size of 2^62 captures a model's pool, one near 2^64 overflows the byte sums;
 *  2. pending bonds locked forever once no curator is left;
 *  3. duplicate races: a copy approved first takes its original's bond; a contributor proves their own copy a
 *     duplicate for the bounty, and makes the curator's batch revert.
 * @dev Runs on the whole protocol as deployed ({ProtocolFixture}): a bond of 0.1 OPEN, a duplicate bounty of 20%,
 * a byte cap of 64 MiB and a review timeout of 14 days. contracts/test/planted-bugs/datanets.json says how to put
 * each hole back and which of these tests then fails.
 */
contract DatanetRegistryAttacksTest is ProtocolFixture {
    address internal owner = makeAddr("datanet owner");
    address internal curator = makeAddr("curator");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    /// @dev The attacker: a sybil contributor, a copycat, or both.
    address internal mallory = makeAddr("mallory");
    address internal prover = makeAddr("prover");

    bytes32 internal constant HASH_A = keccak256("records a");
    bytes32 internal constant HASH_B = keccak256("records b");

    uint64 internal datanetId;
    uint256 internal bond;
    uint256 internal cap;
    uint256 internal reviewTimeout;

    function setUp() public {
        deployProtocol();
        datanetId = createDatanetAs(owner);
        appointCurator(datanetId, curator);
        bond = params.contributionBond();
        cap = params.maxContributionBytes();
        reviewTimeout = params.reviewTimeout();
    }

    function ids(uint64 a, uint64 b) internal pure returns (uint64[] memory list) {
        list = new uint64[](2);
        list[0] = a;
        list[1] = b;
    }

    function tooLarge(uint256 byteSize, uint256 maximum) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(
            IDatanetRegistry.DatanetRegistryContributionTooLarge.selector, uint64(byteSize), maximum
        );
    }

    function statusOf(uint64 id) internal view returns (IDatanetRegistry.ContributionStatus) {
        return datanets.contribution(id).status;
    }

    // ================================================================ 1. byte sizes

    /// @dev The attack: one sybil contribution, approved by a colluding curator, declaring 2^62 bytes next to
    /// honest megabytes would own ~100% of every pool paid per byte. It is refused at submission.
    function test_PoC_sybilPoolCapture_hugeDeclaredSizeRefused() public {
        contributeAs(alice, datanetId, 1 << 20);
        contributeAs(bob, datanetId, 1 << 20);

        uint64 huge = uint64(1) << 62;
        vm.deal(mallory, bond);
        vm.expectRevert(tooLarge(huge, cap));
        vm.prank(mallory);
        datanets.contribute{value: bond}(datanetId, contributionInput(HASH_A, huge));

        // Not even just above the cap.
        vm.deal(mallory, bond);
        vm.expectRevert(tooLarge(cap + 1, cap));
        vm.prank(mallory);
        datanets.contribute{value: bond}(datanetId, contributionInput(HASH_A, uint64(cap + 1)));
        assertEq(datanets.contributionCount(), 2, "only the honest contributions exist");
        assertEq(mallory.balance, bond, "no bond taken");
    }

    /// @dev A contribution of exactly the cap is fine, and its size is what gets counted.
    function test_PoC_sybilPoolCapture_sizeAtCapPasses() public {
        uint64 honest = contributeAs(alice, datanetId, 1 << 20);
        uint64 atCap = contributeAs(mallory, datanetId, uint64(cap));
        approveAs(curator, datanetId, ids(honest, atCap));

        assertEq(datanets.contribution(atCap).byteSize, cap, "stored as declared");
        IDatanetRegistry.Version memory v = datanets.version(datanetId, 1);
        assertEq(v.acceptedBytes, cap + (1 << 20), "summed as declared");
        bytes32 contentHash = datanets.contribution(atCap).contentHash;
        assertEq(
            datanets.leafOf(atCap),
            keccak256(bytes.concat(keccak256(abi.encode(atCap, mallory, contentHash, uint64(cap))))),
            "leaf of the declared size"
        );
    }

    /// @dev The attack: a size near 2^64 overflows the datanet's uint64 byte sum, so every later approval reverts
    /// and the datanet is frozen. It is refused at submission, and approvals go on.
    function test_PoC_overflowingSize_refusedAndApprovalsGoOn() public {
        uint64 first = contributeAs(alice, datanetId, uint64(cap));
        approveAs(curator, datanetId, one(first));

        vm.deal(mallory, bond);
        vm.expectRevert(tooLarge(type(uint64).max, cap));
        vm.prank(mallory);
        datanets.contribute{value: bond}(datanetId, contributionInput(HASH_A, type(uint64).max));

        uint64 next = contributeAs(bob, datanetId, uint64(cap));
        assertEq(approveAs(curator, datanetId, one(next)), 2, "the datanet still publishes versions");
        assertEq(datanets.datanet(datanetId).acceptedBytes, 2 * cap, "sum");
    }

    /**
     * @dev Why no byte sum can overflow now: governance cannot raise the cap past 2^28, a datanet accepts at most
     * 2^32 - 1 contributions (its uint32 `acceptedCount` reverts first), and a model sums at most
     * `MAX_TRAINING_DATANETS` = 16 datanets' `acceptedBytes`: 16 * (2^32 - 1) * 2^28 = 2^64 - 2^32, which fits
     * the uint64 ModelRegistry and the datanet keep.
     */
    function test_PoC_overflowingSize_sumsCannotOverflow() public {
        uint256 limit = params.MAX_CONTRIBUTION_BYTES_LIMIT();
        assertEq(limit, 1 << 28, "the cap's own bound");
        uint256 floor = params.MIN_MAX_CONTRIBUTION_BYTES();
        vm.expectRevert(
            abi.encodeWithSelector(
                IProtocolParams.ProtocolParamsOutOfBounds.selector,
                IProtocolParams.Parameter.MaxContributionBytes,
                limit + 1,
                floor,
                limit
            )
        );
        vm.prank(address(timelock));
        params.setMaxContributionBytes(uint32(limit + 1));

        uint256 perDatanet = uint256(type(uint32).max) * limit;
        uint256 perModel = models.MAX_TRAINING_DATANETS() * perDatanet;
        assertEq(models.MAX_TRAINING_DATANETS(), 16, "the model limit this bound relies on");
        assertLt(perDatanet, uint256(1) << 60, "a datanet's sum stays below 2^60");
        assertEq(perModel, (uint256(1) << 64) - (uint256(1) << 32), "a model's sum is at most 2^64 - 2^32");
        assertLe(perModel, type(uint64).max, "which fits a uint64");

        // At the largest cap, the largest contribution is accepted and counted.
        vm.prank(address(timelock));
        params.setMaxContributionBytes(uint32(limit));
        uint64 id = contributeAs(alice, datanetId, uint64(limit));
        approveAs(curator, datanetId, one(id));
        assertEq(datanets.datanet(datanetId).acceptedBytes, limit, "2^28 bytes");
    }

    /// @dev Over every uint64 size and every cap governance may set: a contribution is accepted exactly when its
    /// size is 1..cap, and stored as declared.
    function testFuzz_PoC_byteSize_acceptedIffWithinCap(uint64 byteSize, uint32 capSeed) public {
        uint256 maximum = bound(capSeed, params.MIN_MAX_CONTRIBUTION_BYTES(), params.MAX_CONTRIBUTION_BYTES_LIMIT());
        vm.prank(address(timelock));
        params.setMaxContributionBytes(uint32(maximum));

        vm.deal(mallory, bond);
        if (byteSize == 0) {
            vm.expectRevert(IDatanetRegistry.DatanetRegistryEmptyContribution.selector);
        } else if (byteSize > maximum) {
            vm.expectRevert(tooLarge(byteSize, maximum));
        }
        vm.prank(mallory);
        datanets.contribute{value: bond}(datanetId, contributionInput(HASH_A, byteSize));

        bool accepted = byteSize != 0 && byteSize <= maximum;
        assertEq(datanets.contributionCount(), accepted ? 1 : 0, "accepted iff 1..cap");
        if (accepted) {
            approveAs(curator, datanetId, one(1));
            assertEq(datanets.contribution(1).byteSize, byteSize, "stored as declared");
            assertEq(datanets.datanet(datanetId).acceptedBytes, byteSize, "summed as declared");
        }
    }

    // ================================================================ 2. pending bonds locked forever

    /// @dev Withdraws `id` as `contributor` once the review timeout has passed, and checks the bond comes back.
    function withdrawAfterTimeout(address contributor, uint64 id) internal {
        uint256 withdrawableAt = datanets.contribution(id).submittedAt + reviewTimeout;
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryWithdrawalTooEarly.selector, id, withdrawableAt));
        vm.prank(contributor);
        datanets.withdrawContribution(id);

        vm.warp(withdrawableAt);
        uint256 before = contributor.balance;
        vm.prank(contributor);
        datanets.withdrawContribution(id);
        vm.prank(contributor);
        datanets.claim();
        assertEq(contributor.balance - before, bond, "the bond is back");
        assertEq(uint256(statusOf(id)), uint256(IDatanetRegistry.ContributionStatus.Withdrawn), "withdrawn");
    }

    /// @dev The attack (or accident): the owner removes the only curator; nobody can decide the contribution.
    function test_PoC_bondLockedForever_curatorRemoved() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.prank(owner);
        datanets.setCurator(datanetId, curator, false);
        withdrawAfterTimeout(alice, id);
    }

    /// @dev The only curator unstakes, so they can no longer decide anything.
    function test_PoC_bondLockedForever_curatorUnstaked() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        uint256 minimum = params.minCuratorStake();
        vm.prank(curator);
        staking.requestUnstake(minimum);
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryCuratorStakeTooLow.selector, curator, 0, minimum)
        );
        vm.prank(curator);
        datanets.approve(datanetId, one(id), "bafkreimanifest");
        withdrawAfterTimeout(alice, id);
    }

    /// @dev A datanet whose owner never appointed anyone.
    function test_PoC_bondLockedForever_abandonedDatanet() public {
        uint64 abandoned = createDatanetAs(bob);
        uint64 id = contributeAs(alice, abandoned, 100);
        withdrawAfterTimeout(alice, id);
        assertEq(address(datanets).balance, 0, "nothing stuck in the registry");
    }

    /// @dev Nobody else can take the bond out, before or after the timeout.
    function test_PoC_bondLockedForever_onlyTheContributorWithdraws() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.warp(block.timestamp + reviewTimeout);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotContributor.selector, id, mallory));
        vm.prank(mallory);
        datanets.withdrawContribution(id);
        assertEq(datanets.claimable(mallory), 0, "nothing for the caller");
    }

    // ================================================================ 3. duplicate races

    /**
     * @dev The attack: mallory copies alice's pending contribution and a colluding curator approves the copy
     * first. The copy's leaf is in the tree for good; but the earlier submission is the original, so mallory
     * cannot prove alice's contribution a duplicate of hers and take its bond. Alice's cannot be approved any
     * more (its content is accepted), so she may withdraw it at once, with the whole bond.
     */
    function test_PoC_copycatApprovedFirst_cannotTakeOriginalsBond() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(mallory, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(copy));

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, original, copy));
        vm.prank(mallory);
        datanets.proveDuplicate(original, copy);
        assertEq(datanets.claimable(mallory), 0, "no bounty out of the original's bond");
        assertEq(uint256(statusOf(original)), uint256(IDatanetRegistry.ContributionStatus.Pending), "original untouched");

        // The original cannot join the tree beside the copy...
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryDuplicateContent.selector, datanetId, HASH_A, copy)
        );
        vm.prank(curator);
        datanets.approve(datanetId, one(original), "bafkreimanifest");

        // ...so its contributor takes the whole bond back now, without waiting for the review timeout.
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionWithdrawn(original, datanetId, alice, bond);
        vm.prank(alice);
        datanets.withdrawContribution(original);
        assertEq(datanets.claimable(alice), bond, "alice's bond is hers");
        assertEq(datanets.acceptedByHash(datanetId, HASH_A), copy, "the approved copy stays accepted");
    }

    /// @dev Before any approval, the copy is the one provable as a duplicate: of the pending original.
    function test_PoC_copycatPending_isTheDuplicate() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(mallory, datanetId, HASH_A, 100);

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, original, copy));
        vm.prank(mallory);
        datanets.proveDuplicate(original, copy);

        vm.prank(prover);
        datanets.proveDuplicate(copy, original);
        assertEq(uint256(statusOf(copy)), uint256(IDatanetRegistry.ContributionStatus.Duplicate), "copy slashed");
        assertEq(datanets.claimable(prover), bond / 5, "bounty to the prover");
        approveAs(curator, datanetId, one(original));
        assertEq(datanets.acceptedByHash(datanetId, HASH_A), original, "the original is accepted");
    }

    /// @dev The early withdrawal is for originals only: a later copy of accepted content still waits (and may be
    /// proven a duplicate meanwhile).
    function test_PoC_copycatApprovedFirst_laterCopiesStillWait() public {
        uint64 first = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 later = contributeAs(mallory, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(first));
        vm.expectRevert(
            abi.encodeWithSelector(
                IDatanetRegistry.DatanetRegistryWithdrawalTooEarly.selector, later, block.timestamp + reviewTimeout
            )
        );
        vm.prank(mallory);
        datanets.withdrawContribution(later);
    }

    /**
     * @dev The attack: mallory's copy is about to be rejected (whole bond to the treasury). She proves it a
     * duplicate herself just before the curator's batch, to recover the bounty and make the batch revert. She
     * gets no bounty, and the batch goes through, skipping her settled copy.
     */
    function test_PoC_selfProvedDuplicate_earnsNothing() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(mallory, datanetId, HASH_A, 100);
        uint64 spam = contributeAs(bob, datanetId, HASH_B, 100);
        approveAs(curator, datanetId, one(original));
        uint256 treasuryBefore = treasury.balance;

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.DuplicateProven(copy, original, mallory, 0, bond);
        vm.prank(mallory);
        datanets.proveDuplicate(copy, original);
        assertEq(datanets.claimable(mallory), 0, "no bounty for one's own copy");

        vm.prank(curator);
        datanets.reject(datanetId, ids(copy, spam), "copies and spam");
        assertEq(uint256(statusOf(spam)), uint256(IDatanetRegistry.ContributionStatus.Rejected), "the batch went through");
        assertEq(treasury.balance - treasuryBefore, 2 * bond, "both bonds slashed in full");
    }

    /// @dev Someone else proving the copy first (the bounty is theirs) does not make the reject batch revert either.
    function test_PoC_batchSkip_rejectAfterDuplicateProof() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(mallory, datanetId, HASH_A, 100);
        uint64 spam = contributeAs(bob, datanetId, HASH_B, 100);
        vm.prank(prover);
        datanets.proveDuplicate(copy, original);

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(copy, datanetId, curator, IDatanetRegistry.ContributionStatus.Duplicate);
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionRejected(spam, datanetId, curator, bond, "no");
        vm.prank(curator);
        datanets.reject(datanetId, ids(copy, spam), "no");
        assertEq(uint256(statusOf(copy)), uint256(IDatanetRegistry.ContributionStatus.Duplicate), "copy as proven");
    }

    /// @dev A contributor withdrawing just before an approval batch does not make it revert.
    function test_PoC_batchSkip_approveAfterWithdrawal() public {
        uint64 leaving = contributeAs(mallory, datanetId, 100);
        uint64 staying = contributeAs(alice, datanetId, 200);
        vm.warp(block.timestamp + reviewTimeout);
        vm.prank(mallory);
        datanets.withdrawContribution(leaving);

        assertEq(approveAs(curator, datanetId, ids(leaving, staying)), 1, "version published");
        assertEq(datanets.version(datanetId, 1).acceptedCount, 1, "with the remaining contribution");
        assertEq(datanets.contribution(staying).acceptedSeq, 1, "staying accepted");
        assertEq(uint256(statusOf(leaving)), uint256(IDatanetRegistry.ContributionStatus.Withdrawn), "withdrawn");
    }

    /// @dev Skipping is for contributions settled elsewhere: an unknown id or another datanet's still fails the batch.
    function test_PoC_batchSkip_unknownOrForeignIdsStillRevert() public {
        uint64 pending = contributeAs(alice, datanetId, 100);
        uint64 other = createDatanetAs(owner);
        uint64 foreign = contributeAs(bob, other, 100);

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, uint64(99)));
        vm.prank(curator);
        datanets.approve(datanetId, ids(pending, 99), "bafkreimanifest");
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotInDatanet.selector, foreign, datanetId)
        );
        vm.prank(curator);
        datanets.reject(datanetId, ids(pending, foreign), "no");
        assertEq(uint256(statusOf(pending)), uint256(IDatanetRegistry.ContributionStatus.Pending), "batches reverted whole");
    }
}
