// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

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
 * The values the hot path needs ({inferenceTerms}) share one storage slot. Ownership moves in two steps
 * ({Ownable2Step}), so a mistyped new owner (a Timelock migration gone wrong) cannot lock parameters forever.
 */
contract ProtocolParams is IProtocolParams, Ownable2Step {

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
    /// @notice Bounds: an assertion may be disputed for between one minute and 30 days.
    uint32 public constant MIN_CHALLENGE_WINDOW = 1 minutes;
    uint32 public constant MAX_CHALLENGE_WINDOW = 30 days;
    /// @notice Bounds: a payer's assertion bond is between 10% and 5× the fee, so lying always costs something
    /// and honest payers are never priced out.
    uint16 public constant MIN_ASSERTION_BOND_BPS = 1_000;
    uint16 public constant MAX_ASSERTION_BOND_BPS = 50_000;
    /// @notice Bounds: a dispute bond is between 0.001 and 10,000 OPEN; never zero, so disputing honest records
    /// (griefing) costs the griefer.
    uint128 public constant MIN_DISPUTE_BOND = 0.001 ether;
    uint128 public constant MAX_DISPUTE_BOND = 10_000 ether;
    /// @notice Bounds: a validator must stake between 1 and 10 million OPEN.
    uint128 public constant MIN_VALIDATOR_STAKE_FLOOR = 1 ether;
    uint128 public constant MAX_MIN_VALIDATOR_STAKE = 10_000_000 ether;
    /// @notice Bounds: a contribution declares between 1 KiB and 256 MiB at most. With at most 2^32 contributions
    /// per datanet and 16 datanets per model, a model's summed bytes stay below 2^28 · 2^32 · 2^4 = 2^64, so the
    /// uint64 sums in `DatanetRegistry` cannot overflow whatever governance sets.
    uint32 public constant MIN_MAX_CONTRIBUTION_BYTES = 1024;
    uint32 public constant MAX_CONTRIBUTION_BYTES_LIMIT = 1 << 28;
    /// @notice Bounds: a pending contribution can be withdrawn after between one minute and a year unreviewed.
    uint32 public constant MIN_REVIEW_TIMEOUT = 1 minutes;
    uint32 public constant MAX_REVIEW_TIMEOUT = 365 days;
    /// @notice Bounds: one slash takes between 1% and half of a stake, so no single vote can take it all.
    uint16 public constant MIN_MAX_SLASH_BPS = 100;
    uint16 public constant MAX_MAX_SLASH_BPS = 5_000;

    // Slot 1: everything `inferenceTerms` returns. The fee is stored in 96 bits (its bound is far below 2^96).
    FeeSplit private _feeSplit;
    uint16 private _attributionThresholdBps;
    uint16 private _maxPaidContributions;
    uint16 private _assertionBondBps;
    uint32 private _challengeWindow;
    uint96 private _minInferenceFee;
    // Slot 2.
    uint32 private _unbondingPeriod;
    uint32 private _bondReleaseDelay;
    uint32 private _reviewTimeout;
    uint32 private _maxContributionBytes;
    uint16 private _duplicateBountyBps;
    uint16 private _maxSlashBps;
    uint96 private _modelRegistrationFee;
    // Slot 3.
    uint128 private _contributionBond;
    uint128 private _minCuratorStake;
    // Slot 4.
    uint128 private _disputeBond;
    uint128 private _minValidatorStake;

    /**
     * @notice Sets every parameter, each checked against its bounds, and makes `owner_` (the Timelock) the owner.
     * @dev Each value goes through the same internal setter governance uses later, so it is checked and its
     * `…Set` event (from zero) is emitted.
     * @param owner_ The only account that can change parameters afterwards.
     * @param initial The starting values.
     */
    constructor(address owner_, Parameters memory initial) Ownable(owner_) {
        _setFeeSplit(initial.feeSplit);
        _setAttributionThreshold(initial.attributionThresholdBps);
        _setMaxPaidContributions(initial.maxPaidContributions);
        _setDuplicateBounty(initial.duplicateBountyBps);
        _setUnbondingPeriod(initial.unbondingPeriod);
        _setBondReleaseDelay(initial.bondReleaseDelay);
        _setMinInferenceFee(initial.minInferenceFee);
        _setModelRegistrationFee(initial.modelRegistrationFee);
        _setContributionBond(initial.contributionBond);
        _setMinCuratorStake(initial.minCuratorStake);
        _setChallengeWindow(initial.challengeWindow);
        _setAssertionBond(initial.assertionBondBps);
        _setDisputeBond(initial.disputeBond);
        _setMinValidatorStake(initial.minValidatorStake);
        _setMaxContributionBytes(initial.maxContributionBytes);
        _setReviewTimeout(initial.reviewTimeout);
        _setMaxSlash(initial.maxSlashBps);
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
            minCuratorStake: _minCuratorStake,
            challengeWindow: _challengeWindow,
            assertionBondBps: _assertionBondBps,
            disputeBond: _disputeBond,
            minValidatorStake: _minValidatorStake,
            maxContributionBytes: _maxContributionBytes,
            reviewTimeout: _reviewTimeout,
            maxSlashBps: _maxSlashBps
        });
    }

    /// @inheritdoc IProtocolParams
    function inferenceTerms() external view returns (InferenceTerms memory) {
        return InferenceTerms({
            thresholdBps: _attributionThresholdBps,
            split: _feeSplit,
            maxPaid: _maxPaidContributions,
            minFee: _minInferenceFee,
            assertionBondBps: _assertionBondBps,
            challengeWindow: _challengeWindow
        });
    }

    /// @inheritdoc IProtocolParams
    function attributionThresholdBps() external view returns (uint16) {
        return _attributionThresholdBps;
    }

    /// @inheritdoc IProtocolParams
    function feeSplit() external view returns (FeeSplit memory) {
        return _feeSplit;
    }

    /// @inheritdoc IProtocolParams
    function maxPaidContributions() external view returns (uint16) {
        return _maxPaidContributions;
    }

    /// @inheritdoc IProtocolParams
    function duplicateBountyBps() external view returns (uint16) {
        return _duplicateBountyBps;
    }

    /// @inheritdoc IProtocolParams
    function unbondingPeriod() external view returns (uint32) {
        return _unbondingPeriod;
    }

    /// @inheritdoc IProtocolParams
    function bondReleaseDelay() external view returns (uint32) {
        return _bondReleaseDelay;
    }

    /// @inheritdoc IProtocolParams
    function minInferenceFee() external view returns (uint128) {
        return _minInferenceFee;
    }

    /// @inheritdoc IProtocolParams
    function modelRegistrationFee() external view returns (uint128) {
        return _modelRegistrationFee;
    }

    /// @inheritdoc IProtocolParams
    function contributionBond() external view returns (uint128) {
        return _contributionBond;
    }

    /// @inheritdoc IProtocolParams
    function minCuratorStake() external view returns (uint128) {
        return _minCuratorStake;
    }

    /// @inheritdoc IProtocolParams
    function challengeWindow() external view returns (uint32) {
        return _challengeWindow;
    }

    /// @inheritdoc IProtocolParams
    function assertionBondBps() external view returns (uint16) {
        return _assertionBondBps;
    }

    /// @inheritdoc IProtocolParams
    function disputeBond() external view returns (uint128) {
        return _disputeBond;
    }

    /// @inheritdoc IProtocolParams
    function minValidatorStake() external view returns (uint128) {
        return _minValidatorStake;
    }

    /// @inheritdoc IProtocolParams
    function maxContributionBytes() external view returns (uint32) {
        return _maxContributionBytes;
    }

    /// @inheritdoc IProtocolParams
    function reviewTimeout() external view returns (uint32) {
        return _reviewTimeout;
    }

    /// @inheritdoc IProtocolParams
    function maxSlashBps() external view returns (uint16) {
        return _maxSlashBps;
    }

    /// @inheritdoc IProtocolParams
    function setFeeSplit(FeeSplit calldata split) external onlyOwner {
        _setFeeSplit(split);
    }

    /// @inheritdoc IProtocolParams
    function setAttributionThreshold(uint16 bps) external onlyOwner {
        _setAttributionThreshold(bps);
    }

    /// @inheritdoc IProtocolParams
    function setMaxPaidContributions(uint16 count) external onlyOwner {
        _setMaxPaidContributions(count);
    }

    /// @inheritdoc IProtocolParams
    function setDuplicateBounty(uint16 bps) external onlyOwner {
        _setDuplicateBounty(bps);
    }

    /// @inheritdoc IProtocolParams
    function setUnbondingPeriod(uint32 seconds_) external onlyOwner {
        _setUnbondingPeriod(seconds_);
    }

    /// @inheritdoc IProtocolParams
    function setBondReleaseDelay(uint32 seconds_) external onlyOwner {
        _setBondReleaseDelay(seconds_);
    }

    /// @inheritdoc IProtocolParams
    function setMinInferenceFee(uint128 fee) external onlyOwner {
        _setMinInferenceFee(fee);
    }

    /// @inheritdoc IProtocolParams
    function setModelRegistrationFee(uint128 fee) external onlyOwner {
        _setModelRegistrationFee(fee);
    }

    /// @inheritdoc IProtocolParams
    function setContributionBond(uint128 bond) external onlyOwner {
        _setContributionBond(bond);
    }

    /// @inheritdoc IProtocolParams
    function setMinCuratorStake(uint128 stake) external onlyOwner {
        _setMinCuratorStake(stake);
    }

    /// @inheritdoc IProtocolParams
    function setChallengeWindow(uint32 seconds_) external onlyOwner {
        _setChallengeWindow(seconds_);
    }

    /// @inheritdoc IProtocolParams
    function setAssertionBond(uint16 bps) external onlyOwner {
        _setAssertionBond(bps);
    }

    /// @inheritdoc IProtocolParams
    function setDisputeBond(uint128 bond) external onlyOwner {
        _setDisputeBond(bond);
    }

    /// @inheritdoc IProtocolParams
    function setMinValidatorStake(uint128 stake) external onlyOwner {
        _setMinValidatorStake(stake);
    }

    /// @inheritdoc IProtocolParams
    function setMaxContributionBytes(uint32 bytes_) external onlyOwner {
        _setMaxContributionBytes(bytes_);
    }

    /// @inheritdoc IProtocolParams
    function setReviewTimeout(uint32 seconds_) external onlyOwner {
        _setReviewTimeout(seconds_);
    }

    /// @inheritdoc IProtocolParams
    function setMaxSlash(uint16 bps) external onlyOwner {
        _setMaxSlash(bps);
    }

    /// @dev Checks that the shares sum to 10,000 and leave data contributors at least {MIN_DATA_SHARE_BPS}, emits
    /// {FeeSplitSet}, then stores the split.
    function _setFeeSplit(FeeSplit memory split) internal {
        uint256 total = uint256(split.dataBps) + split.modelOwnerBps + split.stakersBps + split.treasuryBps;
        if (total != BPS) revert ProtocolParamsFeeSplitSumInvalid(total);
        if (split.dataBps < MIN_DATA_SHARE_BPS) {
            revert ProtocolParamsFeeSplitDataShareTooLow(split.dataBps, MIN_DATA_SHARE_BPS);
        }
        emit FeeSplitSet(_feeSplit, split);
        _feeSplit = split;
    }

    /// @dev Checks `bps` against [0, MAX_ATTRIBUTION_THRESHOLD_BPS], emits {AttributionThresholdSet}, then stores it.
    function _setAttributionThreshold(uint16 bps) internal {
        _checkBounds(Parameter.AttributionThreshold, bps, 0, MAX_ATTRIBUTION_THRESHOLD_BPS);
        emit AttributionThresholdSet(_attributionThresholdBps, bps);
        _attributionThresholdBps = bps;
    }

    /// @dev Checks `count` against [1, MAX_PAID_CONTRIBUTIONS_LIMIT], emits {MaxPaidContributionsSet}, then stores it.
    function _setMaxPaidContributions(uint16 count) internal {
        _checkBounds(Parameter.MaxPaidContributions, count, 1, MAX_PAID_CONTRIBUTIONS_LIMIT);
        emit MaxPaidContributionsSet(_maxPaidContributions, count);
        _maxPaidContributions = count;
    }

    /// @dev Checks `bps` against [0, MAX_DUPLICATE_BOUNTY_BPS], emits {DuplicateBountySet}, then stores it.
    function _setDuplicateBounty(uint16 bps) internal {
        _checkBounds(Parameter.DuplicateBounty, bps, 0, MAX_DUPLICATE_BOUNTY_BPS);
        emit DuplicateBountySet(_duplicateBountyBps, bps);
        _duplicateBountyBps = bps;
    }

    /// @dev Checks `seconds_` against [MIN_UNBONDING_PERIOD, MAX_UNBONDING_PERIOD], emits {UnbondingPeriodSet}, then stores it.
    function _setUnbondingPeriod(uint32 seconds_) internal {
        _checkBounds(Parameter.UnbondingPeriod, seconds_, MIN_UNBONDING_PERIOD, MAX_UNBONDING_PERIOD);
        emit UnbondingPeriodSet(_unbondingPeriod, seconds_);
        _unbondingPeriod = seconds_;
    }

    /// @dev Checks `seconds_` against [0, MAX_BOND_RELEASE_DELAY], emits {BondReleaseDelaySet}, then stores it.
    function _setBondReleaseDelay(uint32 seconds_) internal {
        _checkBounds(Parameter.BondReleaseDelay, seconds_, 0, MAX_BOND_RELEASE_DELAY);
        emit BondReleaseDelaySet(_bondReleaseDelay, seconds_);
        _bondReleaseDelay = seconds_;
    }

    /// @dev Checks `fee` against [1, MAX_MIN_INFERENCE_FEE], emits {MinInferenceFeeSet}, then stores it.
    function _setMinInferenceFee(uint128 fee) internal {
        _checkBounds(Parameter.MinInferenceFee, fee, 1, MAX_MIN_INFERENCE_FEE);
        emit MinInferenceFeeSet(_minInferenceFee, fee);
        // casting to 'uint96' is safe because the bound MAX_MIN_INFERENCE_FEE was checked and is below 2^96
        // forge-lint: disable-next-line(unsafe-typecast)
        _minInferenceFee = uint96(fee);
    }

    /// @dev Checks `fee` against [0, MAX_MODEL_REGISTRATION_FEE], emits {ModelRegistrationFeeSet}, then stores it.
    function _setModelRegistrationFee(uint128 fee) internal {
        _checkBounds(Parameter.ModelRegistrationFee, fee, 0, MAX_MODEL_REGISTRATION_FEE);
        emit ModelRegistrationFeeSet(_modelRegistrationFee, fee);
        // casting to 'uint96' is safe because the bound MAX_MODEL_REGISTRATION_FEE was checked and is below 2^96
        // forge-lint: disable-next-line(unsafe-typecast)
        _modelRegistrationFee = uint96(fee);
    }

    /// @dev Checks `bond` against [0, MAX_CONTRIBUTION_BOND], emits {ContributionBondSet}, then stores it.
    function _setContributionBond(uint128 bond) internal {
        _checkBounds(Parameter.ContributionBond, bond, 0, MAX_CONTRIBUTION_BOND);
        emit ContributionBondSet(_contributionBond, bond);
        _contributionBond = bond;
    }

    /// @dev Checks `stake` against [MIN_CURATOR_STAKE_FLOOR, MAX_MIN_CURATOR_STAKE], emits {MinCuratorStakeSet}, then stores it.
    function _setMinCuratorStake(uint128 stake) internal {
        _checkBounds(Parameter.MinCuratorStake, stake, MIN_CURATOR_STAKE_FLOOR, MAX_MIN_CURATOR_STAKE);
        emit MinCuratorStakeSet(_minCuratorStake, stake);
        _minCuratorStake = stake;
    }

    /// @dev Checks `seconds_` against [MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW], emits {ChallengeWindowSet}, then stores it.
    function _setChallengeWindow(uint32 seconds_) internal {
        _checkBounds(Parameter.ChallengeWindow, seconds_, MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW);
        emit ChallengeWindowSet(_challengeWindow, seconds_);
        _challengeWindow = seconds_;
    }

    /// @dev Checks `bps` against [MIN_ASSERTION_BOND_BPS, MAX_ASSERTION_BOND_BPS], emits {AssertionBondSet}, then stores it.
    function _setAssertionBond(uint16 bps) internal {
        _checkBounds(Parameter.AssertionBond, bps, MIN_ASSERTION_BOND_BPS, MAX_ASSERTION_BOND_BPS);
        emit AssertionBondSet(_assertionBondBps, bps);
        _assertionBondBps = bps;
    }

    /// @dev Checks `bond` against [MIN_DISPUTE_BOND, MAX_DISPUTE_BOND], emits {DisputeBondSet}, then stores it.
    function _setDisputeBond(uint128 bond) internal {
        _checkBounds(Parameter.DisputeBond, bond, MIN_DISPUTE_BOND, MAX_DISPUTE_BOND);
        emit DisputeBondSet(_disputeBond, bond);
        _disputeBond = bond;
    }

    /// @dev Checks `stake` against [MIN_VALIDATOR_STAKE_FLOOR, MAX_MIN_VALIDATOR_STAKE], emits {MinValidatorStakeSet}, then stores it.
    function _setMinValidatorStake(uint128 stake) internal {
        _checkBounds(Parameter.MinValidatorStake, stake, MIN_VALIDATOR_STAKE_FLOOR, MAX_MIN_VALIDATOR_STAKE);
        emit MinValidatorStakeSet(_minValidatorStake, stake);
        _minValidatorStake = stake;
    }

    /// @dev Checks `bytes_` against [MIN_MAX_CONTRIBUTION_BYTES, MAX_CONTRIBUTION_BYTES_LIMIT], emits
    /// {MaxContributionBytesSet}, then stores it.
    function _setMaxContributionBytes(uint32 bytes_) internal {
        _checkBounds(Parameter.MaxContributionBytes, bytes_, MIN_MAX_CONTRIBUTION_BYTES, MAX_CONTRIBUTION_BYTES_LIMIT);
        emit MaxContributionBytesSet(_maxContributionBytes, bytes_);
        _maxContributionBytes = bytes_;
    }

    /// @dev Checks `seconds_` against [MIN_REVIEW_TIMEOUT, MAX_REVIEW_TIMEOUT], emits {ReviewTimeoutSet}, then stores it.
    function _setReviewTimeout(uint32 seconds_) internal {
        _checkBounds(Parameter.ReviewTimeout, seconds_, MIN_REVIEW_TIMEOUT, MAX_REVIEW_TIMEOUT);
        emit ReviewTimeoutSet(_reviewTimeout, seconds_);
        _reviewTimeout = seconds_;
    }

    /// @dev Checks `bps` against [MIN_MAX_SLASH_BPS, MAX_MAX_SLASH_BPS], emits {MaxSlashSet}, then stores it.
    function _setMaxSlash(uint16 bps) internal {
        _checkBounds(Parameter.MaxSlash, bps, MIN_MAX_SLASH_BPS, MAX_MAX_SLASH_BPS);
        emit MaxSlashSet(_maxSlashBps, bps);
        _maxSlashBps = bps;
    }

    function _checkBounds(Parameter parameter, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ProtocolParamsOutOfBounds(parameter, value, min, max);
    }
}
