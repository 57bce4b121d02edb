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

    /// @notice The fee `sent` is below the `required` fee.
    error FeeTooLow(uint256 required, uint256 sent);
    /// @notice The batch's fees sum to `sum` but `sent` was sent.
    error FeeMismatch(uint256 sum, uint256 sent);
    /// @notice Two arrays that must match have lengths `a` and `b`.
    error LengthMismatch(uint256 a, uint256 b);
    /// @notice `count` contributions exceed the maximum of `maximum` per answer.
    error TooManyContributions(uint256 count, uint256 maximum);
    /// @notice Contribution ids must be strictly increasing; `contributionId` breaks the order.
    error UnsortedContributions(uint64 contributionId);
    /// @notice `contributionId`'s weight is below `minimumWeight`, the threshold's share of the total.
    error WeightBelowThreshold(uint64 contributionId, uint256 weight, uint256 minimumWeight);
    /// @notice The paid weights sum to `sum`, more than the answer's total weight `totalWeight`.
    error WeightsExceedTotal(uint256 sum, uint256 totalWeight);
    /// @notice `contributionId` has not been approved.
    error ContributionNotApproved(uint64 contributionId);
    /// @notice `contributionId` is not in the training set of `modelId`'s adapter version `adapterVersion`.
    error ContributionNotInTrainingSet(uint64 contributionId, uint64 modelId, uint32 adapterVersion);
    /// @notice Only the Staking contract can collect the stakers' rewards.
    error NotStaking(address caller);
    error EmptyBatch();

    /**
     * @notice An answer by `modelId`'s adapter version `adapterVersion` was paid for by `payer` and attributed.
     * @dev When `answer.contributionIds` is empty, the data share went to the training set's pool.
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

    /// @notice `contributor` earned `amount` from an answer of `modelId` attributed to `contributionId`.
    event ContributionRewarded(
        uint64 indexed contributionId, address indexed contributor, uint64 indexed modelId, uint256 amount
    );

    /// @notice `contributor` was credited `amount` from the pool of `modelId`'s adapter version `adapterVersion`.
    event PooledRewardSettled(
        uint64 indexed contributionId,
        address indexed contributor,
        uint64 indexed modelId,
        uint32 adapterVersion,
        uint256 amount
    );

    /// @notice `amount` of collected treasury fees was sent to the treasury.
    event TreasuryReleased(uint256 amount);

    /// @notice Pays for one answer with the OPEN sent (at least the model's fee) and records its attribution.
    function recordInference(Answer calldata answer) external payable;

    /// @notice Pays for several answers at once; `fees[i]` pays `answers[i]` and the fees sum to the OPEN sent.
    function recordInferences(Answer[] calldata answers, uint256[] calldata fees) external payable;

    /**
     * @notice Credits contributions with what the pool of a model's adapter version owes them.
     * @dev Anyone may call it; credits go to the contributors, who then {claim}.
     */
    function settlePooledRewards(uint64 modelId, uint32 adapterVersion, uint64[] calldata contributionIds) external;

    /// @notice What `contributionId` can still collect from the pool of `modelId`'s adapter version `adapterVersion`.
    function pooledRewardOf(uint64 modelId, uint32 adapterVersion, uint64 contributionId)
        external
        view
        returns (uint256);

    /// @notice The pool accumulator of a model's adapter version: OPEN per byte of training data, scaled by 1e18.
    function poolRewardPerByte(uint64 modelId, uint32 adapterVersion) external view returns (uint256);

    /// @notice Treasury fees collected and not yet sent.
    function pendingTreasury() external view returns (uint256);

    /// @notice Sends the collected treasury fees to the treasury (anyone may).
    function releaseTreasury() external returns (uint256 amount);
}
