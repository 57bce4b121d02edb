// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAttributionLedger} from "./interfaces/IAttributionLedger.sol";
import {IDatanetRegistry} from "./interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IProtocolParams} from "./interfaces/IProtocolParams.sol";
import {IStakerRewardSource} from "./interfaces/IStaking.sol";
import {Claims} from "./utils/Claims.sol";

/**
 * @title AttributionLedger
 * @notice Proof of Attribution's payment rail: each paid answer is recorded with the contributions that shaped
 * it, and its fee is split between those contributors, the model's owner, stakers and the treasury.
 * @dev Whoever gets an answer from a registered model calls {recordInference} with the fee (at least the
 * model's fee and the protocol minimum) and the answer's attribution, computed in the browser: contribution
 * ids with integer weights, the answer's total weight, a commitment to the output and the CID of the evidence.
 * The ledger checks that every paid contribution was approved and is in the training set of the model's
 * current adapter, that its weight clears the attribution threshold (a share of the total weight), that the
 * count is within the maximum and that the weights add up; then it splits the fee by the governed fee split.
 *
 * The data share goes to the named contributions in proportion to weight. When no contribution clears the
 * threshold the answer names none, and the data share goes to the pool of the model's training set, shared
 * by every contribution in it in proportion to byte size through a reward-per-byte accumulator (O(1) per
 * answer; each contribution collects with {settlePooledRewards}). Division remainders of the weight split go
 * to the treasury, and the accumulator carries its remainder to the next answer, so rounding never creates
 * value and a tiny fee over a large training set is never lost.
 *
 * Contributors and model owners are credited and {claim} (pull payments). The stakers' and the treasury's
 * shares collect in one storage slot: Staking pulls its share before any change of stake
 * ({releaseStakerRewards}) and anyone can send the treasury's share on ({releaseTreasury}).
 */
