// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title IProtocolParams
 * @notice Every number the protocol's contracts obey, each with its bounds, set only by governance.
 * @dev The parameter record, its errors and events. {ProtocolParams} stores them; the Timelock owns it, so
 * each change is an executed Governor proposal.
 */
interface IProtocolParams {
    /**
     * @notice How an inference fee is divided, in basis points that sum to 10,000.
     * @param dataBps Share for the data contributors whose contributions the answer is attributed to.
     * @param modelOwnerBps Share for the model's owner.
     * @param stakersBps Share for OPEN stakers, by stake.
     * @param treasuryBps Share for the protocol treasury (the Timelock).
     */
    struct FeeSplit {
        uint16 dataBps;
        uint16 modelOwnerBps;
        uint16 stakersBps;
        uint16 treasuryBps;
    }

    /**
     * @notice The whole parameter set, as passed to the constructor and returned by {parameters}.
     * @param attributionThresholdBps A contribution is paid only when its weight is at least this share of the
     * answer's total attribution weight.
     * @param feeSplit How each inference fee is divided.
     * @param maxPaidContributions The most contributions one answer may pay.
     * @param duplicateBountyBps Share of a duplicate's slashed bond paid to whoever proved the duplicate.
     * @param unbondingPeriod Seconds between requesting to unstake and being able to withdraw.
     * @param bondReleaseDelay Seconds after approval before a contribution's bond can be returned.
     * @param minInferenceFee The lowest inference fee a model may charge, in wei of OPEN.
     * @param modelRegistrationFee The fee to register a model, in wei; it goes to the treasury.
     * @param contributionBond The bond each contribution locks, in wei.
     * @param minCuratorStake The stake a curator must keep to be appointed and to curate, in wei.
     * @param challengeWindow Seconds after an answer's attribution is asserted during which a validator may
     * dispute it; its contributions are paid only after.
     * @param assertionBondBps The bond a payer posts with an attribution assertion, as a share of the fee (10,000
     * is the fee itself); returned when the assertion survives, lost to the disputer when it does not.
     * @param disputeBond The bond a validator posts to dispute an assertion, in wei.
     * @param minValidatorStake The stake a validator must keep to dispute, in wei.
     * @param maxContributionBytes The largest byte size a contribution may declare.
     * @param reviewTimeout Seconds a contribution may wait for review before its contributor may withdraw it.
     * @param maxSlashBps The largest share of a stake (active and unbonding) one slash may take.
     */
    struct Parameters {
        uint16 attributionThresholdBps;
        FeeSplit feeSplit;
        uint16 maxPaidContributions;
        uint16 duplicateBountyBps;
        uint32 unbondingPeriod;
        uint32 bondReleaseDelay;
        uint128 minInferenceFee;
        uint128 modelRegistrationFee;
        uint128 contributionBond;
        uint128 minCuratorStake;
        uint32 challengeWindow;
        uint16 assertionBondBps;
        uint128 disputeBond;
        uint128 minValidatorStake;
        uint32 maxContributionBytes;
        uint32 reviewTimeout;
        uint16 maxSlashBps;
    }

    /**
     * @notice What `AttributionLedger` needs to record an answer, read in one call from one storage slot.
     * @param thresholdBps The attribution threshold.
     * @param split The fee split.
     * @param maxPaid The most contributions one answer may pay.
     * @param minFee The lowest fee any inference may pay, in wei.
     * @param assertionBondBps The payer's assertion bond, as a share of the fee.
     * @param challengeWindow Seconds during which an assertion may be disputed.
     */
    struct InferenceTerms {
        uint16 thresholdBps;
        FeeSplit split;
        uint16 maxPaid;
        uint128 minFee;
        uint16 assertionBondBps;
        uint32 challengeWindow;
    }

    /// @notice Names a parameter in {ProtocolParamsOutOfBounds}.
    enum Parameter {
        AttributionThreshold,
        MaxPaidContributions,
        DuplicateBounty,
        UnbondingPeriod,
        BondReleaseDelay,
        MinInferenceFee,
        ModelRegistrationFee,
        ContributionBond,
        MinCuratorStake,
        ChallengeWindow,
        AssertionBond,
        DisputeBond,
        MinValidatorStake,
        MaxContributionBytes,
        ReviewTimeout,
        MaxSlash
    }

    /**
     * @notice The proposed value of a parameter is outside the bounds fixed in the contract.
     * @param parameter The parameter.
     * @param value The refused value (basis points, a count, seconds or wei, as the parameter is).
     * @param min The lowest allowed value.
     * @param max The highest allowed value.
     */
    error ProtocolParamsOutOfBounds(Parameter parameter, uint256 value, uint256 min, uint256 max);

