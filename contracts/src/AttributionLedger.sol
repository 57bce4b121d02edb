// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAttributionLedger} from "./interfaces/IAttributionLedger.sol";
import {IDatanetRegistry} from "./interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IProtocolParams} from "./interfaces/IProtocolParams.sol";
import {IStaking, IStakerRewardSource} from "./interfaces/IStaking.sol";
import {AttributionDisputes} from "./attribution/AttributionDisputes.sol";

/**
 * @title AttributionLedger
 * @notice Proof of Attribution's payment rail: each paid answer is recorded with the contributions that shaped
 * it, and its fee is split between those contributors, the model's owner, stakers and the treasury.
 * @dev **Trust model.** The payer's browser computes an answer's attribution, so on chain it is an
 * *assertion*, never a fact. The payer asserts (contribution ids, integer weights, the answer's total weight,
 * the CID of evidence anyone can recompute) and posts a bond scaled to the fee; validators (accounts with the
 * validator stake) recompute the evidence and may dispute within the challenge window by posting their own
 * bond; governance (the Timelock) resolves a dispute from both evidence CIDs. The data share is held in escrow
 * and reaches contributors only once the assertion has survived: undisputed past its window ({finalize}), or
 * upheld. Lying costs the liar their bond, which goes to whoever proved it (less a cut to the treasury), and
 * the escrow is then paid by the winning evidence or to the training set's pool, so a payer can never steer
 * the data share to themselves for longer than a window that any validator can close. UMA's optimistic oracle
 * and OP Stack fault proofs are the models.
 *
 * **Recording.** Whoever gets an answer from a registered model calls {recordInference} with exactly
 * {paymentFor}: the fee (the model's fee, or the protocol minimum if higher) and, when it names contributions,
 * the assertion bond. The ledger checks that the answer names the model's current adapter version, that every
 * named contribution was approved and is in that version's training set, that each weight clears the
 * attribution threshold (a share of the asserted total), the count and the sums. The model owner's, stakers'
 * and treasury's shares are paid at once. To keep the hot path cheap only a hash of the {Assertion} is
 * stored (one slot); the arrays come back as calldata at finalisation, and the hash proves them.
 *
 * **The pool.** An answer that names no contribution (none cleared the threshold, or the model has no
 * attribution artifacts) asserts nothing a payer could profit from: its data share goes at once to the pool
 * of the model's training set, shared by every contribution in proportion to byte size through a
 * reward-per-byte accumulator (O(1) per answer; each contribution collects with {settlePooledRewards}).
 * Division remainders of a weight split go to the treasury and the accumulator carries its remainder to the
 * next answer, so rounding never creates value and a tiny fee over a large training set is never lost.
 *
 * Contributors, model owners, payers' returned bonds and dispute winners are credited and {claim} (pull
 * payments, so a reverting receiver only hurts itself). The stakers' and the treasury's shares collect in one
 * storage slot: Staking pulls its share before any change of stake ({releaseStakerRewards}) and anyone can
 * send the treasury's share on ({releaseTreasury}).
 */
