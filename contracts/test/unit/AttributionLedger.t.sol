// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAttributionLedger} from "../../src/interfaces/IAttributionLedger.sol";
import {IClaims} from "../../src/interfaces/IClaims.sol";
import {IDatanetRegistry} from "../../src/interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {ReentrantClaimant} from "../utils/Claimants.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {Vm} from "../utils/Vm.sol";

/**
 * @notice Unit tests for {AttributionLedger}: the fee split to the wei, every revert of `recordInference` and
 * `recordInferences` with its exact data, the pooled path, the stakers' and treasury's pots, claims, and
 * claimant contracts that call back into the ledger while being paid.
 * @dev The fixture's default terms: split 50% data / 20% owner / 20% stakers / 10% treasury, threshold 5%,
 * at most 32 paid contributions, minimum fee 0.001 OPEN. The model below charges 0.01 OPEN and was trained
 * on version 1 of a datanet holding alice (3,000 bytes), bob (1,000) and carol (1,000); dave's contribution
 * is approved in another datanet.
 */
contract AttributionLedgerTest is ProtocolFixture {
    uint128 internal constant MODEL_FEE = 0.01 ether;
    uint128 internal constant ODD_FEE = 10_000_000_000_000_007;
    uint256 internal constant SCALE = 1e18;

    address internal owner = makeAddr("datanet owner");
    address internal curator = makeAddr("curator");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal dave = makeAddr("dave");
    address internal erin = makeAddr("erin");
    address internal modelOwner = makeAddr("model owner");
    address internal user = makeAddr("user");
    address internal voter = makeAddr("voter");

    uint64 internal datanetId;
    uint64 internal otherDatanetId;
    uint64 internal aliceId;
    uint64 internal bobId;
    uint64 internal carolId;
    uint64 internal daveId;
    uint64 internal modelId;

    function setUp() public {
        deployProtocol();
        datanetId = createDatanetAs(owner);
        appointCurator(datanetId, curator);
        aliceId = contributeAs(alice, datanetId, 3_000);
        bobId = contributeAs(bob, datanetId, 1_000);
        carolId = contributeAs(carol, datanetId, 1_000);
        approveAs(curator, datanetId, list(aliceId, bobId, carolId));

        otherDatanetId = createDatanetAs(owner);
        vm.prank(owner);
        datanets.setCurator(otherDatanetId, curator, true);
        daveId = contributeAs(dave, otherDatanetId, 500);
        approveAs(curator, otherDatanetId, one(daveId));

        modelId = registerModelAs(modelOwner, datanetId, 1, MODEL_FEE);
    }

    // ------------------------------------------------------------------ helpers

    function list(uint64 a, uint64 b) internal pure returns (uint64[] memory xs) {
        xs = new uint64[](2);
        xs[0] = a;
        xs[1] = b;
    }

    function list(uint64 a, uint64 b, uint64 c) internal pure returns (uint64[] memory xs) {
        xs = new uint64[](3);
        xs[0] = a;
        xs[1] = b;
        xs[2] = c;
    }

    /// @dev A model on the same training set charging 0.01 OPEN + 7 wei, so every share of its fee rounds.
    function oddFeeModel() internal returns (uint64) {
        return registerModelAs(modelOwner, datanetId, 1, ODD_FEE);
    }

    function none() internal pure returns (uint64[] memory) {
        return new uint64[](0);
    }

    function pooledAnswer(uint64 model) internal view returns (IAttributionLedger.Answer memory) {
        return answer(model, none(), none(), 0);
    }

    /// @dev Pays `fee` for `a` as the user, expecting the call to revert with exactly `revertData`.
    function expectRecordRevert(IAttributionLedger.Answer memory a, uint256 fee, bytes memory revertData) internal {
        vm.deal(user, user.balance + fee);
        vm.prank(user);
        vm.expectRevert(revertData);
        ledger.recordInference{value: fee}(a);
    }

    function expectSettleRevert(uint64 model, uint32 adapterVersion, uint64[] memory ids, bytes memory revertData)
        internal
    {
        vm.expectRevert(revertData);
        ledger.settlePooledRewards(model, adapterVersion, ids);
    }

    function notInTrainingSet(uint64 id, uint64 model, uint32 adapterVersion) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerContributionNotInTrainingSet.selector, id, model, adapterVersion);
    }

    function setTimelockParam(bytes memory data) internal {
        vm.prank(address(timelock));
        (bool ok, bytes memory reason) = address(params).call(data);
        assertTrue(ok, string(reason));
    }

    /// @dev A contribution by `contributor` approved as version 2 of the model's datanet (after the model's version 1).
    function contributeLate(address contributor, uint64 byteSize) internal returns (uint64 id) {
        id = contributeAs(contributor, datanetId, byteSize);
        assertEq(approveAs(curator, datanetId, one(id)), 2, "datanet version 2");
    }

    /// @dev A fresh datanet holding only `claimant`'s contribution, and a model trained on it.
    function claimantModel(ReentrantClaimant claimant) internal returns (uint64 model, uint64 id) {
        uint64 dn = createDatanetAs(owner);
        vm.prank(owner);
        datanets.setCurator(dn, curator, true);
        id = contributeAs(address(claimant), dn, 1_000);
        approveAs(curator, dn, one(id));
        model = registerModelAs(modelOwner, dn, 1, 1 ether);
    }

    /// @dev The ledger holds exactly what it owes: the listed credits plus both pots.
    function assertLedgerSolvent(address[] memory accounts) internal view {
        uint256 owed = ledger.pendingStakerRewards() + ledger.pendingTreasury();
        for (uint256 i = 0; i < accounts.length; ++i) {
            owed += ledger.claimable(accounts[i]);
        }
        assertEq(address(ledger).balance, owed, "ledger balance equals what it owes");
    }

    function everyone() internal view returns (address[] memory accounts) {
        accounts = new address[](7);
        accounts[0] = alice;
        accounts[1] = bob;
        accounts[2] = carol;
        accounts[3] = dave;
        accounts[4] = erin;
        accounts[5] = modelOwner;
        accounts[6] = user; // payers' bonds come back as credits
    }

    // ------------------------------------------------------------------ recordInference: the split

    function test_recordInference_attributed_splitsExactly_succeeds() public {
        // fee = 0.01 OPEN + 7 wei, so every share rounds: data 5e15+3, owner 2e15+1, stakers 2e15+1, treasury 1e15+2.
        uint64 odd = oddFeeModel();
        uint256 fee = ODD_FEE;
        IAttributionLedger.Answer memory a = answer(odd, list(aliceId, bobId, carolId), list(3, 1, 2), 10);
        IAttributionLedger.FeeAmounts memory amounts = IAttributionLedger.FeeAmounts({
            data: 5_000_000_000_000_003,
            modelOwner: 2_000_000_000_000_001,
            stakers: 2_000_000_000_000_001,
            treasury: 1_000_000_000_000_002
        });
        IAttributionLedger.Assertion memory expected = assertionFor(user, a);
        assertEq(expected.bond, fee, "the assertion bond is 100% of the fee");

        vm.expectEmit(address(ledger));
        emit IAttributionLedger.InferenceRecorded(
            odd, user, 1, fee, amounts, fee, expected.deadline, a, expected.contributors
        );
        (uint256 recordId, IAttributionLedger.Assertion memory assertion) = recordAs(user, a);
        assertEq(recordId, 1, "first record");
        assertEq(ledger.assertionHash(1), keccak256(abi.encode(assertion)), "only the assertion's hash is kept");
        assertEq(ledger.claimable(alice), 0, "nothing is paid to contributors before the window closes");
        assertEq(ledger.claimable(modelOwner), 2_000_000_000_000_001, "the model owner is paid at once");
        assertEq(ledger.pendingStakerRewards(), 2_000_000_000_000_001, "stakers' pot 20% at once");
        assertEq(ledger.pendingTreasury(), 1_000_000_000_000_002, "treasury 10% at once");
        assertEq(address(ledger).balance, 2 * fee, "the ledger holds the fee and the bond");

        // Data by weight 3:1:2, each floor(data * w / 6); the remainder (2 wei) goes to the treasury.
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.ContributionRewarded(aliceId, alice, odd, 2_500_000_000_000_001);
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.ContributionRewarded(bobId, bob, odd, 833_333_333_333_333);
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.ContributionRewarded(carolId, carol, odd, 1_666_666_666_666_667);
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.AttributionFinalized(1, user, fee);
        finalizeRecord(recordId, assertion);

        assertEq(ledger.claimable(alice), 2_500_000_000_000_001, "alice 3/6");
        assertEq(ledger.claimable(bob), 833_333_333_333_333, "bob 1/6");
        assertEq(ledger.claimable(carol), 1_666_666_666_666_667, "carol 2/6");
        assertEq(ledger.claimable(user), fee, "the payer's bond comes back");
        assertEq(ledger.pendingTreasury(), 1_000_000_000_000_004, "treasury 10% and the remainder");
        assertEq(ledger.assertionHash(1), bytes32(0), "settled");
        // Staking's view includes the pot; its own accumulator carries the last wei (2e15+1 over 10 OPEN staked).
        assertEq(staking.claimable(curator), 2_000_000_000_000_000, "the only staker's view includes the pot");
        assertEq(address(ledger).balance, 2 * fee, "the ledger holds the whole fee and the bond until claimed");
        assertEq(ledger.poolRewardPerByte(odd, 1), 0, "the pool is untouched");
        assertLedgerSolvent(everyone());
    }

    function test_recordInference_unattributed_feedsThePool_succeeds() public {
        IAttributionLedger.Answer memory a = pooledAnswer(modelId);
        IAttributionLedger.FeeAmounts memory amounts = IAttributionLedger.FeeAmounts({
            data: 0.005 ether, modelOwner: 0.002 ether, stakers: 0.002 ether, treasury: 0.001 ether
        });
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.InferenceRecorded(modelId, user, 1, MODEL_FEE, amounts, 0, 0, a, new address[](0));
        (uint256 recordId,) = recordAs(user, a);
        assertEq(ledger.assertionHash(recordId), bytes32(0), "the pool asserts nothing: no window, no escrow");

        // 0.005 OPEN over 5,000 bytes: 1e12 wei per byte, scaled by 1e18.
        assertEq(ledger.poolRewardPerByte(modelId, 1), 1e30, "reward per byte");
        assertEq(ledger.claimable(alice), 0, "pooled rewards wait for settlement");
        assertEq(ledger.claimable(modelOwner), 0.002 ether, "model owner");
        assertEq(ledger.pendingStakerRewards(), 0.002 ether, "stakers");
        assertEq(ledger.pendingTreasury(), 0.001 ether, "treasury, no remainder");
        assertEq(address(ledger).balance, MODEL_FEE, "the ledger holds the whole fee");
    }

    function test_recordInference_exactlyTheModelFee_succeeds() public {
        recordPaid(user, answer(modelId, one(bobId), one(1), 1));
        assertEq(ledger.claimable(bob), 0.005 ether, "bob takes the whole data share");
    }

    // ------------------------------------------------------------------ recordInference: fees

    function wrongPayment(uint256 required, uint256 sent) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWrongPayment.selector, required, sent);
    }

    function test_recordInference_zeroFee_reverts() public {
        expectRecordRevert(answer(modelId, one(aliceId), one(1), 1), 0, wrongPayment(2 * uint256(MODEL_FEE), 0));
        expectRecordRevert(pooledAnswer(modelId), 0, wrongPayment(MODEL_FEE, 0));
    }

    function test_recordInference_feeWithoutTheBond_reverts() public {
        expectRecordRevert(
            answer(modelId, one(aliceId), one(1), 1), MODEL_FEE, wrongPayment(2 * uint256(MODEL_FEE), MODEL_FEE)
        );
    }

    function test_recordInference_overpayment_reverts() public {
        // Exact payment only: an overpaid fee would otherwise be kept.
        expectRecordRevert(pooledAnswer(modelId), MODEL_FEE + 1, wrongPayment(MODEL_FEE, MODEL_FEE + 1));
        expectRecordRevert(
            answer(modelId, one(aliceId), one(1), 1),
            2 * uint256(MODEL_FEE) + 1,
            wrongPayment(2 * uint256(MODEL_FEE), 2 * uint256(MODEL_FEE) + 1)
        );
    }

    function test_paymentFor_feeAndBondFollowTheParameters_succeeds() public {
        (uint256 fee, uint256 bond) = ledger.paymentFor(answer(modelId, one(aliceId), one(1), 1));
        assertEq(fee, MODEL_FEE, "the model's fee");
        assertEq(bond, MODEL_FEE, "bond at 100%");
        (fee, bond) = ledger.paymentFor(pooledAnswer(modelId));
        assertEq(bond, 0, "no bond for the pool");
        setTimelockParam(abi.encodeCall(params.setAssertionBond, (2_500)));
        (, bond) = ledger.paymentFor(answer(modelId, one(aliceId), one(1), 1));
        assertEq(bond, MODEL_FEE / 4, "bond at 25%");
    }

    function test_recordInference_feeBelowMinimumRaisedByProposal_reverts() public {
        giveVotes(voter, 1_000 ether);
        passProposal(voter, address(params), abi.encodeCall(params.setMinInferenceFee, (0.02 ether)), "Raise the fee");
        assertEq(params.minInferenceFee(), 0.02 ether, "minimum raised");
        assertEq(models.model(modelId).inferenceFee, MODEL_FEE, "the model's own fee is unchanged");

        IAttributionLedger.Answer memory a = answer(modelId, one(aliceId), one(1), 1);
        expectRecordRevert(a, 2 * uint256(MODEL_FEE), wrongPayment(0.04 ether, 2 * uint256(MODEL_FEE)));

        recordPaid(user, a);
        assertEq(ledger.claimable(alice), 0.01 ether, "the protocol minimum is paid and split");
    }

    function test_recordInference_feeBelowMinimumRaisedByTimelock_reverts() public {
        setTimelockParam(abi.encodeCall(params.setMinInferenceFee, (0.05 ether)));
        IAttributionLedger.Answer memory a = answer(modelId, one(aliceId), one(1), 1);
        expectRecordRevert(a, 0.1 ether - 1, wrongPayment(0.1 ether, 0.1 ether - 1));
        expectRecordRevert(a, 0, wrongPayment(0.1 ether, 0));
        recordPaid(user, a);
        assertEq(ledger.claimable(modelOwner), 0.01 ether, "owner's 20% of the minimum");
    }

    function test_recordInference_staleAdapterVersion_reverts() public {
        IAttributionLedger.Answer memory a = answer(modelId, one(aliceId), one(1), 1);
        a.adapterVersion = 2;
        expectRecordRevert(
            a,
            2 * uint256(MODEL_FEE),
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerStaleAdapterVersion.selector, modelId, 2, 1)
        );
        a.adapterVersion = 0;
        expectRecordRevert(
            a,
            2 * uint256(MODEL_FEE),
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerStaleAdapterVersion.selector, modelId, 0, 1)
        );
    }

    // ------------------------------------------------------------------ recordInference: the model

    function test_recordInference_unknownModel_reverts() public {
        expectRecordRevert(
            answer(2, one(aliceId), one(1), 1),
            MODEL_FEE,
            abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 2)
        );
        expectRecordRevert(pooledAnswer(0), MODEL_FEE, abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 0));
    }

    function test_recordInference_retiredModel_reverts() public {
        vm.prank(modelOwner);
        models.retire(modelId);
        expectRecordRevert(
            answer(modelId, one(aliceId), one(1), 1),
            MODEL_FEE,
            abi.encodeWithSelector(IModelRegistry.ModelRegistryModelRetired.selector, modelId)
        );
        expectRecordRevert(
            pooledAnswer(modelId), MODEL_FEE, abi.encodeWithSelector(IModelRegistry.ModelRegistryModelRetired.selector, modelId)
        );
    }

    // ------------------------------------------------------------------ recordInference: the attribution's shape

    function test_recordInference_weightsLengthMismatch_reverts() public {
        expectRecordRevert(
            answer(modelId, list(aliceId, bobId), one(1), 2),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerLengthMismatch.selector, 2, 1)
        );
        expectRecordRevert(
            answer(modelId, one(aliceId), list(1, 1), 2),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerLengthMismatch.selector, 1, 2)
        );
        expectRecordRevert(
            answer(modelId, none(), one(1), 1),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerLengthMismatch.selector, 0, 1)
        );
    }

    function test_recordInference_tooManyContributions_reverts() public {
        uint256 maxPaid = params.maxPaidContributions();
        assertEq(maxPaid, 32, "fixture maximum");
        uint64[] memory ids = new uint64[](maxPaid + 1);
        uint64[] memory weights = new uint64[](maxPaid + 1);
        for (uint256 i = 0; i < ids.length; ++i) {
            ids[i] = uint64(i + 1);
            weights[i] = 1;
        }
        expectRecordRevert(
            answer(modelId, ids, weights, uint64(ids.length)),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerTooManyContributions.selector, maxPaid + 1, maxPaid)
        );
    }

    function test_recordInference_tooManyContributionsAfterLoweredMaximum_reverts() public {
        setTimelockParam(abi.encodeCall(params.setMaxPaidContributions, (2)));
        expectRecordRevert(
            answer(modelId, list(aliceId, bobId, carolId), list(1, 1, 1), 3),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerTooManyContributions.selector, 3, 2)
        );
        recordPaid(user, answer(modelId, list(aliceId, bobId), list(1, 1), 2));
        assertEq(ledger.claimable(bob), 0.0025 ether, "two contributions are still paid");
    }

    function test_recordInference_repeatedContribution_reverts() public {
        expectRecordRevert(
            answer(modelId, list(aliceId, aliceId), list(1, 1), 2),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerUnsortedContributions.selector, aliceId)
        );
    }

    function test_recordInference_decreasingContributions_reverts() public {
        expectRecordRevert(
            answer(modelId, list(bobId, aliceId), list(1, 1), 2),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerUnsortedContributions.selector, aliceId)
        );
        expectRecordRevert(
            answer(modelId, list(aliceId, carolId, bobId), list(1, 1, 1), 3),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerUnsortedContributions.selector, bobId)
        );
    }

    // ------------------------------------------------------------------ recordInference: weights

    function test_recordInference_weightBelowThreshold_reverts() public {
        // 5% of 100 is exactly 5.
        expectRecordRevert(
            answer(modelId, one(aliceId), one(4), 100),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightBelowThreshold.selector, aliceId, 4, 5)
        );
        // 5% of 101 is 5.05, so the minimum rounds up to 6.
        expectRecordRevert(
            answer(modelId, list(aliceId, bobId), list(50, 5), 101),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightBelowThreshold.selector, bobId, 5, 6)
        );
        // 5% of 10 is 0.5: the minimum is 1.
        expectRecordRevert(
            answer(modelId, one(aliceId), one(0), 10),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightBelowThreshold.selector, aliceId, 0, 1)
        );
    }

    function test_recordInference_weightAtThreshold_succeeds() public {
        // 5% of 101 rounds up to 6.
        recordPaid(user, answer(modelId, list(aliceId, bobId), list(6, 95), 101));
        assertEq(ledger.claimable(alice), uint256(0.005 ether) * 6 / 101, "alice 6/101");
        assertEq(ledger.claimable(bob), uint256(0.005 ether) * 95 / 101, "bob 95/101");
        recordPaid(user, answer(modelId, one(carolId), one(5), 100));
        assertEq(ledger.claimable(carol), 0.005 ether, "carol at exactly 5%");
    }

    function test_recordInference_zeroWeightWithZeroThreshold_reverts() public {
        setTimelockParam(abi.encodeCall(params.setAttributionThreshold, (0)));
        expectRecordRevert(
            answer(modelId, one(aliceId), one(0), 1_000),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightBelowThreshold.selector, aliceId, 0, 1)
        );
        // Any positive weight clears a zero threshold.
        recordPaid(user, answer(modelId, one(aliceId), one(1), type(uint64).max));
        assertEq(ledger.claimable(alice), 0.005 ether, "a weight of 1 is paid");
    }

    function test_recordInference_weightsExceedTotal_reverts() public {
        expectRecordRevert(
            answer(modelId, list(aliceId, bobId), list(60, 50), 100),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightsExceedTotal.selector, 110, 100)
        );
        expectRecordRevert(
            answer(modelId, list(aliceId, bobId, carolId), list(50, 26, 25), 100),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightsExceedTotal.selector, 101, 100)
        );
        // Weights that add up to exactly the total are fine.
        recordPaid(user, answer(modelId, list(aliceId, bobId, carolId), list(50, 25, 25), 100));
        assertEq(ledger.claimable(alice), 0.0025 ether, "alice half");
    }

    function test_recordInference_contributionsWithZeroTotalWeight_reverts() public {
        expectRecordRevert(
            answer(modelId, one(aliceId), one(1), 0),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightsExceedTotal.selector, 1, 0)
        );
        expectRecordRevert(
            answer(modelId, list(aliceId, bobId), list(3, 4), 0),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightsExceedTotal.selector, 7, 0)
        );
        // A zero weight still fails the minimum of 1 first.
        expectRecordRevert(
            answer(modelId, one(aliceId), one(0), 0),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightBelowThreshold.selector, aliceId, 0, 1)
        );
    }

    // ------------------------------------------------------------------ recordInference: the contributions

    function test_recordInference_unknownContribution_reverts() public {
        expectRecordRevert(
            answer(modelId, one(999), one(1), 1),
            MODEL_FEE,
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, 999)
        );
        expectRecordRevert(
            answer(modelId, list(aliceId, 999), list(1, 1), 2),
            MODEL_FEE,
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, 999)
        );
        expectRecordRevert(
            answer(modelId, one(0), one(1), 1),
            MODEL_FEE,
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, 0)
        );
    }

    function test_recordInference_pendingContribution_reverts() public {
        uint64 pendingId = contributeAs(erin, datanetId, 100);
        expectRecordRevert(
            answer(modelId, list(aliceId, pendingId), list(1, 1), 2),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerContributionNotApproved.selector, pendingId)
        );
    }

    function test_recordInference_rejectedContribution_reverts() public {
        uint64 rejectedId = contributeAs(erin, datanetId, 100);
        vm.prank(curator);
        datanets.reject(datanetId, one(rejectedId), "off topic");
        expectRecordRevert(
            answer(modelId, one(rejectedId), one(1), 1),
            MODEL_FEE,
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerContributionNotApproved.selector, rejectedId)
        );
    }

    function test_recordInference_contributionOfAnotherDatanet_reverts() public {
        expectRecordRevert(
            answer(modelId, list(aliceId, daveId), list(1, 1), 2), MODEL_FEE, notInTrainingSet(daveId, modelId, 1)
        );
    }

    function test_recordInference_contributionAcceptedAfterTheModelsVersion_reverts() public {
        uint64 erinId = contributeLate(erin, 1_000);
        expectRecordRevert(answer(modelId, one(erinId), one(1), 1), MODEL_FEE, notInTrainingSet(erinId, modelId, 1));
    }

    function test_recordInference_newAdapterOnNewerVersion_paysLateContribution_succeeds() public {
        uint64 erinId = contributeLate(erin, 1_000);
        vm.prank(modelOwner);
        assertEq(models.publishAdapter(modelId, adapterRelease(datanetId, 2)), 2, "adapter version 2");

        IAttributionLedger.Answer memory a = answer(modelId, list(aliceId, erinId), list(1, 1), 2);
        IAttributionLedger.FeeAmounts memory amounts = IAttributionLedger.FeeAmounts({
            data: 0.005 ether, modelOwner: 0.002 ether, stakers: 0.002 ether, treasury: 0.001 ether
        });
        assertEq(a.adapterVersion, 2, "the answer names version 2");
        IAttributionLedger.Assertion memory expected = assertionFor(user, a);
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.InferenceRecorded(
            modelId, user, 1, MODEL_FEE, amounts, MODEL_FEE, expected.deadline, a, expected.contributors
        );
        (uint256 recordId, IAttributionLedger.Assertion memory assertion) = recordAs(user, a);
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.ContributionRewarded(erinId, erin, modelId, 0.0025 ether);
        finalizeRecord(recordId, assertion);
        assertEq(ledger.claimable(erin), 0.0025 ether, "erin paid under adapter version 2");
        assertEq(ledger.claimable(alice), 0.0025 ether, "alice still paid");

        // Another datanet's contribution is still outside the new training set.
        expectRecordRevert(answer(modelId, one(daveId), one(1), 1), MODEL_FEE, notInTrainingSet(daveId, modelId, 2));
    }

    // ------------------------------------------------------------------ recordInferences

    function test_recordInferences_emptyBatch_reverts() public {
        vm.expectRevert(IAttributionLedger.AttributionLedgerEmptyBatch.selector);
        ledger.recordInferences(new IAttributionLedger.Answer[](0));
    }

    function test_recordInferences_paymentMismatch_reverts() public {
        IAttributionLedger.Answer[] memory answers = new IAttributionLedger.Answer[](2);
        answers[0] = pooledAnswer(modelId);
        answers[1] = answer(modelId, one(aliceId), one(1), 1);
        uint256 sum = 3 * uint256(MODEL_FEE); // a pooled fee, then a fee and its bond
        vm.deal(user, 1 ether);

        vm.prank(user);
        vm.expectRevert(wrongPayment(sum, sum - 1));
        ledger.recordInferences{value: sum - 1}(answers);

        vm.prank(user);
        vm.expectRevert(wrongPayment(sum, sum + 1));
        ledger.recordInferences{value: sum + 1}(answers);
    }

    function test_recordInferences_oneBadAnswer_revertsTheBatch() public {
        IAttributionLedger.Answer[] memory answers = new IAttributionLedger.Answer[](2);
        answers[0] = answer(modelId, one(aliceId), one(1), 1);
        answers[1] = answer(modelId, one(daveId), one(1), 1);
        vm.deal(user, 1 ether);
        vm.prank(user);
        vm.expectRevert(notInTrainingSet(daveId, modelId, 1));
        ledger.recordInferences{value: 4 * uint256(MODEL_FEE)}(answers);
        assertEq(ledger.recordCount(), 0, "nothing from the first answer stays");
        assertEq(ledger.claimable(modelOwner), 0, "nor its owner's share");
    }

    function test_recordInferences_batchOfThreeEqualsThreeSingleCalls_succeeds() public {
        IAttributionLedger.Answer[] memory answers = new IAttributionLedger.Answer[](3);
        answers[0] = answer(oddFeeModel(), list(aliceId, bobId, carolId), list(3, 1, 2), 10);
        answers[1] = pooledAnswer(modelId);
        answers[2] = answer(modelId, list(bobId, carolId), list(7, 2), 11);
        uint256 total = 2 * uint256(ODD_FEE) + MODEL_FEE + 2 * uint256(MODEL_FEE);

        uint256 snapshot = vm.snapshotState();
        IAttributionLedger.Assertion[] memory singles = new IAttributionLedger.Assertion[](3);
        for (uint256 i = 0; i < 3; ++i) {
            (, singles[i]) = recordAs(user, answers[i]);
        }
        uint256[9] memory singleState = ledgerState();
        bytes32[3] memory singleHashes = [ledger.assertionHash(1), ledger.assertionHash(2), ledger.assertionHash(3)];
        assertTrue(vm.revertToState(snapshot), "reverted to the snapshot");
        assertEq(ledger.recordCount(), 0, "state restored");

        vm.deal(user, user.balance + total);
        vm.prank(user);
        assertEq(ledger.recordInferences{value: total}(answers), 1, "the first record id");
        assertEq(ledger.recordCount(), 3, "three records");
        uint256[9] memory batched = ledgerState();

        for (uint256 i = 0; i < 9; ++i) {
            assertEq(batched[i], singleState[i], "batch credits equal single calls");
        }
        for (uint256 i = 0; i < 3; ++i) {
            assertEq(ledger.assertionHash(i + 1), singleHashes[i], "the same assertions");
        }
        assertEq(ledger.assertionHash(2), bytes32(0), "the pooled answer asserts nothing");
        assertEq(batched[8], total, "the ledger holds every fee and bond");
        assertGt(batched[5], 0, "the pooled answer reached the pool");
    }

    function ledgerState() internal view returns (uint256[9] memory s) {
        s[0] = ledger.claimable(alice);
        s[1] = ledger.claimable(bob);
        s[2] = ledger.claimable(carol);
        s[3] = ledger.claimable(modelOwner);
        s[4] = ledger.pendingStakerRewards();
        s[5] = ledger.poolRewardPerByte(modelId, 1);
        s[6] = ledger.pendingTreasury();
        s[7] = ledger.pooledRewardOf(modelId, 1, aliceId);
        s[8] = address(ledger).balance;
    }

    // ------------------------------------------------------------------ pooled rewards

    function test_settlePooledRewards_bySize_succeeds() public {
        recordPaid(user, pooledAnswer(modelId));
        assertEq(ledger.pooledRewardOf(modelId, 1, aliceId), 0.003 ether, "alice's pending 3,000/5,000");
        assertEq(ledger.pooledRewardOf(modelId, 1, bobId), 0.001 ether, "bob's pending 1,000/5,000");

        vm.expectEmit(address(ledger));
        emit IAttributionLedger.PooledRewardSettled(aliceId, alice, modelId, 1, 0.003 ether);
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.PooledRewardSettled(bobId, bob, modelId, 1, 0.001 ether);
        vm.prank(dave); // anyone may settle
        ledger.settlePooledRewards(modelId, 1, list(aliceId, bobId));

        assertEq(ledger.claimable(alice), 0.003 ether, "alice credited");
        assertEq(ledger.claimable(bob), 0.001 ether, "bob credited");
        assertEq(ledger.claimable(carol), 0, "carol not settled yet");
        assertEq(ledger.pooledRewardOf(modelId, 1, aliceId), 0, "alice has nothing pending");
        assertEq(ledger.pooledRewardOf(modelId, 1, carolId), 0.001 ether, "carol still pending");

        ledger.settlePooledRewards(modelId, 1, one(carolId));
        assertEq(ledger.claimable(carol), 0.001 ether, "carol credited");
        assertLedgerSolvent(everyone());
    }

    function test_settlePooledRewards_secondSettle_paysNothingNew() public {
        recordPaid(user, pooledAnswer(modelId));
        ledger.settlePooledRewards(modelId, 1, list(aliceId, bobId, carolId));

        vm.recordLogs();
        ledger.settlePooledRewards(modelId, 1, list(aliceId, bobId, carolId));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 0, "no PooledRewardSettled");
        assertEq(ledger.claimable(alice), 0.003 ether, "alice unchanged");
        assertEq(ledger.claimable(bob), 0.001 ether, "bob unchanged");

        // Only what the pool earns afterwards is owed.
        recordPaid(user, pooledAnswer(modelId));
        recordPaid(user, pooledAnswer(modelId));
        assertEq(ledger.pooledRewardOf(modelId, 1, aliceId), 0.006 ether, "alice's share of the new answer only");
        ledger.settlePooledRewards(modelId, 1, one(aliceId));
        assertEq(ledger.claimable(alice), 0.009 ether, "alice credited once per answer");
    }

    function test_settlePooledRewards_repeatedIdInBatch_paysOnce() public {
        recordPaid(user, pooledAnswer(modelId));
        ledger.settlePooledRewards(modelId, 1, list(aliceId, aliceId, aliceId));
        assertEq(ledger.claimable(alice), 0.003 ether, "alice credited once");
    }

    function test_settlePooledRewards_contributionOutsideTheSet_reverts() public {
        recordPaid(user, pooledAnswer(modelId));
        uint64 pendingId = contributeAs(erin, datanetId, 100);

        expectSettleRevert(modelId, 1, list(aliceId, daveId), notInTrainingSet(daveId, modelId, 1));
        expectSettleRevert(
            modelId,
            1,
            one(pendingId),
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerContributionNotApproved.selector, pendingId)
        );
        expectSettleRevert(
            modelId, 1, one(999), abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, 999)
        );

        vm.expectRevert(notInTrainingSet(daveId, modelId, 1));
        ledger.pooledRewardOf(modelId, 1, daveId);
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownContribution.selector, 999));
        ledger.pooledRewardOf(modelId, 1, 999);
        assertEq(ledger.claimable(alice), 0, "the failed batch credited nobody");
    }

    function test_settlePooledRewards_contributionAcceptedAfterTheVersion_reverts() public {
        uint64 erinId = contributeLate(erin, 1_000);
        recordPaid(user, pooledAnswer(modelId));
        expectSettleRevert(modelId, 1, one(erinId), notInTrainingSet(erinId, modelId, 1));
    }

    function test_settlePooledRewards_unknownAdapterVersion_reverts() public {
        expectSettleRevert(
            modelId, 0, one(aliceId), abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownAdapterVersion.selector, modelId, 0)
        );
        expectSettleRevert(
            modelId, 2, one(aliceId), abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownAdapterVersion.selector, modelId, 2)
        );
        expectSettleRevert(7, 1, one(aliceId), abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, 7));
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownAdapterVersion.selector, modelId, 2));
        ledger.pooledRewardOf(modelId, 2, aliceId);
    }

    function test_settlePooledRewards_emptyBatch_reverts() public {
        expectSettleRevert(modelId, 1, none(), abi.encodeWithSelector(IAttributionLedger.AttributionLedgerEmptyBatch.selector));
    }

    function test_settlePooledRewards_eachAdapterVersionHasItsOwnPool_succeeds() public {
        recordPaid(user, pooledAnswer(modelId));
        uint64 erinId = contributeLate(erin, 5_000);
        vm.prank(modelOwner);
        models.publishAdapter(modelId, adapterRelease(datanetId, 2));
        recordPaid(user, pooledAnswer(modelId));

        // Version 2's pool has 10,000 bytes: erin 5,000, alice 3,000, bob and carol 1,000 each.
        assertEq(ledger.poolRewardPerByte(modelId, 1), 1e30, "version 1's pool unchanged");
        assertEq(ledger.poolRewardPerByte(modelId, 2), 5e29, "version 2's pool");
        assertEq(ledger.pooledRewardOf(modelId, 2, erinId), 0.0025 ether, "erin in version 2");
        vm.expectRevert(notInTrainingSet(erinId, modelId, 1));
        ledger.pooledRewardOf(modelId, 1, erinId);

        ledger.settlePooledRewards(modelId, 1, one(aliceId));
        ledger.settlePooledRewards(modelId, 2, list(aliceId, erinId));
        assertEq(ledger.claimable(alice), 0.003 ether + 0.0015 ether, "alice from both pools");
        assertEq(ledger.claimable(erin), 0.0025 ether, "erin from version 2");
    }

    /// @dev A 1-wei data share over 3 * 2^28 bytes (three contributions of the largest size the byte cap allows)
    /// does not divide evenly into units per byte; the carry keeps each remainder, so the accumulator is always the
    /// exact floor of everything paid in, and only settlement's flooring leaves dust.
    function test_settlePooledRewards_tinyFeesOverHugeSet_areCarried_succeeds() public {
        setTimelockParam(abi.encodeCall(params.setMinInferenceFee, (1)));
        setTimelockParam(abi.encodeCall(params.setMaxContributionBytes, (uint32(1) << 28)));
        uint64 dn = createDatanetAs(owner);
        vm.prank(owner);
        datanets.setCurator(dn, curator, true);
        uint64 size = params.maxContributionBytes();
        uint64[] memory ids = new uint64[](3);
        for (uint256 i = 0; i < 3; ++i) {
            ids[i] = contributeAs(address(uint160(0xC0FFEE + i)), dn, uint64(1) << 28);
        }
        approveAs(curator, dn, ids);
        uint64 tinyModel = registerModelAs(modelOwner, dn, 1, 2);
        uint256 trainingBytes = 3 * (uint256(1) << 28);

        // Each 2-wei fee gives the pool 1 wei.
        for (uint256 k = 1; k <= 20; ++k) {
            recordPaid(user, pooledAnswer(tinyModel));
            assertEq(ledger.poolRewardPerByte(tinyModel, 1), k * SCALE / trainingBytes, "accumulator with carry");
        }
        assertEq(ledger.poolRewardPerByte(tinyModel, 1), 24_835_268_656, "20e18 / 805,306,368, floored");
        ledger.settlePooledRewards(tinyModel, 1, ids);
        uint256 settled;
        for (uint256 i = 0; i < 3; ++i) {
            settled += ledger.claimable(address(uint160(0xC0FFEE + i)));
        }
        // Each contribution gets floor(2^28 * 24,835,268,656 / 1e18) = 6 wei; the rest (20 - 18 wei) stays in the
        // ledger, as flooring dust and carry.
        assertEq(settled, 18, "settled");
        assertEq(address(ledger).balance, 40, "every wei paid is still in the ledger");
    }

    // ------------------------------------------------------------------ stakers' and treasury's pots

    function test_releaseStakerRewards_notStaking_reverts() public {
        recordPaid(user, pooledAnswer(modelId));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotStaking.selector, alice));
        ledger.releaseStakerRewards();
        vm.prank(treasury);
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotStaking.selector, treasury));
        ledger.releaseStakerRewards();
        assertEq(ledger.pendingStakerRewards(), 0.002 ether, "pot kept");
    }

    function test_releaseStakerRewards_byStaking_succeeds() public {
        recordPaid(user, pooledAnswer(modelId));
        uint256 before = address(staking).balance;
        vm.prank(address(staking));
        assertEq(ledger.releaseStakerRewards(), 0.002 ether, "released");
        assertEq(address(staking).balance - before, 0.002 ether, "sent to Staking");
        assertEq(ledger.pendingStakerRewards(), 0, "pot emptied");
        vm.prank(address(staking));
        assertEq(ledger.releaseStakerRewards(), 0, "nothing twice");
    }

    function test_releaseStakerRewards_pulledBeforeAStakeChange_succeeds() public {
        recordPaid(user, pooledAnswer(modelId));
        stakeAs(erin, 10 ether); // Staking pulls the pot before erin's stake counts
        assertEq(ledger.pendingStakerRewards(), 0, "pot pulled");
        assertEq(staking.claimable(curator), 0.002 ether, "the earlier staker earned it all");
        assertEq(staking.claimable(erin), 0, "the newcomer earned none of it");
    }

    function test_releaseTreasury_anyoneSendsItToTheTimelock_succeeds() public {
        recordPaid(user, answer(oddFeeModel(), list(aliceId, bobId, carolId), list(3, 1, 2), 10));
        uint256 before = treasury.balance;
        vm.expectEmit(address(ledger));
        emit IAttributionLedger.TreasuryReleased(1_000_000_000_000_004);
        vm.prank(dave);
        assertEq(ledger.releaseTreasury(), 1_000_000_000_000_004, "released");
        assertEq(treasury.balance - before, 1_000_000_000_000_004, "the Timelock received it");
        assertEq(ledger.pendingTreasury(), 0, "pot emptied");
        assertLedgerSolvent(everyone());
    }

    function test_releasePots_empty_returnZero_succeeds() public {
        uint256 before = treasury.balance;
        vm.recordLogs();
        assertEq(ledger.releaseTreasury(), 0, "empty treasury pot");
        vm.prank(address(staking));
        assertEq(ledger.releaseStakerRewards(), 0, "empty stakers' pot");
        assertEq(vm.getRecordedLogs().length, 0, "no TreasuryReleased");
        assertEq(treasury.balance, before, "nothing sent");

        recordPaid(user, pooledAnswer(modelId));
        ledger.releaseTreasury();
        assertEq(ledger.releaseTreasury(), 0, "emptied pot returns zero");
    }

    // ------------------------------------------------------------------ claims

    function test_claim_paysTheCredit_succeeds() public {
        recordPaid(user, answer(modelId, list(aliceId, bobId), list(3, 1), 4));
        uint256 before = alice.balance;
        vm.expectEmit(address(ledger));
        emit IClaims.Claimed(alice, alice, 0.00375 ether);
        vm.prank(alice);
        assertEq(ledger.claim(), 0.00375 ether, "claimed");
        assertEq(alice.balance - before, 0.00375 ether, "paid");
        assertEq(ledger.claimable(alice), 0, "credit spent");

        vm.prank(modelOwner);
        assertEq(ledger.claim(), 0.002 ether, "model owner claims");
        assertLedgerSolvent(everyone());
    }

    function test_claim_nothingToClaim_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, alice));
        ledger.claim();

        recordPaid(user, answer(modelId, one(aliceId), one(1), 1));
        vm.prank(alice);
        ledger.claim();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, alice));
        ledger.claim();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, bob));
        ledger.claimTo(alice);
    }

    function test_claimTo_paysTheReceiver_succeeds() public {
        recordPaid(user, answer(modelId, one(aliceId), one(1), 1));
        uint256 aliceBefore = alice.balance;
        vm.expectEmit(address(ledger));
        emit IClaims.Claimed(alice, erin, 0.005 ether);
        vm.prank(alice);
        assertEq(ledger.claimTo(erin), 0.005 ether, "claimed");
        assertEq(erin.balance, 0.005 ether, "receiver paid");
        assertEq(alice.balance, aliceBefore, "claimant not paid");
        assertEq(ledger.claimable(alice), 0, "credit spent");
    }

    function test_claimTo_zeroReceiver_reverts() public {
        recordPaid(user, answer(modelId, one(aliceId), one(1), 1));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsInvalidReceiver.selector, address(0)));
        ledger.claimTo(address(0));
        assertEq(ledger.claimable(alice), 0.005 ether, "credit kept");
    }

    // ------------------------------------------------------------------ claimant contracts that call back

    function test_claim_reentrantClaimPropagated_revertsAndPaysNothing() public {
        ReentrantClaimant claimant = new ReentrantClaimant(ledger, ReentrantClaimant.Mode.Propagate);
        (uint64 model, uint64 id) = claimantModel(claimant);
        recordPaid(user, answer(model, one(id), one(1), 1));
        assertEq(ledger.claimable(address(claimant)), 0.5 ether, "credited");

        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsTransferFailed.selector, address(claimant), 0.5 ether));
        claimant.claim();

        assertEq(ledger.claimable(address(claimant)), 0.5 ether, "credit kept for a retry");
        assertEq(claimant.received(), 0, "nothing paid");
        assertEq(address(claimant).balance, 0, "no OPEN moved");
    }

    function test_claimTo_reentrantReceiverPropagated_reverts() public {
        ReentrantClaimant receiver = new ReentrantClaimant(ledger, ReentrantClaimant.Mode.Propagate);
        recordPaid(user, answer(modelId, one(aliceId), one(1), 1));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsTransferFailed.selector, address(receiver), 0.005 ether));
        ledger.claimTo(address(receiver));
        assertEq(ledger.claimable(alice), 0.005 ether, "credit kept");
    }

    function test_claim_reentrantClaimSwallowed_paysExactlyOnce() public {
        ReentrantClaimant claimant = new ReentrantClaimant(ledger, ReentrantClaimant.Mode.Swallow);
        (uint64 model, uint64 id) = claimantModel(claimant);
        recordPaid(user, answer(model, one(id), one(1), 1));

        assertEq(claimant.claim(), 0.5 ether, "claimed");

        assertEq(claimant.received(), 0.5 ether, "paid once");
        assertEq(claimant.payments(), 1, "one payment");
        assertFalse(claimant.reentrySucceeded(), "the re-entrant claim failed");
        assertEq(
            claimant.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "stopped by the guard"
        );
        assertEq(ledger.claimable(address(claimant)), 0, "credit spent");
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, address(claimant)));
        claimant.claim();
    }

    function test_claim_reentrantRecordInference_cannotDoubleClaim() public {
        ReentrantClaimant claimant = new ReentrantClaimant(ledger, ReentrantClaimant.Mode.RecordThenClaim);
        (uint64 model, uint64 id) = claimantModel(claimant);
        // While being paid, the claimant pays for a pooled answer of its own model (1 OPEN from its own balance),
        // then claims again.
        claimant.setAnswer(answer(model, none(), none(), 0), 1 ether);
        vm.deal(address(claimant), 1 ether);
        recordPaid(user, answer(model, one(id), one(1), 1));

        assertEq(claimant.claim(), 0.5 ether, "claimed the first credit");

        assertEq(claimant.payments(), 1, "one payment");
        assertFalse(claimant.reentrySucceeded(), "the re-entrant claim failed");
        assertEq(
            claimant.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "stopped by the guard"
        );
        // The re-entrant answer was recorded normally: its data share is in the pool, not claimable yet.
        assertEq(ledger.claimable(address(claimant)), 0, "nothing new to claim");
        assertEq(ledger.pooledRewardOf(model, 1, id), 0.5 ether, "the pool owes the only contribution");
        assertEq(ledger.claimable(modelOwner), 0.2 ether + 0.2 ether, "owner paid for both answers");
        assertEq(ledger.claimable(user), 1 ether, "the payer's bond is back");
        assertEq(address(ledger).balance, 3 ether - 0.5 ether, "the ledger holds the rest");

        ledger.settlePooledRewards(model, 1, one(id));
        assertEq(claimant.claim(), 0.5 ether, "the pooled share is claimed later");
        assertEq(claimant.received(), 1 ether, "exactly the two data shares in all");
    }
}
