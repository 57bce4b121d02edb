// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAttributionLedger} from "../../src/interfaces/IAttributionLedger.sol";
import {IClaims} from "../../src/interfaces/IClaims.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/// @dev A payer that is a contract refusing plain OPEN: its returned bond must not block anyone's finalisation.
contract RejectingPayer {
    function record(IAttributionLedger ledger, IAttributionLedger.Answer calldata answer)
        external
        payable
        returns (uint256)
    {
        return ledger.recordInference{value: msg.value}(answer);
    }

    receive() external payable {
        revert("no thanks");
    }
}

/**
 * @notice Optimistic attribution: the escrow of asserted records, the challenge window, finalisation (batched
 * and racing), validators' disputes and governance's rulings; and the review's proof-of-concept attacks on
 * the ledger (self-attribution refund, threshold bypass, adapter switch in flight), each shown to fail now.
 * @dev Fixture terms: 50% data / 20% owner / 20% stakers / 10% treasury, threshold 5%, challenge window one
 * hour, assertion bond 100% of the fee, dispute bond 1 OPEN, validator stake 10 OPEN. The model charges
 * 0.01 OPEN and was trained on alice (3,000 bytes), bob (1,000), carol (1,000) and mallory (1,000), where
 * mallory is also the payer in the attacks.
 */