contract AttributionLedger is IAttributionLedger, Claims {
    using SafeCast for uint256;

    uint256 private constant BPS = 10_000;
    uint256 private constant SCALE = 1e18;

    /// @notice Where the rules come from.
    IProtocolParams public immutable params;
    /// @notice Where contributions are approved.
    IDatanetRegistry public immutable datanets;
    /// @notice Where models and their training sets are registered.
    IModelRegistry public immutable models;
    /// @notice The Staking contract, which alone collects the stakers' share.
    address public immutable staking;
    /// @notice Where the treasury's share goes (the Timelock).
    address public immutable treasury;

    /// @dev A training set's pool in one slot: OPEN per byte (scaled by 1e18), and scaled OPEN not yet
    /// added, which is below the training set's byte size and so fits 64 bits.
    struct Pool {
        uint192 rewardPerByte;
        uint64 carry;
    }

    /// @dev The fee-related parameters, read once per call.
    struct Terms {
        uint16 thresholdBps;
        IProtocolParams.FeeSplit split;
        uint16 maxPaid;
        uint128 minFee;
    }

    mapping(uint256 poolKey => Pool) private _pools;
    mapping(uint256 poolKey => mapping(uint64 contributionId => uint256 rewardPerBytePaid)) private _poolPaid;
    uint128 private _stakerPot;
    uint128 private _treasuryPot;

    constructor(
        IProtocolParams params_,
        IDatanetRegistry datanets_,
        IModelRegistry models_,
        address staking_,
        address treasury_
    ) {
        params = params_;
        datanets = datanets_;
        models = models_;
        staking = staking_;
        treasury = treasury_;
    }

    /// @inheritdoc IAttributionLedger
    function recordInference(Answer calldata answer) external payable {
        _record(answer, msg.value, _terms());
    }

    /// @inheritdoc IAttributionLedger
    function recordInferences(Answer[] calldata answers, uint256[] calldata fees) external payable {
        if (answers.length == 0) revert AttributionLedgerEmptyBatch();
        if (answers.length != fees.length) revert AttributionLedgerLengthMismatch(answers.length, fees.length);
        uint256 sum;
        for (uint256 i = 0; i < fees.length; ++i) {
            sum += fees[i];
        }
        if (sum != msg.value) revert AttributionLedgerFeeMismatch(sum, msg.value);
        Terms memory terms = _terms();
        for (uint256 i = 0; i < answers.length; ++i) {
            _record(answers[i], fees[i], terms);
        }
    }

    /// @inheritdoc IAttributionLedger
    function settlePooledRewards(uint64 modelId, uint32 adapterVersion, uint64[] calldata contributionIds) external {
        if (contributionIds.length == 0) revert AttributionLedgerEmptyBatch();
        (, IModelRegistry.TrainedDatanet[] memory trainedOn) = models.trainingSet(modelId, adapterVersion);
        uint256 key = _poolKey(modelId, adapterVersion);
        uint256 rewardPerByte = _pools[key].rewardPerByte;
        for (uint256 i = 0; i < contributionIds.length; ++i) {
            uint64 id = contributionIds[i];
            IDatanetRegistry.Contribution memory c = datanets.contribution(id);
            _checkInTrainingSet(id, c.datanetId, c.acceptedSeq, trainedOn, modelId, adapterVersion);
            uint256 owed = _owedFromPool(key, id, c.byteSize, rewardPerByte);
            _poolPaid[key][id] = rewardPerByte;
            if (owed != 0) {
                _credit(c.contributor, owed);
                emit PooledRewardSettled(id, c.contributor, modelId, adapterVersion, owed);
            }
        }
    }

    /// @inheritdoc IAttributionLedger
    function pooledRewardOf(uint64 modelId, uint32 adapterVersion, uint64 contributionId)
        external
        view
        returns (uint256)
    {
        (, IModelRegistry.TrainedDatanet[] memory trainedOn) = models.trainingSet(modelId, adapterVersion);
        IDatanetRegistry.Contribution memory c = datanets.contribution(contributionId);
        _checkInTrainingSet(contributionId, c.datanetId, c.acceptedSeq, trainedOn, modelId, adapterVersion);
        uint256 key = _poolKey(modelId, adapterVersion);
        return _owedFromPool(key, contributionId, c.byteSize, _pools[key].rewardPerByte);
    }

    /// @inheritdoc IAttributionLedger
    function poolRewardPerByte(uint64 modelId, uint32 adapterVersion) external view returns (uint256) {
        return _pools[_poolKey(modelId, adapterVersion)].rewardPerByte;
    }

    /// @inheritdoc IStakerRewardSource
    function pendingStakerRewards() external view returns (uint256) {
        return _stakerPot;
    }

    /// @inheritdoc IStakerRewardSource
    function releaseStakerRewards() external returns (uint256 amount) {
        if (msg.sender != staking) revert AttributionLedgerNotStaking(msg.sender);
        amount = _stakerPot;
        if (amount == 0) return 0;
        _stakerPot = 0;
        Address.sendValue(payable(staking), amount);
    }

    /// @inheritdoc IAttributionLedger
    function pendingTreasury() external view returns (uint256) {
        return _treasuryPot;
    }

    /// @inheritdoc IAttributionLedger
    function releaseTreasury() external returns (uint256 amount) {
        amount = _treasuryPot;
        if (amount == 0) return 0;
        _treasuryPot = 0;
        emit TreasuryReleased(amount);
        Address.sendValue(payable(treasury), amount);
    }

    function _terms() private view returns (Terms memory t) {
        IProtocolParams.InferenceTerms memory p = params.inferenceTerms();
        (t.thresholdBps, t.split, t.maxPaid, t.minFee) = (p.thresholdBps, p.split, p.maxPaid, p.minFee);
    }

    function _record(Answer calldata answer, uint256 fee, Terms memory terms) private {
        IModelRegistry.InferenceTerms memory model = models.inferenceTerms(answer.modelId);
        uint256 required = Math.max(model.inferenceFee, terms.minFee);
        if (fee < required) revert AttributionLedgerFeeTooLow(required, fee);
        uint256 count = answer.contributionIds.length;
        if (answer.weights.length != count) revert AttributionLedgerLengthMismatch(count, answer.weights.length);
        if (count > terms.maxPaid) revert AttributionLedgerTooManyContributions(count, terms.maxPaid);

        IProtocolParams.FeeSplit memory split = terms.split;
        FeeAmounts memory amounts;
        amounts.data = fee * split.dataBps / BPS;
        amounts.modelOwner = fee * split.modelOwnerBps / BPS;
        amounts.stakers = fee * split.stakersBps / BPS;
        amounts.treasury = fee - amounts.data - amounts.modelOwner - amounts.stakers;

        if (count == 0) {
            _addToPool(_poolKey(answer.modelId, model.adapterVersion), model.trainingBytes, amounts.data);
        } else {
            amounts.treasury += _payContributions(answer, model, terms.thresholdBps, amounts.data);
        }
        _credit(model.owner, amounts.modelOwner);
        _stakerPot += amounts.stakers.toUint128();
        _treasuryPot += amounts.treasury.toUint128();

        _emitRecorded(answer, model.adapterVersion, fee, amounts);
    }

    /// @dev Its own function, so {_record}'s locals leave the stack first.
    function _emitRecorded(Answer calldata answer, uint32 adapterVersion, uint256 fee, FeeAmounts memory amounts)
        private
    {
        emit InferenceRecorded(
            answer.modelId,
            msg.sender,
            answer.outputCommitment,
            adapterVersion,
            fee,
            amounts,
            answer
        );
    }

    /// @dev Checks the attribution, then pays `dataShare` by weight; returns the rounding remainder.
    function _payContributions(
        Answer calldata answer,
        IModelRegistry.InferenceTerms memory model,
        uint256 thresholdBps,
        uint256 dataShare
    ) private returns (uint256 remainder) {
        IDatanetRegistry.PaymentInfo[] memory infos = datanets.paymentInfo(answer.contributionIds);
        uint256 weightSum = _checkAttribution(answer, infos, model, thresholdBps);
        uint256 paid;
        for (uint256 i = 0; i < infos.length; ++i) {
            uint256 share = dataShare * answer.weights[i] / weightSum;
            paid += share;
            _credit(infos[i].contributor, share);
            emit ContributionRewarded(answer.contributionIds[i], infos[i].contributor, answer.modelId, share);
        }
        return dataShare - paid;
    }

    /// @dev Reverts unless the ids are sorted, each weight clears the threshold, each contribution is in the
    /// training set and the weights fit the total; returns the sum of the weights.
    function _checkAttribution(
        Answer calldata answer,
        IDatanetRegistry.PaymentInfo[] memory infos,
        IModelRegistry.InferenceTerms memory model,
        uint256 thresholdBps
    ) private pure returns (uint256 weightSum) {
        uint256 totalWeight = answer.totalWeight;
        // The smallest weight w with w * BPS >= thresholdBps * totalWeight, and never zero.
        uint256 minimumWeight = Math.max(Math.ceilDiv(thresholdBps * totalWeight, BPS), 1);
        uint64 previous;
        for (uint256 i = 0; i < infos.length; ++i) {
            uint64 id = answer.contributionIds[i];
            if (id <= previous) revert AttributionLedgerUnsortedContributions(id);
            previous = id;
            uint256 weight = answer.weights[i];
            if (weight < minimumWeight) revert AttributionLedgerWeightBelowThreshold(id, weight, minimumWeight);
            weightSum += weight;
            _checkInTrainingSet(
                id, infos[i].datanetId, infos[i].acceptedSeq, model.trainedOn, answer.modelId, model.adapterVersion
            );
        }
        if (weightSum > totalWeight) revert AttributionLedgerWeightsExceedTotal(weightSum, totalWeight);
    }

    /// @dev Adds `amount` to a training set's pool of `trainingBytes` bytes, carrying the division's remainder.
    function _addToPool(uint256 key, uint256 trainingBytes, uint256 amount) private {
        Pool memory pool = _pools[key];
        uint256 scaled = amount * SCALE + pool.carry;
        // The remainder is below trainingBytes, itself a uint64, so the cast cannot truncate.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 carry = uint64(scaled % trainingBytes);
        _pools[key] = Pool({rewardPerByte: (pool.rewardPerByte + scaled / trainingBytes).toUint192(), carry: carry});
    }

    /// @dev What a contribution of `byteSize` bytes earned from a pool since it last settled, floored to the wei.
    function _owedFromPool(uint256 key, uint64 contributionId, uint64 byteSize, uint256 rewardPerByte)
        private
        view
        returns (uint256)
    {
        return Math.mulDiv(byteSize, rewardPerByte - _poolPaid[key][contributionId], SCALE);
    }

    /// @dev Reverts unless the contribution is approved and within the training set.
    function _checkInTrainingSet(
        uint64 contributionId,
        uint64 datanetId,
        uint32 acceptedSeq,
        IModelRegistry.TrainedDatanet[] memory trainedOn,
        uint64 modelId,
        uint32 adapterVersion
    ) private pure {
        if (acceptedSeq == 0) revert AttributionLedgerContributionNotApproved(contributionId);
        for (uint256 j = 0; j < trainedOn.length; ++j) {
            if (trainedOn[j].datanetId == datanetId) {
                if (acceptedSeq <= trainedOn[j].acceptedCount) return;
                break;
            }
        }
        revert AttributionLedgerContributionNotInTrainingSet(contributionId, modelId, adapterVersion);
    }

    function _poolKey(uint64 modelId, uint32 adapterVersion) private pure returns (uint256) {
        return (uint256(modelId) << 32) | adapterVersion;
    }
}
