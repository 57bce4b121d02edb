// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IStaking} from "../../src/interfaces/IStaking.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/**
 * @notice Fuzz tests for {Staking}'s reward-per-stake accumulator: it never pays out more than came in, the
 * rounding it keeps back is bounded and carried (so tiny rewards over a huge stake are not lost), the first
 * staker cannot skew later stakers' shares, and unbonding stake earns nothing; and for the slash cap.
 * @dev Sizes span everything Staking accepts, not a comfortable slice of it: a stake from {MIN_STAKE} up to
 * `type(uint128).max` wei, active and unbonding together (the width each is stored in: `stake` reverts above it,
 * and moving stake between the two would overflow above it), and
 * a reward from 1 wei up to the largest whose scaled value (`amount * 1e18` plus the carry) still fits in
 * 256 bits ({MAX_REWARD}); anything larger reverts in the contract, so no caller can reach it.
 * @dev The accumulator's remainder (`_carry`, in wei × 1e18) is private; the tests read it from its storage
 * slot, after checking the neighbouring slots against the public views so a layout change fails loudly.
 *
 * Conservation: with every distribution made while something is staked, the stakes' exact (unrounded) share
 * of `R` wei of rewards is `R - carry / 1e18`. Each settlement of a staker (stake, unstake, cancel, claim, or
 * the final `claimable` view) rounds down by less than one wei, so what stakers can claim plus what they
 * claimed lies in `(R - carry / 1e18 - settlements, R - carry / 1e18]`. The carry is below `totalStaked`
 * (scaled), so at most `totalStaked / 1e18` wei waits in it for the next distribution.
 */
