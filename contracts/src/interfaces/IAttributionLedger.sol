// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IClaims} from "./IClaims.sol";
import {IStakerRewardSource} from "./IStaking.sol";

/**
 * @title IAttributionLedger
 * @notice Pays for answers: records each answer's attribution with its fee and splits the fee.
 */
interface IAttributionLedger is IClaims, IStakerRewardSource {
    /**
     * @notice One answer and the contributions it is attributed to.
     * @param modelId The model that answered (its current adapter version).
     * @param contributionIds The contributions to pay, in strictly increasing order; empty to pay the
     * model's whole training set by size (when no contribution clears the threshold).
     * @param weights Their attribution weights (same length).
     * @param totalWeight The answer's total attribution weight over all contributions, paid or not; the
     * threshold is a share of it.
     * @param outputCommitment keccak256 of the answer's token ids, so the record can be matched to the answer.
     * @param evidenceCid IPFS CID of the attribution evidence (spans, scores), which anyone can recompute.
     */
    struct Answer {
        uint64 modelId;
        uint64[] contributionIds;
        uint64[] weights;
        uint64 totalWeight;
        bytes32 outputCommitment;
        string evidenceCid;
    }

    /// @notice How one fee was divided, in wei.
    struct FeeAmounts {
        uint256 data;
        uint256 modelOwner;
        uint256 stakers;
        uint256 treasury;
    }

    /**
     * @notice The fee paid for an answer is below what the model charges (or the protocol minimum, if higher).
     * @param required The fee required, in wei.
     * @param sent The fee paid, in wei.
     */
    error AttributionLedgerFeeTooLow(uint256 required, uint256 sent);

    /**
     * @notice A batch's fees do not add up to the OPEN sent with it.
     * @param sum The sum of the fees, in wei.
     * @param sent The OPEN sent, in wei.
     */
    error AttributionLedgerFeeMismatch(uint256 sum, uint256 sent);

    /**
     * @notice Two lists that must be the same length are not (contributions and weights, or answers and fees).
     * @param a The first list's length.
     * @param b The second list's length.
     */
    error AttributionLedgerLengthMismatch(uint256 a, uint256 b);

    /**
     * @notice An answer names more contributions than one answer may pay.
     * @param count The contributions named.
     * @param maximum {IProtocolParams-maxPaidContributions}.
     */
    error AttributionLedgerTooManyContributions(uint256 count, uint256 maximum);

    /// @notice Contribution ids must be strictly increasing; `contributionId` breaks the order (or repeats).
    /// @param contributionId The id out of order.
    error AttributionLedgerUnsortedContributions(uint64 contributionId);

    /**
     * @notice A contribution's weight is below the attribution threshold's share of the answer's total weight.
     * @param contributionId The contribution.
     * @param weight Its weight.
     * @param minimumWeight The smallest weight that is paid.
     */
    error AttributionLedgerWeightBelowThreshold(uint64 contributionId, uint256 weight, uint256 minimumWeight);

    /**
     * @notice The paid weights add up to more than the answer's total weight.
     * @param sum The sum of the paid weights.
     * @param totalWeight The answer's total weight.
     */
    error AttributionLedgerWeightsExceedTotal(uint256 sum, uint256 totalWeight);

    /// @notice `contributionId` has not been approved, so it cannot be paid.
    /// @param contributionId The contribution.
    error AttributionLedgerContributionNotApproved(uint64 contributionId);

    /**
     * @notice `contributionId` is not in the training set of `modelId`'s adapter version `adapterVersion`.
     * @param contributionId The contribution.
     * @param modelId The model.
     * @param adapterVersion The adapter version.
     */
    error AttributionLedgerContributionNotInTrainingSet(uint64 contributionId, uint64 modelId, uint32 adapterVersion);

    /// @notice Only the Staking contract can collect the stakers' rewards.
    /// @param caller The refused caller.
    error AttributionLedgerNotStaking(address caller);

    /// @notice The call names no answers or no contributions.
    error AttributionLedgerEmptyBatch();

    /**
     * @notice An answer by `modelId`'s adapter version `adapterVersion` was paid for by `payer` and attributed.
     * @dev When `answer.contributionIds` is empty, the data share went to the training set's pool.
     * @param modelId The model.
     * @param payer Who paid.
     * @param outputCommitment keccak256 of the answer's token ids.
     * @param adapterVersion The model's adapter version that answered.
     * @param fee The fee paid, in wei.
     * @param amounts How the fee was divided, in wei.
     * @param answer The answer and its attribution, as recorded.
     */
    event InferenceRecorded(
        uint64 indexed modelId,
        address indexed payer,
        bytes32 indexed outputCommitment,
        uint32 adapterVersion,
        uint256 fee,
        FeeAmounts amounts,
        Answer answer
    );

