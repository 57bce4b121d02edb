// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {ProtocolParams} from "../../src/ProtocolParams.sol";
import {IProtocolParams} from "../../src/interfaces/IProtocolParams.sol";
import {Vm} from "../utils/Vm.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/**
 * @notice Unit tests for {ProtocolParams}: every scalar parameter's setter, bounds, event and access check,
 * driven by one table ({_rows}); the fee split's sum and data-share floor; ownership by the Timelock; and the
 * constructor's checks.
 * @dev The protocol is deployed as in production, so setters are called as the Timelock (the owner). The
 * table's bounds are the documented ones, written out, so a changed constant in the contract fails here.
 */
contract ProtocolParamsTest is ProtocolFixture {
    address internal outsider = makeAddr("outsider");

    /**
     * @dev One scalar parameter: its setter and getter, the event its setter emits, its documented bounds and
     * the value {defaultParameters} deploys with. Every setter takes one unsigned integer and every event is
     * `XSet(old, new)` with two unsigned integers, so one ABI encoding fits all rows.
     */
    struct Row {
        string name;
        IProtocolParams.Parameter parameter;
        bytes4 setter;
        bytes4 getter;
        bytes32 setEvent;
        uint256 min;
        uint256 max;
        uint256 deployed;
    }

    function setUp() public {
        deployProtocol();
    }

    // ------------------------------------------------------------------ the table

    function _rows() internal pure returns (Row[] memory rows) {
        rows = new Row[](16);
        rows[0] = Row({
            name: "attribution threshold",
            parameter: IProtocolParams.Parameter.AttributionThreshold,
            setter: IProtocolParams.setAttributionThreshold.selector,
            getter: IProtocolParams.attributionThresholdBps.selector,
            setEvent: IProtocolParams.AttributionThresholdSet.selector,
            min: 0,
            max: 5_000,
            deployed: 500
        });
        rows[1] = Row({
            name: "max paid contributions",
            parameter: IProtocolParams.Parameter.MaxPaidContributions,
            setter: IProtocolParams.setMaxPaidContributions.selector,
            getter: IProtocolParams.maxPaidContributions.selector,
            setEvent: IProtocolParams.MaxPaidContributionsSet.selector,
            min: 1,
            max: 64,
            deployed: 32
        });
        rows[2] = Row({
            name: "duplicate bounty",
            parameter: IProtocolParams.Parameter.DuplicateBounty,
            setter: IProtocolParams.setDuplicateBounty.selector,
            getter: IProtocolParams.duplicateBountyBps.selector,
            setEvent: IProtocolParams.DuplicateBountySet.selector,
            min: 0,
            max: 5_000,
            deployed: 2_000
        });
        rows[3] = Row({
            name: "unbonding period",
            parameter: IProtocolParams.Parameter.UnbondingPeriod,
            setter: IProtocolParams.setUnbondingPeriod.selector,
            getter: IProtocolParams.unbondingPeriod.selector,
            setEvent: IProtocolParams.UnbondingPeriodSet.selector,
            min: 1 minutes,
            max: 365 days,
            deployed: 7 days
        });
        rows[4] = Row({
            name: "bond release delay",
            parameter: IProtocolParams.Parameter.BondReleaseDelay,
            setter: IProtocolParams.setBondReleaseDelay.selector,
            getter: IProtocolParams.bondReleaseDelay.selector,
            setEvent: IProtocolParams.BondReleaseDelaySet.selector,
            min: 0,
            max: 90 days,
            deployed: 3 days
        });
        rows[5] = Row({
            name: "min inference fee",
            parameter: IProtocolParams.Parameter.MinInferenceFee,
            setter: IProtocolParams.setMinInferenceFee.selector,
            getter: IProtocolParams.minInferenceFee.selector,
            setEvent: IProtocolParams.MinInferenceFeeSet.selector,
            min: 1,
            max: 100 ether,
            deployed: 0.001 ether
        });
        rows[6] = Row({
            name: "model registration fee",
            parameter: IProtocolParams.Parameter.ModelRegistrationFee,
            setter: IProtocolParams.setModelRegistrationFee.selector,
            getter: IProtocolParams.modelRegistrationFee.selector,
            setEvent: IProtocolParams.ModelRegistrationFeeSet.selector,
            min: 0,
            max: 10_000 ether,
            deployed: 1 ether
        });
        rows[7] = Row({
            name: "contribution bond",
            parameter: IProtocolParams.Parameter.ContributionBond,
            setter: IProtocolParams.setContributionBond.selector,
            getter: IProtocolParams.contributionBond.selector,
            setEvent: IProtocolParams.ContributionBondSet.selector,
            min: 0,
            max: 1_000 ether,
            deployed: 0.1 ether
        });
        rows[8] = Row({
            name: "min curator stake",
            parameter: IProtocolParams.Parameter.MinCuratorStake,
            setter: IProtocolParams.setMinCuratorStake.selector,
            getter: IProtocolParams.minCuratorStake.selector,
            setEvent: IProtocolParams.MinCuratorStakeSet.selector,
            min: 1 ether,
            max: 10_000_000 ether,
            deployed: 10 ether
        });
        rows[9] = Row({
            name: "challenge window",
            parameter: IProtocolParams.Parameter.ChallengeWindow,
            setter: IProtocolParams.setChallengeWindow.selector,
            getter: IProtocolParams.challengeWindow.selector,
            setEvent: IProtocolParams.ChallengeWindowSet.selector,
            min: 1 minutes,
            max: 30 days,
            deployed: 1 hours
        });
        rows[10] = Row({
            name: "assertion bond",
            parameter: IProtocolParams.Parameter.AssertionBond,
            setter: IProtocolParams.setAssertionBond.selector,
            getter: IProtocolParams.assertionBondBps.selector,
            setEvent: IProtocolParams.AssertionBondSet.selector,
            min: 1_000,
            max: 50_000,
            deployed: 10_000
        });
        rows[11] = Row({
            name: "dispute bond",
            parameter: IProtocolParams.Parameter.DisputeBond,
            setter: IProtocolParams.setDisputeBond.selector,
            getter: IProtocolParams.disputeBond.selector,
            setEvent: IProtocolParams.DisputeBondSet.selector,
            min: 0.001 ether,
            max: 10_000 ether,
            deployed: 1 ether
        });
        rows[12] = Row({
            name: "min validator stake",
            parameter: IProtocolParams.Parameter.MinValidatorStake,
            setter: IProtocolParams.setMinValidatorStake.selector,
            getter: IProtocolParams.minValidatorStake.selector,
            setEvent: IProtocolParams.MinValidatorStakeSet.selector,
            min: 1 ether,
            max: 10_000_000 ether,
            deployed: 10 ether
        });
        rows[13] = Row({
            name: "max contribution bytes",
            parameter: IProtocolParams.Parameter.MaxContributionBytes,
            setter: IProtocolParams.setMaxContributionBytes.selector,
            getter: IProtocolParams.maxContributionBytes.selector,
            setEvent: IProtocolParams.MaxContributionBytesSet.selector,
            min: 1024,
            max: 1 << 28,
            deployed: 64 << 20
        });
        rows[14] = Row({
            name: "review timeout",
            parameter: IProtocolParams.Parameter.ReviewTimeout,
            setter: IProtocolParams.setReviewTimeout.selector,
            getter: IProtocolParams.reviewTimeout.selector,
            setEvent: IProtocolParams.ReviewTimeoutSet.selector,
            min: 1 minutes,
            max: 365 days,
            deployed: 14 days
        });
        rows[15] = Row({
            name: "max slash",
            parameter: IProtocolParams.Parameter.MaxSlash,
            setter: IProtocolParams.setMaxSlash.selector,
            getter: IProtocolParams.maxSlashBps.selector,
            setEvent: IProtocolParams.MaxSlashSet.selector,
            min: 100,
            max: 5_000,
            deployed: 5_000
        });
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

    function _outOfBounds(Row memory row, uint256 value) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(
            IProtocolParams.ProtocolParamsOutOfBounds.selector, row.parameter, value, row.min, row.max
        );
    }

    function _unauthorized(address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller);
    }

    /// @dev Calls `row`'s setter with `value` as `caller`; returns whether it succeeded and its revert data.
    function _set(Row memory row, address caller, uint256 value) internal returns (bool ok, bytes memory reason) {
        vm.prank(caller);
        (ok, reason) = address(params).call(abi.encodeWithSelector(row.setter, value));
    }

    /// @dev Sets `row` to `value` as the Timelock, failing the test with the row's name if it is refused.
    function _setAsOwner(Row memory row, uint256 value) internal {
        (bool ok,) = _set(row, address(timelock), value);
        assertTrue(ok, string.concat(row.name, ": accepted ", vm.toString(value)));
    }

    function _get(Row memory row) internal view returns (uint256) {
        (bool ok, bytes memory result) = address(params).staticcall(abi.encodeWithSelector(row.getter));
        require(ok, "getter reverted");
        return abi.decode(result, (uint256));
    }

    /// @dev `initial` with `row`'s parameter replaced by `value` (cast to the field's type: callers keep it in range).
    function _withValue(IProtocolParams.Parameters memory initial, Row memory row, uint256 value)
        internal
        pure
        returns (IProtocolParams.Parameters memory)
    {
        IProtocolParams.Parameter which = row.parameter;
        // forge-lint: disable-start(unsafe-typecast)
        if (which == IProtocolParams.Parameter.AttributionThreshold) initial.attributionThresholdBps = uint16(value);
        else if (which == IProtocolParams.Parameter.MaxPaidContributions) initial.maxPaidContributions = uint16(value);
        else if (which == IProtocolParams.Parameter.DuplicateBounty) initial.duplicateBountyBps = uint16(value);
        else if (which == IProtocolParams.Parameter.UnbondingPeriod) initial.unbondingPeriod = uint32(value);
        else if (which == IProtocolParams.Parameter.BondReleaseDelay) initial.bondReleaseDelay = uint32(value);
        else if (which == IProtocolParams.Parameter.MinInferenceFee) initial.minInferenceFee = uint128(value);
        else if (which == IProtocolParams.Parameter.ModelRegistrationFee) initial.modelRegistrationFee = uint128(value);
        else if (which == IProtocolParams.Parameter.ContributionBond) initial.contributionBond = uint128(value);
        else if (which == IProtocolParams.Parameter.MinCuratorStake) initial.minCuratorStake = uint128(value);
        else if (which == IProtocolParams.Parameter.ChallengeWindow) initial.challengeWindow = uint32(value);
        else if (which == IProtocolParams.Parameter.AssertionBond) initial.assertionBondBps = uint16(value);
        else if (which == IProtocolParams.Parameter.DisputeBond) initial.disputeBond = uint128(value);
        else if (which == IProtocolParams.Parameter.MinValidatorStake) initial.minValidatorStake = uint128(value);
        else if (which == IProtocolParams.Parameter.MaxContributionBytes) initial.maxContributionBytes = uint32(value);
        else if (which == IProtocolParams.Parameter.ReviewTimeout) initial.reviewTimeout = uint32(value);
        else if (which == IProtocolParams.Parameter.MaxSlash) initial.maxSlashBps = uint16(value);
        else revert("unknown parameter");
        // forge-lint: disable-end(unsafe-typecast)
        return initial;
    }

    /// @dev The only log `params` emitted since {Vm.recordLogs} whose first topic is `topic`; fails unless exactly one.
    function _onlyLog(Vm.Log[] memory logs, bytes32 topic, string memory what) internal view returns (Vm.Log memory found) {
        uint256 count;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter == address(params) && logs[i].topics[0] == topic) {
                found = logs[i];
                ++count;
            }
        }
        assertEq(count, 1, string.concat(what, ": one event"));
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
        assertEq(actual.challengeWindow, expected.challengeWindow, "challenge window");
        assertEq(actual.assertionBondBps, expected.assertionBondBps, "assertion bond");
        assertEq(actual.disputeBond, expected.disputeBond, "dispute bond");
        assertEq(actual.minValidatorStake, expected.minValidatorStake, "validator stake");
        assertEq(actual.maxContributionBytes, expected.maxContributionBytes, "max contribution bytes");
        assertEq(actual.reviewTimeout, expected.reviewTimeout, "review timeout");
        assertEq(actual.maxSlashBps, expected.maxSlashBps, "max slash");
    }

    function test_table_deployedValuesMatchTheFixture() public view {
        Row[] memory rows = _rows();
        for (uint256 i = 0; i < rows.length; ++i) {
            assertEq(_get(rows[i]), rows[i].deployed, rows[i].name);
        }
    }

    function test_constructor_emitsEveryInitialValueFromZero() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        vm.recordLogs();
        params = new ProtocolParams(outsider, initial);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(params.owner(), outsider, "owner as given");
        Vm.Log memory splitLog = _onlyLog(logs, IProtocolParams.FeeSplitSet.selector, "fee split");
        assertEq(splitLog.data, abi.encode(_split(0, 0, 0, 0), initial.feeSplit), "fee split: from zero");

        Row[] memory rows = _rows();
        for (uint256 i = 0; i < rows.length; ++i) {
            Vm.Log memory log = _onlyLog(logs, rows[i].setEvent, rows[i].name);
            assertEq(log.data, abi.encode(0, rows[i].deployed), string.concat(rows[i].name, ": from zero"));
        }
    }

    function test_constructor_acceptsEveryEdgeOfTheBounds() public {
        Row[] memory rows = _rows();
        IProtocolParams.Parameters memory low = defaultParameters();
        IProtocolParams.Parameters memory high = defaultParameters();
        low.feeSplit = _split(1_000, 0, 0, 9_000);
        high.feeSplit = _split(10_000, 0, 0, 0);
        for (uint256 i = 0; i < rows.length; ++i) {
            low = _withValue(low, rows[i], rows[i].min);
            high = _withValue(high, rows[i], rows[i].max);
        }
        params = new ProtocolParams(outsider, low);
        for (uint256 i = 0; i < rows.length; ++i) {
            assertEq(_get(rows[i]), rows[i].min, string.concat(rows[i].name, ": lowest"));
        }
        assertEq(params.feeSplit().dataBps, 1_000, "data share at the floor");
        params = new ProtocolParams(outsider, high);
        for (uint256 i = 0; i < rows.length; ++i) {
            assertEq(_get(rows[i]), rows[i].max, string.concat(rows[i].name, ": highest"));
        }
        assertEq(params.feeSplit().dataBps, 10_000, "everything to data");
    }

    function test_RevertWhen_constructorValueOutOfBounds() public {
        Row[] memory rows = _rows();
        for (uint256 i = 0; i < rows.length; ++i) {
            vm.expectRevert(_outOfBounds(rows[i], rows[i].max + 1));
            new ProtocolParams(address(timelock), _withValue(defaultParameters(), rows[i], rows[i].max + 1));
            if (rows[i].min == 0) continue;
            vm.expectRevert(_outOfBounds(rows[i], rows[i].min - 1));
            new ProtocolParams(address(timelock), _withValue(defaultParameters(), rows[i], rows[i].min - 1));
        }
    }

    function test_RevertWhen_constructorOwnerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new ProtocolParams(address(0), defaultParameters());
    }

    function test_RevertWhen_constructorFeeSplitSumInvalid() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.feeSplit = _split(5_000, 2_000, 2_000, 999);
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.ProtocolParamsFeeSplitSumInvalid.selector, 9_999));
        new ProtocolParams(address(timelock), initial);
    }

    function test_RevertWhen_constructorDataShareTooLow() public {
        IProtocolParams.Parameters memory initial = defaultParameters();
        initial.feeSplit = _split(999, 3_001, 3_000, 3_000);
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.ProtocolParamsFeeSplitDataShareTooLow.selector, 999, 1_000));
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
        assertEq(params.MIN_CHALLENGE_WINDOW(), 1 minutes, "window min");
        assertEq(params.MAX_CHALLENGE_WINDOW(), 30 days, "window max");
        assertEq(params.MIN_ASSERTION_BOND_BPS(), 1_000, "assertion bond min");
        assertEq(params.MAX_ASSERTION_BOND_BPS(), 50_000, "assertion bond max");
        assertEq(params.MIN_DISPUTE_BOND(), 0.001 ether, "dispute bond min");
        assertEq(params.MAX_DISPUTE_BOND(), 10_000 ether, "dispute bond max");
        assertEq(params.MIN_VALIDATOR_STAKE_FLOOR(), 1 ether, "validator floor");
        assertEq(params.MAX_MIN_VALIDATOR_STAKE(), 10_000_000 ether, "validator max");
        assertEq(params.MIN_MAX_CONTRIBUTION_BYTES(), 1024, "bytes cap min");
        assertEq(params.MAX_CONTRIBUTION_BYTES_LIMIT(), 1 << 28, "bytes cap max");
        assertEq(params.MIN_REVIEW_TIMEOUT(), 1 minutes, "review timeout min");
        assertEq(params.MAX_REVIEW_TIMEOUT(), 365 days, "review timeout max");
        assertEq(params.MIN_MAX_SLASH_BPS(), 100, "slash cap min");
        assertEq(params.MAX_MAX_SLASH_BPS(), 5_000, "slash cap max");
    }

    // ------------------------------------------------------------------ every scalar setter, from the table

    function test_setters_storeAndEmitOldAndNew() public {
        Row[] memory rows = _rows();
        for (uint256 i = 0; i < rows.length; ++i) {
            Row memory row = rows[i];
            uint256 next = row.deployed == row.max ? row.min : row.max;
            vm.recordLogs();
            _setAsOwner(row, next);
            Vm.Log[] memory logs = vm.getRecordedLogs();
            assertEq(logs.length, 1, string.concat(row.name, ": one log"));
            Vm.Log memory log = _onlyLog(logs, row.setEvent, row.name);
            assertEq(log.topics.length, 1, string.concat(row.name, ": nothing indexed"));
            assertEq(log.data, abi.encode(row.deployed, next), string.concat(row.name, ": old and new"));
            assertEq(_get(row), next, string.concat(row.name, ": stored"));
        }
    }

    function test_setters_acceptBothEdgesOfTheirBounds() public {
        Row[] memory rows = _rows();
        for (uint256 i = 0; i < rows.length; ++i) {
            _setAsOwner(rows[i], rows[i].min);
            assertEq(_get(rows[i]), rows[i].min, string.concat(rows[i].name, ": min"));
            _setAsOwner(rows[i], rows[i].max);
            assertEq(_get(rows[i]), rows[i].max, string.concat(rows[i].name, ": max"));
        }
    }

    function test_RevertWhen_settersGoAboveTheirMaximum() public {
        Row[] memory rows = _rows();
        for (uint256 i = 0; i < rows.length; ++i) {
            (bool ok, bytes memory reason) = _set(rows[i], address(timelock), rows[i].max + 1);
            assertFalse(ok, string.concat(rows[i].name, ": refused"));
            assertEq(reason, _outOfBounds(rows[i], rows[i].max + 1), string.concat(rows[i].name, ": error"));
            assertEq(_get(rows[i]), rows[i].deployed, string.concat(rows[i].name, ": unchanged"));
        }
    }

    function test_RevertWhen_settersGoBelowTheirMinimum() public {
        Row[] memory rows = _rows();
        uint256 checked;
        for (uint256 i = 0; i < rows.length; ++i) {
            if (rows[i].min == 0) continue;
            (bool ok, bytes memory reason) = _set(rows[i], address(timelock), rows[i].min - 1);
            assertFalse(ok, string.concat(rows[i].name, ": refused"));
            assertEq(reason, _outOfBounds(rows[i], rows[i].min - 1), string.concat(rows[i].name, ": error"));
            assertEq(_get(rows[i]), rows[i].deployed, string.concat(rows[i].name, ": unchanged"));
            ++checked;
        }
        assertEq(checked, 11, "eleven parameters have a lower bound above zero");
    }

    function test_RevertWhen_settersAreCalledByAnyoneButTheTimelock() public {
        Row[] memory rows = _rows();
        // The deployer wired the protocol but holds no power over its parameters.
        address[2] memory callers = [outsider, address(this)];
        for (uint256 i = 0; i < rows.length; ++i) {
            for (uint256 j = 0; j < callers.length; ++j) {
                (bool ok, bytes memory reason) = _set(rows[i], callers[j], rows[i].min);
                assertFalse(ok, string.concat(rows[i].name, ": refused"));
                assertEq(reason, _unauthorized(callers[j]), string.concat(rows[i].name, ": error"));
            }
            assertEq(_get(rows[i]), rows[i].deployed, string.concat(rows[i].name, ": unchanged"));
        }
    }

    function test_RevertWhen_nonOwnerTransfersOwnership() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.transferOwnership(outsider);
    }

    function test_ownership_movesInTwoSteps() public {
        vm.prank(address(timelock));
        params.transferOwnership(outsider);
        assertEq(params.owner(), address(timelock), "the Timelock still owns it until accepted");
        assertEq(params.pendingOwner(), outsider, "pending");
        vm.prank(outsider);
        params.acceptOwnership();
        assertEq(params.owner(), outsider, "accepted");
    }

    function test_RevertWhen_someoneElseAcceptsOwnership() public {
        vm.prank(address(timelock));
        params.transferOwnership(outsider);
        vm.expectRevert(_unauthorized(address(this)));
        params.acceptOwnership();
    }

    // ------------------------------------------------------------------ setFeeSplit

    function test_setFeeSplit_storesAndEmitsOldAndNew() public {
        IProtocolParams.FeeSplit memory next = _split(6_000, 1_500, 1_500, 1_000);
        vm.expectEmit(address(params));
        emit IProtocolParams.FeeSplitSet(defaultParameters().feeSplit, next);
        vm.prank(address(timelock));
        params.setFeeSplit(next);

        _assertSplit(params.feeSplit(), next, "feeSplit()");
        _assertSplit(params.parameters().feeSplit, next, "parameters()");
        _assertSplit(params.inferenceTerms().split, next, "inferenceTerms()");
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
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.ProtocolParamsFeeSplitSumInvalid.selector, 9_999));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(5_000, 2_000, 2_000, 999));
    }

    function test_RevertWhen_setFeeSplitSumsAbove10000() public {
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.ProtocolParamsFeeSplitSumInvalid.selector, 10_001));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(5_000, 2_000, 2_000, 1_001));
    }

    function test_RevertWhen_setFeeSplitSharesWouldOverflowUint16() public {
        // The sum is taken in 256 bits, so four maximal shares are reported, not wrapped round to a valid total.
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.ProtocolParamsFeeSplitSumInvalid.selector, 4 * uint256(type(uint16).max)));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(type(uint16).max, type(uint16).max, type(uint16).max, type(uint16).max));
    }

    function test_RevertWhen_setFeeSplitDataShareBelowFloor() public {
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.ProtocolParamsFeeSplitDataShareTooLow.selector, 999, 1_000));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(999, 3_001, 3_000, 3_000));
    }

    function test_RevertWhen_setFeeSplitDataShareIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IProtocolParams.ProtocolParamsFeeSplitDataShareTooLow.selector, 0, 1_000));
        vm.prank(address(timelock));
        params.setFeeSplit(_split(0, 5_000, 5_000, 0));
    }

    function test_RevertWhen_setFeeSplitCalledByNonOwner() public {
        vm.expectRevert(_unauthorized(outsider));
        vm.prank(outsider);
        params.setFeeSplit(_split(6_000, 1_500, 1_500, 1_000));
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

        vm.startPrank(address(timelock));
        params.setChallengeWindow(2 hours);
        params.setAssertionBond(2_500);
        vm.stopPrank();

        IProtocolParams.InferenceTerms memory terms = params.inferenceTerms();
        assertEq(terms.thresholdBps, 750, "terms threshold");
        _assertSplit(terms.split, split, "terms split");
        assertEq(terms.maxPaid, 7, "terms max paid");
        assertEq(terms.minFee, 0.02 ether, "terms min fee");
        assertEq(terms.assertionBondBps, 2_500, "terms assertion bond");
        assertEq(terms.challengeWindow, 2 hours, "terms challenge window");
    }
}