contract StakingFuzzTest is ProtocolFixture {
    uint256 internal constant SCALE = 1e18;
    uint256 internal constant STAKERS = 3;
    /// @dev The largest stake one staker can hold, active and unbonding together (each is stored in 128 bits).
    uint256 internal constant MAX_STAKE = type(uint128).max;
    /// @dev The carry is below the total stake, so at most this much with every staker at the maximum.
    uint256 internal constant MAX_CARRY = STAKERS * MAX_STAKE;
    /// @dev The largest reward `_distribute` can scale by 1e18 and add the carry to without overflowing.
    uint256 internal constant MAX_REWARD = (type(uint256).max - MAX_CARRY) / SCALE;
    uint256 internal constant STEPS = 8;

    bytes32 internal constant TOTAL_STAKED_SLOT = bytes32(uint256(3));
    bytes32 internal constant REWARD_PER_STAKE_SLOT = bytes32(uint256(4));
    bytes32 internal constant CARRY_SLOT = bytes32(uint256(5));

    address internal funder = makeAddr("funder");
    address[STAKERS] internal stakers;

    function setUp() public {
        deployProtocol();
        for (uint256 i = 0; i < STAKERS; i++) {
            stakers[i] = makeAddr(string.concat("staker", vm.toString(i)));
        }
    }

    // ------------------------------------------------------------------ helpers

    function _notify(uint256 amount) internal {
        vm.deal(funder, funder.balance + amount);
        vm.prank(funder);
        staking.notifyRewards{value: amount}();
    }

    /// @dev The accumulator's carried remainder, in wei × 1e18.
    function _carry() internal view returns (uint256) {
        assertEq(uint256(vm.load(address(staking), TOTAL_STAKED_SLOT)), staking.totalStaked(), "layout: total");
        assertEq(
            uint256(vm.load(address(staking), REWARD_PER_STAKE_SLOT)), staking.rewardPerStake(), "layout: accumulator"
        );
        return uint256(vm.load(address(staking), CARRY_SLOT));
    }

    /**
     * @dev For every staker, what `claimable` shows is exactly what a claim would pay now (zero: the claim
     * reverts); each claim is tried on a state snapshot and rolled back.
     */
    function _assertViewsMatchClaims() internal {
        for (uint256 i = 0; i < STAKERS; i++) {
            address staker = stakers[i];
            uint256 shown = staking.claimable(staker);
            uint256 snapshot = vm.snapshotState();
            vm.prank(staker);
            try staking.claim() returns (uint256 paid) {
                assertEq(paid, shown, "a claim pays what claimable shows");
            } catch {
                assertEq(shown, 0, "claimable shows nothing when a claim has nothing to pay");
            }
            vm.revertToState(snapshot);
        }
    }

    // ------------------------------------------------------------------ conservation and dust

    /**
     * @dev Three stakers (1 OPEN .. the largest stake each) and eight rewards (a quarter of them a single wei, the
     * rest up to the largest reward), with a
     * random action between rewards: a top-up, a claim, a partial or full unstake (as long as someone stays
     * staked) or a cancel. What stakers hold and took never exceeds the rewards, the shortfall is the carry
     * plus under one wei per settlement, and at every step each staker's `claimable` is what a claim pays
     * (a full unstake can leave a carry larger than the remaining stake, which the view must not count early).
     */
    function testFuzz_accumulator_neverPaysMoreThanIn_dustIsBounded(
        uint256[STAKERS] memory stakeSeeds,
        uint256[STEPS] memory rewardSeeds,
        uint256[STEPS] memory actionSeeds
    ) public {
        uint256 settlements;
        uint256 claimed;
        uint256 rewardsIn;
        for (uint256 i = 0; i < STAKERS; i++) {
            stakeAs(stakers[i], bound(stakeSeeds[i], 1 ether, MAX_STAKE)); // from zero: nothing to round
        }

        for (uint256 k = 0; k < STEPS; k++) {
            uint256 action = actionSeeds[k];
            address staker = stakers[action % STAKERS];
            uint256 kind = (action >> 8) % 5;
            uint256 amountSeed = action >> 16;
            if (kind == 1) {
                uint256 minimum = staking.stakeOf(staker) == 0 ? 1 ether : 1; // after leaving, start again
                // Active and unbonding stake together stay within 128 bits: beyond, moving stake between
                // them overflows (with more OPEN than will ever exist), so the contract cannot take it.
                uint256 room = MAX_STAKE - staking.stakeOf(staker) - _unbonding(staker);
                if (room >= minimum) {
                    stakeAs(staker, bound(amountSeed, minimum, room));
                    settlements++;
                }
            } else if (kind == 2 && staking.claimable(staker) != 0) {
                uint256 expected = staking.claimable(staker);
                vm.prank(staker);
                uint256 paid = staking.claim();
                assertEq(paid, expected, "a claim pays what claimable showed");
                claimed += paid;
                settlements++;
            } else if (kind == 3 && staking.stakeOf(staker) != 0) {
                uint256 active = staking.stakeOf(staker);
                uint256 amount;
                if (amountSeed % 2 == 0 && staking.totalStaked() > active) amount = active; // all of it
                else if (active >= 2 ether) amount = bound(amountSeed >> 1, 1, active - 1 ether);
                if (amount != 0) {
                    vm.prank(staker);
                    staking.requestUnstake(amount);
                    settlements++;
                }
            } else if (kind == 4) {
                (uint256 unbonding,) = staking.unbondingOf(staker);
                if (unbonding != 0) {
                    vm.prank(staker);
                    staking.cancelUnstake();
                    settlements++;
                }
            }

            _assertViewsMatchClaims();

            uint256 reward = (rewardSeeds[k] >> 128) % 4 == 0 ? 1 : bound(rewardSeeds[k], 1, MAX_REWARD);
            assertGt(staking.totalStaked(), 0, "something is always staked here");
            _notify(reward);
            rewardsIn += reward;
            _assertViewsMatchClaims();
        }

        uint256 owed = claimed;
        for (uint256 i = 0; i < STAKERS; i++) {
            owed += staking.claimable(stakers[i]);
        }
        settlements += STAKERS; // the final views round down once each
        uint256 carry = _carry();

        assertLe(owed, rewardsIn, "never more than paid in");
        uint256 shortfall = rewardsIn - owed;
        assertGe(shortfall * SCALE, carry, "the carry is still owed to future distributions");
        assertLt(shortfall * SCALE, carry + settlements * SCALE, "under one wei per settlement besides the carry");
        assertLt(carry, staking.totalStaked(), "the carry is below one accumulator step");

        // Everyone claims: each claim pays what the view said, and Staking keeps exactly the dust.
        for (uint256 i = 0; i < STAKERS; i++) {
            uint256 expected = staking.claimable(stakers[i]);
            if (expected == 0) continue;
            vm.prank(stakers[i]);
            assertEq(staking.claim(), expected, "final claim pays the view");
            claimed += expected;
        }
        assertEq(address(staking).balance, rewardsIn - claimed, "Staking holds everything not claimed");
        assertGe(address(staking).balance * SCALE, carry, "the carry is backed by OPEN");
    }

    // ------------------------------------------------------------------ the carry

    /**
     * @dev 1-wei rewards over a stake of up to 64 OPEN: each alone moves the accumulator by less than one
     * step, yet once enough have arrived they are claimable, less only what still waits in the carry.
     */
    function testFuzz_oneWeiRewards_becomeClaimableThroughTheCarry(uint256 stakeSeed, uint256 extraSeed) public {
        uint256 stake = bound(stakeSeed, 1 ether, 64 ether);
        address staker = stakers[0];
        stakeAs(staker, stake);

        uint256 count = Math.ceilDiv(stake, SCALE) + bound(extraSeed, 0, 16);
        for (uint256 k = 0; k < count; k++) {
            _notify(1);
        }

        uint256 carry = _carry();
        uint256 claimable = staking.claimable(staker);
        assertGt(claimable, 0, "1-wei rewards add up to something claimable");
        assertEq(claimable, (count * SCALE - carry) / stake * stake / SCALE, "the accumulator's share, rounded down");
        assertLe(claimable * SCALE + carry, count * SCALE, "no more than paid in");
        assertLe(count - claimable, Math.ceilDiv(stake, SCALE), "at most totalStaked / 1e18 wei outstanding");
    }

    /**
     * @dev Up to 200 rewards of 1 wei over a stake of more OPEN than there are rewards (up to the largest stake)
     * leave the accumulator at zero but are kept, to the wei, in the carry; a last reward that on its own would
     * also round to nothing then lifts the accumulator a step, and the 1-wei rewards are claimable with it.
     */
    function testFuzz_oneWeiRewardsOverAHugeStake_areCarriedNotLost(uint256 stakeSeed, uint256 countSeed) public {
        uint256 count = bound(countSeed, 1, 200);
        uint256 stake = bound(stakeSeed, count * SCALE + 1, MAX_STAKE);
        address staker = stakers[0];
        stakeAs(staker, stake);

        for (uint256 k = 0; k < count; k++) {
            _notify(1);
        }
        assertEq(staking.rewardPerStake(), 0, "each reward is below one accumulator step");
        assertEq(staking.claimable(staker), 0, "nothing claimable yet");
        assertEq(_carry(), count * SCALE, "every wei is carried");
        assertEq(address(staking).balance, count, "and held");

        uint256 last = Math.ceilDiv(stake - count * SCALE, SCALE);
        assertLt(last * SCALE, stake, "the last reward alone would round to nothing");
        _notify(last);

        assertEq(staking.rewardPerStake(), 1, "together they make one step");
        uint256 claimable = staking.claimable(staker);
        assertEq(claimable, stake / SCALE, "one step of the whole stake");
        assertGe(claimable + 1, count + last, "the 1-wei rewards are claimable, less under one wei of rounding");
        assertLe(claimable, count + last, "never more than paid in");
        assertEq(_carry(), (count + last) * SCALE - stake, "only the excess is carried on");

        vm.prank(staker);
        assertEq(staking.claim(), claimable, "and paid");
    }

    // ------------------------------------------------------------------ the first staker

    /**
     * @dev A minimum (1 OPEN) first staker, even after receiving a huge reward alone, cannot skew a later
     * staker's share: the newcomer starts at zero, and both earn the same reward per OPEN staked afterwards, so
     * each share is proportional to stake within one wei and never above the exact pro-rata share.
     */
    function testFuzz_firstMinimumStaker_cannotInflateTheAccumulator(
        uint256 donationSeed,
        uint256 stakeSeed,
        uint256 rewardSeed
    ) public {
        address first = stakers[0];
        address later = stakers[1];
        uint256 firstStake = 1 ether;
        stakeAs(first, firstStake);

        uint256 donation = bound(donationSeed, 0, MAX_REWARD);
        if (donation != 0) _notify(donation);
        assertEq(staking.claimable(first), donation, "the lone first staker gets all of it, exactly");

        uint256 laterStake = bound(stakeSeed, 1 ether, MAX_STAKE);
        stakeAs(later, laterStake);
        assertEq(staking.claimable(later), 0, "the newcomer gets nothing paid before it staked");

        uint256 total = firstStake + laterStake;
        uint256 accumulatorBefore = staking.rewardPerStake();
        uint256 carryBefore = _carry();
        uint256 reward = bound(rewardSeed, 1, MAX_REWARD);
        _notify(reward);

        uint256 step = staking.rewardPerStake() - accumulatorBefore;
        assertEq(step, (reward * SCALE + carryBefore) / total, "one step per reward");
        uint256 firstGain = staking.claimable(first) - donation;
        uint256 laterGain = staking.claimable(later);

        assertEq(firstGain, Math.mulDiv(reward, firstStake, total), "the first staker: its pro-rata share, rounded down");
        assertEq(laterGain, Math.mulDiv(firstGain, laterStake, firstStake), "the same reward per OPEN: proportional within 1 wei");
        assertLe(laterGain, Math.mulDiv(reward, laterStake, total), "the newcomer: never above its pro-rata share");
        assertLe(firstGain + laterGain, reward, "never more than the reward");
        assertEq(_carry(), reward * SCALE + carryBefore - step * total, "what was held back is carried");
    }

    // ------------------------------------------------------------------ unbonding

    /**
     * @dev Stake, then at once ask to unstake all or part: rewards notified after the request pay the
     * unbonding part nothing, and the rest of the stake earns its share as usual.
     */
    function testFuzz_unstakingImmediately_earnsNothingFromLaterRewards(
        uint256 otherSeed,
        uint256 stakeSeed,
        uint256 unstakeSeed,
        uint256 rewardSeed,
        bool everything
    ) public {
        address other = stakers[0];
        address leaver = stakers[1];
        stakeAs(other, bound(otherSeed, 1 ether, MAX_STAKE));
        uint256 stake = bound(stakeSeed, 1 ether, MAX_STAKE);
        stakeAs(leaver, stake);

        uint256 unstake = everything || stake < 2 ether ? stake : bound(unstakeSeed, 1, stake - 1 ether);
        vm.prank(leaver);
        staking.requestUnstake(unstake);
        uint256 remaining = stake - unstake;

        uint256 reward = bound(rewardSeed, 1, MAX_REWARD);
        _notify(reward);

        uint256 leaverGain = staking.claimable(leaver);
        assertEq(leaverGain, Math.mulDiv(remaining, staking.rewardPerStake(), SCALE), "only the active part earns");
        assertLe(leaverGain, Math.mulDiv(reward, remaining, staking.totalStaked()), "at most its pro-rata share");
        if (remaining == 0) assertEq(leaverGain, 0, "a full unstake earns nothing");
        assertLe(leaverGain + staking.claimable(other), reward, "never more than the reward");

        // Still nothing for the unbonding part once it is withdrawn.
        vm.warp(block.timestamp + params.unbondingPeriod());
        vm.prank(leaver);
        assertEq(staking.withdraw(), unstake, "withdraws what it unstaked");
        assertEq(staking.claimable(leaver), leaverGain, "withdrawal changes no rewards");
    }

    // ------------------------------------------------------------------ the slash cap

    /**
     * @dev Any stake (the minimum to the largest), split any way between active and unbonding, under any cap
     * governance may set (1% to 50%): a slash up to the cap takes exactly that, active stake first, and one
     * a wei above it (or anything more, up to the whole stake) is refused and takes nothing.
     */
    function testFuzz_slash_takesAtMostMaxSlashBpsOfActivePlusUnbonding(
        uint256 stakeSeed,
        uint256 unbondSeed,
        uint256 bpsSeed,
        uint256 amountSeed
    ) public {
        address staker = stakers[0];
        uint256 stake = bound(stakeSeed, 1 ether, MAX_STAKE);
        stakeAs(staker, stake);
        uint256 unbond = bound(unbondSeed, 0, stake);
        if (stake - unbond != 0 && stake - unbond < 1 ether) unbond = stake;
        if (unbond != 0) {
            vm.prank(staker);
            staking.requestUnstake(unbond);
        }
        uint256 bps = bound(bpsSeed, params.MIN_MAX_SLASH_BPS(), params.MAX_MAX_SLASH_BPS());
        vm.prank(address(timelock));
        // forge-lint: disable-next-line(unsafe-typecast)
        params.setMaxSlash(uint16(bps));

        uint256 cap = Math.mulDiv(stake, bps, 10_000);
        assertEq(staking.maxSlashOf(staker), cap, "the cap: a share of active and unbonding, rounded down");
        uint256 amount = bound(amountSeed, 1, stake);
        uint256 treasuryBefore = address(timelock).balance;

        vm.prank(address(timelock));
        if (amount > cap) {
            vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, amount, cap));
            staking.slash(staker, amount, "fuzz");
            assertEq(address(timelock).balance, treasuryBefore, "nothing taken");
            assertEq(staking.stakeOf(staker) + _unbonding(staker), stake, "the stake is whole");
            return;
        }
        staking.slash(staker, amount, "fuzz");
        uint256 active = stake - unbond;
        uint256 fromActive = Math.min(amount, active);
        assertEq(address(timelock).balance - treasuryBefore, amount, "the treasury got exactly the slash");
        assertEq(staking.stakeOf(staker), active - fromActive, "active first");
        assertEq(_unbonding(staker), unbond - (amount - fromActive), "then unbonding");
        assertEq(staking.totalStaked(), active - fromActive, "total counts active only");
        assertEq(openVotes.balanceOf(staking.vaultOf(staker)), stake - amount, "the vault holds what is left");
    }

    function _unbonding(address staker) internal view returns (uint256 amount) {
        (amount,) = staking.unbondingOf(staker);
    }
}
