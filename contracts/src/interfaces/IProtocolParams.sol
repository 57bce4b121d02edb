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
    }

    /// @notice Names a parameter in {ParameterChanged} and {ParameterOutOfBounds}.
    enum Parameter {
        AttributionThreshold,
        MaxPaidContributions,
        DuplicateBounty,
        UnbondingPeriod,
        BondReleaseDelay,
        MinInferenceFee,
        ModelRegistrationFee,
        ContributionBond,
        MinCuratorStake
    }

    /// @notice `value` is outside `[min, max]`, the bounds of `parameter`.
    error ParameterOutOfBounds(Parameter parameter, uint256 value, uint256 min, uint256 max);

    /// @notice The shares of a fee split sum to `total` basis points instead of 10,000.
    error FeeSplitSumInvalid(uint256 total);

    /// @notice The data contributors' share `dataBps` is below the floor of `minDataBps`.
    error FeeSplitDataShareTooLow(uint256 dataBps, uint256 minDataBps);

    /// @notice `parameter` changed from `oldValue` to `newValue`.
    event ParameterChanged(Parameter indexed parameter, uint256 oldValue, uint256 newValue);

    /// @notice The fee split changed from `oldSplit` to `newSplit`.
    event FeeSplitChanged(FeeSplit oldSplit, FeeSplit newSplit);

    /// @notice The whole parameter set.
    function parameters() external view returns (Parameters memory);

    /**
     * @notice What `AttributionLedger.recordInference` needs, read in one call from one storage slot.
     * @return thresholdBps The attribution threshold.
     * @return split The fee split.
     * @return maxPaid The most contributions one answer may pay.
     * @return minFee The lowest fee any inference may pay.
     */
    function inferenceTerms()
        external
        view
        returns (uint16 thresholdBps, FeeSplit memory split, uint16 maxPaid, uint128 minFee);

    function attributionThresholdBps() external view returns (uint16);
    function feeSplit() external view returns (FeeSplit memory);
    function maxPaidContributions() external view returns (uint16);
    function duplicateBountyBps() external view returns (uint16);
    function unbondingPeriod() external view returns (uint32);
    function bondReleaseDelay() external view returns (uint32);
    function minInferenceFee() external view returns (uint128);
    function modelRegistrationFee() external view returns (uint128);
    function contributionBond() external view returns (uint128);
    function minCuratorStake() external view returns (uint128);

    function setAttributionThreshold(uint16 bps) external;
    function setFeeSplit(FeeSplit calldata split) external;
    function setMaxPaidContributions(uint16 count) external;
    function setDuplicateBounty(uint16 bps) external;
    function setUnbondingPeriod(uint32 seconds_) external;
    function setBondReleaseDelay(uint32 seconds_) external;
    function setMinInferenceFee(uint128 fee) external;
    function setModelRegistrationFee(uint128 fee) external;
    function setContributionBond(uint128 bond) external;
    function setMinCuratorStake(uint128 stake) external;
}