contract AttributionLedger is IAttributionLedger, AttributionDisputes {
    using SafeCast for uint256;

    uint256 private constant BPS = 10_000;
    uint256 private constant SCALE = 1e18;

    /// @notice Where the rules come from.
    IProtocolParams public immutable params;
    /// @notice Where contributions are approved.
    IDatanetRegistry public immutable datanets;
    /// @notice Where models and their training sets are registered.
    IModelRegistry public immutable models;
    /// @notice The Staking contract, which alone collects the stakers' share and tells who is a validator.
    address public immutable staking;
    /// @notice Where the treasury's share goes, and who resolves disputes (the Timelock).
    address public immutable treasury;
    /// @notice The vOPEN token: claiming to it would wrap the OPEN for this contract and strand it.
    address public immutable votesToken;

    /// @dev A training set's pool in one slot: OPEN per byte (scaled by 1e18), and scaled OPEN not yet
    /// added, which is below the training set's byte size and so fits 64 bits.
    struct Pool {
        uint192 rewardPerByte;
        uint64 carry;
    }

    mapping(uint256 poolKey => Pool) private _pools;
    mapping(uint256 poolKey => mapping(uint64 contributionId => uint256 rewardPerBytePaid)) private _poolPaid;
    uint128 private _stakerPot;
    uint128 private _treasuryPot;
    uint256 private _recordCount;

    constructor(
        IProtocolParams params_,
        IDatanetRegistry datanets_,
        IModelRegistry models_,
        address staking_,
        address treasury_,
        address votesToken_
    ) {
        params = params_;
        datanets = datanets_;
        models = models_;
        staking = staking_;
        treasury = treasury_;
        votesToken = votesToken_;
    }

    /// @inheritdoc IAttributionLedger
    function recordInference(Answer calldata answer) external payable returns (uint256 recordId) {
        recordId = _recordCount + 1;
        _recordCount = recordId;
        uint256 cost = _record(recordId, answer, params.inferenceTerms());
        if (cost != msg.value) revert AttributionLedgerWrongPayment(cost, msg.value);
    }

    /// @inheritdoc IAttributionLedger
    function recordInferences(Answer[] calldata answers) external payable returns (uint256 firstRecordId) {
        if (answers.length == 0) revert AttributionLedgerEmptyBatch();
        IProtocolParams.InferenceTerms memory terms = params.inferenceTerms();
        firstRecordId = _recordCount + 1;
        uint256 cost;
        for (uint256 i = 0; i < answers.length; ++i) {
            cost += _record(firstRecordId + i, answers[i], terms);
        }
        _recordCount = firstRecordId + answers.length - 1;
        if (cost != msg.value) revert AttributionLedgerWrongPayment(cost, msg.value);
    }

    /// @inheritdoc IAttributionLedger
    function paymentFor(Answer calldata answer) external view returns (uint256 fee, uint256 bond) {
        IProtocolParams.InferenceTerms memory terms = params.inferenceTerms();
        fee = Math.max(models.inferenceTerms(answer.modelId).inferenceFee, terms.minFee);
        if (answer.contributionIds.length != 0) bond = fee * terms.assertionBondBps / BPS;
    }

    /// @inheritdoc IAttributionLedger
    function finalize(uint256[] calldata recordIds, Assertion[] calldata assertions)
        external
        returns (uint256 finalized)
    {
        if (recordIds.length == 0) revert AttributionLedgerEmptyBatch();
        if (recordIds.length != assertions.length) {
            revert AttributionLedgerLengthMismatch(recordIds.length, assertions.length);
        }
        for (uint256 i = 0; i < recordIds.length; ++i) {
            uint256 recordId = recordIds[i];
            if (!_recordExists(recordId)) revert AttributionLedgerUnknownRecord(recordId);
            bytes32 stored = _assertionHashes[recordId];
            // Settled by someone else, a pool record, or waiting for governance: not this batch's business.
            if (stored == bytes32(0) || stored == DISPUTED) continue;
            Assertion calldata assertion = assertions[i];
            if (stored != keccak256(abi.encode(assertion))) revert AttributionLedgerAssertionMismatch(recordId);
            if (block.timestamp < assertion.deadline) {
                revert AttributionLedgerChallengeWindowOpen(recordId, assertion.deadline);
            }
            delete _assertionHashes[recordId];
            _payByWeight(assertion.modelId, assertion.dataShare, assertion.contributionIds, assertion.weights, assertion.contributors);
            _credit(assertion.payer, assertion.bond);
            emit AttributionFinalized(recordId, assertion.payer, assertion.bond);
            ++finalized;
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

    /// @inheritdoc IAttributionLedger
    function recordCount() external view returns (uint256) {
        return _recordCount;
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

    /// @dev Claiming to vOPEN would deposit the OPEN for this contract, where no one could reach it.
    function _refusesReceiver(address receiver) internal view override returns (bool) {
        return receiver == votesToken;
    }

    /// @dev Records answer `recordId`: pays the immediate shares, then pays the pool or escrows the data share
    /// with the assertion. Returns what the answer costs (fee and bond).
    function _record(uint256 recordId, Answer calldata answer, IProtocolParams.InferenceTerms memory terms)
        private
        returns (uint256 cost)
    {
        IModelRegistry.InferenceTerms memory model = models.inferenceTerms(answer.modelId);
        if (answer.adapterVersion != model.adapterVersion) {
            revert AttributionLedgerStaleAdapterVersion(answer.modelId, answer.adapterVersion, model.adapterVersion);
        }
        uint256 fee = Math.max(model.inferenceFee, terms.minFee);
        uint256 count = answer.contributionIds.length;
        if (answer.weights.length != count) revert AttributionLedgerLengthMismatch(count, answer.weights.length);
        if (count > terms.maxPaid) revert AttributionLedgerTooManyContributions(count, terms.maxPaid);

        IProtocolParams.FeeSplit memory split = terms.split;
        FeeAmounts memory amounts;
        amounts.data = fee * split.dataBps / BPS;
        amounts.modelOwner = fee * split.modelOwnerBps / BPS;
        amounts.stakers = fee * split.stakersBps / BPS;
        amounts.treasury = fee - amounts.data - amounts.modelOwner - amounts.stakers;
        _credit(model.owner, amounts.modelOwner);
        _stakerPot += amounts.stakers.toUint128();
        _treasuryPot += amounts.treasury.toUint128();

        Assertion memory assertion;
        if (count == 0) {
            _addToPool(_poolKey(answer.modelId, model.adapterVersion), model.trainingBytes, amounts.data);
            cost = fee;
        } else {
            assertion = _assert(answer, model, terms, fee, amounts.data);
            _assertionHashes[recordId] = keccak256(abi.encode(assertion));
            cost = fee + assertion.bond;
        }
        _emitRecorded(recordId, answer, fee, amounts, assertion);
    }

    /// @dev Its own function, so {_record}'s locals leave the stack first.
    function _emitRecorded(
        uint256 recordId,
        Answer calldata answer,
        uint256 fee,
        FeeAmounts memory amounts,
        Assertion memory assertion
    ) private {
        emit InferenceRecorded(
            answer.modelId, msg.sender, recordId, fee, amounts, assertion.bond, assertion.deadline, answer, assertion.contributors
        );
    }

    /// @dev Checks the answer's attribution and builds the assertion that escrows `dataShare`.
    function _assert(
        Answer calldata answer,
        IModelRegistry.InferenceTerms memory model,
        IProtocolParams.InferenceTerms memory terms,
        uint256 fee,
        uint256 dataShare
    ) private view returns (Assertion memory) {
        address[] memory contributors = _checkAttribution(answer, model, terms.thresholdBps);
        return Assertion({
            payer: msg.sender,
            deadline: (block.timestamp + terms.challengeWindow).toUint64(),
            modelId: answer.modelId,
            adapterVersion: answer.adapterVersion,
            dataShare: dataShare.toUint128(),
            bond: (fee * terms.assertionBondBps / BPS).toUint128(),
            contributionIds: answer.contributionIds,
            weights: answer.weights,
            contributors: contributors
        });
    }

    /// @dev Reverts unless the ids are sorted, each weight clears the threshold, each contribution is in the
    /// training set and the weights fit the total; returns who each contribution pays.
    function _checkAttribution(Answer calldata answer, IModelRegistry.InferenceTerms memory model, uint256 thresholdBps)
        private
        view
        returns (address[] memory contributors)
    {
        uint64[] calldata ids = answer.contributionIds;
        {
            uint256 totalWeight = answer.totalWeight;
            // The smallest weight w with w * BPS >= thresholdBps * totalWeight, and never zero.
            uint256 minimumWeight = Math.max(Math.ceilDiv(thresholdBps * totalWeight, BPS), 1);
            uint256 weightSum;
            for (uint256 i = 0; i < ids.length; ++i) {
                if (i != 0 && ids[i] <= ids[i - 1]) revert AttributionLedgerUnsortedContributions(ids[i]);
                uint256 weight = answer.weights[i];
                if (weight < minimumWeight) revert AttributionLedgerWeightBelowThreshold(ids[i], weight, minimumWeight);
                weightSum += weight;
            }
            if (weightSum > totalWeight) revert AttributionLedgerWeightsExceedTotal(weightSum, totalWeight);
        }
        IDatanetRegistry.PaymentInfo[] memory infos = datanets.paymentInfo(ids);
        contributors = new address[](infos.length);
        for (uint256 i = 0; i < infos.length; ++i) {
            _checkInTrainingSet(
                ids[i], infos[i].datanetId, infos[i].acceptedSeq, model.trainedOn, answer.modelId, model.adapterVersion
            );
            contributors[i] = infos[i].contributor;
        }
    }

    /// @dev Credits `dataShare` to the contributions by weight; the rounding remainder goes to the treasury.
    function _payByWeight(
        uint64 modelId,
        uint256 dataShare,
        uint64[] calldata contributionIds,
        uint64[] calldata weights,
        address[] calldata contributors
    ) private {
        uint256 weightSum;
        for (uint256 i = 0; i < weights.length; ++i) {
            weightSum += weights[i];
        }
        uint256 paid;
        for (uint256 i = 0; i < contributionIds.length; ++i) {
            uint256 share = dataShare * weights[i] / weightSum;
            paid += share;
            _credit(contributors[i], share);
            emit ContributionRewarded(contributionIds[i], contributors[i], modelId, share);
        }
        _treasuryPot += (dataShare - paid).toUint128();
    }

    /// @inheritdoc AttributionDisputes
    function _governance() internal view override returns (address) {
        return treasury;
    }

    /// @inheritdoc AttributionDisputes
    function _validatorStake(address account) internal view override returns (uint256 stake, uint256 required) {
        return (IStaking(staking).stakeOf(account), params.minValidatorStake());
    }

    /// @inheritdoc AttributionDisputes
    function _recordExists(uint256 recordId) internal view override returns (bool) {
        return recordId != 0 && recordId <= _recordCount;
    }

    /// @inheritdoc AttributionDisputes
    function _disputeBond() internal view override returns (uint256) {
        return params.disputeBond();
    }

    /// @inheritdoc AttributionDisputes
    function _payAsAsserted(Assertion calldata assertion) internal override {
        _payByWeight(assertion.modelId, assertion.dataShare, assertion.contributionIds, assertion.weights, assertion.contributors);
    }

    /// @inheritdoc AttributionDisputes
    function _payCorrected(Assertion calldata assertion, uint64[] calldata ids, uint64[] calldata weights)
        internal
        override
    {
        if (ids.length != weights.length) revert AttributionLedgerLengthMismatch(ids.length, weights.length);
        uint256 weightSum;
        for (uint256 i = 0; i < weights.length; ++i) {
            if (weights[i] == 0) revert AttributionLedgerZeroWeight(ids[i]);
            weightSum += weights[i];
        }
        IDatanetRegistry.PaymentInfo[] memory infos = _checkCorrected(assertion, ids);
        uint256 dataShare = assertion.dataShare;
        uint256 paid;
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 share = dataShare * weights[i] / weightSum;
            paid += share;
            _credit(infos[i].contributor, share);
            emit ContributionRewarded(ids[i], infos[i].contributor, assertion.modelId, share);
        }
        _treasuryPot += (dataShare - paid).toUint128();
    }

    /// @dev Checks governance's corrected list like an assertion's (no threshold: governance sets the weights).
    function _checkCorrected(Assertion calldata assertion, uint64[] calldata ids)
        private
        view
        returns (IDatanetRegistry.PaymentInfo[] memory infos)
    {
        uint16 maxPaid = params.inferenceTerms().maxPaid;
        if (ids.length > maxPaid) revert AttributionLedgerTooManyContributions(ids.length, maxPaid);
        (, IModelRegistry.TrainedDatanet[] memory trainedOn) =
            models.trainingSet(assertion.modelId, assertion.adapterVersion);
        infos = datanets.paymentInfo(ids);
        for (uint256 i = 0; i < ids.length; ++i) {
            if (i != 0 && ids[i] <= ids[i - 1]) revert AttributionLedgerUnsortedContributions(ids[i]);
            _checkInTrainingSet(
                ids[i], infos[i].datanetId, infos[i].acceptedSeq, trainedOn, assertion.modelId, assertion.adapterVersion
            );
        }
    }

    /// @inheritdoc AttributionDisputes
    function _payPool(uint256 recordId, Assertion calldata assertion) internal override {
        (uint64 trainingBytes,) = models.trainingSet(assertion.modelId, assertion.adapterVersion);
        _addToPool(_poolKey(assertion.modelId, assertion.adapterVersion), trainingBytes, assertion.dataShare);
        emit PoolPaid(recordId, assertion.modelId, assertion.adapterVersion, assertion.dataShare);
    }

    /// @inheritdoc AttributionDisputes
    function _toTreasury(uint256 amount) internal override {
        _treasuryPot += amount.toUint128();
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
