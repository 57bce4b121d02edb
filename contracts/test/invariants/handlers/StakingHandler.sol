// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Staking} from "../../../src/Staking.sol";
import {IClaims} from "../../../src/interfaces/IClaims.sol";
import {IStaking} from "../../../src/interfaces/IStaking.sol";
import {ProtocolHandlerBase} from "./ProtocolHandlerBase.sol";

/**
 * @title StakingHandler
 * @notice Part of the protocol invariant handler. Claims, staking and rewards: claims from the three claim
 * contracts, stake, unstake requests, cancellations, withdrawals and slashes, with a replica of the staking-reward
 * accumulator.
 * @dev Every input is bounded so each call succeeds (the suite runs with `fail_on_revert`); calls that must
 * fail are made with `try`/low-level calls. Nothing here asserts: an unexpected success, revert data or amount is
 * recorded as a ghost fact that its own invariant checks. See {ProtocolHandlerBase}.
 */
abstract contract StakingHandler is ProtocolHandlerBase {
    // ================================================================ claims

    function claimLedger(uint256 actorSeed, uint256 receiverSeed) external {
        address account = _claimant(actorSeed, 0);
        uint256 owed = ghostLedgerCredited[account] - ghostLedgerClaimed[account];
        if (_claim(ledger, account, owed, receiverSeed)) ghostLedgerClaimed[account] += owed;
    }

    function claimDatanets(uint256 actorSeed, uint256 receiverSeed) external {
        address account = _claimant(actorSeed, 1);
        uint256 owed = ghostDatanetCredited[account] - ghostDatanetClaimed[account];
        if (_claim(datanets, account, owed, receiverSeed)) ghostDatanetClaimed[account] += owed;
    }

    function claimStaking(uint256 actorSeed, uint256 receiverSeed) external {
        address account = _claimant(actorSeed, 2);
        uint256 owed = ghostStakingClaimable(account);
        // With nothing owed the claim reverted, and so did the sync it started with.
        if (!_claim(staking, account, owed, receiverSeed) || owed == 0) return;
        _ghostSync();
        _ghostSettle(account);
        _expectValue(
            ghostStakingSettlement,
            "staking claim != settled credit",
            owed,
            ghostStakingCredited[account] - ghostStakingClaimed[account]
        );
        ghostStakingClaimed[account] += owed;
        ghostStakingClaimedTotal += owed;
    }

    /// @dev Three times in four an actor owed something by contract `which` (if any), else anyone.
    function _claimant(uint256 seed, uint256 which) internal view returns (address) {
        if (seed % 4 != 0) {
            for (uint256 i = 0; i < _actors.length; ++i) {
                address a = _actors[_at(seed >> 2, i, _actors.length)];
                uint256 owed = which == 0
                    ? ghostLedgerCredited[a] - ghostLedgerClaimed[a]
                    : which == 1 ? ghostDatanetCredited[a] - ghostDatanetClaimed[a] : ghostStakingClaimable(a);
                if (owed != 0) return a;
            }
        }
        return _actors[seed % _actors.length];
    }

    // ================================================================ staking

    function stake(uint256 stakerSeed, uint256 amountSeed) external {
        address staker = _stakers[stakerSeed % _stakers.length];
        uint256 active = _stakes[staker].active;
        if (active == 0 && amountSeed % 6 == 0) {
            // A first stake below the minimum is refused.
            vm.deal(staker, staker.balance + 0.5 ether);
            vm.prank(staker);
            try staking.stake{value: 0.5 ether}() {
                _stakingRefusalSucceeded("staked below the minimum");
                _ghostStake(staker, 0.5 ether);
                return;
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IStaking.StakingBelowMinimum.selector, 0.5 ether, MIN_STAKE));
            }
        }
        uint256 minimum = active >= MIN_STAKE ? 1 : MIN_STAKE - active;
        _stake(staker, bound(amountSeed, minimum, 1_000 ether));
    }

    /// @dev One time in sixteen everyone leaves at once, so fees can arrive while nothing is staked.
    function requestUnstake(uint256 stakerSeed, uint256 amountSeed) external {
        address staker = _findStaker(stakerSeed, true);
        if (staker == address(0)) {
            _stake(_stakers[stakerSeed % _stakers.length], bound(amountSeed, MIN_STAKE, 100 ether));
            return;
        }
        if (amountSeed % 16 == 0) {
            for (uint256 i = 0; i < _stakers.length; ++i) {
                if (_stakes[_stakers[i]].active != 0) _requestUnstake(_stakers[i], _stakes[_stakers[i]].active);
            }
            ++tally["everyone unstaked"];
            return;
        }
        uint256 amount = bound(amountSeed, 1, _stakes[staker].active);
        uint256 remaining = _stakes[staker].active - amount;
        if (remaining != 0 && remaining < MIN_STAKE) amount = _stakes[staker].active;
        _requestUnstake(staker, amount);
    }

    function _requestUnstake(address staker, uint256 amount) internal {
        GhostStake storage g = _stakes[staker];
        _ghostSync();
        _ghostSettle(staker);
        g.active -= amount;
        g.unbonding += amount;
        g.releaseAt = block.timestamp + _ghostParams.unbondingPeriod;
        ghostTotalStaked -= amount;
        vm.prank(staker);
        staking.requestUnstake(amount);
        (uint256 unbonding, uint256 releaseAt) = staking.unbondingOf(staker);
        _expectValue(ghostUnbondingRequest, "unbonding amount", g.unbonding, unbonding);
        _expectValue(ghostUnbondingRequest, "unbonding release time", g.releaseAt, releaseAt);
    }

    function cancelUnstake(uint256 stakerSeed) external {
        address staker = _findStaker(stakerSeed, false);
        if (staker == address(0)) {
            staker = _stakers[stakerSeed % _stakers.length];
            vm.prank(staker);
            try staking.cancelUnstake() {
                _stakingRefusalSucceeded("cancelled nothing");
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IStaking.StakingNothingUnbonding.selector, staker));
            }
            return;
        }
        GhostStake storage g = _stakes[staker];
        _ghostSync();
        _ghostFlushCarryIfEmpty();
        _ghostSettle(staker);
        g.active += g.unbonding;
        ghostTotalStaked += g.unbonding;
        g.unbonding = 0;
        g.releaseAt = 0;
        vm.prank(staker);
        staking.cancelUnstake();
    }

    function withdraw(uint256 stakerSeed, uint256 modeSeed) external {
        address staker = _findStaker(stakerSeed, false);
        if (staker == address(0)) {
            staker = _stakers[stakerSeed % _stakers.length];
            vm.prank(staker);
            try staking.withdraw() {
                _stakingRefusalSucceeded("withdrew nothing");
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IStaking.StakingNothingUnbonding.selector, staker));
            }
            return;
        }
        GhostStake storage g = _stakes[staker];
        if (block.timestamp < g.releaseAt) {
            if (modeSeed % 3 == 0) {
                vm.prank(staker);
                try staking.withdraw() {
                    _stakingRefusalSucceeded("withdrew before the unbonding period");
                    g.unbonding = 0;
                    g.releaseAt = 0;
                    return;
                } catch (bytes memory reason) {
                    _expectError(reason, abi.encodeWithSelector(IStaking.StakingUnbondingNotFinished.selector, g.releaseAt));
                }
            }
            vm.warp(g.releaseAt);
        }
        uint256 amount = g.unbonding;
        address receiver = modeSeed % 4 == 1 ? _actors[(modeSeed >> 2) % _actors.length] : staker;
        uint256 before = receiver.balance;
        vm.prank(staker);
        uint256 paid = receiver == staker ? staking.withdraw() : staking.withdrawTo(receiver);
        _expectValue(ghostWithdrawal, "withdrawn amount", amount, paid);
        _expectValue(ghostWithdrawal, "withdrawn OPEN received", amount, receiver.balance - before);
        g.unbonding = 0;
        g.releaseAt = 0;
        ++tally["stake withdrawn"];
    }

    /// @dev The fast slash: the Timelock itself calls (a proposal does the same, see the governance actions).
    function slash(uint256 stakerSeed, uint256 amountSeed) external {
        address staker = _findSlashable(stakerSeed);
        if (staker == address(0)) {
            _stake(_stakers[stakerSeed % _stakers.length], bound(amountSeed, MIN_STAKE, 100 ether));
            return;
        }
        uint256 cap = _ghostSlashCap(staker);
        if (cap < _stakes[staker].active + _stakes[staker].unbonding && amountSeed % 8 == 0) {
            // One slash may not take more than its share of the stake.
            vm.prank(address(timelock));
            try staking.slash(staker, cap + 1, "invariant: above the cap") {
                _stakingRefusalSucceeded("slashed above the cap");
                _ghostSlash(staker, cap + 1);
                return;
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, cap + 1, cap));
            }
            ++tally["slash above the cap refused"];
        }
        if (cap == 0) return; // a stake slashed down to a few wei
        uint256 amount = bound(amountSeed, 1, cap);
        _ghostSlash(staker, amount);
        vm.prank(address(timelock));
        staking.slash(staker, amount, "invariant: misbehaviour");
        ++tally["slashed by the timelock"];
    }

    // ================================================================ internals: claims and staking

    /// @dev Claims for `account` (to itself or another actor) and records what arrived; expects a refusal at zero.
    /// Returns whether a claim of `owed` went through (false at zero, or when the claim was refused).
    function _claim(IClaims target, address account, uint256 owed, uint256 receiverSeed) internal returns (bool) {
        _expectValue(ghostClaimableAtClaim, "claimable != ghost credits - ghost claims", owed, target.claimable(account));
        if (owed == 0) {
            vm.prank(account);
            try target.claim() {
                ++ghostEmptyClaimsAccepted;
                ++tally["an empty claim was accepted"];
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, account));
                ++tally["empty claim refused"];
            }
            return false;
        }
        bool to = receiverSeed % 4 == 0;
        address receiver = to ? _actors[(receiverSeed >> 2) % _actors.length] : account;
        uint256 before = receiver.balance;
        vm.prank(account);
        (bool ok, bytes memory ret) =
            address(target).call(to ? abi.encodeCall(IClaims.claimTo, (receiver)) : abi.encodeCall(IClaims.claim, ()));
        if (!ok) {
            ++ghostValidCallsRefused;
            ++tally["a valid claim was refused"];
            return false;
        }
        _expectValue(ghostClaimPayment, "claimed amount", owed, abi.decode(ret, (uint256)));
        _expectValue(ghostClaimPayment, "claimed OPEN received", owed, receiver.balance - before);
        _expectValue(ghostClaimPayment, "claimable after a claim", 0, target.claimable(account));
        ++tally["claim paid"];
        return true;
    }

    /// @dev Records that a staking action that must fail went through.
    function _stakingRefusalSucceeded(string memory what) internal {
        ++ghostStakingRefusalsSucceeded;
        ++tally[what];
    }

    function _stake(address staker, uint256 amount) internal override {
        _ghostStake(staker, amount);
        stakeAs(staker, amount);
    }

    function _ghostStake(address staker, uint256 amount) internal {
        _ghostSync();
        _ghostFlushCarryIfEmpty();
        _ghostSettle(staker);
        _stakes[staker].active += amount;
        ghostTotalStaked += amount;
    }

    function _ghostSlash(address staker, uint256 amount) internal override {
        GhostStake storage g = _stakes[staker];
        _ghostSync();
        _ghostSettle(staker);
        uint256 fromActive = Math.min(amount, g.active);
        if (fromActive != amount) ++tally["unbonding stake slashed"];
        g.active -= fromActive;
        g.unbonding -= amount - fromActive;
        ghostTotalStaked -= fromActive;
        ghostTreasuryIn += amount;
    }

    /// @dev With nothing staked, the carry's whole wei leave Staking for the treasury.
    function _ghostFlushCarryIfEmpty() internal {
        if (ghostTotalStaked != 0) return;
        uint256 dust = ghostCarry / SCALE;
        if (dust == 0) return;
        ghostCarry -= dust * SCALE;
        ghostStakingIn -= dust;
        ghostTreasuryIn += dust;
        ++tally["leftover staking dust to the treasury"];
    }

    /// @dev Staking pulls the ledger's stakers' pot: shared by active stake, or to the treasury when none.
    function _ghostSync() internal {
        uint256 amount = ghostStakerPot;
        if (amount == 0) return;
        ghostStakerPot = 0;
        if (ghostTotalStaked == 0) {
            ghostTreasuryIn += amount;
            ++tally["stakers' rewards to the treasury"];
            return;
        }
        ghostStakingIn += amount;
        uint256 scaled = amount * SCALE + ghostCarry;
        ghostRewardPerStake += scaled / ghostTotalStaked;
        ghostCarry = scaled % ghostTotalStaked;
    }

    function _ghostSettle(address staker) internal {
        GhostStake storage g = _stakes[staker];
        ghostStakingCredited[staker] += Math.mulDiv(g.active, ghostRewardPerStake - g.paid, SCALE);
        g.paid = ghostRewardPerStake;
        ++ghostSettlements;
    }

    /// @dev A staker with active stake (`active`) or with unbonding stake (`!active`), searching from `seed`.
    function _findStaker(uint256 seed, bool active) internal view returns (address) {
        for (uint256 i = 0; i < _stakers.length; ++i) {
            address s = _stakers[_at(seed, i, _stakers.length)];
            if (active ? _stakes[s].active != 0 : _stakes[s].unbonding != 0) return s;
        }
        return address(0);
    }

    /// @dev The most one slash of `staker` may take now: a share of active and unbonding stake, rounded down.
    function _ghostSlashCap(address staker) internal view returns (uint256) {
        return (_stakes[staker].active + _stakes[staker].unbonding) * _ghostParams.maxSlashBps / BPS;
    }

    function _findSlashable(uint256 seed) internal view override returns (address) {
        for (uint256 i = 0; i < _stakers.length; ++i) {
            address s = _stakers[_at(seed, i, _stakers.length)];
            if (_stakes[s].active + _stakes[s].unbonding != 0) return s;
        }
        return address(0);
    }

}
