// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAttributionLedger} from "../../src/interfaces/IAttributionLedger.sol";
import {IProtocolParams} from "../../src/interfaces/IProtocolParams.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/**
 * @notice Fuzz tests for {AttributionLedger}: the fee split never creates or loses a wei, the pooled
 * accumulator never loses a tiny fee over a huge training set, and the threshold's minimum weight is exact.
 * @dev The fixture's protocol with the minimum inference fee lowered to 1 wei (by pranking the Timelock, which
 * owns ProtocolParams) and a model charging 1 wei, trained on 32 contributions by 32 different contributors.
 */
contract AttributionLedgerFuzzTest is ProtocolFixture {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant SCALE = 1e18;
    uint256 internal constant COUNT = 32;
    uint256 internal constant MAX_FEE = 1e24;

    address internal owner = makeAddr("datanet owner");
    address internal curator = makeAddr("curator");
    address internal modelOwner = makeAddr("model owner");
    address internal payer = makeAddr("payer");

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

    /// @dev The contributions whose bits are set in `mask` (at least one), with weights from 1 to 2^58 of
    /// random magnitude, so 32 of them still sum within uint64.
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
            uint256 w = 1 + (r >> 8) % (uint256(1) << (r % 59));
            a.ids[j] = ids[i];
            a.who[j] = contributors[i];
            a.weights[j] = uint64(w);
            a.weightSum += w;
            ++j;
        }
    }

    /**
     * @dev For any fee from 1 wei to 1e24, any valid split set through the Timelock and 1 to 32 contributions
     * with any weights: each contributor gets floor(data * w / sum), the owner, stakers and treasury get their
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
}
