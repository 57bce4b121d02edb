// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {ProtocolParams} from "../../src/ProtocolParams.sol";
import {IProtocolParams} from "../../src/interfaces/IProtocolParams.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/**
 * @notice Unit tests for {ProtocolParams}: every setter's happy path and event, both edges of every bound,
 * the fee split's sum and data-share floor, ownership by the Timelock, and the constructor's checks.
 * @dev The protocol is deployed as in production, so setters are called as the Timelock (the owner).
 */
contract ProtocolParamsTest is ProtocolFixture {
    address internal outsider = makeAddr("outsider");

    function setUp() public {
        deployProtocol();
    }

    // ------------------------------------------------------------------ helpers

    function _split(uint16 data, uint16 modelOwner, uint16 stakers, uint16 treasury_)
        internal
        pure
        returns (IProtocolParams.FeeSplit memory)
    {
        return IProtocolParams.FeeSplit({
            dataBps: data,
            modelOwnerBps: modelOwner,
            stakersBps: stakers,
            treasuryBps: treasury_
        });
    }

    function _outOfBounds(IProtocolParams.Parameter parameter, uint256 value, uint256 min, uint256 max)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(IProtocolParams.ParameterOutOfBounds.selector, parameter, value, min, max);
    }

    function _unauthorized(address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller);
    }

    /// @dev Expects `ParameterChanged(parameter, oldValue, newValue)` from the params contract next.
    function _expectChanged(IProtocolParams.Parameter parameter, uint256 oldValue, uint256 newValue) internal {
        vm.expectEmit(address(params));
        emit IProtocolParams.ParameterChanged(parameter, oldValue, newValue);
    }

    function _assertSplit(IProtocolParams.FeeSplit memory actual, IProtocolParams.FeeSplit memory expected, string memory what)
        internal
        pure
    {
        assertEq(actual.dataBps, expected.dataBps, string.concat(what, ": data"));
        assertEq(actual.modelOwnerBps, expected.modelOwnerBps, string.concat(what, ": model owner"));
        assertEq(actual.stakersBps, expected.stakersBps, string.concat(what, ": stakers"));
        assertEq(actual.treasuryBps, expected.treasuryBps, string.concat(what, ": treasury"));
    }

    // ------------------------------------------------------------------ ownership and deployment

    function test_owner_isTheTimelock() public view {
        assertEq(params.owner(), address(timelock), "owner is the Timelock");
        assertTrue(params.owner() != address(this), "the deployer does not own it");
    }

    function test_parameters_returnTheDeployedValues() public view {
        IProtocolParams.Parameters memory expected = defaultParameters();
        IProtocolParams.Parameters memory actual = params.parameters();
        assertEq(actual.attributionThresholdBps, expected.attributionThresholdBps, "threshold");
        _assertSplit(actual.feeSplit, expected.feeSplit, "split");
        assertEq(actual.maxPaidContributions, expected.maxPaidContributions, "max paid");
        assertEq(actual.duplicateBountyBps, expected.duplicateBountyBps, "bounty");
        assertEq(actual.unbondingPeriod, expected.unbondingPeriod, "unbonding");
        assertEq(actual.bondReleaseDelay, expected.bondReleaseDelay, "bond release");
        assertEq(actual.minInferenceFee, expected.minInferenceFee, "min fee");
        assertEq(actual.modelRegistrationFee, expected.modelRegistrationFee, "registration fee");
        assertEq(actual.contributionBond, expected.contributionBond, "bond");
        assertEq(actual.minCuratorStake, expected.minCuratorStake, "curator stake");
    }

    function test_constructor_emitsEveryInitialValueFromZero() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        vm.expectEmit();
        emit IProtocolParams.FeeSplitChanged(_split(0, 0, 0, 0), initial.feeSplit);
        vm.expectEmit();
        emit IProtocolParams.ParameterChanged(IProtocolParams.Parameter.AttributionThreshold, 0, initial.attributionThresholdBps);
        vm.expectEmit();
        emit IProtocolParams.ParameterChanged(IProtocolParams.Parameter.MaxPaidContributions, 0, initial.maxPaidContributions);
        vm.expectEmit();
        emit IProtocolParams.ParameterChanged(IProtocolParams.Parameter.DuplicateBounty, 0, initial.duplicateBountyBps);
        vm.expectEmit();
        emit IProtocolParams.ParameterChanged(IProtocolParams.Parameter.UnbondingPeriod, 0, initial.unbondingPeriod);
        vm.expectEmit();
        emit IProtocolParams.ParameterChanged(IProtocolParams.Parameter.BondReleaseDelay, 0, initial.bondReleaseDelay);
        vm.expectEmit();
        emit IProtocolParams.ParameterChanged(IProtocolParams.Parameter.MinInferenceFee, 0, initial.minInferenceFee);
        vm.expectEmit();
        emit IProtocolParams.ParameterChanged(IProtocolParams.Parameter.ModelRegistrationFee, 0, initial.modelRegistrationFee);
        vm.expectEmit();
        emit IProtocolParams.ParameterChanged(IProtocolParams.Parameter.ContributionBond, 0, initial.contributionBond);
        vm.expectEmit();
        emit IProtocolParams.ParameterChanged(IProtocolParams.Parameter.MinCuratorStake, 0, initial.minCuratorStake);

        ProtocolParams fresh = new ProtocolParams(outsider, initial);
        assertEq(fresh.owner(), outsider, "owner as given");
    }

    function test_constructor_acceptsEveryEdgeOfTheBounds() public {
        IProtocolParams.Parameters memory low = IProtocolParams.Parameters({
            attributionThresholdBps: 0,
            feeSplit: _split(1_000, 0, 0, 9_000),
            maxPaidContributions: 1,
            duplicateBountyBps: 0,
            unbondingPeriod: 1 minutes,
            bondReleaseDelay: 0,
            minInferenceFee: 1,
            modelRegistrationFee: 0,
            contributionBond: 0,
            minCuratorStake: 1 ether
        });
        ProtocolParams lowParams = new ProtocolParams(outsider, low);
        assertEq(lowParams.unbondingPeriod(), 1 minutes, "lowest unbonding");
        assertEq(lowParams.minInferenceFee(), 1, "lowest fee");

        IProtocolParams.Parameters memory high = IProtocolParams.Parameters({
            attributionThresholdBps: 5_000,
            feeSplit: _split(10_000, 0, 0, 0),
            maxPaidContributions: 64,
            duplicateBountyBps: 5_000,
            unbondingPeriod: 365 days,
            bondReleaseDelay: 90 days,
            minInferenceFee: 100 ether,
            modelRegistrationFee: 10_000 ether,
            contributionBond: 1_000 ether,
            minCuratorStake: 10_000_000 ether
        });
        ProtocolParams highParams = new ProtocolParams(outsider, high);
        assertEq(highParams.minCuratorStake(), 10_000_000 ether, "highest curator stake");
        assertEq(highParams.feeSplit().dataBps, 10_000, "everything to data");
    }

    function test_RevertWhen_constructorOwnerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new ProtocolParams(address(0), defaultParameters());
    }

    function test_RevertWhen_constructorFeeSplitSumInvalid() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.feeSplit = _split(5_000, 2_000, 2_000, 999);
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.FeeSplitSumInvalid.selector, 9_999));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorDataShareTooLow() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.feeSplit = _split(999, 3_001, 3_000, 3_000);
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.FeeSplitDataShareTooLow.selector, 999, 1_000));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorAttributionThresholdOutOfBounds() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.attributionThresholdBps = 5_001;
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.AttributionThreshold, 5_001, 0, 5_000));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorMaxPaidContributionsOutOfBounds() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.maxPaidContributions = 0;
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.MaxPaidContributions, 0, 1, 64));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorDuplicateBountyOutOfBounds() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.duplicateBountyBps = 5_001;
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.DuplicateBounty, 5_001, 0, 5_000));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorUnbondingPeriodOutOfBounds() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.unbondingPeriod = 0;
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.UnbondingPeriod, 0, 1 minutes, 365 days));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorBondReleaseDelayOutOfBounds() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.bondReleaseDelay = 90 days + 1;
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.BondReleaseDelay, 90 days + 1, 0, 90 days));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorMinInferenceFeeOutOfBounds() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.minInferenceFee = 0;
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.MinInferenceFee, 0, 1, 100 ether));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorModelRegistrationFeeOutOfBounds() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.modelRegistrationFee = 10_000 ether + 1;
        vm.expectRevert(
            _outOfBounds(IProtocolParams.Parameter.ModelRegistrationFee, 10_000 ether + 1, 0, 10_000 ether)
        );
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorContributionBondOutOfBounds() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.contributionBond = 1_000 ether + 1;
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.ContributionBond, 1_000 ether + 1, 0, 1_000 ether));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorMinCuratorStakeOutOfBounds() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.minCuratorStake = 1 ether - 1;
        vm.expectRevert(
            _outOfBounds(IProtocolParams.Parameter.MinCuratorStake, 1 ether - 1, 1 ether, 10_000_000 ether)
        );
        new ProtocolParams(address(timelock), initial);
    }

    // ------------------------------------------------------------------ bounds constants

    function test_boundConstants_matchTheDocumentedBounds() public view {
        assertEq(params.MAX_ATTRIBUTION_THRESHOLD_BPS(), 5_000, "threshold max");
        assertEq(params.MIN_DATA_SHARE_BPS(), 1_000, "data floor");
        assertEq(params.MAX_PAID_CONTRIBUTIONS_LIMIT(), 64, "max paid limit");
        assertEq(params.MAX_DUPLICATE_BOUNTY_BPS(), 5_000, "bounty max");
        assertEq(params.MIN_UNBONDING_PERIOD(), 1 minutes, "unbonding min");
        assertEq(params.MAX_UNBONDING_PERIOD(), 365 days, "unbonding max");
        assertEq(params.MAX_BOND_RELEASE_DELAY(), 90 days, "bond release max");
        assertEq(params.MAX_MIN_INFERENCE_FEE(), 100 ether, "min fee max");
        assertEq(params.MAX_MODEL_REGISTRATION_FEE(), 10_000 ether, "registration max");
        assertEq(params.MAX_CONTRIBUTION_BOND(), 1_000 ether, "bond max");
        assertEq(params.MIN_CURATOR_STAKE_FLOOR(), 1 ether, "curator floor");
        assertEq(params.MAX_MIN_CURATOR_STAKE(), 10_000_000 ether, "curator max");
    }

    // ------------------------------------------------------------------ setFeeSplit

    function test_setFeeSplit_storesAndEmitsOldAndNew() public {
        IProtocolParams.FeeSplit memory next = _split(6_000, 1_500, 1_500, 1_000);
        vm.expectEmit(address(params));
        emit IProtocolParams.FeeSplitChanged(defaultParameters().feeSplit, next);
        vm.prank(address(timelock));
        params.setFeeSplit(next);

        _assertSplit(params.feeSplit(), next, "feeSplit()");
        _assertSplit(params.parameters().feeSplit, next, "parameters()");
        (, IProtocolParams.FeeSplit memory terms,,) = params.inferenceTerms();
        _assertSplit(terms, next, "inferenceTerms()");
    }

    function test_setFeeSplit_dataShareAtTheFloor() public {
        vm.prank(address(timelock));
        params.setFeeSplit(_split(1_000, 3_000, 3_000, 3_000));
        assertEq(params.feeSplit().dataBps, 1_000, "floor accepted");
    }

    function test_setFeeSplit_everythingToData() public {
        vm.prank(address(timelock));
        params.setFeeSplit(_split(10_000, 0, 0, 0));
        assertEq(params.feeSplit().dataBps, 10_000, "all to data");
        assertEq(params.feeSplit().stakersBps, 0, "nothing to stakers");
    }

    function test_RevertWhen_setFeeSplitSumsBelow10000() public {
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.FeeSplitSumInvalid.selector, 9_999));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(5_000, 2_000, 2_000, 999));
    }

    function test_RevertWhen_setFeeSplitSumsAbove10000() public {
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.FeeSplitSumInvalid.selector, 10_001));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(5_000, 2_000, 2_000, 1_001));
    }

    function test_RevertWhen_setFeeSplitSharesWouldOverflowUint16() public {
        // The sum is taken in 256 bits, so four maximal shares are reported, not wrapped round to a valid total.
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.FeeSplitSumInvalid.selector, 4 * uint256(type(uint16).max)));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(type(uint16).max, type(uint16).max, type(uint16).max, type(uint16).max));
    }

    function test_RevertWhen_setFeeSplitDataShareBelowFloor() public {
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.FeeSplitDataShareTooLow.selector, 999, 1_000));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(999, 3_001, 3_000, 3_000));
    }

    function test_RevertWhen_setFeeSplitDataShareIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.FeeSplitDataShareTooLow.selector, 0, 1_000));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(0, 5_000, 5_000, 0));
    }

    function test_RevertWhen_setFeeSplitCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setFeeSplit(_split(6_000, 1_500, 1_500, 1_000));
    }

    // ------------------------------------------------------------------ setAttributionThreshold

    function test_setAttributionThreshold_storesAndEmitsOldAndNew() public {
        _expectChanged(IProtocolParams.Parameter.AttributionThreshold, 500, 1_234);
        vm.prank(address(timelock));
        params.setAttributionThreshold(1_234);
        assertEq(params.attributionThresholdBps(), 1_234, "stored");
        (uint16 threshold,,,) = params.inferenceTerms();
        assertEq(threshold, 1_234, "in inference terms");
    }

    function test_setAttributionThreshold_edgesOfTheBounds() public {
        vm.startPrank(address(timelock));
        params.setAttributionThreshold(0);
        assertEq(params.attributionThresholdBps(), 0, "min");
        params.setAttributionThreshold(5_000);
        assertEq(params.attributionThresholdBps(), 5_000, "max");
        vm.stopPrank();
    }

    function test_RevertWhen_setAttributionThresholdAboveMax() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.AttributionThreshold, 5_001, 0, 5_000));
        vm.prank(address(timelock));
        params.setAttributionThreshold(5_001);
    }

    function test_RevertWhen_setAttributionThresholdCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setAttributionThreshold(1_000);
    }

    // ------------------------------------------------------------------ setMaxPaidContributions

    function test_setMaxPaidContributions_storesAndEmitsOldAndNew() public {
        _expectChanged(IProtocolParams.Parameter.MaxPaidContributions, 32, 10);
        vm.prank(address(timelock));
        params.setMaxPaidContributions(10);
        assertEq(params.maxPaidContributions(), 10, "stored");
        (,, uint16 maxPaid,) = params.inferenceTerms();
        assertEq(maxPaid, 10, "in inference terms");
    }

    function test_setMaxPaidContributions_edgesOfTheBounds() public {
        vm.startPrank(address(timelock));
        params.setMaxPaidContributions(1);
        assertEq(params.maxPaidContributions(), 1, "min");
        params.setMaxPaidContributions(64);
        assertEq(params.maxPaidContributions(), 64, "max");
        vm.stopPrank();
    }

    function test_RevertWhen_setMaxPaidContributionsIsZero() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.MaxPaidContributions, 0, 1, 64));
        vm.prank(address(timelock));
        params.setMaxPaidContributions(0);
    }

    function test_RevertWhen_setMaxPaidContributionsAboveMax() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.MaxPaidContributions, 65, 1, 64));
        vm.prank(address(timelock));
        params.setMaxPaidContributions(65);
    }

    function test_RevertWhen_setMaxPaidContributionsCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setMaxPaidContributions(10);
    }

    // ------------------------------------------------------------------ setDuplicateBounty

    function test_setDuplicateBounty_storesAndEmitsOldAndNew() public {
        _expectChanged(IProtocolParams.Parameter.DuplicateBounty, 2_000, 3_000);
        vm.prank(address(timelock));
        params.setDuplicateBounty(3_000);
        assertEq(params.duplicateBountyBps(), 3_000, "stored");
    }

    function test_setDuplicateBounty_edgesOfTheBounds() public {
        vm.startPrank(address(timelock));
        params.setDuplicateBounty(0);
        assertEq(params.duplicateBountyBps(), 0, "min");
        params.setDuplicateBounty(5_000);
        assertEq(params.duplicateBountyBps(), 5_000, "max");
        vm.stopPrank();
    }

    function test_RevertWhen_setDuplicateBountyAboveMax() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.DuplicateBounty, 5_001, 0, 5_000));
        vm.prank(address(timelock));
        params.setDuplicateBounty(5_001);
    }

    function test_RevertWhen_setDuplicateBountyCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setDuplicateBounty(1);
    }

    // ------------------------------------------------------------------ setUnbondingPeriod

    function test_setUnbondingPeriod_storesAndEmitsOldAndNew() public {
        _expectChanged(IProtocolParams.Parameter.UnbondingPeriod, 7 days, 14 days);
        vm.prank(address(timelock));
        params.setUnbondingPeriod(14 days);
        assertEq(params.unbondingPeriod(), 14 days, "stored");
    }

    function test_setUnbondingPeriod_edgesOfTheBounds() public {
        vm.startPrank(address(timelock));
        params.setUnbondingPeriod(1 minutes);
        assertEq(params.unbondingPeriod(), 1 minutes, "min");
        params.setUnbondingPeriod(365 days);
        assertEq(params.unbondingPeriod(), 365 days, "max");
        vm.stopPrank();
    }

    function test_RevertWhen_setUnbondingPeriodBelowMin() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.UnbondingPeriod, 59, 1 minutes, 365 days));
        vm.prank(address(timelock));
        params.setUnbondingPeriod(59);
    }

    function test_RevertWhen_setUnbondingPeriodAboveMax() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.UnbondingPeriod, 365 days + 1, 1 minutes, 365 days));
        vm.prank(address(timelock));
        params.setUnbondingPeriod(365 days + 1);
    }

    function test_RevertWhen_setUnbondingPeriodCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setUnbondingPeriod(1 days);
    }

    // ------------------------------------------------------------------ setBondReleaseDelay

    function test_setBondReleaseDelay_storesAndEmitsOldAndNew() public {
        _expectChanged(IProtocolParams.Parameter.BondReleaseDelay, 3 days, 1 days);
        vm.prank(address(timelock));
        params.setBondReleaseDelay(1 days);
        assertEq(params.bondReleaseDelay(), 1 days, "stored");
    }

    function test_setBondReleaseDelay_edgesOfTheBounds() public {
        vm.startPrank(address(timelock));
        params.setBondReleaseDelay(0);
        assertEq(params.bondReleaseDelay(), 0, "min");
        params.setBondReleaseDelay(90 days);
        assertEq(params.bondReleaseDelay(), 90 days, "max");
        vm.stopPrank();
    }

    function test_RevertWhen_setBondReleaseDelayAboveMax() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.BondReleaseDelay, 90 days + 1, 0, 90 days));
        vm.prank(address(timelock));
        params.setBondReleaseDelay(90 days + 1);
    }

    function test_RevertWhen_setBondReleaseDelayCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setBondReleaseDelay(1 days);
    }

    // ------------------------------------------------------------------ setMinInferenceFee

    function test_setMinInferenceFee_storesAndEmitsOldAndNew() public {
        _expectChanged(IProtocolParams.Parameter.MinInferenceFee, 0.001 ether, 0.5 ether);
        vm.prank(address(timelock));
        params.setMinInferenceFee(0.5 ether);
        assertEq(params.minInferenceFee(), 0.5 ether, "stored");
        (,,, uint128 minFee) = params.inferenceTerms();
        assertEq(minFee, 0.5 ether, "in inference terms");
    }

    function test_setMinInferenceFee_edgesOfTheBounds() public {
        vm.startPrank(address(timelock));
        params.setMinInferenceFee(1);
        assertEq(params.minInferenceFee(), 1, "min");
        params.setMinInferenceFee(100 ether);
        assertEq(params.minInferenceFee(), 100 ether, "max");
        vm.stopPrank();
    }

    function test_RevertWhen_setMinInferenceFeeIsZero() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.MinInferenceFee, 0, 1, 100 ether));
        vm.prank(address(timelock));
        params.setMinInferenceFee(0);
    }

    function test_RevertWhen_setMinInferenceFeeAboveMax() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.MinInferenceFee, 100 ether + 1, 1, 100 ether));
        vm.prank(address(timelock));
        params.setMinInferenceFee(100 ether + 1);
    }

    function test_RevertWhen_setMinInferenceFeeCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setMinInferenceFee(1);
    }

    // ------------------------------------------------------------------ setModelRegistrationFee

    function test_setModelRegistrationFee_storesAndEmitsOldAndNew() public {
        _expectChanged(IProtocolParams.Parameter.ModelRegistrationFee, 1 ether, 25 ether);
        vm.prank(address(timelock));
        params.setModelRegistrationFee(25 ether);
        assertEq(params.modelRegistrationFee(), 25 ether, "stored");
    }

    function test_setModelRegistrationFee_edgesOfTheBounds() public {
        vm.startPrank(address(timelock));
        params.setModelRegistrationFee(0);
        assertEq(params.modelRegistrationFee(), 0, "min");
        params.setModelRegistrationFee(10_000 ether);
        assertEq(params.modelRegistrationFee(), 10_000 ether, "max");
        vm.stopPrank();
    }

    function test_RevertWhen_setModelRegistrationFeeAboveMax() public {
        vm.expectRevert(
            _outOfBounds(IProtocolParams.Parameter.ModelRegistrationFee, 10_000 ether + 1, 0, 10_000 ether)
        );
        vm.prank(address(timelock));
        params.setModelRegistrationFee(10_000 ether + 1);
    }

    function test_RevertWhen_setModelRegistrationFeeCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setModelRegistrationFee(0);
    }

    // ------------------------------------------------------------------ setContributionBond

    function test_setContributionBond_storesAndEmitsOldAndNew() public {
        _expectChanged(IProtocolParams.Parameter.ContributionBond, 0.1 ether, 2 ether);
        vm.prank(address(timelock));
        params.setContributionBond(2 ether);
        assertEq(params.contributionBond(), 2 ether, "stored");
    }

    function test_setContributionBond_edgesOfTheBounds() public {
        vm.startPrank(address(timelock));
        params.setContributionBond(0);
        assertEq(params.contributionBond(), 0, "min");
        params.setContributionBond(1_000 ether);
        assertEq(params.contributionBond(), 1_000 ether, "max");
        vm.stopPrank();
    }

    function test_RevertWhen_setContributionBondAboveMax() public {
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.ContributionBond, 1_000 ether + 1, 0, 1_000 ether));
        vm.prank(address(timelock));
        params.setContributionBond(1_000 ether + 1);
    }

    function test_RevertWhen_setContributionBondCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setContributionBond(0);
    }

    // ------------------------------------------------------------------ setMinCuratorStake

    function test_setMinCuratorStake_storesAndEmitsOldAndNew() public {
        _expectChanged(IProtocolParams.Parameter.MinCuratorStake, 10 ether, 500 ether);
        vm.prank(address(timelock));
        params.setMinCuratorStake(500 ether);
        assertEq(params.minCuratorStake(), 500 ether, "stored");
    }

    function test_setMinCuratorStake_edgesOfTheBounds() public {
        vm.startPrank(address(timelock));
        params.setMinCuratorStake(1 ether);
        assertEq(params.minCuratorStake(), 1 ether, "min");
        params.setMinCuratorStake(10_000_000 ether);
        assertEq(params.minCuratorStake(), 10_000_000 ether, "max");
        vm.stopPrank();
    }

    function test_RevertWhen_setMinCuratorStakeBelowMin() public {
        vm.expectRevert(
            _outOfBounds(IProtocolParams.Parameter.MinCuratorStake, 1 ether - 1, 1 ether, 10_000_000 ether)
        );
        vm.prank(address(timelock));
        params.setMinCuratorStake(1 ether - 1);
    }

    function test_RevertWhen_setMinCuratorStakeAboveMax() public {
        vm.expectRevert(
            _outOfBounds(
                IProtocolParams.Parameter.MinCuratorStake, 10_000_000 ether + 1, 1 ether, 10_000_000 ether
            )
        );
        vm.prank(address(timelock));
        params.setMinCuratorStake(10_000_000 ether + 1);
    }

    function test_RevertWhen_setMinCuratorStakeCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setMinCuratorStake(1 ether);
    }

    // ------------------------------------------------------------------ ownership edges

    function test_RevertWhen_theDeployerCallsASetter() public {
        // The deployer wired the protocol but holds no power over its parameters.
        vm.expectRevert(_unauthorized(address(this)));
        params.setAttributionThreshold(1_000);
    }

    function test_RevertWhen_nonOwnerTransfersOwnership() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.transferOwnership(outsider);
    }

    function test_RevertWhen_aFailedSetterLeavesTheOldValue() public {
        vm.prank(address(timelock));
        vm.expectRevert(_outOfBounds(IProtocolParams.Parameter.UnbondingPeriod, 0, 1 minutes, 365 days));
        params.setUnbondingPeriod(0);
        assertEq(params.unbondingPeriod(), 7 days, "unchanged");
    }

    // ------------------------------------------------------------------ views

    function test_parametersAndInferenceTerms_returnWhatWasSet() public {
        IProtocolParams.FeeSplit memory split = _split(4_000, 3_000, 2_500, 500);
        vm.startPrank(address(timelock));
        params.setFeeSplit(split);
        params.setAttributionThreshold(750);
        params.setMaxPaidContributions(7);
        params.setDuplicateBounty(4_321);
        params.setUnbondingPeriod(2 days);
        params.setBondReleaseDelay(12 hours);
        params.setMinInferenceFee(0.02 ether);
        params.setModelRegistrationFee(3 ether);
        params.setContributionBond(0.5 ether);
        params.setMinCuratorStake(42 ether);
        vm.stopPrank();

        IProtocolParams.Parameters memory all = params.parameters();
        assertEq(all.attributionThresholdBps, 750, "threshold");
        _assertSplit(all.feeSplit, split, "split");
        assertEq(all.maxPaidContributions, 7, "max paid");
        assertEq(all.duplicateBountyBps, 4_321, "bounty");
        assertEq(all.unbondingPeriod, 2 days, "unbonding");
        assertEq(all.bondReleaseDelay, 12 hours, "bond release");
        assertEq(all.minInferenceFee, 0.02 ether, "min fee");
        assertEq(all.modelRegistrationFee, 3 ether, "registration fee");
        assertEq(all.contributionBond, 0.5 ether, "bond");
        assertEq(all.minCuratorStake, 42 ether, "curator stake");

        (uint16 threshold, IProtocolParams.FeeSplit memory termsSplit, uint16 maxPaid, uint128 minFee) =
            params.inferenceTerms();
        assertEq(threshold, 750, "terms threshold");
        _assertSplit(termsSplit, split, "terms split");
        assertEq(maxPaid, 7, "terms max paid");
        assertEq(minFee, 0.02 ether, "terms min fee");
    }
}