    /**
     * @notice `contributor` earned `amount` from an answer of `modelId` attributed to `contributionId`.
     * @param contributionId The contribution.
     * @param contributor Who is credited (to {claim}).
     * @param modelId The model that answered.
     * @param amount The credit, in wei.
     */
    event ContributionRewarded(
        uint64 indexed contributionId, address indexed contributor, uint64 indexed modelId, uint256 amount
    );

    /**
     * @notice `contributor` was credited `amount` from the pool of `modelId`'s adapter version `adapterVersion`.
     * @param contributionId The contribution.
     * @param contributor Who is credited (to {claim}).
     * @param modelId The model.
     * @param adapterVersion The adapter version whose pool paid.
     * @param amount The credit, in wei.
     */
    event PooledRewardSettled(
        uint64 indexed contributionId,
        address indexed contributor,
        uint64 indexed modelId,
        uint32 adapterVersion,
        uint256 amount
    );

    /// @notice `amount` of collected treasury fees was sent to the treasury.
    /// @param amount The OPEN sent, in wei.
    event TreasuryReleased(uint256 amount);

    /**
     * @notice Pays for one answer with the OPEN sent (at least the model's fee) and records its attribution.
     * @dev Reverts with {AttributionLedgerFeeTooLow}, {AttributionLedgerLengthMismatch},
     * {AttributionLedgerTooManyContributions}, {AttributionLedgerUnsortedContributions},
     * {AttributionLedgerWeightBelowThreshold}, {AttributionLedgerWeightsExceedTotal},
     * {AttributionLedgerContributionNotApproved} or {AttributionLedgerContributionNotInTrainingSet}, and as
     * {IModelRegistry-inferenceTerms} for an unknown or retired model. Emits an {InferenceRecorded} event and a
     * {ContributionRewarded} event per paid contribution.
     * @param answer The answer and its attribution.
     */
    function recordInference(Answer calldata answer) external payable;

    /**
     * @notice Pays for several answers at once; `fees[i]` pays `answers[i]` and the fees sum to the OPEN sent.
     * @dev Reverts with {AttributionLedgerEmptyBatch}, {AttributionLedgerLengthMismatch} or
     * {AttributionLedgerFeeMismatch}, and as {recordInference} for each answer. Emits as {recordInference}.
     * @param answers The answers.
     * @param fees Each answer's fee, in wei.
     */
    function recordInferences(Answer[] calldata answers, uint256[] calldata fees) external payable;

    /**
     * @notice Credits contributions with what the pool of a model's adapter version owes them.
     * @dev Anyone may call it; credits go to the contributors, who then {claim}. Reverts with
     * {AttributionLedgerEmptyBatch}, {AttributionLedgerContributionNotApproved} or
     * {AttributionLedgerContributionNotInTrainingSet}. Emits a {PooledRewardSettled} event per contribution
     * that was owed something.
     * @param modelId The model.
     * @param adapterVersion The adapter version whose pool pays.
     * @param contributionIds The contributions to settle.
     */
    function settlePooledRewards(uint64 modelId, uint32 adapterVersion, uint64[] calldata contributionIds) external;

    /**
     * @notice What `contributionId` can still collect from the pool of `modelId`'s adapter version `adapterVersion`.
     * @param modelId The model.
     * @param adapterVersion The adapter version.
     * @param contributionId The contribution.
     * @return The amount {settlePooledRewards} would credit now, in wei.
     */
    function pooledRewardOf(uint64 modelId, uint32 adapterVersion, uint64 contributionId)
        external
        view
        returns (uint256);

    /**
     * @notice The pool accumulator of a model's adapter version.
     * @param modelId The model.
     * @param adapterVersion The adapter version.
     * @return OPEN per byte of training data paid into the pool so far, in wei scaled by 1e18.
     */
    function poolRewardPerByte(uint64 modelId, uint32 adapterVersion) external view returns (uint256);

    /// @notice Treasury fees collected and not yet sent.
    /// @return The amount, in wei.
    function pendingTreasury() external view returns (uint256);

    /**
     * @notice Sends the collected treasury fees to the treasury (anyone may).
     * @dev Emits a {TreasuryReleased} event when there was something to send.
     * @return amount The OPEN sent, in wei.
     */
    function releaseTreasury() external returns (uint256 amount);
}
