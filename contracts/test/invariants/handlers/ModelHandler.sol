// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IAttributionLedger} from "../../../src/interfaces/IAttributionLedger.sol";
import {IModelRegistry} from "../../../src/interfaces/IModelRegistry.sol";
import {IProtocolParams} from "../../../src/interfaces/IProtocolParams.sol";
import {Vm} from "../../utils/Vm.sol";
import {ProtocolHandlerBase} from "./ProtocolHandlerBase.sol";

/**
 * @title ModelHandler
 * @notice Part of the protocol invariant handler. Models and attribution: registering models, publishing adapter
 * versions, attributed and pooled answers, and pooled-reward settlements, with a replica of the fee split and the
 * pool accumulators.
 * @dev Every input is bounded so each call succeeds (the suite runs with `fail_on_revert`); calls that must
 * fail are made with `try`/low-level calls and their revert data recorded. Attributed answers stay open for
 * {LedgerHandler} to finalize, dispute and resolve. See {ProtocolHandlerBase}.
 */
abstract contract ModelHandler is ProtocolHandlerBase {
    // ================================================================ models and answers

    function registerModel(uint256 ownerSeed, uint256 refSeed, uint256 feeSeed) external {
        if (ghostModelCount >= MAX_MODELS) {
            _publishOrAnswer(ownerSeed, refSeed);
            return;
        }
        uint128 minFee = _ghostParams.minInferenceFee;
        uint128 fee = uint128(bound(feeSeed, minFee, uint256(minFee) + 0.05 ether));
        _registerModel(_modelOwners[ownerSeed % _modelOwners.length], _pickRefs(refSeed), fee);
    }

    function publishAdapter(uint256 modelSeed, uint256 refSeed) external {
        _publishOrAnswer(modelSeed, refSeed);
    }

    /**
     * @notice An honest answer (attributed or pooled; one time in five a batch with a pooled one). An attributed
     * answer stays open: its data share and bond wait in escrow until a finalize or a ruling (see LedgerHandler).
     */
    function recordInference(
        uint256 payerSeed,
        uint256 modelSeed,
        uint256 pickSeed,
        uint256 weightSeed,
        uint256 feeSeed
    ) external {
        uint64 modelId = uint64(bound(modelSeed, 1, ghostModelCount));
        GhostModel storage m = _model[modelId];
        uint256 key = _poolKey(modelId, m.adapterVersion);
        uint256 fee = Math.max(m.fee, _ghostParams.minInferenceFee);
        IAttributionLedger.Answer memory a = _attribution(modelId, key, pickSeed, weightSeed);
        address payer = _payers[payerSeed % _payers.length];
        IAttributionLedger.Assertion memory assertion = _ghostAssertion(payer, a, fee);

        if (feeSeed % 5 == 0) {
            // A batch: this answer and a pooled one.
            IAttributionLedger.Answer[] memory batch = new IAttributionLedger.Answer[](2);
            batch[0] = a;
            batch[1] = answer(modelId, new uint64[](0), new uint64[](0), 0);
            uint256 cost = 2 * fee + assertion.bond;
            vm.deal(payer, payer.balance + cost);
            vm.prank(payer);
            uint256 first = ledger.recordInferences{value: cost}(batch);
            _ghostAnswer(first, payer, assertion, fee, false);
            _ghostAnswer(first + 1, payer, _ghostAssertion(payer, batch[1], fee), fee, false);
            ++tally["answer batch"];
        } else {
            _ghostAnswer(_pay(payer, a, fee + assertion.bond), payer, assertion, fee, false);
        }
    }

    function settlePooledRewards(uint256 modelSeed, uint256 versionSeed, uint256 pickSeed, uint256 countSeed) external {
        uint64 modelId = uint64(bound(modelSeed, 1, ghostModelCount));
        uint32 version = uint32(bound(versionSeed, 1, _model[modelId].adapterVersion));
        uint256 key = _poolKey(modelId, version);
        if (versionSeed % 4 != 0) {
            // Mostly a pool that was paid into, so settlements pay.
            for (uint256 i = 0; i < _poolKeys.length; ++i) {
                uint256 k = _poolKeys[_at(modelSeed, i, _poolKeys.length)];
                if (_pool[k].paidIn != 0) {
                    (key, modelId, version) = (k, _pool[k].modelId, _pool[k].adapterVersion);
                    break;
                }
            }
        }
        uint64[] memory members = _eligible(key);
        uint64[] memory ids = new uint64[](bound(countSeed, 1, 4));
        GhostPool storage pool = _pool[key];
        for (uint256 i = 0; i < ids.length; ++i) {
            // Picks may repeat: a second settlement of the same contribution owes nothing.
            ids[i] = members[uint256(keccak256(abi.encode(pickSeed, i))) % members.length];
        }
        vm.recordLogs();
        vm.prank(_actors[pickSeed % _actors.length]);
        ledger.settlePooledRewards(modelId, version, ids);
        _measurePoolSettlements();
        for (uint256 i = 0; i < ids.length; ++i) {
            GhostContribution storage c = _contrib[ids[i]];
            uint256 owed = Math.mulDiv(c.byteSize, pool.rewardPerByte - _poolPaid[key][ids[i]], SCALE);
            _poolPaid[key][ids[i]] = pool.rewardPerByte;
            ghostLedgerCredited[c.contributor] += owed;
            ghostPoolEntitled[ids[i]] += owed;
            pool.settled += owed;
            pool.settlements += 1;
            ghostPoolUnsettled -= owed;
            if (owed != 0) ++tally["pooled reward settled"];
        }
    }

    // ================================================================ internals: models and answers

    function _refs(uint64 d, uint32 version) internal pure returns (IModelRegistry.DatanetVersionRef[] memory refs) {
        refs = new IModelRegistry.DatanetVersionRef[](1);
        refs[0] = IModelRegistry.DatanetVersionRef({datanetId: d, version: version});
    }

    /// @dev One or two distinct datanets with published versions, at random versions; publishes one if none.
    function _pickRefs(uint256 seed) internal returns (IModelRegistry.DatanetVersionRef[] memory refs) {
        uint64[] memory withVersions = new uint64[](ghostDatanetCount);
        uint256 n;
        for (uint64 d = 1; d <= ghostDatanetCount; ++d) {
            if (_datanet[d].versionCounts.length != 0) withVersions[n++] = d;
        }
        if (n == 0) {
            uint64 d = _pickDatanet(seed);
            _approve(d, _readyCurator(d, seed), one(_contribute(_user(seed), d, _freshHash(), _size(seed))));
            return _refs(d, 1);
        }
        uint256 count = n > 1 && seed % 3 == 0 ? 2 : 1;
        refs = new IModelRegistry.DatanetVersionRef[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint64 d = withVersions[_at(seed, i, n)];
            uint256 versions = _datanet[d].versionCounts.length;
            refs[i] = IModelRegistry.DatanetVersionRef({
                datanetId: d, version: uint32(bound(uint256(keccak256(abi.encode(seed, i))), 1, versions))
            });
        }
    }

    function _adapter(IModelRegistry.DatanetVersionRef[] memory refs)
        internal
        pure
        returns (IModelRegistry.AdapterRelease memory adapter)
    {
        adapter = adapterRelease(refs[0].datanetId, refs[0].version);
        adapter.trainedOn = refs;
    }

    function _registerModel(address owner, IModelRegistry.DatanetVersionRef[] memory refs, uint128 fee) internal {
        uint256 registrationFee = _ghostParams.modelRegistrationFee;
        IModelRegistry.ModelRegistration memory r = registration(refs[0].datanetId, refs[0].version, fee);
        r.adapter = _adapter(refs);
        vm.deal(owner, owner.balance + registrationFee);
        vm.prank(owner);
        uint64 id = models.register{value: registrationFee}(r);
        _expectId(id, ++ghostModelCount);
        _model[id] = GhostModel({owner: owner, fee: fee, adapterVersion: 1});
        _recordTrainingSet(id, 1, refs);
        ghostTreasuryIn += registrationFee;
    }

    /// @dev Publishes a new adapter version, or (at the version cap) records an answer instead.
    function _publishOrAnswer(uint256 modelSeed, uint256 refSeed) internal {
        uint64 modelId = uint64(bound(modelSeed, 1, ghostModelCount));
        GhostModel storage m = _model[modelId];
        if (m.adapterVersion >= MAX_ADAPTER_VERSIONS) {
            this.recordInference(refSeed, modelSeed, refSeed >> 8, refSeed >> 16, refSeed >> 24);
            return;
        }
        IModelRegistry.DatanetVersionRef[] memory refs = _pickRefs(refSeed);
        vm.prank(m.owner);
        uint32 version = models.publishAdapter(modelId, _adapter(refs));
        _expectId(version, ++m.adapterVersion);
        _recordTrainingSet(modelId, version, refs);
    }

    function _recordTrainingSet(uint64 modelId, uint32 version, IModelRegistry.DatanetVersionRef[] memory refs)
        internal
    {
        uint256 key = _poolKey(modelId, version);
        GhostPool storage pool = _pool[key];
        pool.modelId = modelId;
        pool.adapterVersion = version;
        for (uint256 i = 0; i < refs.length; ++i) {
            GhostDatanet storage g = _datanet[refs[i].datanetId];
            pool.datanetIds.push(refs[i].datanetId);
            pool.acceptedCounts.push(g.versionCounts[refs[i].version - 1]);
            pool.trainingBytes += g.versionBytes[refs[i].version - 1];
        }
        _poolKeys.push(key);
    }

    /// @dev Every contribution in a pool's training set, in increasing id order per datanet.
    function _eligible(uint256 key) internal view override returns (uint64[] memory ids) {
        GhostPool storage pool = _pool[key];
        uint256 total;
        for (uint256 i = 0; i < pool.datanetIds.length; ++i) {
            total += pool.acceptedCounts[i];
        }
        ids = new uint64[](total);
        uint256 n;
        for (uint256 i = 0; i < pool.datanetIds.length; ++i) {
            uint64[] storage accepted = _datanet[pool.datanetIds[i]].accepted;
            for (uint256 j = 0; j < pool.acceptedCounts[i]; ++j) {
                ids[n++] = accepted[j];
            }
        }
    }

    /**
     * @dev An answer for the model's current adapter: a pooled one (no contributions) one time in four,
     * otherwise a random subset of its training set, sorted, with weights that all clear the threshold.
     */
    function _attribution(uint64 modelId, uint256 key, uint256 pickSeed, uint256 weightSeed)
        internal
        view
        returns (IAttributionLedger.Answer memory)
    {
        uint64[] memory members = _eligible(key);
        uint256 maxCount = Math.min(Math.min(MAX_PAID, _ghostParams.maxPaidContributions), members.length);
        uint256 threshold = _ghostParams.attributionThresholdBps;
        if (threshold != 0) maxCount = Math.min(maxCount, BPS / threshold);
        if (pickSeed % 4 == 0 || maxCount == 0) return answer(modelId, new uint64[](0), new uint64[](0), 0);

        uint64[] memory ids = new uint64[](bound(pickSeed >> 2, 1, maxCount));
        for (uint256 i = 0; i < ids.length; ++i) {
            // A partial Fisher-Yates shuffle picks distinct members.
            uint256 j = i + uint256(keccak256(abi.encode(pickSeed, i))) % (members.length - i);
            (members[i], members[j]) = (members[j], members[i]);
            ids[i] = members[i];
        }
        for (uint256 i = 1; i < ids.length; ++i) {
            for (uint256 j = i; j > 0 && ids[j - 1] > ids[j]; --j) {
                (ids[j - 1], ids[j]) = (ids[j], ids[j - 1]);
            }
        }
        (uint64[] memory weights, uint64 totalWeight) = _weights(ids.length, weightSeed, threshold);
        return answer(modelId, ids, weights, totalWeight);
    }

    /**
     * @dev `count` weights and a total weight such that every weight is at least `threshold` of the total. Each
     * weight has a random magnitude anywhere up to uint64's range divided by the count (so the sum and the total
     * still fit a uint64).
     */
    function _weights(uint256 count, uint256 seed, uint256 threshold)
        internal
        pure
        returns (uint64[] memory weights, uint64 totalWeight)
    {
        weights = new uint64[](count);
        uint256 sum;
        uint256 cap = type(uint64).max / MAX_PAID;
        uint64 smallest = type(uint64).max;
        for (uint256 i = 0; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            weights[i] = uint64(1 + (r >> 8) % Math.min(uint256(1) << (r % 64), cap));
            sum += weights[i];
            if (weights[i] < smallest) smallest = weights[i];
        }
        uint256 maxTotal = threshold == 0 ? sum * 4 : uint256(smallest) * BPS / threshold;
        if (maxTotal < sum) {
            // Equal weights always fit: count <= BPS / threshold.
            for (uint256 i = 0; i < count; ++i) {
                weights[i] = smallest;
            }
            sum = uint256(smallest) * count;
            maxTotal = uint256(smallest) * BPS / threshold;
        }
        maxTotal = Math.min(Math.min(maxTotal, sum * 4), type(uint64).max);
        totalWeight = uint64(bound(uint256(keccak256(abi.encode(seed, "total"))), sum, maxTotal));
    }

    /// @dev The assertion `payer` makes by recording `a` now at `fee`, built from the ghost (not read back).
    function _ghostAssertion(address payer, IAttributionLedger.Answer memory a, uint256 fee)
        internal
        view
        returns (IAttributionLedger.Assertion memory assertion)
    {
        address[] memory contributors = new address[](a.contributionIds.length);
        for (uint256 i = 0; i < contributors.length; ++i) {
            contributors[i] = _contrib[a.contributionIds[i]].contributor;
        }
        // Fees are bounded by the handler (at most 100 OPEN), far below 2^128.
        // forge-lint: disable-start(unsafe-typecast)
        assertion = IAttributionLedger.Assertion({
            payer: payer,
            deadline: uint64(block.timestamp + _ghostParams.challengeWindow),
            modelId: a.modelId,
            adapterVersion: a.adapterVersion,
            dataShare: uint128(fee * _ghostParams.feeSplit.dataBps / BPS),
            bond: a.contributionIds.length == 0 ? 0 : uint128(fee * _ghostParams.assertionBondBps / BPS),
            contributionIds: a.contributionIds,
            weights: a.weights,
            contributors: contributors
        });
        // forge-lint: disable-end(unsafe-typecast)
    }

    /// @dev Records `a` as `payer`, paying `cost`; returns the record id.
    function _pay(address payer, IAttributionLedger.Answer memory a, uint256 cost) internal returns (uint256 recordId) {
        vm.deal(payer, payer.balance + cost);
        vm.prank(payer);
        recordId = ledger.recordInference{value: cost}(a);
    }

    /**
     * @dev The ghost of one recorded answer: the owner's, stakers' and treasury's shares at once; the data share to
     * the pool (no contributions) or into escrow with the assertion bond, as an open record.
     */
    function _ghostAnswer(
        uint256 recordId,
        address payer,
        IAttributionLedger.Assertion memory assertion,
        uint256 fee,
        bool lie
    ) internal {
        _expectId(recordId, ++ghostRecordCount);
        IProtocolParams.FeeSplit memory split = _ghostParams.feeSplit;
        uint256 data = fee * split.dataBps / BPS;
        uint256 modelOwner = fee * split.modelOwnerBps / BPS;
        uint256 stakers_ = fee * split.stakersBps / BPS;
        ghostLedgerCredited[_model[assertion.modelId].owner] += modelOwner;
        ghostStakerPot += stakers_;
        ghostTreasuryPot += fee - data - modelOwner - stakers_;
        GhostRecord storage r = _records[recordId];
        if (assertion.contributionIds.length == 0) {
            ++tally["pooled answer"];
            r.state = RecordState.Pool;
            _ghostAddToPool(_poolKey(assertion.modelId, assertion.adapterVersion), data);
            return;
        }
        ++tally[lie ? "self-attributed answer" : "attributed answer"];
        r.state = RecordState.Open;
        r.lie = lie;
        r.payer = payer;
        r.deadline = assertion.deadline;
        r.paid = fee + assertion.bond;
        _assertions[recordId] = abi.encode(assertion);
        _openRecords.push(recordId);
        ghostOpenEscrow += data;
        ghostOpenAssertionBonds += assertion.bond;
        for (uint256 i = 0; i < assertion.contributionIds.length; ++i) {
            ghostEscrowNaming[assertion.contributionIds[i]] += data;
        }
    }

    /// @dev Adds `data` to the replica of pool `key`, carrying the division's remainder like the ledger.
    function _ghostAddToPool(uint256 key, uint256 data) internal override {
        GhostPool storage pool = _pool[key];
        uint256 scaled = data * SCALE + pool.carry;
        pool.rewardPerByte += scaled / pool.trainingBytes;
        pool.carry = scaled % pool.trainingBytes;
        pool.paidIn += data;
        ghostPoolUnsettled += data;
    }

    /// @dev An honest attributed answer recorded now, left open; returns its record id.
    function _recordHonest(uint256 seed) internal override returns (uint256 recordId) {
        uint64 modelId = uint64(bound(seed, 1, ghostModelCount));
        GhostModel storage m = _model[modelId];
        uint256 fee = Math.max(m.fee, _ghostParams.minInferenceFee);
        // pickSeed % 4 != 0: never the pool.
        IAttributionLedger.Answer memory a =
            _attribution(modelId, _poolKey(modelId, m.adapterVersion), (seed >> 8) | 1, seed >> 16);
        address payer = _payers[(seed >> 24) % _payers.length];
        IAttributionLedger.Assertion memory assertion = _ghostAssertion(payer, a, fee);
        recordId = _pay(payer, a, fee + assertion.bond);
        _ghostAnswer(recordId, payer, assertion, fee, false);
    }

    /**
     * @dev A self-attribution: the owner of one contribution in a model's training set pays for an answer that
     * names only that contribution, with a total weight equal to its weight (anywhere in the uint64 range), so the
     * whole data share would come back to them. The handler knows it is a lie.
     */
    function _recordLie(uint256 modelSeed, uint256 pickSeed, uint256 weightSeed)
        internal
        override
        returns (uint256 recordId)
    {
        uint64 modelId = uint64(bound(modelSeed, 1, ghostModelCount));
        GhostModel storage m = _model[modelId];
        uint64[] memory members = _eligible(_poolKey(modelId, m.adapterVersion));
        uint64 own = members[pickSeed % members.length];
        address liar = _contrib[own].contributor;
        uint64 weight = uint64(bound(weightSeed, 1, type(uint64).max));
        uint256 fee = Math.max(m.fee, _ghostParams.minInferenceFee);
        IAttributionLedger.Answer memory a = answer(modelId, one(own), one(weight), weight);
        IAttributionLedger.Assertion memory assertion = _ghostAssertion(liar, a, fee);
        recordId = _pay(liar, a, fee + assertion.bond);
        _ghostAnswer(recordId, liar, assertion, fee, true);
    }

    /// @dev Adds the PooledRewardSettled credits of the recorded logs to what each contribution measurably got.
    function _measurePoolSettlements() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(ledger)) continue;
            if (logs[i].topics[0] != IAttributionLedger.PooledRewardSettled.selector) continue;
            (, uint256 amount) = abi.decode(logs[i].data, (uint32, uint256));
            measuredFromPool[uint64(uint256(logs[i].topics[1]))] += amount;
        }
    }

    /// @dev Credits `data` to the contributions by weight; returns the rounding remainder.
    function _ghostPay(uint64[] memory ids, uint64[] memory weights, uint256 data)
        internal
        override
        returns (uint256)
    {
        uint256 weightSum;
        for (uint256 i = 0; i < ids.length; ++i) {
            weightSum += weights[i];
        }
        uint256 paid;
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 share = data * weights[i] / weightSum;
            paid += share;
            ghostLedgerCredited[_contrib[ids[i]].contributor] += share;
        }
        return data - paid;
    }

}