    /**
     * @notice The shares of a proposed fee split do not sum to 10,000 basis points.
     * @param total Their sum, in basis points.
     */
    error ProtocolParamsFeeSplitSumInvalid(uint256 total);

    /**
     * @notice A proposed fee split leaves data contributors less than the floor.
     * @param dataBps The proposed data share, in basis points.
     * @param minDataBps The floor, in basis points.
     */
    error ProtocolParamsFeeSplitDataShareTooLow(uint256 dataBps, uint256 minDataBps);

    /**
     * @notice The attribution threshold changed.
     * @param oldBps The previous threshold, in basis points (zero at deployment).
     * @param newBps The new threshold, in basis points.
     */
    event AttributionThresholdSet(uint16 oldBps, uint16 newBps);

    /**
     * @notice The fee split changed.
     * @param oldSplit The previous split (all zero at deployment).
     * @param newSplit The new split.
     */
    event FeeSplitSet(FeeSplit oldSplit, FeeSplit newSplit);

    /**
     * @notice The most contributions one answer may pay changed.
     * @param oldCount The previous limit (zero at deployment).
     * @param newCount The new limit.
     */
    event MaxPaidContributionsSet(uint16 oldCount, uint16 newCount);

    /**
     * @notice The duplicate prover's share of a slashed bond changed.
     * @param oldBps The previous share, in basis points (zero at deployment).
     * @param newBps The new share, in basis points.
     */
    event DuplicateBountySet(uint16 oldBps, uint16 newBps);

    /**
     * @notice The unbonding period changed.
     * @param oldSeconds The previous period, in seconds (zero at deployment).
     * @param newSeconds The new period, in seconds.
     */
    event UnbondingPeriodSet(uint32 oldSeconds, uint32 newSeconds);

    /**
     * @notice The delay before an approved contribution's bond is returned changed.
     * @param oldSeconds The previous delay, in seconds (zero at deployment).
     * @param newSeconds The new delay, in seconds.
     */
    event BondReleaseDelaySet(uint32 oldSeconds, uint32 newSeconds);

    /**
     * @notice The lowest inference fee changed.
     * @param oldFee The previous minimum, in wei (zero at deployment).
     * @param newFee The new minimum, in wei.
     */
    event MinInferenceFeeSet(uint128 oldFee, uint128 newFee);

    /**
     * @notice The model registration fee changed.
     * @param oldFee The previous fee, in wei (zero at deployment).
     * @param newFee The new fee, in wei.
     */
    event ModelRegistrationFeeSet(uint128 oldFee, uint128 newFee);

    /**
     * @notice The bond each new contribution locks changed.
     * @param oldBond The previous bond, in wei (zero at deployment).
     * @param newBond The new bond, in wei.
     */
    event ContributionBondSet(uint128 oldBond, uint128 newBond);

    /**
     * @notice The stake a curator must keep changed.
     * @param oldStake The previous minimum, in wei (zero at deployment).
     * @param newStake The new minimum, in wei.
     */
    event MinCuratorStakeSet(uint128 oldStake, uint128 newStake);

    /**
     * @notice The challenge window of attribution assertions changed.
     * @param oldSeconds The previous window, in seconds (zero at deployment).
     * @param newSeconds The new window, in seconds.
     */
    event ChallengeWindowSet(uint32 oldSeconds, uint32 newSeconds);

    /**
     * @notice The payer's assertion bond changed.
     * @param oldBps The previous bond, as a share of the fee in basis points (zero at deployment).
     * @param newBps The new bond, in basis points of the fee.
     */
    event AssertionBondSet(uint16 oldBps, uint16 newBps);

    /**
     * @notice The validator's dispute bond changed.
     * @param oldBond The previous bond, in wei (zero at deployment).
     * @param newBond The new bond, in wei.
     */
    event DisputeBondSet(uint128 oldBond, uint128 newBond);

    /**
     * @notice The stake a validator must keep changed.
     * @param oldStake The previous minimum, in wei (zero at deployment).
     * @param newStake The new minimum, in wei.
     */
    event MinValidatorStakeSet(uint128 oldStake, uint128 newStake);

    /**
     * @notice The largest byte size a contribution may declare changed.
     * @param oldBytes The previous cap (zero at deployment).
     * @param newBytes The new cap.
     */
    event MaxContributionBytesSet(uint32 oldBytes, uint32 newBytes);

    /**
     * @notice How long a contribution may wait for review before it can be withdrawn changed.
     * @param oldSeconds The previous timeout, in seconds (zero at deployment).
     * @param newSeconds The new timeout, in seconds.
     */
    event ReviewTimeoutSet(uint32 oldSeconds, uint32 newSeconds);

