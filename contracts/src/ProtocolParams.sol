// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {IProtocolParams} from "./interfaces/IProtocolParams.sol";

/**
 * @title ProtocolParams
 * @notice The numbers Provena runs on, in one place, changed only by OPEN holders through governance.
 * @dev Every other contract reads its rules from here at the moment it needs them: how an inference fee is
 * split between data contributors, the model owner, stakers and the treasury; how large an attribution must
 * be to be paid; the fees, bonds and minimum stakes; and the waiting periods. The owner is the Timelock, so a
 * change is always a Governor proposal that passed, waited out the timelock delay and was executed. Each
 * setter refuses a value outside fixed bounds (so even a captured vote cannot, say, set a 100-year unbonding
 * period or give the data contributors nothing) and emits the old and new value, so the page can show the
 * history of every parameter from logs alone.
 *
 * The values the hot path needs ({inferenceTerms}) share one storage slot.
 */
contract ProtocolParams is IProtocolParams, Ownable {
    uint16 private constant BPS = 10_000;

    /// @notice Bounds: the attribution threshold is at most half of an answer's attribution.
    uint16 public constant MAX_ATTRIBUTION_THRESHOLD_BPS = 5_000;
    /// @notice Bounds: data contributors always get at least 10% of an inference fee.
    uint16 public constant MIN_DATA_SHARE_BPS = 1_000;
    /// @notice Bounds: an answer pays between 1 and 64 contributions.
    uint16 public constant MAX_PAID_CONTRIBUTIONS_LIMIT = 64;
    /// @notice Bounds: a duplicate's prover gets at most half of the slashed bond.
    uint16 public constant MAX_DUPLICATE_BOUNTY_BPS = 5_000;
    /// @notice Bounds: unbonding takes between one minute and a year.
    uint32 public constant MIN_UNBONDING_PERIOD = 1 minutes;
    uint32 public constant MAX_UNBONDING_PERIOD = 365 days;
    /// @notice Bounds: an approved contribution's bond is returned at most 90 days after approval.
    uint32 public constant MAX_BOND_RELEASE_DELAY = 90 days;
    /// @notice Bounds: an inference fee is between 1 wei and 100 OPEN.
    uint128 public constant MAX_MIN_INFERENCE_FEE = 100 ether;
    /// @notice Bounds: registering a model costs at most 10,000 OPEN.
    uint128 public constant MAX_MODEL_REGISTRATION_FEE = 10_000 ether;
    /// @notice Bounds: a contribution bond is at most 1,000 OPEN.
    uint128 public constant MAX_CONTRIBUTION_BOND = 1_000 ether;
    /// @notice Bounds: a curator must stake between 1 and 10 million OPEN (Staking's own minimum is 1 OPEN).
    uint128 public constant MIN_CURATOR_STAKE_FLOOR = 1 ether;
    uint128 public constant MAX_MIN_CURATOR_STAKE = 10_000_000 ether;

    // Slot 1: everything `inferenceTerms` returns.
    FeeSplit private _feeSplit;
    uint16 private _attributionThresholdBps;
    uint16 private _maxPaidContributions;
    uint16 private _duplicateBountyBps;
    uint128 private _minInferenceFee;
    // Slot 2.
    uint32 private _unbondingPeriod;
    uint32 private _bondReleaseDelay;
    uint128 private _modelRegistrationFee;
    // Slot 3.
    uint128 private _contributionBond;
    uint128 private _minCuratorStake;

    /**
     * @notice Sets every parameter, each checked against its bounds, and makes `owner_` (the Timelock) the owner.
     * @param owner_ The only account that can change parameters afterwards.
     * @param initial The starting values.
     */
    constructor(address owner_, Parameters memory initial) Ownable(owner_) {
        setFeeSplit(initial.feeSplit);
        setAttributionThreshold(initial.attributionThresholdBps);
        setMaxPaidContributions(initial.maxPaidContributions);
        setDuplicateBounty(initial.duplicateBountyBps);
        setUnbondingPeriod(initial.unbondingPeriod);
        setBondReleaseDelay(initial.bondReleaseDelay);
        setMinInferenceFee(initial.minInferenceFee);
        setModelRegistrationFee(initial.modelRegistrationFee);
        setContributionBond(initial.contributionBond);
        setMinCuratorStake(initial.minCuratorStake);
    }

    /// @dev Setters are public so the constructor can reuse their checks; only the owner may call them later.
    modifier onlyOwnerOrConstructor() {
        // During construction the contract has no code yet.
        if (address(this).code.length != 0) _checkOwner();
        _;
    }

    /// @inheritdoc IProtocolParams
    function parameters() external view returns (Parameters memory) {
        return Parameters({
            attributionThresholdBps: _attributionThresholdBps,
            feeSplit: _feeSplit,
            maxPaidContributions: _maxPaidContributions,
            duplicateBountyBps: _duplicateBountyBps,
            unbondingPeriod: _unbondingPeriod,
            bondReleaseDelay: _bondReleaseDelay,
            minInferenceFee: _minInferenceFee,
            modelRegistrationFee: _modelRegistrationFee,
            contributionBond: _contributionBond,
            minCuratorStake: _minCuratorStake
        });
    }

    /// @inheritdoc IProtocolParams
    function inferenceTerms()
        external
        view
        returns (uint16 thresholdBps, FeeSplit memory split, uint16 maxPaid, uint128 minFee)
    {
        return (_attributionThresholdBps, _feeSplit, _maxPaidContributions, _minInferenceFee);
    }

    function attributionThresholdBps() external view returns (uint16) {
        return _attributionThresholdBps;
    }

    function feeSplit() external view returns (FeeSplit memory) {
        return _feeSplit;
    }

    function maxPaidContributions() external view returns (uint16) {
        return _maxPaidContributions;
    }

    function duplicateBountyBps() external view returns (uint16) {
        return _duplicateBountyBps;
    }

    function unbondingPeriod() external view returns (uint32) {
        return _unbondingPeriod;
    }

    function bondReleaseDelay() external view returns (uint32) {
        return _bondReleaseDelay;
    }

    function minInferenceFee() external view returns (uint128) {
        return _minInferenceFee;
    }

    function modelRegistrationFee() external view returns (uint128) {
        return _modelRegistrationFee;
    }

    function contributionBond() external view returns (uint128) {
        return _contributionBond;
    }

    function minCuratorStake() external view returns (uint128) {
        return _minCuratorStake;
    }

    /**
     * @notice Sets the share of an answer's total attribution weight a contribution needs to be paid.
     * @param bps Basis points, at most {MAX_ATTRIBUTION_THRESHOLD_BPS}.
     */
    function setAttributionThreshold(uint16 bps) public onlyOwnerOrConstructor {
        _checkBounds(Parameter.AttributionThreshold, bps, 0, MAX_ATTRIBUTION_THRESHOLD_BPS);
        emit ParameterChanged(Parameter.AttributionThreshold, _attributionThresholdBps, bps);
        _attributionThresholdBps = bps;
    }

    /**
     * @notice Sets how inference fees are divided.
     * @dev The shares must sum to 10,000 and leave data contributors at least {MIN_DATA_SHARE_BPS}.
     */
    function setFeeSplit(FeeSplit memory split) public onlyOwnerOrConstructor {
        uint256 total = uint256(split.dataBps) + split.modelOwnerBps + split.stakersBps + split.treasuryBps;
        if (total != BPS) revert FeeSplitSumInvalid(total);
        if (split.dataBps < MIN_DATA_SHARE_BPS) revert FeeSplitDataShareTooLow(split.dataBps, MIN_DATA_SHARE_BPS);
        emit FeeSplitChanged(_feeSplit, split);
        _feeSplit = split;
    }

    /// @notice Sets the most contributions one answer may pay, between 1 and {MAX_PAID_CONTRIBUTIONS_LIMIT}.
    function setMaxPaidContributions(uint16 count) public onlyOwnerOrConstructor {
        _checkBounds(Parameter.MaxPaidContributions, count, 1, MAX_PAID_CONTRIBUTIONS_LIMIT);
        emit ParameterChanged(Parameter.MaxPaidContributions, _maxPaidContributions, count);
        _maxPaidContributions = count;
    }

    /// @notice Sets the duplicate prover's share of the slashed bond, at most {MAX_DUPLICATE_BOUNTY_BPS}.
    function setDuplicateBounty(uint16 bps) public onlyOwnerOrConstructor {
        _checkBounds(Parameter.DuplicateBounty, bps, 0, MAX_DUPLICATE_BOUNTY_BPS);
        emit ParameterChanged(Parameter.DuplicateBounty, _duplicateBountyBps, bps);
        _duplicateBountyBps = bps;
    }

    /// @notice Sets the unbonding period, between {MIN_UNBONDING_PERIOD} and {MAX_UNBONDING_PERIOD} seconds.
    /// @dev Applies to unstake requests made after the change; pending requests keep their release time.
    function setUnbondingPeriod(uint32 seconds_) public onlyOwnerOrConstructor {
        _checkBounds(Parameter.UnbondingPeriod, seconds_, MIN_UNBONDING_PERIOD, MAX_UNBONDING_PERIOD);
        emit ParameterChanged(Parameter.UnbondingPeriod, _unbondingPeriod, seconds_);
        _unbondingPeriod = seconds_;
    }

    /// @notice Sets how long after approval a contribution's bond is held, at most {MAX_BOND_RELEASE_DELAY}.
    function setBondReleaseDelay(uint32 seconds_) public onlyOwnerOrConstructor {
        _checkBounds(Parameter.BondReleaseDelay, seconds_, 0, MAX_BOND_RELEASE_DELAY);
        emit ParameterChanged(Parameter.BondReleaseDelay, _bondReleaseDelay, seconds_);
        _bondReleaseDelay = seconds_;
    }

    /// @notice Sets the lowest inference fee, between 1 wei and {MAX_MIN_INFERENCE_FEE}.
    /// @dev Models whose fee is now below it charge the new minimum until their owner raises the fee.
    function setMinInferenceFee(uint128 fee) public onlyOwnerOrConstructor {
        _checkBounds(Parameter.MinInferenceFee, fee, 1, MAX_MIN_INFERENCE_FEE);
        emit ParameterChanged(Parameter.MinInferenceFee, _minInferenceFee, fee);
        _minInferenceFee = fee;
    }

    /// @notice Sets the model registration fee, at most {MAX_MODEL_REGISTRATION_FEE}.
    function setModelRegistrationFee(uint128 fee) public onlyOwnerOrConstructor {
        _checkBounds(Parameter.ModelRegistrationFee, fee, 0, MAX_MODEL_REGISTRATION_FEE);
        emit ParameterChanged(Parameter.ModelRegistrationFee, _modelRegistrationFee, fee);
        _modelRegistrationFee = fee;
    }

    /// @notice Sets the bond for new contributions, at most {MAX_CONTRIBUTION_BOND}; pending ones keep theirs.
    function setContributionBond(uint128 bond) public onlyOwnerOrConstructor {
        _checkBounds(Parameter.ContributionBond, bond, 0, MAX_CONTRIBUTION_BOND);
        emit ParameterChanged(Parameter.ContributionBond, _contributionBond, bond);
        _contributionBond = bond;
    }

    /// @notice Sets the stake curators must keep, between {MIN_CURATOR_STAKE_FLOOR} and {MAX_MIN_CURATOR_STAKE}.
    function setMinCuratorStake(uint128 stake) public onlyOwnerOrConstructor {
        _checkBounds(Parameter.MinCuratorStake, stake, MIN_CURATOR_STAKE_FLOOR, MAX_MIN_CURATOR_STAKE);
        emit ParameterChanged(Parameter.MinCuratorStake, _minCuratorStake, stake);
        _minCuratorStake = stake;
    }

    function _checkBounds(Parameter parameter, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ParameterOutOfBounds(parameter, value, min, max);
    }
}
