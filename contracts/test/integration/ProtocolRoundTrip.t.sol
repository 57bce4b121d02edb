// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAttributionLedger} from "../../src/interfaces/IAttributionLedger.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/**
 * @notice The protocol end to end: data in, a model trained on it, answers paid, everyone claiming; and a
 * governance round trip that changes the attribution threshold and is honoured by `recordInference`.
 */
contract ProtocolRoundTripTest is ProtocolFixture {
    address internal owner = makeAddr("datanet owner");
    address internal curator = makeAddr("curator");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal modelOwner = makeAddr("model owner");
    address internal user = makeAddr("user");
    address internal voter = makeAddr("voter");

    uint64 internal datanetId;
    uint64 internal aliceId;
    uint64 internal bobId;
    uint64 internal modelId;

    function setUp() public {
        deployProtocol();
        datanetId = createDatanetAs(owner);
        appointCurator(datanetId, curator);
        aliceId = contributeAs(alice, datanetId, 3_000);
        bobId = contributeAs(bob, datanetId, 1_000);
        uint64[] memory ids = new uint64[](2);
        ids[0] = aliceId;
        ids[1] = bobId;
        uint32 version = approveAs(curator, datanetId, ids);
        modelId = registerModelAs(modelOwner, datanetId, version, 0.01 ether);
    }

    function test_attributedAnswerPaysEveryone() public {
        uint64[] memory ids = new uint64[](2);
        ids[0] = aliceId;
        ids[1] = bobId;
        uint64[] memory weights = new uint64[](2);
        weights[0] = 3;
        weights[1] = 1;
        recordPaid(user, answer(modelId, ids, weights, 4));

        // 50% data (3:1), 20% owner, 20% stakers (the curator is the only staker), 10% treasury.
        assertEq(ledger.claimable(alice), 0.00375 ether, "alice");
        assertEq(ledger.claimable(bob), 0.00125 ether, "bob");
        assertEq(ledger.claimable(modelOwner), 0.002 ether, "model owner");
        assertEq(staking.claimable(curator), 0.002 ether, "staker");
        assertEq(ledger.pendingTreasury(), 0.001 ether, "treasury");

        uint256 before = alice.balance;
        vm.prank(alice);
        ledger.claim();
        assertEq(alice.balance - before, 0.00375 ether, "alice paid");
        vm.prank(curator);
        staking.claim();
        assertEq(curator.balance, 0.002 ether, "staker paid");
        uint256 treasuryBefore = treasury.balance;
        ledger.releaseTreasury();
        assertEq(treasury.balance - treasuryBefore, 0.001 ether, "treasury paid");
    }

    function test_unattributedAnswerPaysTheTrainingSetBySize() public {
        recordPaid(user, answer(modelId, new uint64[](0), new uint64[](0), 0));
        uint64[] memory ids = new uint64[](2);
        ids[0] = aliceId;
        ids[1] = bobId;
        ledger.settlePooledRewards(modelId, 1, ids);
        assertEq(ledger.claimable(alice), 0.00375 ether, "alice by size 3/4");
        assertEq(ledger.claimable(bob), 0.00125 ether, "bob by size 1/4");
    }

    function test_governanceRoundTripChangesTheThresholdRecordInferenceHonours() public {
        uint64[] memory ids = one(bobId);
        uint64[] memory weights = new uint64[](1);
        weights[0] = 8; // 8% of the total weight of 100: clears 5%, not 10%
        recordPaid(user, answer(modelId, ids, weights, 100));

        giveVotes(voter, 1_000 ether);
        passProposal(voter, address(params), abi.encodeCall(params.setAttributionThreshold, (1_000)), "Raise to 10%");
        assertEq(params.attributionThresholdBps(), 1_000, "threshold changed");

        IAttributionLedger.Answer memory a = answer(modelId, ids, weights, 100);
        vm.deal(user, 1 ether);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightBelowThreshold.selector, bobId, 8, 10));
        ledger.recordInference{value: 0.02 ether}(a);
    }
}