    /**
     * @notice The largest share of a stake one slash may take changed.
     * @param oldBps The previous cap, in basis points (zero at deployment).
     * @param newBps The new cap, in basis points.
     */
    event MaxSlashSet(uint16 oldBps, uint16 newBps);

    /**
     * @notice The whole parameter set.
     * @return The current value of every parameter.
     */
    function parameters() external view returns (Parameters memory);

    /**
     * @notice What `AttributionLedger` needs to record an answer, read in one call from one storage slot.
     * @return The terms.
     */
    function inferenceTerms() external view returns (InferenceTerms memory);

    /**
     * @notice The share of an answer's total attribution weight a contribution needs to be paid.
     * @return The threshold, in basis points.
     */
    function attributionThresholdBps() external view returns (uint16);

    /**
     * @notice How each inference fee is divided.
     * @return The shares, in basis points that sum to 10,000.
     */
    function feeSplit() external view returns (FeeSplit memory);

    /**
     * @notice The most contributions one answer may pay.
     * @return The limit.
     */
    function maxPaidContributions() external view returns (uint16);

    /**
     * @notice The share of a duplicate's slashed bond paid to whoever proved the duplicate.
     * @return The share, in basis points.
     */
    function duplicateBountyBps() external view returns (uint16);

    /**
     * @notice How long unstaked OPEN waits before it can be withdrawn.
     * @return The period, in seconds.
     */
    function unbondingPeriod() external view returns (uint32);

    /**
     * @notice How long after approval a contribution's bond is held.
     * @return The delay, in seconds.
     */
    function bondReleaseDelay() external view returns (uint32);

    /**
     * @notice The lowest fee a model may charge for an answer.
     * @return The fee, in wei.
     */
    function minInferenceFee() external view returns (uint128);

    /**
     * @notice The fee to register a model, paid to the treasury.
     * @return The fee, in wei.
     */
    function modelRegistrationFee() external view returns (uint128);

    /**
     * @notice The bond each new contribution locks.
     * @return The bond, in wei.
     */
    function contributionBond() external view returns (uint128);

    /**
     * @notice The stake a curator must keep to be appointed and to curate.
     * @return The stake, in wei.
     */
    function minCuratorStake() external view returns (uint128);

    /**
     * @notice How long an attribution assertion may be disputed.
     * @return The window, in seconds.
     */
    function challengeWindow() external view returns (uint32);

    /**
     * @notice The bond a payer posts with an attribution assertion, as a share of the fee.
     * @return The share, in basis points (10,000 is the fee itself).
     */
    function assertionBondBps() external view returns (uint16);

    /**
     * @notice The bond a validator posts to dispute an assertion.
     * @return The bond, in wei.
     */
    function disputeBond() external view returns (uint128);

    /**
     * @notice The stake a validator must keep to dispute.
     * @return The stake, in wei.
     */
    function minValidatorStake() external view returns (uint128);

    /**
     * @notice The largest byte size a contribution may declare.
     * @return The cap, in bytes.
     */
    function maxContributionBytes() external view returns (uint32);

    /**
     * @notice How long a contribution may wait for review before its contributor may withdraw it.
     * @return The timeout, in seconds.
     */
    function reviewTimeout() external view returns (uint32);

    /**
     * @notice The largest share of a stake (active and unbonding) one slash may take.
     * @return The cap, in basis points.
     */
    function maxSlashBps() external view returns (uint16);

    /**
     * @notice Sets the share of an answer's total attribution weight a contribution needs to be paid.
     * @dev Owner (the Timelock) only. Reverts with {ProtocolParamsOutOfBounds} above
     * `MAX_ATTRIBUTION_THRESHOLD_BPS`. Emits an {AttributionThresholdSet} event.
     * @param bps The threshold, in basis points.
     */
    function setAttributionThreshold(uint16 bps) external;

    /**
     * @notice Sets how inference fees are divided.
     * @dev Owner only. Reverts with {ProtocolParamsFeeSplitSumInvalid} unless the shares sum to 10,000 and with
     * {ProtocolParamsFeeSplitDataShareTooLow} when the data share is below `MIN_DATA_SHARE_BPS`.
     * Emits a {FeeSplitSet} event.
     * @param split The new shares, in basis points.
     */
    function setFeeSplit(FeeSplit calldata split) external;

    /**
     * @notice Sets the most contributions one answer may pay.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} outside 1..`MAX_PAID_CONTRIBUTIONS_LIMIT`.
     * Emits a {MaxPaidContributionsSet} event.
     * @param count The new limit.
     */
    function setMaxPaidContributions(uint16 count) external;

    /**
     * @notice Sets the duplicate prover's share of the slashed bond.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} above `MAX_DUPLICATE_BOUNTY_BPS`.
     * Emits a {DuplicateBountySet} event.
     * @param bps The share, in basis points.
     */
    function setDuplicateBounty(uint16 bps) external;

