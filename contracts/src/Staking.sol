// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IProtocolParams} from "./interfaces/IProtocolParams.sol";
import {IStaking, IStakerRewardSource} from "./interfaces/IStaking.sol";
import {StakeVault} from "./staking/StakeVault.sol";
import {Claims} from "./utils/Claims.sol";
import {IClaims} from "./interfaces/IClaims.sol";

/**
 * @title Staking
 * @notice Stake OPEN to back the protocol and earn a share of every inference fee, without giving up your vote.
 * @dev Stakers send native OPEN with {stake}. It earns the stakers' share of inference fees in proportion to
 * active stake, through a reward-per-stake accumulator: each distribution adds `amount * 1e18 / totalStaked`
 * to {rewardPerStake} (the remainder of the division is carried to the next one, so tiny fees over a huge
 * stake are never lost), and a staker's reward is their stake times the growth of the accumulator since they
 * last settled. Leaving takes two steps: {requestUnstake} stops the earning and starts the unbonding period
 * (a new request restarts it for the whole unbonding amount), then {withdraw}. During unbonding the stake
 * can still be slashed by governance, which is the point of the period.
 *
 * Slashing is capped and slow on purpose. One {slash} takes at most {IProtocolParams-maxSlashBps} of the
 * staker's active plus unbonding stake at that moment, so a single proposal (a mistaken or captured one) can
 * never wipe a stake out; taking more needs another proposal and another full governance cycle. A slash is a
 * Governor proposal the Timelock executes, so it lands no sooner than votingDelay + votingPeriod +
 * timelockDelay after it is proposed, while a staker who misbehaves can request to unstake at once and is
 * out of reach once withdrawn. The unbonding period therefore has to outlast the governance cycle plus the
 * time it takes to notice and propose. With the deployment settings (src/cli/deploy/protocolSettings.ts) it
 * does: on the devnet, 10 min of unbonding against 1 s + 5 min + 1 min (about 6 min, leaving 4 min to
 * propose); on public chains, 14 days against 1 + 5 + 2 = 8 days (6 days to propose). Changing either side
 * by proposal should keep that order.
 *
 * Staked OPEN keeps its vote: each staker's stake sits in their own {StakeVault} clone as vOPEN, delegated to
 * the staker (or whoever they name with {delegateStake}). The Governor counts it like any other vOPEN.
 *
 * The stakers' share of fees collects in the {IStakerRewardSource} (the AttributionLedger); this contract
 * pulls it before every change of stake, so each fee is shared among exactly the stakes active when it was
 * paid. Rewards that arrive while nothing is staked go to the treasury, and so do the last whole wei of
 * rounding left when the last staker leaves, so the first staker cannot collect fees paid before they came. A stake is at least {MIN_STAKE}, which keeps the accumulator's steps bounded.
 */
