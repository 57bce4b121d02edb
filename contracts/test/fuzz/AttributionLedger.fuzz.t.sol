// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAttributionLedger} from "../../src/interfaces/IAttributionLedger.sol";
import {IProtocolParams} from "../../src/interfaces/IProtocolParams.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/**
 * @notice Fuzz tests for {AttributionLedger}: the fee split never creates or loses a wei, the pooled
 * accumulator never loses a tiny fee over a huge training set, the threshold's minimum weight is exact, and every
 * settlement of an asserted record (finalized, or disputed and resolved any way) pays out exactly its escrowed data
 * share and both bonds.
 * @dev The fixture's protocol with the minimum inference fee lowered to 1 wei (by pranking the Timelock, which
 * owns ProtocolParams) and a model charging 1 wei, trained on 32 contributions by 32 different contributors.
 * Inputs range as far as the contracts accept: weights and total weights over the whole uint64 range, fees up to
 * the largest whose assertion bond still fits the ledger's uint128 (the model's fee is itself a uint128, and no
 * contract bounds it above), contribution sizes up to the byte cap's own bound (2^28).
 */
contract AttributionLedgerFuzzTest is ProtocolFixture {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant SCALE = 1e18;
    uint256 internal constant COUNT = 32;
    /// @dev The largest fee a model can charge (ModelRegistry stores a uint128 and bounds it only below).
    uint256 internal constant MAX_FEE = type(uint128).max;

    address internal owner = makeAddr("datanet owner");
    address internal curator = makeAddr("curator");
    address internal modelOwner = makeAddr("model owner");
    address internal payer = makeAddr("payer");
    address internal validator = makeAddr("validator");

    uint64 internal datanetId;
    uint64 internal modelId;
    uint64[COUNT] internal ids;
    address[COUNT] internal contributors;

    function setUp() public {
        deployProtocol();
        asTimelock(abi.encodeCall(params.setMinInferenceFee, (1)));
        datanetId = createDatanetAs(owner);
        appointCurator(datanetId, curator);
        uint64[] memory batch = new uint64[](COUNT);
        for (uint256 i = 0; i < COUNT; ++i) {
            contributors[i] = address(uint160(0x10000 + i));
            batch[i] = contributeAs(contributors[i], datanetId, uint64(1_000 + i));
            ids[i] = batch[i];
        }
        approveAs(curator, datanetId, batch);
        modelId = registerModelAs(modelOwner, datanetId, 1, 1);
    }

    function asTimelock(bytes memory data) internal {
        vm.prank(address(timelock));
        (bool ok, bytes memory reason) = address(params).call(data);
        assertTrue(ok, string(reason));
    }

    function random(uint256 seed, uint256 i) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i)));
    }

    // ------------------------------------------------------------------ (a) the fee split

    struct Attribution {
        uint64[] ids;
        address[] who;
        uint64[] weights;
        uint256 weightSum;
    }

    /// @dev A valid split: data at least 10%, the other shares anything that keeps the sum at 10,000.
    function boundSplit(uint256 dataBps, uint256 ownerBps, uint256 stakersBps)
        internal
        pure
        returns (IProtocolParams.FeeSplit memory split)
    {
        split.dataBps = uint16(bound(dataBps, 1_000, BPS));
        split.modelOwnerBps = uint16(bound(ownerBps, 0, BPS - split.dataBps));
        split.stakersBps = uint16(bound(stakersBps, 0, BPS - split.dataBps - split.modelOwnerBps));
        split.treasuryBps = uint16(BPS - split.dataBps - split.modelOwnerBps - split.stakersBps);
    }

    /// @dev The contributions whose bits are set in `mask` (at least one), with weights of random magnitude up to
    /// uint64's maximum divided by their count (so a single contribution's weight spans the whole uint64 range,
    /// and any number of them still sums within uint64).
    function attribution(uint256 mask, uint256 weightSeed) internal view returns (Attribution memory a) {
        mask = bound(mask, 1, type(uint32).max);
        uint256 count;
        for (uint256 i = 0; i < COUNT; ++i) {
            if (mask >> i & 1 == 1) ++count;
        }
        a.ids = new uint64[](count);
        a.who = new address[](count);
        a.weights = new uint64[](count);
        uint256 j;
        for (uint256 i = 0; i < COUNT; ++i) {
            if (mask >> i & 1 == 0) continue;
            uint256 r = random(weightSeed, i);
            uint256 magnitude = uint256(1) << (r % 65);
            uint256 cap = type(uint64).max / count;
            uint256 w = 1 + (r >> 8) % (magnitude < cap ? magnitude : cap);
            a.ids[j] = ids[i];
            a.who[j] = contributors[i];
            a.weights[j] = uint64(w);
            a.weightSum += w;
            ++j;
        }
    }

    /**
     * @dev For any fee a model can charge (1 wei to 2^128 - 1), any valid split set through the Timelock and 1 to
     * 32 contributions with any weights and total weight: each contributor gets floor(data * w / sum), the owner, stakers and treasury get their
     * floors, the treasury also gets the weight split's remainder (less than one wei per contribution), and
     * everything credited adds up to the fee exactly.
     */
    function testFuzz_recordInference_splitAddsUpToTheFee_succeeds(
        uint256 fee,
        uint256 dataBps,
        uint256 ownerBps,
        uint256 stakersBps,
        uint256 mask,
        uint256 weightSeed,
        uint256 extraWeight
    ) public {
        fee = bound(fee, 1, MAX_FEE);
        IProtocolParams.FeeSplit memory split = boundSplit(dataBps, ownerBps, stakersBps);
        asTimelock(abi.encodeCall(params.setFeeSplit, (split)));
        asTimelock(abi.encodeCall(params.setAttributionThreshold, (0)));
        Attribution memory a = attribution(mask, weightSeed);
        uint64 totalWeight = uint64(a.weightSum + bound(extraWeight, 0, type(uint64).max - a.weightSum));

        recordPaid(payer, answer(modelId, a.ids, a.weights, totalWeight), fee);
        checkSplit(fee, split, a);
    }

    /// @dev What the split gives each party before the weight split's remainder.
    function expectedShares(uint256 fee, IProtocolParams.FeeSplit memory split)
        internal
        pure
        returns (IAttributionLedger.FeeAmounts memory x)
    {
        x.data = fee * split.dataBps / BPS;
        x.modelOwner = fee * split.modelOwnerBps / BPS;
        x.stakers = fee * split.stakersBps / BPS;
        x.treasury = fee - x.data - x.modelOwner - x.stakers;
    }

    function checkSplit(uint256 fee, IProtocolParams.FeeSplit memory split, Attribution memory a) internal view {
        IAttributionLedger.FeeAmounts memory x = expectedShares(fee, split);
        uint256 credited;
        for (uint256 i = 0; i < a.ids.length; ++i) {
            uint256 share = x.data * a.weights[i] / a.weightSum;
            assertEq(ledger.claimable(a.who[i]), share, "floor(data * w / sum)");
            credited += share;
        }
        uint256 remainder = x.data - credited;
        assertLt(remainder, a.ids.length, "less than a wei per contribution left over");
        assertEq(ledger.claimable(modelOwner), x.modelOwner, "model owner");
        assertEq(ledger.pendingStakerRewards(), x.stakers, "stakers");
        assertEq(ledger.pendingTreasury(), x.treasury + remainder, "treasury gets the remainder");
        assertEq(
            credited + ledger.claimable(modelOwner) + ledger.pendingStakerRewards() + ledger.pendingTreasury(),
            fee,
            "exactly the fee"
        );
        uint256 bond = fee * params.assertionBondBps() / BPS;
        assertEq(ledger.claimable(payer), bond, "the payer's bond came back");
        assertEq(address(ledger).balance, fee + bond, "the ledger holds the fee and the returned bond");
        assertEq(ledger.poolRewardPerByte(modelId, 1), 0, "the pool is untouched");
    }

    /// @dev The same through the pool: the data share goes to the accumulator and everything else adds up.
    function testFuzz_recordInference_pooledSplitAddsUpToTheFee_succeeds(
        uint256 fee,
        uint256 dataBps,
        uint256 ownerBps,
        uint256 stakersBps
    ) public {
        fee = bound(fee, 1, MAX_FEE);
        IProtocolParams.FeeSplit memory split = boundSplit(dataBps, ownerBps, stakersBps);
        asTimelock(abi.encodeCall(params.setFeeSplit, (split)));

        recordPaid(payer, answer(modelId, new uint64[](0), new uint64[](0), 0), fee);

        IAttributionLedger.FeeAmounts memory x = expectedShares(fee, split);
        uint256 trainingBytes = COUNT * 1_000 + COUNT * (COUNT - 1) / 2;
        assertEq(ledger.poolRewardPerByte(modelId, 1), x.data * SCALE / trainingBytes, "accumulator");
        assertEq(ledger.claimable(modelOwner), x.modelOwner, "model owner");
        assertEq(ledger.pendingStakerRewards(), x.stakers, "stakers");
        assertEq(ledger.pendingTreasury(), x.treasury, "treasury, no remainder on this path");
        assertEq(x.data + x.modelOwner + x.stakers + x.treasury, fee, "exactly the fee");
        assertEq(address(ledger).balance, fee, "the ledger holds the fee");
    }

    /**
     * @dev The same over any training set: 1 to 16 contributions of 1 byte to the byte cap's bound (2^28) each and
     * any fee: the accumulator is exactly floor(data * 1e18 / trainingBytes), and settling everyone pays at most the
     * data share, short by under a wei per contribution.
     */
    function testFuzz_recordInference_pooledOverAnyTrainingSet_paysTheDataShare(uint256 fee, uint256 sizeSeed, uint256 n)
        public
    {
        fee = bound(fee, 1, MAX_FEE);
        Pool memory p = trainingSet(sizeSeed, bound(n, 1, 16), 1, allowLargestContributions());
        recordPaid(payer, answer(p.model, new uint64[](0), new uint64[](0), 0), fee);

        uint256 data = fee * params.feeSplit().dataBps / BPS;
        assertEq(ledger.poolRewardPerByte(p.model, 1), data * SCALE / p.trainingBytes, "accumulator");
        ledger.settlePooledRewards(p.model, 1, p.ids);
        uint256 settled;
        for (uint256 i = 0; i < p.ids.length; ++i) {
            uint256 got = ledger.claimable(p.who[i]);
            assertEq(got, uint256(p.sizes[i]) * (data * SCALE / p.trainingBytes) / SCALE, "floor(size * r / 1e18)");
            settled += got;
        }
        assertLe(settled, data, "never more than the data share");
        assertLe(data - settled, p.ids.length, "under a wei per contribution left as dust");
    }

    // ------------------------------------------------------------------ (b) the pool accumulator

    struct Pool {
        uint64 model;
        uint64[] ids;
        address[] who;
        uint64[] sizes;
        uint256[] settlements;
        uint256 trainingBytes;
        uint256 paidIn;
        uint256 totalSettlements;
    }

    /**
     * @dev A model trained on `n` contributions of `minSize`..`maxSize` bytes each (one fresh datanet).
     */
    function trainingSet(uint256 sizeSeed, uint256 n, uint256 minSize, uint256 maxSize)
        internal
        returns (Pool memory p)
    {
        uint64 dn = createDatanetAs(owner);
        vm.prank(owner);
        datanets.setCurator(dn, curator, true);
        p.ids = new uint64[](n);
        p.who = new address[](n);
        p.sizes = new uint64[](n);
        p.settlements = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            p.who[i] = address(uint160(0x20000 + i));
            p.sizes[i] = uint64(bound(random(sizeSeed, i), minSize, maxSize));
            p.ids[i] = contributeAs(p.who[i], dn, p.sizes[i]);
            p.trainingBytes += p.sizes[i];
        }
        approveAs(curator, dn, p.ids);
        p.model = registerModelAs(modelOwner, dn, 1, 1);
    }

    /// @dev Settles the contributions whose bits are set in `mask` (at least one), counting each settlement.
    function settleSome(Pool memory p, uint256 mask) internal {
        mask = bound(mask, 1, (uint256(1) << p.ids.length) - 1);
        uint256 count;
        for (uint256 i = 0; i < p.ids.length; ++i) {
            if (mask >> i & 1 == 1) ++count;
        }
        uint64[] memory chosen = new uint64[](count);
        uint256 j;
        for (uint256 i = 0; i < p.ids.length; ++i) {
            if (mask >> i & 1 == 0) continue;
            chosen[j++] = p.ids[i];
            ++p.settlements[i];
            ++p.totalSettlements;
        }
        ledger.settlePooledRewards(p.model, 1, chosen);
    }

    /**
     * @dev `k` pooled answers paying 1..1000 wei each (so data shares of 0..500 wei) over the training set,
     * settling random contributions at random times, then everyone.
     *
     * The bounds checked, with D the data shares paid in, T the training bytes, r the accumulator and
     * S the number of (contribution, settlement) pairs:
     *  - nothing is lost to the accumulator: r = floor(D * 1e18 / T) exactly after every answer, because the
     *    pool carries each division's remainder; so the carry is D * 1e18 - r * T < T;
     *  - nothing is created: the rewards settled never exceed D;
     *  - settling loses at most 1 wei per contribution per settlement: each settlement floors
     *    size * (r - paid) / 1e18, so contribution i settled s_i times has received more than
     *    size_i * r / 1e18 - s_i, and in all (D - settled) * 1e18 <= carry + S * (1e18 - 1). That dust stays in
     *    the ledger (it is never credited), and the carry is paid out by later answers.
     */
    function checkPool(Pool memory p, uint256 k, uint256 feeSeed, uint256 settleSeed) internal {
        uint256 dataBps = params.feeSplit().dataBps;
        for (uint256 j = 0; j < k; ++j) {
            uint256 fee = bound(random(feeSeed, j), 1, 1_000);
            recordPaid(payer, answer(p.model, new uint64[](0), new uint64[](0), 0), fee);
            p.paidIn += fee * dataBps / BPS;
            assertEq(ledger.poolRewardPerByte(p.model, 1), p.paidIn * SCALE / p.trainingBytes, "carry keeps every wei");
            uint256 r = random(settleSeed, j);
            if (r % 4 == 0) settleSome(p, r >> 8);
        }
        settleSome(p, type(uint256).max); // everyone, at the end

        uint256 rewardPerByte = ledger.poolRewardPerByte(p.model, 1);
        uint256 carry = p.paidIn * SCALE - rewardPerByte * p.trainingBytes;
        assertLt(carry, p.trainingBytes, "carry below one unit per byte");
        uint256 settled;
        for (uint256 i = 0; i < p.ids.length; ++i) {
            uint256 got = ledger.claimable(p.who[i]);
            uint256 owed = uint256(p.sizes[i]) * rewardPerByte; // scaled by 1e18
            assertLe(got * SCALE, owed, "never more than its share");
            assertLt(owed - got * SCALE, p.settlements[i] * SCALE, "under 1 wei lost per settlement");
            assertEq(ledger.pooledRewardOf(p.model, 1, p.ids[i]), 0, "nothing left pending");
            settled += got;
        }
        assertLe(settled, p.paidIn, "never more than paid in");
        assertLe((p.paidIn - settled) * SCALE, carry + p.totalSettlements * (SCALE - 1), "dust bound");
    }

    /// @dev Raises the byte cap to its bound, 2^28, so contributions can be as large as the registry allows.
    function allowLargestContributions() internal returns (uint256 limit) {
        limit = params.MAX_CONTRIBUTION_BYTES_LIMIT();
        asTimelock(abi.encodeCall(params.setMaxContributionBytes, (uint32(limit))));
    }

    /// @dev Up to 16 contributions of up to 2^28 bytes (the largest byte cap); 1 to 64 tiny answers.
    function testFuzz_pool_tinyFeesOverLargeSet_areNeverLost(
        uint256 sizeSeed,
        uint256 n,
        uint256 k,
        uint256 feeSeed,
        uint256 settleSeed
    ) public {
        Pool memory p = trainingSet(sizeSeed, bound(n, 1, 16), 1, allowLargestContributions());
        checkPool(p, bound(k, 1, 64), feeSeed, settleSeed);
    }

    /// @dev Up to 3 contributions of 2^20 to 2^28 bytes (the largest the byte cap allows), so a tiny share is a
    /// few units per byte with a remainder the carry must keep. (The cap keeps any set far below 1e18 bytes.)
    function testFuzz_pool_tinyFeesOverHugeSet_areCarried(
        uint256 sizeSeed,
        uint256 n,
        uint256 k,
        uint256 feeSeed,
        uint256 settleSeed
    ) public {
        Pool memory p = trainingSet(sizeSeed, bound(n, 1, 3), uint256(1) << 20, allowLargestContributions());
        checkPool(p, bound(k, 1, 64), feeSeed, settleSeed);
    }

    // ------------------------------------------------------------------ (c) the threshold

    /// @dev The smallest positive weight w with w * 10,000 >= thresholdBps * totalWeight.
    function minimumWeightOf(uint256 thresholdBps, uint256 totalWeight) internal pure returns (uint256 m) {
        m = (thresholdBps * totalWeight + BPS - 1) / BPS;
        if (m == 0) m = 1;
    }

    /**
     * @dev For any threshold up to the 50% bound and any positive total weight, a contribution at exactly
     * minimumWeight = max(ceil(thresholdBps * totalWeight / 10,000), 1) is paid and one wei of weight less
     * reverts with that minimum; so does a second contribution below it after a first one at it.
     */
    function testFuzz_recordInference_thresholdIsExact(uint256 thresholdBps, uint256 totalWeight, uint256 pick) public {
        thresholdBps = bound(thresholdBps, 0, params.MAX_ATTRIBUTION_THRESHOLD_BPS());
        totalWeight = bound(totalWeight, 1, type(uint64).max);
        asTimelock(abi.encodeCall(params.setAttributionThreshold, (uint16(thresholdBps))));
        uint256 minimum = minimumWeightOf(thresholdBps, totalWeight);
        assertGe(minimum * BPS, thresholdBps * totalWeight, "the minimum clears the threshold");
        if (minimum > 1) assertLt((minimum - 1) * BPS, thresholdBps * totalWeight, "one less does not");
        assertLe(minimum, totalWeight, "a threshold up to 50% never exceeds the total");

        uint256 i = bound(pick, 0, COUNT - 2);
        uint64[] memory single = one(ids[i]);
        vm.deal(payer, 1 ether);
        IAttributionLedger.Answer memory below = answer(modelId, single, one(uint64(minimum - 1)), uint64(totalWeight));
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightBelowThreshold.selector, ids[i], minimum - 1, minimum)
        );
        ledger.recordInference{value: 1 ether}(below);

        uint64[] memory pair = new uint64[](2);
        pair[0] = ids[i];
        pair[1] = ids[i + 1];
        uint64[] memory weights = new uint64[](2);
        weights[0] = uint64(minimum);
        weights[1] = uint64(minimum - 1);
        IAttributionLedger.Answer memory secondBelow = answer(modelId, pair, weights, uint64(totalWeight));
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWeightBelowThreshold.selector, ids[i + 1], minimum - 1, minimum)
        );
        ledger.recordInference{value: 1 ether}(secondBelow);

        recordPaid(payer, answer(modelId, single, one(uint64(minimum)), uint64(totalWeight)), 1 ether);
        assertEq(ledger.claimable(contributors[i]), 0.5 ether, "paid at exactly the minimum");
    }

    // ------------------------------------------------------------------ (d) finalize, dispute and resolve

    /// @dev The largest fee whose assertion bond, fee * bondBps / 10,000, still fits the ledger's uint128.
    function maxAcceptedFee(uint256 bondBps) internal pure returns (uint256) {
        uint256 largest = (uint256(type(uint128).max) * BPS + BPS - 1) / bondBps;
        return largest < MAX_FEE ? largest : MAX_FEE;
    }

    /// @dev Sets the assertion bond and returns it, bounded to ProtocolParams' range; the threshold goes to 0 so
    /// any weights are valid.
    function boundBond(uint256 bondBps) internal returns (uint256) {
        bondBps = bound(bondBps, params.MIN_ASSERTION_BOND_BPS(), params.MAX_ASSERTION_BOND_BPS());
        asTimelock(abi.encodeCall(params.setAssertionBond, (uint16(bondBps))));
        asTimelock(abi.encodeCall(params.setAttributionThreshold, (0)));
        return bondBps;
    }

    /// @dev Everyone a settlement can credit: the 32 contributors, the payer and the validator.
    function settlementAccounts(address payer_) internal view returns (address[] memory accounts) {
        accounts = new address[](COUNT + 2);
        for (uint256 i = 0; i < COUNT; ++i) {
            accounts[i] = contributors[i];
        }
        // A self-attributing payer is one of the contributors: count them once.
        accounts[COUNT] = payer_ == payer ? payer : address(0xdead);
        accounts[COUNT + 1] = validator;
    }

    /// @dev Everything credited to `accounts` plus the treasury's pot.
    function creditedTotal(address[] memory accounts) internal view returns (uint256 total) {
        for (uint256 i = 0; i < accounts.length; ++i) {
            total += ledger.claimable(accounts[i]);
        }
        total += ledger.pendingTreasury();
    }

    /// @dev Records an attribution (payer: `payer`, or, one time in three, one of the named contributors, who then
    /// self-attributes) at `fee`; returns the record, its assertion and who paid.
    function recordAsserted(uint256 fee, uint256 mask, uint256 weightSeed, uint256 extraWeight, uint256 payerSeed)
        internal
        returns (uint256 id, IAttributionLedger.Assertion memory assertion, Attribution memory a, address who)
    {
        a = attribution(mask, weightSeed);
        uint64 totalWeight = uint64(a.weightSum + bound(extraWeight, 0, type(uint64).max - a.weightSum));
        who = payerSeed % 3 == 0 ? a.who[(payerSeed >> 2) % a.who.length] : payer;
        priceModel(modelId, fee);
        (id, assertion) = recordAs(who, answer(modelId, a.ids, a.weights, totalWeight));
        assertEq(assertion.dataShare, fee * params.feeSplit().dataBps / BPS, "data share escrowed");
        assertEq(assertion.bond, fee * params.assertionBondBps() / BPS, "assertion bond");
        assertEq(ledger.assertionHash(id), keccak256(abi.encode(assertion)), "assertion stored");
    }

    /// @dev Checks each named contributor got floor(dataShare * w / sum) since `before`, and returns the remainder.
    function checkWeightSplit(
        uint256 dataShare,
        uint64[] memory ids_,
        uint64[] memory weights,
        uint256[COUNT] memory before,
        address except
    ) internal view returns (uint256 remainder) {
        uint256 weightSum;
        for (uint256 i = 0; i < weights.length; ++i) {
            weightSum += weights[i];
        }
        uint256 paid;
        for (uint256 i = 0; i < ids_.length; ++i) {
            uint256 k = ids_[i] - ids[0];
            uint256 share = dataShare * weights[i] / weightSum;
            paid += share;
            if (contributors[k] != except) {
                assertEq(ledger.claimable(contributors[k]) - before[k], share, "floor(dataShare * w / sum)");
            }
        }
        assertLt(dataShare - paid, ids_.length, "under a wei per contribution to the treasury");
        return dataShare - paid;
    }

    function claimables() internal view returns (uint256[COUNT] memory c) {
        for (uint256 i = 0; i < COUNT; ++i) {
            c[i] = ledger.claimable(contributors[i]);
        }
    }

    /**
     * @dev For any valid assertion (any fee the ledger accepts, any assertion bond, any named contributions and
     * weights, an honest or a self-attributing payer): a finalize at any time before the deadline is refused, and
     * one at or after it (the record twice in the batch) pays the escrow by weight, the remainder to the treasury
     * and the bond back, exactly dataShare + bond in all, once.
     */
    function testFuzz_finalize_anyAssertion_paysEscrowAndBondExactly(
        uint256 fee,
        uint256 bondBps,
        uint256 mask,
        uint256 weightSeed,
        uint256 extraWeight,
        uint256 payerSeed,
        uint256 when
    ) public {
        bondBps = boundBond(bondBps);
        fee = bound(fee, 1, maxAcceptedFee(bondBps));
        (uint256 id, IAttributionLedger.Assertion memory assertion, Attribution memory a, address who) =
            recordAsserted(fee, mask, weightSeed, extraWeight, payerSeed);
        address[] memory accounts = settlementAccounts(who);
        uint256 creditedBefore = creditedTotal(accounts);
        uint256[COUNT] memory before = claimables();
        uint256 payerBefore = ledger.claimable(who);
        uint256 treasuryBefore = ledger.pendingTreasury();

        uint256[] memory batch = new uint256[](2);
        (batch[0], batch[1]) = (id, id);
        IAttributionLedger.Assertion[] memory assertions = new IAttributionLedger.Assertion[](2);
        (assertions[0], assertions[1]) = (assertion, assertion);
        vm.warp(bound(when, block.timestamp, assertion.deadline - 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttributionLedger.AttributionLedgerChallengeWindowOpen.selector, id, assertion.deadline
            )
        );
        ledger.finalize(batch, assertions);

        vm.warp(bound(when, assertion.deadline, assertion.deadline + 365 days));
        assertEq(ledger.finalize(batch, assertions), 1, "finalized once, the repeat skipped");

        uint256 remainder = checkWeightSplit(assertion.dataShare, a.ids, a.weights, before, who);
        assertEq(ledger.pendingTreasury() - treasuryBefore, remainder, "the treasury gets the remainder");
        assertEq(
            ledger.claimable(who) - payerBefore,
            uint256(assertion.bond) + ownShare(assertion.dataShare, a.ids, a.weights, who),
            "the payer's bond back (and, self-attributing, their own share)"
        );
        assertEq(
            creditedTotal(accounts) - creditedBefore,
            uint256(assertion.dataShare) + assertion.bond,
            "credits + treasury == dataShare + bond"
        );
        assertEq(ledger.assertionHash(id), bytes32(0), "settled");
        assertEq(ledger.finalize(batch, assertions), 0, "a settled record pays nothing again");
    }

    struct Ruling {
        bool upheld;
        uint64[] ids;
        uint64[] weights;
    }

    /// @dev Governance's ruling: upheld, not upheld with corrected weights (any subset of the 32, weights over the
    /// whole uint64 range), or not upheld to the pool.
    function ruling(uint256 seed, uint256 correctedMask) internal view returns (Ruling memory r) {
        uint256 mode = seed % 3;
        r.upheld = mode == 0;
        if (mode != 1) return r;
        correctedMask = bound(correctedMask, 1, type(uint32).max);
        uint256 count;
        for (uint256 i = 0; i < COUNT; ++i) {
            if (correctedMask >> i & 1 == 1) ++count;
        }
        r.ids = new uint64[](count);
        r.weights = new uint64[](count);
        uint256 j;
        for (uint256 i = 0; i < COUNT; ++i) {
            if (correctedMask >> i & 1 == 0) continue;
            uint256 x = random(seed, i);
            r.ids[j] = ids[i];
            r.weights[j++] = uint64(1 + (x >> 8) % (uint256(1) << (x % 65) < type(uint64).max ? uint256(1) << (x % 65) : type(uint64).max));
        }
    }

    /// @dev What the accounts a settlement can credit held before it.
    struct Snapshot {
        address payer;
        address[] accounts;
        uint256 credited;
        uint256 balance;
        uint256 treasury;
        uint256 payerClaimable;
        uint256[COUNT] claimables;
    }

    function snapshot(address who) internal view returns (Snapshot memory b) {
        b.payer = who;
        b.accounts = settlementAccounts(who);
        b.credited = creditedTotal(b.accounts);
        b.balance = address(ledger).balance;
        b.treasury = ledger.pendingTreasury();
        b.payerClaimable = ledger.claimable(who);
        b.claimables = claimables();
    }

    /**
     * @dev For any valid assertion, any dispute bond and any ruling (upheld; not upheld by corrected weights; not
     * upheld to the pool): the winner gets both bonds less the treasury's 10% of the loser's, the loser nothing, the
     * escrow goes as ruled, and the credits plus the treasury's gain plus what the pool received are exactly
     * dataShare + both bonds; the ledger's balance does not move, and the record is settled once.
     */
    function testFuzz_resolve_anyRuling_distributesEscrowAndBondsExactly(
        uint256 fee,
        uint256 bondBps,
        uint256 disputeBond,
        uint256 mask,
        uint256 weightSeed,
        uint256 payerSeed,
        uint256 rulingSeed,
        uint256 correctedMask
    ) public {
        bondBps = boundBond(bondBps);
        fee = bound(fee, 1, maxAcceptedFee(bondBps));
        disputeBond = bound(disputeBond, params.MIN_DISPUTE_BOND(), params.MAX_DISPUTE_BOND());
        asTimelock(abi.encodeCall(params.setDisputeBond, (uint128(disputeBond))));
        stakeAs(validator, params.minValidatorStake());
        (uint256 id, IAttributionLedger.Assertion memory assertion, Attribution memory a, address who) =
            recordAsserted(fee, mask, weightSeed, 0, payerSeed);
        vm.deal(validator, disputeBond);
        vm.prank(validator);
        ledger.dispute{value: disputeBond}(id, assertion, "bafyrecomputed");

        Snapshot memory b = snapshot(who);
        Ruling memory r = ruling(rulingSeed, correctedMask);
        vm.prank(address(timelock));
        ledger.resolveDispute(id, assertion, r.upheld, "bafywinning", r.ids, r.weights);
        checkRuling(assertion, a, r, disputeBond, b);
        assertEq(ledger.assertionHash(id), bytes32(0), "settled");

        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotDisputed.selector, id));
        ledger.resolveDispute(id, assertion, r.upheld, "bafywinning", r.ids, r.weights);
    }

    /// @dev The payer's own share of `dataShare` split by `weights` over `ids_` (zero unless they name the payer's).
    function ownShare(uint256 dataShare, uint64[] memory ids_, uint64[] memory weights, address who)
        internal
        view
        returns (uint256 share)
    {
        uint256 weightSum;
        for (uint256 i = 0; i < weights.length; ++i) {
            weightSum += weights[i];
        }
        for (uint256 i = 0; i < ids_.length; ++i) {
            if (contributors[ids_[i] - ids[0]] == who) share = dataShare * weights[i] / weightSum;
        }
    }

    function checkRuling(
        IAttributionLedger.Assertion memory assertion,
        Attribution memory a,
        Ruling memory r,
        uint256 disputeBond,
        Snapshot memory b
    ) internal view {
        uint256 cut = (r.upheld ? disputeBond : assertion.bond) * 1_000 / BPS;
        uint256 award = uint256(assertion.bond) + disputeBond - cut;
        bool pooled = !r.upheld && r.ids.length == 0;
        uint256 toPool = pooled ? assertion.dataShare : 0;
        uint256 remainder;
        uint256 own;
        if (pooled) {
            uint256 trainingBytes = COUNT * 1_000 + COUNT * (COUNT - 1) / 2;
            assertEq(ledger.poolRewardPerByte(modelId, 1), toPool * SCALE / trainingBytes, "the pool got the escrow");
        } else {
            (uint64[] memory paidIds, uint64[] memory paidWeights) = r.upheld ? (a.ids, a.weights) : (r.ids, r.weights);
            remainder = checkWeightSplit(assertion.dataShare, paidIds, paidWeights, b.claimables, b.payer);
            own = ownShare(assertion.dataShare, paidIds, paidWeights, b.payer);
        }
        assertEq(ledger.pendingTreasury() - b.treasury, cut + remainder, "the treasury: the cut and the remainder");
        if (r.upheld) {
            assertEq(ledger.claimable(b.payer) - b.payerClaimable, award + own, "the payer wins both bonds less the cut");
            assertEq(ledger.claimable(validator), 0, "the griefing validator gets nothing");
        } else {
            assertEq(ledger.claimable(validator), award, "the validator wins both bonds less the cut");
            assertEq(ledger.claimable(b.payer) - b.payerClaimable, own, "the payer gets no bond back");
        }
        assertEq(
            creditedTotal(b.accounts) - b.credited + toPool,
            uint256(assertion.dataShare) + assertion.bond + disputeBond,
            "credits + treasury + pool == dataShare + both bonds"
        );
        assertEq(address(ledger).balance, b.balance, "a ruling moves no OPEN out");
    }

    /**
     * @dev The largest fee the ledger accepts for an attributed answer is the largest whose bond fits a uint128:
     * for any assertion bond, that fee records (its bond exactly fee * bondBps / 10,000) and one wei more (when a
     * model can charge it) reverts with nothing paid.
     */
    function testFuzz_recordInference_largestAcceptedFee_isWhereTheBondStopsFitting(uint256 bondBps, uint256 pick)
        public
    {
        bondBps = boundBond(bondBps);
        uint256 largest = maxAcceptedFee(bondBps);
        uint64[] memory single = one(ids[pick % COUNT]);
        IAttributionLedger.Answer memory a = answer(modelId, single, one(1), 1);
        priceModel(modelId, largest);
        (uint256 id, IAttributionLedger.Assertion memory assertion) = recordAs(payer, a);
        assertEq(assertion.bond, largest * bondBps / BPS, "the bond at the largest fee");
        assertEq(ledger.assertionHash(id), keccak256(abi.encode(assertion)), "recorded");
        if (largest == MAX_FEE) return; // every uint128 fee fits
        priceModel(modelId, largest + 1);
        uint256 bond = (largest + 1) * bondBps / BPS;
        vm.deal(payer, largest + 1 + bond);
        uint256 balance = address(ledger).balance;
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, bond));
        ledger.recordInference{value: largest + 1 + bond}(a);
        assertEq(address(ledger).balance, balance, "nothing paid");
    }
}