    /**
     * @notice Sets the unbonding period.
     * @dev Owner only. Applies to unstake requests made after the change; pending requests keep their release
     * time. Reverts with {ProtocolParamsOutOfBounds} outside `MIN_UNBONDING_PERIOD`..`MAX_UNBONDING_PERIOD`.
     * Emits an {UnbondingPeriodSet} event.
     * @param seconds_ The period, in seconds.
     */
    function setUnbondingPeriod(uint32 seconds_) external;

    /**
     * @notice Sets how long after approval a contribution's bond is held.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} above `MAX_BOND_RELEASE_DELAY`.
     * Emits a {BondReleaseDelaySet} event.
     * @param seconds_ The delay, in seconds.
     */
    function setBondReleaseDelay(uint32 seconds_) external;

    /**
     * @notice Sets the lowest inference fee.
     * @dev Owner only. Models whose fee is now below it charge the new minimum until their owner raises the fee.
     * Reverts with {ProtocolParamsOutOfBounds} outside 1 wei..`MAX_MIN_INFERENCE_FEE`.
     * Emits a {MinInferenceFeeSet} event.
     * @param fee The minimum, in wei.
     */
    function setMinInferenceFee(uint128 fee) external;

    /**
     * @notice Sets the model registration fee.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} above `MAX_MODEL_REGISTRATION_FEE`.
     * Emits a {ModelRegistrationFeeSet} event.
     * @param fee The fee, in wei.
     */
    function setModelRegistrationFee(uint128 fee) external;

    /**
     * @notice Sets the bond for new contributions; pending contributions keep theirs.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} above `MAX_CONTRIBUTION_BOND`.
     * Emits a {ContributionBondSet} event.
     * @param bond The bond, in wei.
     */
    function setContributionBond(uint128 bond) external;

    /**
     * @notice Sets the stake curators must keep.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} outside
     * `MIN_CURATOR_STAKE_FLOOR`..`MAX_MIN_CURATOR_STAKE`. Emits a {MinCuratorStakeSet} event.
     * @param stake The minimum stake, in wei.
     */
    function setMinCuratorStake(uint128 stake) external;

    /**
     * @notice Sets how long an attribution assertion may be disputed; records already asserted keep theirs.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} outside
     * `MIN_CHALLENGE_WINDOW`..`MAX_CHALLENGE_WINDOW`. Emits a {ChallengeWindowSet} event.
     * @param seconds_ The window, in seconds.
     */
    function setChallengeWindow(uint32 seconds_) external;

    /**
     * @notice Sets the payer's assertion bond, as a share of the fee.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} outside
     * `MIN_ASSERTION_BOND_BPS`..`MAX_ASSERTION_BOND_BPS`. Emits an {AssertionBondSet} event.
     * @param bps The share of the fee, in basis points.
     */
    function setAssertionBond(uint16 bps) external;

    /**
     * @notice Sets the validator's dispute bond.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} outside `MIN_DISPUTE_BOND`..`MAX_DISPUTE_BOND`.
     * Emits a {DisputeBondSet} event.
     * @param bond The bond, in wei.
     */
    function setDisputeBond(uint128 bond) external;

    /**
     * @notice Sets the stake validators must keep.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} outside
     * `MIN_VALIDATOR_STAKE_FLOOR`..`MAX_MIN_VALIDATOR_STAKE`. Emits a {MinValidatorStakeSet} event.
     * @param stake The minimum stake, in wei.
     */
    function setMinValidatorStake(uint128 stake) external;

    /**
     * @notice Sets the largest byte size a new contribution may declare.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} outside
     * `MIN_MAX_CONTRIBUTION_BYTES`..`MAX_CONTRIBUTION_BYTES_LIMIT`. Emits a {MaxContributionBytesSet} event.
     * @param bytes_ The cap, in bytes.
     */
    function setMaxContributionBytes(uint32 bytes_) external;

    /**
     * @notice Sets how long a contribution may wait for review before it can be withdrawn.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} outside
     * `MIN_REVIEW_TIMEOUT`..`MAX_REVIEW_TIMEOUT`. Emits a {ReviewTimeoutSet} event.
     * @param seconds_ The timeout, in seconds.
     */
    function setReviewTimeout(uint32 seconds_) external;

    /**
     * @notice Sets the largest share of a stake one slash may take.
     * @dev Owner only. Reverts with {ProtocolParamsOutOfBounds} outside `MIN_MAX_SLASH_BPS`..`MAX_MAX_SLASH_BPS`.
     * Emits a {MaxSlashSet} event.
     * @param bps The cap, in basis points.
     */
    function setMaxSlash(uint16 bps) external;
}