contract AttributionLedgerOptimisticTest is ProtocolFixture {
    uint128 internal constant MODEL_FEE = 0.01 ether;

    address internal owner = makeAddr("datanet owner");
    address internal curator = makeAddr("curator");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal mallory = makeAddr("mallory");
    address internal modelOwner = makeAddr("model owner");
    address internal user = makeAddr("user");
    address internal validator = makeAddr("validator");
    address internal voter = makeAddr("voter");

    uint64 internal datanetId;
    uint64 internal aliceId;
    uint64 internal bobId;
    uint64 internal carolId;
    uint64 internal malloryId;
    uint64 internal modelId;

    function setUp() public {
        deployProtocol();
        datanetId = createDatanetAs(owner);
        appointCurator(datanetId, curator);
        aliceId = contributeAs(alice, datanetId, 3_000);
        bobId = contributeAs(bob, datanetId, 1_000);
        carolId = contributeAs(carol, datanetId, 1_000);
        malloryId = contributeAs(mallory, datanetId, 1_000);
        uint64[] memory ids = new uint64[](4);
        (ids[0], ids[1], ids[2], ids[3]) = (aliceId, bobId, carolId, malloryId);
        approveAs(curator, datanetId, ids);
        modelId = registerModelAs(modelOwner, datanetId, 1, MODEL_FEE);
        stakeAs(validator, params.minValidatorStake());
    }

    // ------------------------------------------------------------------ helpers

    function list(uint64 a, uint64 b) internal pure returns (uint64[] memory xs) {
        xs = new uint64[](2);
        (xs[0], xs[1]) = (a, b);
    }

    function honestAnswer() internal view returns (IAttributionLedger.Answer memory) {
        return answer(modelId, list(aliceId, bobId), list(3, 1), 4);
    }

    function disputeAs(address who, uint256 recordId, IAttributionLedger.Assertion memory assertion) internal {
        uint256 bond = params.disputeBond();
        vm.deal(who, who.balance + bond);
        vm.prank(who);
        ledger.dispute{value: bond}(recordId, assertion, "bafyrecomputed");
    }

    function resolveAs(
        address caller,
        uint256 recordId,
        IAttributionLedger.Assertion memory assertion,
        bool upheld,
        uint64[] memory ids,
        uint64[] memory weights
    ) internal {
        vm.prank(caller);
        ledger.resolveDispute(recordId, assertion, upheld, "bafywinning", ids, weights);
    }

    function batchOf(uint256 id, IAttributionLedger.Assertion memory assertion)
        internal
        pure
        returns (uint256[] memory ids, IAttributionLedger.Assertion[] memory assertions)
    {
        ids = new uint256[](1);
        ids[0] = id;
        assertions = new IAttributionLedger.Assertion[](1);
        assertions[0] = assertion;
    }

    function none() internal pure returns (uint64[] memory) {
        return new uint64[](0);
    }

    // ------------------------------------------------------------------ escrow and finalisation

    function test_record_escrowsTheDataShareUntilTheWindowCloses() public {
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(user, honestAnswer());
        assertEq(assertion.deadline, block.timestamp + 1 hours, "deadline one window away");
        assertEq(ledger.claimable(alice), 0, "alice waits");
        assertEq(ledger.claimable(modelOwner), 0.002 ether, "the owner is paid at once");
        assertEq(address(ledger).balance, 2 * uint256(MODEL_FEE), "fee and bond held");

        (uint256[] memory ids, IAttributionLedger.Assertion[] memory assertions) = batchOf(id, assertion);
        vm.warp(assertion.deadline - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttributionLedger.AttributionLedgerChallengeWindowOpen.selector, id, assertion.deadline
            )
        );
        ledger.finalize(ids, assertions);

        vm.warp(assertion.deadline);
        vm.prank(carol); // anyone
        assertEq(ledger.finalize(ids, assertions), 1, "finalised");
        assertEq(ledger.claimable(alice), 0.00375 ether, "alice 3/4 of the data share");
        assertEq(ledger.claimable(bob), 0.00125 ether, "bob 1/4");
        assertEq(ledger.claimable(user), MODEL_FEE, "the payer's bond is back");
        assertEq(ledger.assertionHash(id), bytes32(0), "settled");
    }

    function test_finalize_racingFinalisersSkipWhatIsSettled() public {
        (uint256 first, IAttributionLedger.Assertion memory a1) = recordAs(user, honestAnswer());
        (uint256 second, IAttributionLedger.Assertion memory a2) = recordAs(user, honestAnswer());
        vm.warp(a2.deadline);
        finalizeRecord(first, a1);

        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (first, second);
        IAttributionLedger.Assertion[] memory assertions = new IAttributionLedger.Assertion[](2);
        (assertions[0], assertions[1]) = (a1, a2);
        assertEq(ledger.finalize(ids, assertions), 1, "the settled record is skipped, the other paid");
        assertEq(ledger.claimable(alice), 2 * 0.00375 ether, "each record paid once");
        assertEq(ledger.finalize(ids, assertions), 0, "a repeat pays nothing and does not revert");
    }

    function test_finalize_tamperedAssertion_reverts() public {
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(user, honestAnswer());
        vm.warp(assertion.deadline);
        assertion.contributors[0] = mallory; // redirect alice's share
        (uint256[] memory ids, IAttributionLedger.Assertion[] memory assertions) = batchOf(id, assertion);
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerAssertionMismatch.selector, id));
        ledger.finalize(ids, assertions);
    }

    function test_finalize_unknownRecordAndBadBatches_revert() public {
        (, IAttributionLedger.Assertion memory assertion) = recordAs(user, honestAnswer());
        (uint256[] memory ids, IAttributionLedger.Assertion[] memory assertions) = batchOf(2, assertion);
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerUnknownRecord.selector, 2));
        ledger.finalize(ids, assertions);
        vm.expectRevert(IAttributionLedger.AttributionLedgerEmptyBatch.selector);
        ledger.finalize(new uint256[](0), new IAttributionLedger.Assertion[](0));
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerLengthMismatch.selector, 1, 0));
        ledger.finalize(ids, new IAttributionLedger.Assertion[](0));
    }

    function test_finalize_aRejectingPayerDoesNotBlockTheBatch() public {
        RejectingPayer payer = new RejectingPayer();
        IAttributionLedger.Answer memory a = honestAnswer();
        IAttributionLedger.Assertion memory assertion = assertionFor(address(payer), a);
        vm.deal(address(this), 1 ether);
        uint256 id = payer.record{value: 2 * uint256(MODEL_FEE)}(ledger, a);
        finalizeRecord(id, assertion);
        assertEq(ledger.claimable(alice), 0.00375 ether, "contributors paid");
        assertEq(ledger.claimable(address(payer)), MODEL_FEE, "the bond is credited, not pushed");
    }

    function test_pool_needsNoWindow() public {
        (uint256 id,) = recordAs(user, answer(modelId, none(), none(), 0));
        assertEq(ledger.assertionHash(id), bytes32(0), "nothing asserted");
        assertApproxEqAbs(ledger.pooledRewardOf(modelId, 1, aliceId), 0.0025 ether, 1, "alice's 3,000 of 6,000 bytes at once");
    }

    // ------------------------------------------------------------------ disputes

    function test_dispute_freezesTheRecordAndFinalizeSkipsIt() public {
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(user, honestAnswer());
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.AttributionDisputed(id, validator, 1 ether, "bafyrecomputed");
        disputeAs(validator, id, assertion);
        assertEq(ledger.assertionHash(id), ledger.DISPUTED(), "frozen");
        (address disputer, uint256 bond) = ledger.disputeOf(id);
        assertEq(disputer, validator, "disputer");
        assertEq(bond, 1 ether, "bond");

        vm.warp(assertion.deadline + 1 days);
        (uint256[] memory ids, IAttributionLedger.Assertion[] memory assertions) = batchOf(id, assertion);
        assertEq(ledger.finalize(ids, assertions), 0, "skipped while governance decides");
        assertEq(ledger.claimable(alice), 0, "nothing paid");
    }

    function test_dispute_onlyValidatorsWithTheBondInTheWindow() public {
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(user, honestAnswer());
        vm.deal(carol, 10 ether);

        vm.prank(carol);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotValidator.selector, carol, 0, 10 ether)
        );
        ledger.dispute{value: 1 ether}(id, assertion, "bafyx");

        vm.deal(validator, 10 ether);
        vm.prank(validator);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWrongDisputeBond.selector, 1 ether, 0.5 ether)
        );
        ledger.dispute{value: 0.5 ether}(id, assertion, "bafyx");

        vm.prank(validator);
        vm.expectRevert(IAttributionLedger.AttributionLedgerMissingEvidence.selector);
        ledger.dispute{value: 1 ether}(id, assertion, "");

        vm.prank(validator);
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerUnknownRecord.selector, 9));
        ledger.dispute{value: 1 ether}(9, assertion, "bafyx");

        vm.warp(assertion.deadline);
        vm.prank(validator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttributionLedger.AttributionLedgerChallengeWindowClosed.selector, id, assertion.deadline
            )
        );
        ledger.dispute{value: 1 ether}(id, assertion, "bafyx");
    }

    function test_dispute_payerCannotDisputeThemselvesAndOnlyOnce() public {
        stakeAs(user, 10 ether);
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(user, honestAnswer());
        vm.deal(user, 1 ether);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerSelfDispute.selector, id));
        ledger.dispute{value: 1 ether}(id, assertion, "bafyx");

        disputeAs(validator, id, assertion);
        address second = makeAddr("second validator");
        stakeAs(second, 10 ether);
        vm.deal(second, 1 ether);
        vm.prank(second);
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerAssertionMismatch.selector, id));
        ledger.dispute{value: 1 ether}(id, assertion, "bafyx");
    }

    function test_resolve_onlyGovernanceAndOnlyDisputed() public {
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(user, honestAnswer());
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotDisputed.selector, id));
        resolveAs(address(timelock), id, assertion, true, none(), none());

        disputeAs(validator, id, assertion);
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotGovernance.selector, validator));
        resolveAs(validator, id, assertion, false, none(), none());

        IAttributionLedger.Assertion memory forged = assertion;
        forged.bond = 0;
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerAssertionMismatch.selector, id));
        resolveAs(address(timelock), id, forged, false, none(), none());
    }

    /// @dev A validator who disputes an honest record (a griefer) loses their bond to the payer they held up.
    function test_resolve_upheld_griefingValidatorLosesTheBond() public {
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(user, honestAnswer());
        disputeAs(validator, id, assertion);
        uint256 treasuryBefore = ledger.pendingTreasury();

        resolveAs(address(timelock), id, assertion, true, none(), none());

        assertEq(ledger.claimable(alice), 0.00375 ether, "paid as asserted");
        assertEq(ledger.claimable(bob), 0.00125 ether, "paid as asserted");
        // The payer: own bond 0.01 + the validator's 1 OPEN less 10%.
        assertEq(ledger.claimable(user), MODEL_FEE + 0.9 ether, "payer wins both bonds less the cut");
        assertEq(ledger.claimable(validator), 0, "the griefer gets nothing back");
        assertEq(ledger.pendingTreasury() - treasuryBefore, 0.1 ether, "10% of the losing bond to the treasury");
        assertEq(ledger.assertionHash(id), bytes32(0), "settled");
        (address disputer,) = ledger.disputeOf(id);
        assertEq(disputer, address(0), "dispute closed");
    }

    function test_resolve_throughARealProposal() public {
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(user, honestAnswer());
        disputeAs(validator, id, assertion);
        giveVotes(voter, 1_000 ether);
        passProposal(
            voter,
            address(ledger),
            abi.encodeCall(ledger.resolveDispute, (id, assertion, true, "bafywinning", none(), none())),
            "Resolve dispute of record 1: the assertion stands"
        );
        assertEq(ledger.claimable(alice), 0.00375 ether, "the Timelock's ruling paid alice");
    }

    // ------------------------------------------------------------------ the review's attacks, now failing

    /**
     * @dev Self-attribution refund. Mallory owns one approved contribution in the training set; she names only it,
     * with a total weight equal to its weight, so the whole data share would come back to her (a permanent 50%
     * discount, real contributors get nothing). Now: the share waits in escrow, a validator recomputes the
     * evidence and disputes, governance rules the assertion unfounded with corrected weights, and mallory loses
     * her bond and gets none of the data share.
     */
    function test_PoC_selfAttributionRefund_isDisputedAndCostsTheBond() public {
        IAttributionLedger.Answer memory lie = answer(modelId, one(malloryId), one(1_000), 1_000);
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(mallory, lie);
        assertEq(ledger.claimable(mallory), 0, "no refund at record time");

        disputeAs(validator, id, assertion);
        uint64[] memory corrected = list(aliceId, bobId);
        resolveAs(address(timelock), id, assertion, false, corrected, list(3, 1));

        assertEq(ledger.claimable(mallory), 0, "mallory gets neither the data share nor her bond");
        assertEq(ledger.claimable(alice), 0.00375 ether, "the real contributors are paid");
        assertEq(ledger.claimable(bob), 0.00125 ether, "the real contributors are paid");
        // The validator: own 1 OPEN back + mallory's 0.01 bond less 10%.
        assertEq(ledger.claimable(validator), 1 ether + 0.009 ether, "the validator is rewarded");
    }

    /**
     * @dev Threshold bypass: the payer picks the total weight, so a contribution far below the threshold of the
     * real total passes. Undisputed it would be paid; disputed, governance sends the share to the pool and the
     * payer's bond to the validator.
     */
    function test_PoC_thresholdBypass_isDisputedAndPaysThePool() public {
        // Mallory's true weight is 1 of a true total of 1,000 (0.1%, below 5%); she asserts a total of 1.
        IAttributionLedger.Answer memory lie = answer(modelId, one(malloryId), one(1), 1);
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(mallory, lie);
        disputeAs(validator, id, assertion);
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.PoolPaid(id, modelId, 1, 0.005 ether);
        resolveAs(address(timelock), id, assertion, false, none(), none());

        assertEq(ledger.claimable(mallory), 0, "nothing for mallory");
        assertApproxEqAbs(ledger.pooledRewardOf(modelId, 1, aliceId), 0.0025 ether, 1, "the pool pays by size");
        assertApproxEqAbs(ledger.pooledRewardOf(modelId, 1, malloryId), 0.000833333333333333 ether, 1, "mallory only her bytes' share");
    }

    /// @dev Without a validator the lie would pay after the window: the bond is what a validator wins for catching it.
    function test_PoC_selfAttribution_bondExceedsTheRefundItBuys() public view {
        (uint256 fee, uint256 bond) = ledger.paymentFor(answer(modelId, one(malloryId), one(1), 1));
        uint256 refundBought = fee * params.feeSplit().dataBps / 10_000;
        assertGt(bond, refundBought, "the bond at risk is larger than the data share a lie could steer");
    }

    /**
     * @dev Adapter switch in flight: the payer computed the attribution over adapter version 1's training set, then
     * the owner published version 2 (trained on a newer datanet version) before the payment landed. Before, the
     * payment was checked against version 2's set; now it names its version and reverts.
     */
    function test_PoC_adapterSwitchInFlight_reverts() public {
        IAttributionLedger.Answer memory a = honestAnswer();
        assertEq(a.adapterVersion, 1, "computed over version 1");
        uint64 lateId = contributeAs(makeAddr("late"), datanetId, 1_000);
        approveAs(curator, datanetId, one(lateId));
        vm.prank(modelOwner);
        models.publishAdapter(modelId, adapterRelease(datanetId, 2));

        (uint256 fee, uint256 bond) = ledger.paymentFor(a);
        vm.deal(user, fee + bond);
        vm.prank(user);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerStaleAdapterVersion.selector, modelId, 1, 2)
        );
        ledger.recordInference{value: fee + bond}(a);
        assertEq(user.balance, fee + bond, "nothing spent");
    }

    function test_claimTo_votesToken_isRefused() public {
        recordPaid(user, honestAnswer());
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsInvalidReceiver.selector, address(openVotes)));
        ledger.claimTo(address(openVotes));
        assertEq(ledger.claimable(alice), 0.00375 ether, "credit kept");
    }

    /// @dev The ledger always holds what it owes: credits, pots, open escrows and bonds.
    function test_solvency_throughEveryPath() public {
        (uint256 honest, IAttributionLedger.Assertion memory a1) = recordAs(user, honestAnswer());
        (uint256 lie, IAttributionLedger.Assertion memory a2) =
            recordAs(mallory, answer(modelId, one(malloryId), one(1), 1));
        disputeAs(validator, lie, a2);
        uint256 open = a1.dataShare + a1.bond + a2.dataShare + a2.bond + 1 ether;
        assertEq(address(ledger).balance, owed() + open, "escrows and bonds held (no pool yet)");
        finalizeRecord(honest, a1);
        resolveAs(address(timelock), lie, a2, false, none(), none());
        // Settling floors each contribution's pool share: at most one wei per contribution stays as dust.
        assertGe(address(ledger).balance, owed(), "everything settled is owed to someone");
        assertLe(address(ledger).balance - owed(), 4, "and no more than the pool's rounding dust is left over");
    }

    function owed() internal view returns (uint256 total) {
        address[8] memory accounts = [alice, bob, carol, mallory, modelOwner, user, validator, address(timelock)];
        for (uint256 i = 0; i < accounts.length; ++i) {
            total += ledger.claimable(accounts[i]);
        }
        total += ledger.pendingStakerRewards() + ledger.pendingTreasury();
        // Pool money not yet settled: the accumulator owes each contribution its bytes' share.
        uint64[4] memory ids = [aliceId, bobId, carolId, malloryId];
        for (uint256 i = 0; i < ids.length; ++i) {
            total += ledger.pooledRewardOf(modelId, 1, ids[i]);
        }
    }
}