contract Staking is IStaking, Claims {
    using SafeCast for uint256;

    /// @notice The smallest active stake an account may hold (zero aside).
    uint256 public constant MIN_STAKE = 1 ether;
    uint256 private constant SCALE = 1e18;
    uint256 private constant BPS = 10_000;

    /// @notice Where the rules come from.
    IProtocolParams public immutable params;
    /// @notice The Timelock: the only account that can slash.
    address public immutable governance;
    /// @notice Where slashed stake and unclaimable rewards go.
    address public immutable treasury;
    /// @notice The code every stake vault runs.
    address public immutable vaultImplementation;
    /// @notice The vOPEN token stake is kept in; {claimTo} refuses it as a receiver.
    address public immutable votesToken;
    address private immutable _deployer;

    /// @notice The contract that collects the stakers' share of fees.
    IStakerRewardSource public rewardSource;

    struct StakerState {
        uint128 active;
        uint128 unbonding;
        uint64 releaseAt;
        address vault;
        uint256 rewardPerStakePaid;
    }

    mapping(address staker => StakerState) private _stakers;
    uint256 private _totalStaked;
    uint256 private _rewardPerStake;
    /// @dev Scaled OPEN (wei × 1e18) received but not yet added to the accumulator.
    uint256 private _carry;

    /**
     * @param params_ The protocol parameters (unbonding period).
     * @param openVotes The vOPEN token stake is kept in.
     * @param governance_ The Timelock, which alone may slash and which receives slashed stake.
     */
    constructor(IProtocolParams params_, address openVotes, address governance_) {
        params = params_;
        governance = governance_;
        treasury = governance_;
        votesToken = openVotes;
        vaultImplementation = address(new StakeVault(openVotes));
        _deployer = msg.sender;
    }

    /// @dev Only the reward source pays in plain OPEN, while {_sync} pulls it.
    receive() external payable {
        if (msg.sender != address(rewardSource)) revert StakingUnexpectedSender(msg.sender);
    }

    /// @inheritdoc IStaking
    function setRewardSource(IStakerRewardSource source) external {
        if (msg.sender != _deployer || address(rewardSource) != address(0)) revert StakingRewardSourceAlreadySet();
        if (address(source) == address(0)) revert StakingInvalidAddress(address(0));
        rewardSource = source;
        emit RewardSourceSet(address(source));
    }

    /// @inheritdoc IStaking
    function stake() external payable nonReentrant {
        if (msg.value == 0) revert StakingZeroAmount();
        _sync();
        _flushCarryIfEmpty();
        StakerState storage s = _stakers[msg.sender];
        _settle(msg.sender, s);
        uint256 active = s.active + msg.value;
        if (active < MIN_STAKE) revert StakingBelowMinimum(active, MIN_STAKE);
        s.active = active.toUint128();
        _totalStaked += msg.value;

        address vault = s.vault;
        if (vault == address(0)) {
            vault = Clones.cloneDeterministic(vaultImplementation, bytes32(uint256(uint160(msg.sender))));
            s.vault = vault;
            StakeVault(vault).delegate(msg.sender);
            emit StakeDelegated(msg.sender, msg.sender);
        }
        StakeVault(vault).deposit{value: msg.value}();
        emit Staked(msg.sender, msg.value, active);
    }

    /**
     * @inheritdoc IStaking
     * @dev One entry per staker keeps {withdraw} and {slash} constant-cost. Its timer restarts rather than
     * keeping the earlier release time, so no stake can ride an older request's timer out early: every wei is
     * slashable for a full unbonding period after it stops earning.
     */
    function requestUnstake(uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        _sync();
        StakerState storage s = _stakers[msg.sender];
        if (amount > s.active) revert StakingInsufficientStake(amount, s.active);
        _settle(msg.sender, s);
        uint256 remaining = s.active - amount;
        if (remaining != 0 && remaining < MIN_STAKE) revert StakingBelowMinimum(remaining, MIN_STAKE);
        s.active = remaining.toUint128();
        s.unbonding += amount.toUint128();
        uint256 releaseAt = block.timestamp + params.unbondingPeriod();
        s.releaseAt = releaseAt.toUint64();
        _totalStaked -= amount;
        emit UnstakeRequested(msg.sender, amount, s.unbonding, releaseAt);
    }

    /// @inheritdoc IStaking
    function cancelUnstake() external nonReentrant {
        StakerState storage s = _stakers[msg.sender];
        uint256 amount = s.unbonding;
        if (amount == 0) revert StakingNothingUnbonding(msg.sender);
        _sync();
        _flushCarryIfEmpty();
        _settle(msg.sender, s);
        s.active += amount.toUint128();
        s.unbonding = 0;
        s.releaseAt = 0;
        _totalStaked += amount;
        emit UnstakeCancelled(msg.sender, amount);
    }

    /// @inheritdoc IStaking
    function withdraw() external nonReentrant returns (uint256) {
        return _withdraw(msg.sender);
    }

    /// @inheritdoc IStaking
    function withdrawTo(address receiver) external nonReentrant returns (uint256) {
        if (receiver == address(0)) revert StakingInvalidAddress(receiver);
        return _withdraw(receiver);
    }

    /// @inheritdoc IStaking
    function delegateStake(address delegatee) external {
        if (delegatee == address(0)) revert StakingInvalidAddress(delegatee);
        address vault = _stakers[msg.sender].vault;
        if (vault == address(0)) revert StakingNoStake(msg.sender);
        StakeVault(vault).delegate(delegatee);
        emit StakeDelegated(msg.sender, delegatee);
    }

    /// @inheritdoc IStaking
    function slash(address staker, uint256 amount, string calldata reason) external nonReentrant {
        if (msg.sender != governance) revert StakingNotGovernance(msg.sender);
        if (amount == 0) revert StakingZeroAmount();
        StakerState storage s = _stakers[staker];
        uint256 available = uint256(s.active) + s.unbonding;
        if (amount > available) revert StakingInsufficientStake(amount, available);
        uint256 cap = _slashCap(available);
        if (amount > cap) revert StakingSlashAboveCap(amount, cap);
        _sync();
        _settle(staker, s);
        uint256 fromActive = Math.min(amount, s.active);
        uint256 fromUnbonding = amount - fromActive;
        s.active -= fromActive.toUint128();
        s.unbonding -= fromUnbonding.toUint128();
        _totalStaked -= fromActive;
        StakeVault(s.vault).withdrawTo(treasury, amount);
        emit Slashed(staker, amount, fromActive, fromUnbonding, reason);
    }

    /// @inheritdoc IStaking
    function notifyRewards() external payable nonReentrant {
        if (msg.value == 0) revert StakingZeroAmount();
        _sync();
        _distribute(msg.value);
    }

    /// @inheritdoc IStaking
    function stakeOf(address staker) external view returns (uint256) {
        return _stakers[staker].active;
    }

    /// @inheritdoc IStaking
    function unbondingOf(address staker) external view returns (uint256 amount, uint256 releaseAt) {
        StakerState storage s = _stakers[staker];
        return (s.unbonding, s.releaseAt);
    }

    /// @inheritdoc IStaking
    function totalStaked() external view returns (uint256) {
        return _totalStaked;
    }

    /// @inheritdoc IStaking
    function vaultOf(address staker) external view returns (address) {
        return _stakers[staker].vault;
    }

    /// @inheritdoc IStaking
    function maxSlashOf(address staker) external view returns (uint256) {
        StakerState storage s = _stakers[staker];
        return _slashCap(uint256(s.active) + s.unbonding);
    }

    /// @inheritdoc IStaking
    function rewardPerStake() external view returns (uint256) {
        return _rewardPerStake;
    }

    /**
     * @inheritdoc IClaims
     * @dev Includes rewards not yet settled and the stakers' fees still waiting in the reward source.
     */
    function claimable(address account) public view override(Claims, IClaims) returns (uint256) {
        uint256 accumulator = _rewardPerStake;
        if (address(rewardSource) != address(0) && _totalStaked != 0) {
            uint256 pending = rewardSource.pendingStakerRewards();
            // As {_sync}: the carry joins the accumulator only with a distribution.
            if (pending != 0) accumulator += (pending * SCALE + _carry) / _totalStaked;
        }
        StakerState storage s = _stakers[account];
        return super.claimable(account) + Math.mulDiv(s.active, accumulator - s.rewardPerStakePaid, SCALE);
    }

    /**
     * @dev OPEN sent to the vOPEN token is wrapped for the sender, this contract, where no one can withdraw it;
     * the claimant would lose it.
     */
    function _refusesReceiver(address receiver) internal view override returns (bool) {
        return receiver == votesToken;
    }

    /// @dev A claim first collects pending fees and settles the claimant's rewards.
    function _beforeClaim(address account) internal override {
        _sync();
        _settle(account, _stakers[account]);
    }

    function _withdraw(address receiver) private returns (uint256 amount) {
        StakerState storage s = _stakers[msg.sender];
        amount = s.unbonding;
        if (amount == 0) revert StakingNothingUnbonding(msg.sender);
        if (block.timestamp < s.releaseAt) revert StakingUnbondingNotFinished(s.releaseAt);
        s.unbonding = 0;
        s.releaseAt = 0;
        emit Withdrawn(msg.sender, receiver, amount);
        StakeVault(s.vault).withdrawTo(receiver, amount);
    }

    /// @dev The most one slash may take from `held` (active plus unbonding stake), rounded down.
    function _slashCap(uint256 held) private view returns (uint256) {
        return Math.mulDiv(held, params.maxSlashBps(), BPS);
    }

    /// @dev Pulls the stakers' fees collected since the last change of stake and shares them out.
    function _sync() private {
        IStakerRewardSource source = rewardSource;
        if (address(source) == address(0) || source.pendingStakerRewards() == 0) return;
        _distribute(source.releaseStakerRewards());
    }

    function _distribute(uint256 amount) private {
        if (amount == 0) return;
        uint256 total = _totalStaked;
        if (total == 0) {
            emit RewardsToTreasury(amount);
            Address.sendValue(payable(treasury), amount);
            return;
        }
        uint256 scaled = amount * SCALE + _carry;
        uint256 accumulator = _rewardPerStake + scaled / total;
        _carry = scaled % total;
        _rewardPerStake = accumulator;
        emit RewardsDistributed(amount, total, accumulator);
    }

    /**
     * @dev When nothing is staked, the whole wei still in the carry belong to stakers who have left; they go to
     * the treasury, so the next first staker starts from a clean accumulator. Sub-wei remains stay.
     */
    function _flushCarryIfEmpty() private {
        if (_totalStaked != 0) return;
        uint256 dust = _carry / SCALE;
        if (dust == 0) return;
        _carry -= dust * SCALE;
        emit RewardsToTreasury(dust);
        Address.sendValue(payable(treasury), dust);
    }

    /// @dev Credits `staker` with what their active stake earned since they last settled.
    function _settle(address staker, StakerState storage s) private {
        uint256 accumulator = _rewardPerStake;
        uint256 earned = Math.mulDiv(s.active, accumulator - s.rewardPerStakePaid, SCALE);
        s.rewardPerStakePaid = accumulator;
        if (earned != 0) _credit(staker, earned);
    }
}
