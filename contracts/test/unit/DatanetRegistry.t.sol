// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {IClaims} from "../../src/interfaces/IClaims.sol";
import {IDatanetRegistry} from "../../src/interfaces/IDatanetRegistry.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {RejectingReceiver} from "../utils/Receivers.sol";
import {NaiveMerkleTree} from "./IncrementalMerkleTree.t.sol";

/**
 * @notice Unit tests for {DatanetRegistry}: datanets and their owners, curators and their stake, bonded
 * contributions, approval batches and the versions (and Merkle roots) they publish, rejections, duplicate
 * proofs, withdrawals, bond release and claims, and the views.
 * @dev Runs on the whole protocol as deployed ({ProtocolFixture}): a bond of 0.1 OPEN, a duplicate bounty of
 * 20%, a bond-release delay of 3 days, a minimum curator stake of 10 OPEN, a byte cap of 64 MiB and a review
 * timeout of 14 days. Version roots are checked against {NaiveMerkleTree}, built here from {leafOf} values.
 * The attacks found in review have their proofs of concept in DatanetRegistry.attacks.t.sol.
 */
contract DatanetRegistryTest is ProtocolFixture {
    address internal owner = makeAddr("datanet owner");
    address internal curator = makeAddr("curator");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal prover = makeAddr("prover");
    address internal stranger = makeAddr("stranger");

    bytes32 internal constant HASH_A = keccak256("records a");
    bytes32 internal constant HASH_B = keccak256("records b");
    bytes32 internal constant HASH_C = keccak256("records c");

    uint64 internal datanetId;
    uint256 internal bond;
    uint256 internal minCuratorStake;
    uint256 internal releaseDelay;
    uint256 internal reviewTimeout;

    function setUp() public {
        deployProtocol();
        datanetId = createDatanetAs(owner);
        appointCurator(datanetId, curator);
        bond = params.contributionBond();
        minCuratorStake = params.minCuratorStake();
        releaseDelay = params.bondReleaseDelay();
        reviewTimeout = params.reviewTimeout();
    }

    // ------------------------------------------------------------------ helpers

    function ids(uint64 a, uint64 b) internal pure returns (uint64[] memory list) {
        list = new uint64[](2);
        list[0] = a;
        list[1] = b;
    }

    function ids(uint64 a, uint64 b, uint64 c) internal pure returns (uint64[] memory list) {
        list = new uint64[](3);
        list[0] = a;
        list[1] = b;
        list[2] = c;
    }

    /// @dev OpenZeppelin's standard leaf of a contribution, computed here from its stored fields.
    function expectedLeaf(uint64 id) internal view returns (bytes32) {
        IDatanetRegistry.Contribution memory c = datanets.contribution(id);
        return keccak256(bytes.concat(keccak256(abi.encode(id, c.contributor, c.contentHash, c.byteSize))));
    }

    /// @dev The leaves of `accepted`, in acceptance order, read through {leafOf}.
    function leavesOf(uint64[] memory accepted) internal view returns (bytes32[] memory leaves) {
        leaves = new bytes32[](accepted.length);
        for (uint256 i = 0; i < accepted.length; ++i) {
            leaves[i] = datanets.leafOf(accepted[i]);
        }
    }

    function concat(uint64[] memory a, uint64[] memory b) internal pure returns (uint64[] memory out) {
        out = new uint64[](a.length + b.length);
        for (uint256 i = 0; i < a.length; ++i) {
            out[i] = a[i];
        }
        for (uint256 i = 0; i < b.length; ++i) {
            out[a.length + i] = b[i];
        }
    }

    function rejectAs(address who, uint64 id, string memory reason) internal {
        vm.prank(who);
        datanets.reject(datanetId, one(id), reason);
    }

    function proveAs(address who, uint64 duplicateId, uint64 originalId) internal {
        vm.prank(who);
        datanets.proveDuplicate(duplicateId, originalId);
    }

    function formats(string memory a, string memory b) internal pure returns (string[] memory list) {
        list = new string[](2);
        list[0] = a;
        list[1] = b;
    }

    // ------------------------------------------------------------------ createDatanet

    function test_createDatanet_assignsIdsFromOne_succeeds() public {
        assertEq(datanetId, 1, "first datanet is 1");
        assertEq(createDatanetAs(alice), 2, "second is 2");
        assertEq(createDatanetAs(owner), 3, "third is 3");
        assertEq(datanets.datanetCount(), 3, "count");
    }

    function test_createDatanet_emitsDatanetCreatedAndStoresInfo_succeeds() public {
        string[] memory accepted = formats("png", "jpg");
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.DatanetCreated(
            2, alice, IDatanetRegistry.DataKind.Image, "bafkreiimages", "CC0-1.0", accepted
        );

        vm.prank(alice);
        uint64 id = datanets.createDatanet(
            IDatanetRegistry.DatanetInput({
                metadataCid: "bafkreiimages",
                kind: IDatanetRegistry.DataKind.Image,
                licence: "CC0-1.0",
                acceptedFormats: accepted
            })
        );

        IDatanetRegistry.DatanetInfo memory info = datanets.datanet(id);
        assertEq(info.owner, alice, "owner is the creator");
        assertEq(uint256(info.kind), uint256(IDatanetRegistry.DataKind.Image), "kind");
        assertEq(info.versionCount, 0, "no versions");
        assertEq(info.acceptedCount, 0, "nothing accepted");
        assertEq(info.acceptedBytes, 0, "no bytes");
        assertEq(datanets.currentRoot(id), NaiveMerkleTree.zeroRoot(32), "empty tree");
    }

    function test_createDatanet_emptyLicenceAndFormats_succeeds() public {
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.DatanetCreated(
            2, bob, IDatanetRegistry.DataKind.Audio, "bafkreiaudio", "", new string[](0)
        );
        vm.prank(bob);
        datanets.createDatanet(
            IDatanetRegistry.DatanetInput({
                metadataCid: "bafkreiaudio",
                kind: IDatanetRegistry.DataKind.Audio,
                licence: "",
                acceptedFormats: new string[](0)
            })
        );
    }

    function test_createDatanet_missingMetadataCid_reverts() public {
        vm.expectRevert(IDatanetRegistry.DatanetRegistryMissingMetadataCid.selector);
        vm.prank(alice);
        datanets.createDatanet(
            IDatanetRegistry.DatanetInput({
                metadataCid: "", kind: IDatanetRegistry.DataKind.Text, licence: "MIT", acceptedFormats: new string[](0)
            })
        );
        assertEq(datanets.datanetCount(), 1, "nothing created");
    }

    // ------------------------------------------------------------------ updateDatanet

    function test_updateDatanet_byOwner_emitsDatanetUpdated_succeeds() public {
        string[] memory accepted = formats("jsonl", "md");
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.DatanetUpdated(datanetId, "bafkreinew", "CC-BY-SA-4.0", accepted);
        vm.prank(owner);
        datanets.updateDatanet(datanetId, "bafkreinew", "CC-BY-SA-4.0", accepted);
    }

    function test_updateDatanet_notOwner_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotOwner.selector, datanetId, stranger));
        vm.prank(stranger);
        datanets.updateDatanet(datanetId, "bafkreinew", "MIT", new string[](0));
    }

    function test_updateDatanet_curatorIsNotOwner_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotOwner.selector, datanetId, curator));
        vm.prank(curator);
        datanets.updateDatanet(datanetId, "bafkreinew", "MIT", new string[](0));
    }

    function test_updateDatanet_missingMetadataCid_reverts() public {
        vm.expectRevert(IDatanetRegistry.DatanetRegistryMissingMetadataCid.selector);
        vm.prank(owner);
        datanets.updateDatanet(datanetId, "", "MIT", new string[](0));
    }

    function test_updateDatanet_unknownDatanet_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(99)));
        vm.prank(owner);
        datanets.updateDatanet(99, "bafkreinew", "MIT", new string[](0));
    }

    // ------------------------------------------------------------------ transferDatanetOwnership

    function test_transferDatanetOwnership_movesControl_succeeds() public {
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.DatanetOwnershipTransferred(datanetId, owner, alice);
        vm.prank(owner);
        datanets.transferDatanetOwnership(datanetId, alice);

        assertEq(datanets.datanet(datanetId).owner, alice, "new owner");
        assertTrue(datanets.isCurator(datanetId, curator), "curators stay");

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotOwner.selector, datanetId, owner));
        vm.prank(owner);
        datanets.setCurator(datanetId, curator, false);

        vm.prank(alice);
        datanets.setCurator(datanetId, curator, false);
        assertFalse(datanets.isCurator(datanetId, curator), "the new owner removed the curator");
    }

    function test_transferDatanetOwnership_zeroAddress_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryInvalidOwner.selector, address(0)));
        vm.prank(owner);
        datanets.transferDatanetOwnership(datanetId, address(0));
    }

    function test_transferDatanetOwnership_notOwner_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotOwner.selector, datanetId, stranger));
        vm.prank(stranger);
        datanets.transferDatanetOwnership(datanetId, stranger);
    }

    function test_transferDatanetOwnership_unknownDatanet_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(7)));
        vm.prank(owner);
        datanets.transferDatanetOwnership(7, alice);
    }

    // ------------------------------------------------------------------ setCurator

    function test_setCurator_withMinimumStake_appoints_succeeds() public {
        stakeAs(carol, minCuratorStake);
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.CuratorSet(datanetId, carol, true);
        vm.prank(owner);
        datanets.setCurator(datanetId, carol, true);
        assertTrue(datanets.isCurator(datanetId, carol), "appointed");
    }

    function test_setCurator_stakeBelowMinimum_reverts() public {
        stakeAs(carol, minCuratorStake - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDatanetRegistry.DatanetRegistryCuratorStakeTooLow.selector, carol, minCuratorStake - 1, minCuratorStake
            )
        );
        vm.prank(owner);
        datanets.setCurator(datanetId, carol, true);
    }

    function test_setCurator_withoutStake_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryCuratorStakeTooLow.selector, carol, 0, minCuratorStake));
        vm.prank(owner);
        datanets.setCurator(datanetId, carol, true);
    }

    function test_setCurator_unbondingStakeDoesNotCount_reverts() public {
        stakeAs(carol, minCuratorStake + 1 ether);
        vm.prank(carol);
        staking.requestUnstake(2 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDatanetRegistry.DatanetRegistryCuratorStakeTooLow.selector, carol, minCuratorStake - 1 ether, minCuratorStake
            )
        );
        vm.prank(owner);
        datanets.setCurator(datanetId, carol, true);
    }

    function test_setCurator_removal_needsNoStake_succeeds() public {
        vm.prank(curator);
        staking.requestUnstake(minCuratorStake);
        assertEq(staking.stakeOf(curator), 0, "curator unstaked");

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.CuratorSet(datanetId, curator, false);
        vm.prank(owner);
        datanets.setCurator(datanetId, curator, false);
        assertFalse(datanets.isCurator(datanetId, curator), "removed");

        uint64 id = contributeAs(alice, datanetId, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotCurator.selector, datanetId, curator));
        vm.prank(curator);
        datanets.approve(datanetId, one(id), "bafkreimanifest");
    }

    function test_setCurator_notOwner_reverts() public {
        stakeAs(stranger, minCuratorStake);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotOwner.selector, datanetId, stranger));
        vm.prank(stranger);
        datanets.setCurator(datanetId, stranger, true);
    }

    function test_setCurator_curatorCannotAppointOthers_reverts() public {
        stakeAs(carol, minCuratorStake);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotOwner.selector, datanetId, curator));
        vm.prank(curator);
        datanets.setCurator(datanetId, carol, true);
    }

    function test_setCurator_unknownDatanet_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(5)));
        vm.prank(owner);
        datanets.setCurator(5, curator, true);
    }

    function test_setCurator_isPerDatanet_succeeds() public {
        uint64 other = createDatanetAs(owner);
        assertFalse(datanets.isCurator(other, curator), "not a curator of the other datanet");
        uint64 id = contributeAs(alice, other, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotCurator.selector, other, curator));
        vm.prank(curator);
        datanets.approve(other, one(id), "bafkreimanifest");
    }

    // ------------------------------------------------------------------ contribute

    function test_contribute_recordsPendingContributionAndHoldsBond_succeeds() public {
        vm.deal(alice, 1 ether);
        IDatanetRegistry.ContributionInput memory input = IDatanetRegistry.ContributionInput({
            contentCid: "bafkreirecords", contentHash: HASH_A, byteSize: 4_096, tokenCount: 1_000, recordCount: 12
        });
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSubmitted(
            1, datanetId, alice, "bafkreirecords", HASH_A, 4_096, 1_000, 12, bond
        );

        vm.prank(alice);
        uint64 id = datanets.contribute{value: bond}(datanetId, input);

        assertEq(id, 1, "ids start at 1");
        assertEq(datanets.contributionCount(), 1, "count");
        assertEq(address(datanets).balance, bond, "the registry holds the bond");
        assertEq(alice.balance, 1 ether - bond, "bond taken");
        IDatanetRegistry.Contribution memory c = datanets.contribution(id);
        assertEq(c.contributor, alice, "contributor");
        assertEq(c.datanetId, datanetId, "datanet");
        assertEq(c.acceptedSeq, 0, "not accepted yet");
        assertEq(c.contentHash, HASH_A, "hash");
        assertEq(c.bond, bond, "bond");
        assertEq(c.byteSize, 4_096, "size");
        assertEq(uint256(c.status), uint256(IDatanetRegistry.ContributionStatus.Pending), "pending");
        assertEq(c.decidedAt, 0, "undecided");
        assertEq(c.submittedAt, block.timestamp, "submitted now");
        assertEq(datanets.acceptedByHash(datanetId, HASH_A), 0, "not accepted");
    }

    function test_contribute_idsIncreaseAcrossDatanets_succeeds() public {
        uint64 other = createDatanetAs(bob);
        assertEq(contributeAs(alice, datanetId, 10), 1, "first");
        assertEq(contributeAs(alice, other, 10), 2, "ids are global");
        assertEq(contributeAs(bob, datanetId, 10), 3, "third");
        assertEq(address(datanets).balance, 3 * bond, "three bonds held");
    }

    function test_contribute_zeroBond_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryWrongBond.selector, bond, 0));
        vm.prank(alice);
        datanets.contribute(datanetId, contributionInput(HASH_A, 100));
    }

    function test_contribute_shortBond_reverts() public {
        vm.deal(alice, bond);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryWrongBond.selector, bond, bond - 1));
        vm.prank(alice);
        datanets.contribute{value: bond - 1}(datanetId, contributionInput(HASH_A, 100));
    }

    function test_contribute_overpaidBond_reverts() public {
        vm.deal(alice, 2 * bond);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryWrongBond.selector, bond, bond + 1));
        vm.prank(alice);
        datanets.contribute{value: bond + 1}(datanetId, contributionInput(HASH_A, 100));
    }

    function test_contribute_missingContentCid_reverts() public {
        IDatanetRegistry.ContributionInput memory input = contributionInput(HASH_A, 100);
        input.contentCid = "";
        vm.deal(alice, bond);
        vm.expectRevert(IDatanetRegistry.DatanetRegistryMissingContentCid.selector);
        vm.prank(alice);
        datanets.contribute{value: bond}(datanetId, input);
    }

    function test_contribute_missingContentHash_reverts() public {
        vm.deal(alice, bond);
        vm.expectRevert(IDatanetRegistry.DatanetRegistryMissingContentHash.selector);
        vm.prank(alice);
        datanets.contribute{value: bond}(datanetId, contributionInput(bytes32(0), 100));
    }

    function test_contribute_zeroBytes_reverts() public {
        vm.deal(alice, bond);
        vm.expectRevert(IDatanetRegistry.DatanetRegistryEmptyContribution.selector);
        vm.prank(alice);
        datanets.contribute{value: bond}(datanetId, contributionInput(HASH_A, 0));
    }

    function test_contribute_aboveByteCap_reverts() public {
        uint256 cap = params.maxContributionBytes();
        vm.deal(alice, bond);
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionTooLarge.selector, uint64(cap + 1), cap)
        );
        vm.prank(alice);
        datanets.contribute{value: bond}(datanetId, contributionInput(HASH_A, uint64(cap + 1)));
        assertEq(datanets.contributionCount(), 0, "nothing recorded");
    }

    function test_contribute_byteCapIsReadAtSubmission_succeeds() public {
        uint64 before = contributeAs(alice, datanetId, 4_096);
        vm.prank(address(timelock));
        params.setMaxContributionBytes(2_048);
        assertEq(datanets.contribution(before).byteSize, 4_096, "a lower cap leaves earlier contributions alone");
        approveAs(curator, datanetId, one(before));
        contributeAs(bob, datanetId, 2_048);
        vm.deal(bob, bond);
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionTooLarge.selector, uint64(4_096), 2_048)
        );
        vm.prank(bob);
        datanets.contribute{value: bond}(datanetId, contributionInput(HASH_B, 4_096));
    }

    function test_contribute_unknownDatanet_reverts() public {
        vm.deal(alice, bond);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(42)));
        vm.prank(alice);
        datanets.contribute{value: bond}(42, contributionInput(HASH_A, 100));
    }

    function test_contribute_contentAlreadyAccepted_reverts() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(original));

        vm.deal(bob, bond);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryDuplicateContent.selector, datanetId, HASH_A, original));
        vm.prank(bob);
        datanets.contribute{value: bond}(datanetId, contributionInput(HASH_A, 100));
    }

    function test_contribute_pendingCopiesAndOtherDatanets_succeeds() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 pendingCopy = contributeAs(bob, datanetId, HASH_A, 100);
        assertEq(pendingCopy, original + 1, "a pending copy may be submitted");

        approveAs(curator, datanetId, one(original));
        uint64 other = createDatanetAs(owner);
        uint64 elsewhere = contributeAs(bob, other, HASH_A, 100);
        assertEq(
            datanets.contribution(elsewhere).datanetId, other, "accepted content is only a duplicate in its datanet"
        );
    }

    function test_contribute_afterRejection_sameContentAllowed_succeeds() public {
        uint64 first = contributeAs(alice, datanetId, HASH_A, 100);
        rejectAs(curator, first, "spam");
        uint64 again = contributeAs(bob, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(again));
        assertEq(datanets.acceptedByHash(datanetId, HASH_A), again, "a rejection does not claim the hash");
    }

    // ------------------------------------------------------------------ approve: access

    function test_approve_notCurator_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotCurator.selector, datanetId, stranger));
        vm.prank(stranger);
        datanets.approve(datanetId, one(id), "bafkreimanifest");
    }

    function test_approve_ownerIsNotCurator_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotCurator.selector, datanetId, owner));
        vm.prank(owner);
        datanets.approve(datanetId, one(id), "bafkreimanifest");
    }

    function test_approve_curatorStakeFellBelowMinimum_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.prank(curator);
        staking.requestUnstake(1 ether);

        vm.expectRevert(
            abi.encodeWithSelector(
                IDatanetRegistry.DatanetRegistryCuratorStakeTooLow.selector, curator, minCuratorStake - 1 ether, minCuratorStake
            )
        );
        vm.prank(curator);
        datanets.approve(datanetId, one(id), "bafkreimanifest");

        vm.prank(curator);
        staking.cancelUnstake();
        approveAs(curator, datanetId, one(id));
        assertEq(
            uint256(datanets.contribution(id).status), uint256(IDatanetRegistry.ContributionStatus.Approved), "restaked"
        );
    }

    function test_approve_minimumRaisedByGovernance_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.prank(address(timelock));
        params.setMinCuratorStake(20 ether);

        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryCuratorStakeTooLow.selector, curator, minCuratorStake, 20 ether)
        );
        vm.prank(curator);
        datanets.approve(datanetId, one(id), "bafkreimanifest");
    }

    function test_approve_ownContribution_reverts() public {
        uint64 id = contributeAs(curator, datanetId, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryCuratorOwnContribution.selector, id));
        vm.prank(curator);
        datanets.approve(datanetId, one(id), "bafkreimanifest");
    }

    function test_approve_emptyBatch_reverts() public {
        vm.expectRevert(IDatanetRegistry.DatanetRegistryEmptyBatch.selector);
        vm.prank(curator);
        datanets.approve(datanetId, new uint64[](0), "bafkreimanifest");
    }

    function test_approve_unknownDatanet_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(9)));
        vm.prank(curator);
        datanets.approve(9, one(1), "bafkreimanifest");
    }

    // ------------------------------------------------------------------ approve: which contributions

    function test_approve_unknownContribution_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, uint64(999)));
        vm.prank(curator);
        datanets.approve(datanetId, one(999), "bafkreimanifest");
    }

    function test_approve_contributionOfAnotherDatanet_reverts() public {
        uint64 other = createDatanetAs(owner);
        uint64 id = contributeAs(alice, other, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotInDatanet.selector, id, datanetId));
        vm.prank(curator);
        datanets.approve(datanetId, one(id), "bafkreimanifest");
    }

    function test_approve_alreadyApproved_isSkipped_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        approveAs(curator, datanetId, one(id));
        bytes32 root = datanets.currentRoot(datanetId);

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(id, datanetId, curator, IDatanetRegistry.ContributionStatus.Approved);
        assertEq(approveAs(curator, datanetId, one(id)), 1, "returns the latest version");

        assertEq(datanets.datanet(datanetId).versionCount, 1, "no version for a batch of settled contributions");
        assertEq(datanets.datanet(datanetId).acceptedCount, 1, "accepted once");
        assertEq(datanets.currentRoot(datanetId), root, "tree unchanged");
        assertEq(datanets.contribution(id).acceptedSeq, 1, "first acceptance kept");
    }

    function test_approve_sameIdTwiceInBatch_approvesOnce_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionApproved(id, datanetId, curator, 1);
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(id, datanetId, curator, IDatanetRegistry.ContributionStatus.Approved);
        assertEq(approveAs(curator, datanetId, ids(id, id)), 1, "version 1");

        IDatanetRegistry.Version memory v = datanets.version(datanetId, 1);
        assertEq(v.acceptedCount, 1, "one leaf");
        assertEq(v.acceptedBytes, 100, "bytes counted once");
        assertEq(v.root, NaiveMerkleTree.root(leavesOf(one(id))), "root of the single leaf");
    }

    function test_approve_rejected_isSkipped_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        uint64 other = contributeAs(bob, datanetId, 200);
        rejectAs(curator, id, "off topic");

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(id, datanetId, curator, IDatanetRegistry.ContributionStatus.Rejected);
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionApproved(other, datanetId, curator, 1);
        assertEq(approveAs(curator, datanetId, ids(id, other)), 1, "the rest of the batch is published");

        assertEq(
            uint256(datanets.contribution(id).status), uint256(IDatanetRegistry.ContributionStatus.Rejected), "still rejected"
        );
        assertEq(datanets.contribution(id).acceptedSeq, 0, "never accepted");
        assertEq(datanets.version(datanetId, 1).acceptedBytes, 200, "only the pending one counted");
    }

    function test_approve_provenDuplicate_isSkipped_succeeds() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(original));
        proveAs(prover, copy, original);

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(copy, datanetId, curator, IDatanetRegistry.ContributionStatus.Duplicate);
        assertEq(approveAs(curator, datanetId, one(copy)), 1, "no new version");
        assertEq(
            uint256(datanets.contribution(copy).status), uint256(IDatanetRegistry.ContributionStatus.Duplicate), "still a duplicate"
        );
    }

    function test_approve_onlySkippedContributions_publishesNothing_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        rejectAs(curator, id, "no");
        vm.recordLogs();
        assertEq(approveAs(curator, datanetId, one(id)), 0, "no version yet, none published");
        assertEq(vm.getRecordedLogs().length, 1, "only the ContributionSkipped event");
        assertEq(datanets.datanet(datanetId).versionCount, 0, "no version");
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownVersion.selector, datanetId, uint32(1)));
        datanets.version(datanetId, 1);
    }

    function test_approve_skippedOwnContribution_isSkippedNotRefused_succeeds() public {
        // Settled contributions are passed over before the own-contribution check: nothing is decided for them.
        uint64 own = contributeAs(curator, datanetId, 100);
        stakeAs(carol, minCuratorStake);
        vm.prank(owner);
        datanets.setCurator(datanetId, carol, true);
        vm.prank(carol);
        datanets.reject(datanetId, one(own), "no");

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(own, datanetId, curator, IDatanetRegistry.ContributionStatus.Rejected);
        approveAs(curator, datanetId, one(own));
    }

    function test_approve_twoCopiesInOneBatch_reverts() public {
        uint64 first = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 second = contributeAs(bob, datanetId, HASH_A, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryDuplicateContent.selector, datanetId, HASH_A, first));
        vm.prank(curator);
        datanets.approve(datanetId, ids(first, second), "bafkreimanifest");

        assertEq(datanets.datanet(datanetId).versionCount, 0, "the whole batch reverted");
        assertEq(datanets.acceptedByHash(datanetId, HASH_A), 0, "nothing accepted");
        assertEq(
            uint256(datanets.contribution(first).status),
            uint256(IDatanetRegistry.ContributionStatus.Pending),
            "pending"
        );
    }

    function test_approve_copyOfContentAcceptedEarlier_reverts() public {
        uint64 first = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 second = contributeAs(bob, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(first));
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryDuplicateContent.selector, datanetId, HASH_A, first));
        vm.prank(curator);
        datanets.approve(datanetId, one(second), "bafkreimanifest");
    }

    // ------------------------------------------------------------------ approve: versions and roots

    function test_approve_assignsAcceptedSeqInBatchOrder_succeeds() public {
        uint64 a = contributeAs(alice, datanetId, 100);
        uint64 b = contributeAs(bob, datanetId, 200);
        uint64 c = contributeAs(carol, datanetId, 300);
        uint64 d = contributeAs(alice, datanetId, 400);

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionApproved(c, datanetId, curator, 1);
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionApproved(a, datanetId, curator, 2);
        approveAs(curator, datanetId, ids(c, a));

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionApproved(d, datanetId, curator, 3);
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionApproved(b, datanetId, curator, 4);
        approveAs(curator, datanetId, ids(d, b));

        assertEq(datanets.contribution(c).acceptedSeq, 1, "c first");
        assertEq(datanets.contribution(a).acceptedSeq, 2, "a second");
        assertEq(datanets.contribution(d).acceptedSeq, 3, "d third");
        assertEq(datanets.contribution(b).acceptedSeq, 4, "b fourth");
        IDatanetRegistry.Contribution memory approved = datanets.contribution(a);
        assertEq(uint256(approved.status), uint256(IDatanetRegistry.ContributionStatus.Approved), "approved");
        assertEq(approved.decidedAt, block.timestamp, "decided now");
        assertEq(approved.bond, bond, "bond still held");
        assertEq(datanets.acceptedByHash(datanetId, approved.contentHash), a, "hash now accepted");
    }

    function test_approve_eachBatchPublishesNextVersion_succeeds() public {
        uint64 a = contributeAs(alice, datanetId, 100);
        uint64 b = contributeAs(bob, datanetId, 250);
        uint64 c = contributeAs(carol, datanetId, 4_000);

        uint64[] memory firstBatch = ids(a, b);
        bytes32 firstRoot = NaiveMerkleTree.root(leavesOf(firstBatch));
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.VersionPublished(datanetId, 1, firstRoot, 2, 350, "bafkreimanifest");
        assertEq(approveAs(curator, datanetId, firstBatch), 1, "version 1");
        uint256 firstPublished = block.timestamp;

        vm.warp(block.timestamp + 1 hours);
        bytes32 secondRoot = NaiveMerkleTree.root(leavesOf(ids(a, b, c)));
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.VersionPublished(datanetId, 2, secondRoot, 3, 4_350, "bafkreimanifest-2");
        vm.prank(curator);
        assertEq(datanets.approve(datanetId, one(c), "bafkreimanifest-2"), 2, "version 2");

        IDatanetRegistry.Version memory v1 = datanets.version(datanetId, 1);
        assertEq(v1.root, firstRoot, "v1 root kept");
        assertEq(v1.acceptedCount, 2, "v1 count");
        assertEq(v1.acceptedBytes, 350, "v1 bytes");
        assertEq(v1.publishedAt, firstPublished, "v1 time");
        IDatanetRegistry.Version memory v2 = datanets.version(datanetId, 2);
        assertEq(v2.root, secondRoot, "v2 root");
        assertEq(v2.acceptedCount, 3, "v2 count");
        assertEq(v2.acceptedBytes, 4_350, "v2 bytes");
        assertEq(v2.publishedAt, block.timestamp, "v2 time");

        IDatanetRegistry.DatanetInfo memory info = datanets.datanet(datanetId);
        assertEq(info.versionCount, 2, "versions");
        assertEq(info.acceptedCount, 3, "accepted");
        assertEq(info.acceptedBytes, 4_350, "bytes");
        assertEq(info.owner, owner, "owner untouched");
        assertEq(datanets.currentRoot(datanetId), secondRoot, "current root is the latest version's");
        assertTrue(firstRoot != secondRoot, "roots differ");
    }

    function test_approve_rootsMatchNaiveTreeOverManyBatches_succeeds() public {
        uint64[] memory accepted = new uint64[](0);
        uint256 totalBytes;
        for (uint32 batch = 1; batch <= 6; ++batch) {
            uint64[] memory batchIds = new uint64[](batch);
            for (uint256 i = 0; i < batch; ++i) {
                uint64 size = uint64(batch * 1_000 + i);
                batchIds[i] = contributeAs(i % 2 == 0 ? alice : bob, datanetId, size);
                totalBytes += size;
            }
            assertEq(approveAs(curator, datanetId, batchIds), batch, "version number");
            accepted = concat(accepted, batchIds);

            IDatanetRegistry.Version memory v = datanets.version(datanetId, batch);
            assertEq(v.root, NaiveMerkleTree.root(leavesOf(accepted)), "root equals the naive tree");
            assertEq(v.acceptedCount, accepted.length, "count");
            assertEq(v.acceptedBytes, totalBytes, "bytes");
        }
        assertEq(accepted.length, 21, "1 + 2 + ... + 6");
    }

    function test_leafOf_isTheStandardLeafOfTheStoredFields_succeeds() public {
        uint64 pending = contributeAs(alice, datanetId, HASH_A, 1_234);
        assertEq(datanets.leafOf(pending), expectedLeaf(pending), "leaf of a pending contribution");
        approveAs(curator, datanetId, one(pending));
        assertEq(
            datanets.leafOf(pending),
            keccak256(bytes.concat(keccak256(abi.encode(pending, alice, HASH_A, uint64(1_234))))),
            "leaf from the submitted values"
        );
    }

    function test_approve_versionRootProvesEachAcceptedLeaf_succeeds() public {
        uint64[] memory batch = new uint64[](5);
        for (uint256 i = 0; i < batch.length; ++i) {
            batch[i] = contributeAs(i % 2 == 0 ? alice : bob, datanetId, uint64(100 + i));
        }
        approveAs(curator, datanetId, batch);
        bytes32 root = datanets.version(datanetId, 1).root;
        bytes32[] memory leaves = leavesOf(batch);
        bytes32[][] memory levels = NaiveMerkleTree.build(leaves);

        for (uint256 i = 0; i < batch.length; ++i) {
            assertEq(leaves[i], expectedLeaf(batch[i]), "leafOf is the standard leaf");
            // The leaf's position in the tree is its acceptedSeq - 1.
            uint256 position = datanets.contribution(batch[i]).acceptedSeq - 1;
            assertTrue(MerkleProof.verify(NaiveMerkleTree.proof(levels, position), root, leaves[i]), "proven");
        }
        uint64 outsider = contributeAs(carol, datanetId, 100);
        assertFalse(
            MerkleProof.verify(NaiveMerkleTree.proof(levels, 0), root, datanets.leafOf(outsider)), "not in the version"
        );
    }

    function test_approve_datanetsKeepSeparateTrees_succeeds() public {
        uint64 other = createDatanetAs(owner);
        appointCurator(other, curator);
        uint64 here = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 there = contributeAs(alice, other, HASH_A, 100);
        approveAs(curator, datanetId, one(here));
        approveAs(curator, other, one(there));

        assertEq(datanets.contribution(there).acceptedSeq, 1, "sequence is per datanet");
        assertEq(datanets.version(other, 1).root, NaiveMerkleTree.root(leavesOf(one(there))), "own tree");
        assertEq(datanets.acceptedByHash(other, HASH_A), there, "accepted in the other datanet");
        assertEq(datanets.acceptedByHash(datanetId, HASH_A), here, "and here");
    }

    // ------------------------------------------------------------------ reject

    function test_reject_sendsBondsToTreasury_succeeds() public {
        uint64 a = contributeAs(alice, datanetId, 100);
        uint64 b = contributeAs(bob, datanetId, 100);
        uint256 treasuryBefore = treasury.balance;

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionRejected(a, datanetId, curator, bond, "low quality");
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionRejected(b, datanetId, curator, bond, "low quality");
        vm.prank(curator);
        datanets.reject(datanetId, ids(a, b), "low quality");

        assertEq(treasury.balance - treasuryBefore, 2 * bond, "both bonds slashed to the Timelock");
        assertEq(address(datanets).balance, 0, "the registry keeps nothing");
        IDatanetRegistry.Contribution memory c = datanets.contribution(a);
        assertEq(uint256(c.status), uint256(IDatanetRegistry.ContributionStatus.Rejected), "rejected");
        assertEq(c.bond, 0, "bond gone");
        assertEq(c.decidedAt, block.timestamp, "decided now");
        assertEq(c.acceptedSeq, 0, "never accepted");
        assertEq(datanets.datanet(datanetId).versionCount, 0, "a rejection publishes nothing");
    }

    function test_reject_notCurator_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotCurator.selector, datanetId, stranger));
        vm.prank(stranger);
        datanets.reject(datanetId, one(id), "no");
    }

    function test_reject_curatorStakeTooLow_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.prank(curator);
        staking.requestUnstake(minCuratorStake);
        vm.expectRevert(
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryCuratorStakeTooLow.selector, curator, 0, minCuratorStake)
        );
        vm.prank(curator);
        datanets.reject(datanetId, one(id), "no");
    }

    function test_reject_emptyBatch_reverts() public {
        vm.expectRevert(IDatanetRegistry.DatanetRegistryEmptyBatch.selector);
        vm.prank(curator);
        datanets.reject(datanetId, new uint64[](0), "no");
    }

    function test_reject_ownContribution_reverts() public {
        uint64 id = contributeAs(curator, datanetId, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryCuratorOwnContribution.selector, id));
        vm.prank(curator);
        datanets.reject(datanetId, one(id), "no");
    }

    function test_reject_approvedContribution_isSkipped_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        approveAs(curator, datanetId, one(id));
        uint256 treasuryBefore = treasury.balance;

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(id, datanetId, curator, IDatanetRegistry.ContributionStatus.Approved);
        rejectAs(curator, id, "changed my mind");

        IDatanetRegistry.Contribution memory c = datanets.contribution(id);
        assertEq(uint256(c.status), uint256(IDatanetRegistry.ContributionStatus.Approved), "still approved");
        assertEq(c.bond, bond, "bond still held for release");
        assertEq(treasury.balance, treasuryBefore, "nothing slashed");
    }

    function test_reject_twiceInOneBatch_slashesOnce_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        uint256 treasuryBefore = treasury.balance;
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionRejected(id, datanetId, curator, bond, "double");
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(id, datanetId, curator, IDatanetRegistry.ContributionStatus.Rejected);
        vm.prank(curator);
        datanets.reject(datanetId, ids(id, id), "double");
        assertEq(treasury.balance - treasuryBefore, bond, "one bond slashed");
    }

    function test_reject_contributionOfAnotherDatanet_reverts() public {
        uint64 other = createDatanetAs(owner);
        uint64 id = contributeAs(alice, other, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotInDatanet.selector, id, datanetId));
        vm.prank(curator);
        datanets.reject(datanetId, one(id), "no");
    }

    function test_reject_unknownContribution_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, uint64(77)));
        vm.prank(curator);
        datanets.reject(datanetId, one(77), "no");
    }

    // ------------------------------------------------------------------ proveDuplicate

    function test_proveDuplicate_paysBountyAndSlashesRest_succeeds() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(original));
        uint256 treasuryBefore = treasury.balance;
        uint256 bounty = bond * params.duplicateBountyBps() / 10_000;
        assertEq(bounty, 0.02 ether, "20% of 0.1 OPEN");

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.DuplicateProven(copy, original, prover, bounty, bond - bounty);
        proveAs(prover, copy, original);

        assertEq(datanets.claimable(prover), bounty, "bounty credited, not pushed");
        assertEq(prover.balance, 0, "nothing sent yet");
        assertEq(treasury.balance - treasuryBefore, bond - bounty, "rest to the treasury");
        assertEq(address(datanets).balance, bond + bounty, "original's bond and the bounty stay");
        IDatanetRegistry.Contribution memory c = datanets.contribution(copy);
        assertEq(uint256(c.status), uint256(IDatanetRegistry.ContributionStatus.Duplicate), "duplicate");
        assertEq(c.bond, 0, "bond gone");
        assertEq(c.decidedAt, block.timestamp, "decided now");
    }

    function test_proveDuplicate_bountyFollowsGovernedShare_succeeds() public {
        vm.prank(address(timelock));
        params.setDuplicateBounty(5_000);
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(original));

        proveAs(prover, copy, original);
        assertEq(datanets.claimable(prover), bond / 2, "half of the bond");
    }

    function test_proveDuplicate_zeroBounty_allToTreasury_succeeds() public {
        vm.prank(address(timelock));
        params.setDuplicateBounty(0);
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(original));
        uint256 treasuryBefore = treasury.balance;

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.DuplicateProven(copy, original, prover, 0, bond);
        proveAs(prover, copy, original);
        assertEq(datanets.claimable(prover), 0, "no bounty");
        assertEq(treasury.balance - treasuryBefore, bond, "whole bond to the treasury");
    }

    function test_proveDuplicate_pendingOriginal_succeeds() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.DuplicateProven(copy, original, prover, 0.02 ether, 0.08 ether);
        proveAs(prover, copy, original);
        assertEq(
            uint256(datanets.contribution(original).status), uint256(IDatanetRegistry.ContributionStatus.Pending), "original untouched"
        );
        approveAs(curator, datanetId, one(original));
        assertEq(datanets.acceptedByHash(datanetId, HASH_A), original, "the original is accepted later");
    }

    function test_proveDuplicate_laterOriginal_reverts() public {
        uint64 first = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 second = contributeAs(bob, datanetId, HASH_A, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, first, second));
        proveAs(prover, first, second);
    }

    function test_proveDuplicate_withdrawnOriginal_reverts() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        vm.warp(block.timestamp + reviewTimeout);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        vm.prank(alice);
        datanets.withdrawContribution(original);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, copy, original));
        proveAs(prover, copy, original);
    }

    function test_proveDuplicate_duplicateOriginal_reverts() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        uint64 copyOfCopy = contributeAs(carol, datanetId, HASH_A, 100);
        proveAs(prover, copy, original);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, copyOfCopy, copy));
        proveAs(prover, copyOfCopy, copy);
        proveAs(prover, copyOfCopy, original); // named against the live original it is proven
    }

    function test_proveDuplicate_byItsContributor_noBounty_succeeds() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        uint256 treasuryBefore = treasury.balance;
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.DuplicateProven(copy, original, bob, 0, bond);
        proveAs(bob, copy, original);
        assertEq(datanets.claimable(bob), 0, "no bounty for one's own copy");
        assertEq(treasury.balance - treasuryBefore, bond, "the whole bond, as a rejection would");
    }

    function test_proveDuplicate_originalRejected_reverts() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        rejectAs(curator, original, "no");
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, copy, original));
        proveAs(prover, copy, original);
    }

    function test_proveDuplicate_differentDatanet_reverts() public {
        uint64 other = createDatanetAs(owner);
        appointCurator(other, curator);
        uint64 original = contributeAs(alice, other, HASH_A, 100);
        approveAs(curator, other, one(original));
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, copy, original));
        proveAs(prover, copy, original);
    }

    function test_proveDuplicate_differentHash_reverts() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 other = contributeAs(bob, datanetId, HASH_B, 100);
        approveAs(curator, datanetId, one(original));
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, other, original));
        proveAs(prover, other, original);
    }

    function test_proveDuplicate_duplicateNotPending_reverts() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        uint64 rejectedCopy = contributeAs(carol, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(original));
        rejectAs(curator, rejectedCopy, "copy");
        proveAs(prover, copy, original);

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, copy, original));
        proveAs(prover, copy, original); // already proven: paid once
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, rejectedCopy, original));
        proveAs(prover, rejectedCopy, original);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, original, original));
        proveAs(prover, original, original);
        assertEq(datanets.claimable(prover), bond * 2_000 / 10_000, "one bounty");
    }

    function test_proveDuplicate_unknownIds_reverts() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(original));
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, uint64(50), original));
        proveAs(prover, 50, original);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, copy, uint64(50)));
        proveAs(prover, copy, 50);
    }

    // ------------------------------------------------------------------ withdrawContribution

    function test_withdrawContribution_afterReviewTimeout_creditsBond_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, HASH_A, 100);
        vm.warp(block.timestamp + reviewTimeout);

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionWithdrawn(id, datanetId, alice, bond);
        vm.prank(alice);
        datanets.withdrawContribution(id);

        IDatanetRegistry.Contribution memory c = datanets.contribution(id);
        assertEq(uint256(c.status), uint256(IDatanetRegistry.ContributionStatus.Withdrawn), "withdrawn");
        assertEq(c.bond, 0, "bond no longer held");
        assertEq(c.decidedAt, block.timestamp, "settled now");
        assertEq(c.acceptedSeq, 0, "never accepted");
        assertEq(datanets.claimable(alice), bond, "bond credited, not pushed");
        vm.prank(alice);
        assertEq(datanets.claim(), bond, "and claimed");
        assertEq(address(datanets).balance, 0, "nothing left behind");
    }

    function test_withdrawContribution_beforeReviewTimeout_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        uint256 withdrawableAt = block.timestamp + reviewTimeout;
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryWithdrawalTooEarly.selector, id, withdrawableAt));
        vm.prank(alice);
        datanets.withdrawContribution(id);

        vm.warp(withdrawableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryWithdrawalTooEarly.selector, id, withdrawableAt));
        vm.prank(alice);
        datanets.withdrawContribution(id);

        vm.warp(withdrawableAt);
        vm.prank(alice);
        datanets.withdrawContribution(id);
    }

    function test_withdrawContribution_timeoutIsReadAtWithdrawal_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.prank(address(timelock));
        params.setReviewTimeout(1 hours);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(alice);
        datanets.withdrawContribution(id);
        assertEq(datanets.claimable(alice), bond, "a shorter timeout applies to pending contributions");
    }

    function test_withdrawContribution_notContributor_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.warp(block.timestamp + reviewTimeout);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotContributor.selector, id, bob));
        vm.prank(bob);
        datanets.withdrawContribution(id);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotContributor.selector, id, curator));
        vm.prank(curator);
        datanets.withdrawContribution(id);
    }

    function test_withdrawContribution_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, uint64(9)));
        vm.prank(alice);
        datanets.withdrawContribution(9);
    }

    function test_withdrawContribution_settled_reverts() public {
        uint64 approved = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 rejected = contributeAs(alice, datanetId, HASH_B, 100);
        uint64 copy = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 withdrawn = contributeAs(alice, datanetId, HASH_C, 100);
        approveAs(curator, datanetId, one(approved));
        rejectAs(curator, rejected, "no");
        proveAs(prover, copy, approved);
        vm.warp(block.timestamp + reviewTimeout);
        vm.prank(alice);
        datanets.withdrawContribution(withdrawn);

        uint64[4] memory settled = [approved, rejected, copy, withdrawn];
        IDatanetRegistry.ContributionStatus[4] memory statuses = [
            IDatanetRegistry.ContributionStatus.Approved,
            IDatanetRegistry.ContributionStatus.Rejected,
            IDatanetRegistry.ContributionStatus.Duplicate,
            IDatanetRegistry.ContributionStatus.Withdrawn
        ];
        for (uint256 i = 0; i < settled.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotPending.selector, settled[i], statuses[i])
            );
            vm.prank(alice);
            datanets.withdrawContribution(settled[i]);
        }
        assertEq(datanets.claimable(alice), bond, "only the withdrawn bond credited");
    }

    function test_withdrawContribution_curatorsMayDecideUntilWithdrawn_succeeds() public {
        uint64 late = contributeAs(alice, datanetId, 100);
        vm.warp(block.timestamp + reviewTimeout + 30 days);
        approveAs(curator, datanetId, one(late));
        assertEq(
            uint256(datanets.contribution(late).status), uint256(IDatanetRegistry.ContributionStatus.Approved), "decided late"
        );
    }

    function test_withdrawContribution_thenSameContentAgain_succeeds() public {
        uint64 first = contributeAs(alice, datanetId, HASH_A, 100);
        vm.warp(block.timestamp + reviewTimeout);
        vm.prank(alice);
        datanets.withdrawContribution(first);
        uint64 again = contributeAs(alice, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(again));
        assertEq(datanets.acceptedByHash(datanetId, HASH_A), again, "a withdrawal claims no hash");
    }

    function test_withdrawContribution_withdrawnIsSkippedByBatches_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.warp(block.timestamp + reviewTimeout);
        vm.prank(alice);
        datanets.withdrawContribution(id);

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(id, datanetId, curator, IDatanetRegistry.ContributionStatus.Withdrawn);
        approveAs(curator, datanetId, one(id));
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.ContributionSkipped(id, datanetId, curator, IDatanetRegistry.ContributionStatus.Withdrawn);
        rejectAs(curator, id, "late");
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotApproved.selector, id));
        datanets.releaseBonds(one(id));
        assertEq(datanets.claimable(alice), bond, "credited once");
    }

    // ------------------------------------------------------------------ releaseBonds

    function test_releaseBonds_beforeDelay_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        approveAs(curator, datanetId, one(id));
        uint256 releasableAt = block.timestamp + releaseDelay;

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryBondLocked.selector, id, releasableAt));
        datanets.releaseBonds(one(id));

        vm.warp(releasableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryBondLocked.selector, id, releasableAt));
        datanets.releaseBonds(one(id));
    }

    function test_releaseBonds_afterDelay_creditsContributor_succeeds() public {
        uint64 a = contributeAs(alice, datanetId, 100);
        uint64 b = contributeAs(bob, datanetId, 100);
        approveAs(curator, datanetId, ids(a, b));
        vm.warp(block.timestamp + releaseDelay);

        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.BondReleased(a, alice, bond);
        vm.expectEmit(address(datanets));
        emit IDatanetRegistry.BondReleased(b, bob, bond);
        vm.prank(stranger); // anyone may release
        datanets.releaseBonds(ids(a, b));

        assertEq(datanets.claimable(alice), bond, "alice credited");
        assertEq(datanets.claimable(bob), bond, "bob credited");
        assertEq(alice.balance, 0, "pull payment: nothing sent");
        assertEq(datanets.contribution(a).bond, 0, "bond released");
        assertEq(
            uint256(datanets.contribution(a).status),
            uint256(IDatanetRegistry.ContributionStatus.Approved),
            "still approved"
        );
    }

    function test_releaseBonds_oneLockedInBatch_revertsWholeBatch_reverts() public {
        uint64 early = contributeAs(alice, datanetId, 100);
        approveAs(curator, datanetId, one(early));
        vm.warp(block.timestamp + 1 days);
        uint64 late = contributeAs(bob, datanetId, 100);
        approveAs(curator, datanetId, one(late));
        uint256 lateReleasableAt = block.timestamp + releaseDelay;
        vm.warp(block.timestamp + releaseDelay - 1 days);

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryBondLocked.selector, late, lateReleasableAt));
        datanets.releaseBonds(ids(early, late));
        assertEq(datanets.claimable(alice), 0, "nothing released");

        datanets.releaseBonds(one(early));
        assertEq(datanets.claimable(alice), bond, "the early bond alone");
    }

    function test_releaseBonds_twice_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        approveAs(curator, datanetId, one(id));
        vm.warp(block.timestamp + releaseDelay);
        datanets.releaseBonds(one(id));

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryBondAlreadyReleased.selector, id));
        datanets.releaseBonds(one(id));
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryBondAlreadyReleased.selector, id));
        datanets.releaseBonds(ids(id, id));
        assertEq(datanets.claimable(alice), bond, "credited once");
    }

    function test_releaseBonds_pending_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        vm.warp(block.timestamp + releaseDelay);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotApproved.selector, id));
        datanets.releaseBonds(one(id));
    }

    function test_releaseBonds_rejected_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        rejectAs(curator, id, "no");
        vm.warp(block.timestamp + releaseDelay);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotApproved.selector, id));
        datanets.releaseBonds(one(id));
    }

    function test_releaseBonds_duplicate_reverts() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(original));
        proveAs(prover, copy, original);
        vm.warp(block.timestamp + releaseDelay);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotApproved.selector, copy));
        datanets.releaseBonds(one(copy));
    }

    function test_releaseBonds_unknownContribution_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotApproved.selector, uint64(404)));
        datanets.releaseBonds(one(404));
    }

    function test_releaseBonds_emptyBatch_reverts() public {
        vm.expectRevert(IDatanetRegistry.DatanetRegistryEmptyBatch.selector);
        datanets.releaseBonds(new uint64[](0));
    }

    function test_releaseBonds_delayIsReadAtRelease_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        approveAs(curator, datanetId, one(id));
        vm.prank(address(timelock));
        params.setBondReleaseDelay(0);
        datanets.releaseBonds(one(id));
        assertEq(datanets.claimable(alice), bond, "released at once under a zero delay");
    }

    // ------------------------------------------------------------------ claim

    function releasedBondOf(address contributor) internal returns (uint64 id) {
        id = contributeAs(contributor, datanetId, 100);
        approveAs(curator, datanetId, one(id));
        vm.warp(block.timestamp + releaseDelay);
        datanets.releaseBonds(one(id));
    }

    function test_claim_releasedBond_paysContributor_succeeds() public {
        releasedBondOf(alice);
        vm.expectEmit(address(datanets));
        emit IClaims.Claimed(alice, alice, bond);
        vm.prank(alice);
        assertEq(datanets.claim(), bond, "amount");

        assertEq(alice.balance, bond, "bond back");
        assertEq(datanets.claimable(alice), 0, "nothing left");
        assertEq(address(datanets).balance, 0, "registry empty");
    }

    function test_claimTo_sendsToReceiver_succeeds() public {
        releasedBondOf(alice);
        vm.expectEmit(address(datanets));
        emit IClaims.Claimed(alice, carol, bond);
        vm.prank(alice);
        assertEq(datanets.claimTo(carol), bond, "amount");
        assertEq(carol.balance, bond, "carol paid");
        assertEq(alice.balance, 0, "alice not paid");
        assertEq(datanets.claimable(alice), 0, "credit used");
    }

    function test_claimTo_zeroAddress_reverts() public {
        releasedBondOf(alice);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsInvalidReceiver.selector, address(0)));
        vm.prank(alice);
        datanets.claimTo(address(0));
    }

    function test_claim_bountyAndBondTogether_succeeds() public {
        uint64 original = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        approveAs(curator, datanetId, one(original));
        proveAs(alice, copy, original); // the original's contributor may prove the copy
        vm.warp(block.timestamp + releaseDelay);
        datanets.releaseBonds(one(original));

        vm.prank(alice);
        assertEq(datanets.claim(), bond + 0.02 ether, "bond and bounty in one claim");
        assertEq(address(datanets).balance, 0, "every wei accounted for");
    }

    function test_claim_nothingOwed_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, alice));
        vm.prank(alice);
        datanets.claim();
    }

    function test_claim_twice_reverts() public {
        releasedBondOf(alice);
        vm.prank(alice);
        datanets.claim();
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, alice));
        vm.prank(alice);
        datanets.claim();
    }

    function test_claim_approvedButUnreleased_reverts() public {
        uint64 id = contributeAs(alice, datanetId, 100);
        approveAs(curator, datanetId, one(id));
        vm.warp(block.timestamp + releaseDelay);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, alice));
        vm.prank(alice);
        datanets.claim();
    }

    function test_claim_rejectedOrDuplicateBondIsNeverClaimable_reverts() public {
        uint64 rejected = contributeAs(alice, datanetId, HASH_B, 100);
        uint64 original = contributeAs(carol, datanetId, HASH_A, 100);
        uint64 copy = contributeAs(bob, datanetId, HASH_A, 100);
        rejectAs(curator, rejected, "no");
        approveAs(curator, datanetId, one(original));
        proveAs(prover, copy, original);
        vm.warp(block.timestamp + 365 days);

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotApproved.selector, rejected));
        datanets.releaseBonds(one(rejected));
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotApproved.selector, copy));
        datanets.releaseBonds(one(copy));
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, alice));
        vm.prank(alice);
        datanets.claim();
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, bob));
        vm.prank(bob);
        datanets.claim();
    }

    function test_claim_rejectingReceiver_keepsCredit_reverts() public {
        RejectingReceiver refuser = new RejectingReceiver(openVotes);
        releasedBondOf(address(refuser));

        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsTransferFailed.selector, address(refuser), bond));
        vm.prank(address(refuser));
        datanets.claim();
        assertEq(datanets.claimable(address(refuser)), bond, "credit kept");

        // The credit can still be taken, to an address that accepts OPEN.
        vm.prank(address(refuser));
        datanets.claimTo(carol);
        assertEq(carol.balance, bond, "paid elsewhere");
    }

    function test_claimTo_rejectingReceiver_keepsCredit_reverts() public {
        RejectingReceiver refuser = new RejectingReceiver(openVotes);
        releasedBondOf(alice);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsTransferFailed.selector, address(refuser), bond));
        vm.prank(alice);
        datanets.claimTo(address(refuser));
        assertEq(datanets.claimable(alice), bond, "credit kept");
        assertEq(address(datanets).balance, bond, "OPEN kept");
    }

    // ------------------------------------------------------------------ views

    function test_datanet_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(0)));
        datanets.datanet(0);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(2)));
        datanets.datanet(2);
    }

    function test_version_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownVersion.selector, datanetId, uint32(0)));
        datanets.version(datanetId, 0);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownVersion.selector, datanetId, uint32(1)));
        datanets.version(datanetId, 1);

        approveAs(curator, datanetId, one(contributeAs(alice, datanetId, 100)));
        datanets.version(datanetId, 1);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownVersion.selector, datanetId, uint32(2)));
        datanets.version(datanetId, 2);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownVersion.selector, datanetId, uint32(0)));
        datanets.version(datanetId, 0);
    }

    function test_version_unknownDatanet_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(3)));
        datanets.version(3, 1);
    }

    function test_currentRoot_tracksApprovals_succeeds() public {
        assertEq(datanets.currentRoot(datanetId), NaiveMerkleTree.zeroRoot(32), "empty");
        uint64 id = contributeAs(alice, datanetId, 100);
        assertEq(datanets.currentRoot(datanetId), NaiveMerkleTree.zeroRoot(32), "a pending contribution is not in it");
        approveAs(curator, datanetId, one(id));
        assertEq(datanets.currentRoot(datanetId), NaiveMerkleTree.root(leavesOf(one(id))), "after approval");

        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(8)));
        datanets.currentRoot(8);
    }

    function test_isCurator_unknownDatanetOrAccount_isFalse_succeeds() public view {
        assertTrue(datanets.isCurator(datanetId, curator), "curator");
        assertFalse(datanets.isCurator(datanetId, owner), "the owner is not a curator by default");
        assertFalse(datanets.isCurator(99, curator), "unknown datanet");
    }

    function test_contribution_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, uint64(0)));
        datanets.contribution(0);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, uint64(1)));
        datanets.contribution(1);
    }

    function test_leafOf_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, uint64(3)));
        datanets.leafOf(3);
    }

    function test_paymentInfo_returnsContributorDatanetAndSeq_succeeds() public {
        uint64 a = contributeAs(alice, datanetId, 100);
        uint64 b = contributeAs(bob, datanetId, 100);
        approveAs(curator, datanetId, one(b));

        IDatanetRegistry.PaymentInfo[] memory infos = datanets.paymentInfo(ids(b, a, b));
        assertEq(infos.length, 3, "one per id");
        assertEq(infos[0].contributor, bob, "b contributor");
        assertEq(infos[0].datanetId, datanetId, "b datanet");
        assertEq(infos[0].acceptedSeq, 1, "b accepted first");
        assertEq(infos[1].contributor, alice, "a contributor");
        assertEq(infos[1].acceptedSeq, 0, "a pending");
        assertEq(infos[2].contributor, bob, "repeated ids are answered again");
        assertEq(datanets.paymentInfo(new uint64[](0)).length, 0, "empty list");
    }

    function test_paymentInfo_unknownContribution_reverts() public {
        uint64 a = contributeAs(alice, datanetId, 100);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, uint64(12)));
        datanets.paymentInfo(ids(a, 12));
    }

    function test_acceptedByHash_onlyForApprovedInItsDatanet_succeeds() public {
        uint64 id = contributeAs(alice, datanetId, HASH_C, 100);
        assertEq(datanets.acceptedByHash(datanetId, HASH_C), 0, "pending");
        approveAs(curator, datanetId, one(id));
        assertEq(datanets.acceptedByHash(datanetId, HASH_C), id, "approved");
        assertEq(datanets.acceptedByHash(datanetId, HASH_B), 0, "other content");
        assertEq(datanets.acceptedByHash(77, HASH_C), 0, "other datanet");
    }

    function test_counts_trackCreations_succeeds() public {
        assertEq(datanets.datanetCount(), 1, "one datanet");
        assertEq(datanets.contributionCount(), 0, "no contributions");
        createDatanetAs(alice);
        contributeAs(alice, datanetId, 1);
        contributeAs(bob, datanetId, 1);
        assertEq(datanets.datanetCount(), 2, "two datanets");
        assertEq(datanets.contributionCount(), 2, "two contributions");
    }

    // ------------------------------------------------------------------ accounting

    /// @dev Every wei the registry holds is a bond still locked or a credit still unclaimed.
    function test_balance_equalsLockedBondsPlusCredits_succeeds() public {
        uint64 a = contributeAs(alice, datanetId, HASH_A, 100);
        uint64 b = contributeAs(bob, datanetId, HASH_A, 100);
        uint64 c = contributeAs(carol, datanetId, HASH_B, 100);
        uint64 d = contributeAs(carol, datanetId, HASH_C, 100);
        approveAs(curator, datanetId, ids(a, d));
        proveAs(prover, b, a);
        rejectAs(curator, c, "no");
        vm.warp(block.timestamp + releaseDelay);
        datanets.releaseBonds(one(a));

        uint256 locked = datanets.contribution(d).bond;
        uint256 credits = datanets.claimable(alice) + datanets.claimable(prover);
        assertEq(locked, bond, "d still locked");
        assertEq(address(datanets).balance, locked + credits, "balance is bonds plus credits");

        vm.prank(alice);
        datanets.claim();
        vm.prank(prover);
        datanets.claim();
        datanets.releaseBonds(one(d));
        vm.prank(carol);
        datanets.claim();
        assertEq(address(datanets).balance, 0, "everything paid out");
    }
}
