// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IClaims} from "./IClaims.sol";

/**
 * @title IStakerRewardSource
 * @notice A contract that collects the stakers' share of fees and hands it to {IStaking} on request.
 * @dev {AttributionLedger} implements it, so an inference only bumps a counter instead of paying Staking
 * on every call; Staking pulls the pot before any stake changes, so rewards go to whoever was staked.
 */
interface IStakerRewardSource {
    /// @notice The stakers' share collected and not yet handed over, in wei.
    function pendingStakerRewards() external view returns (uint256);

    /**
     * @notice Sends the collected stakers' share to the Staking contract (the only allowed caller).
     * @return amount The OPEN sent, in wei.
     */
    function releaseStakerRewards() external returns (uint256 amount);
}

/**
 * @title IStaking
 * @notice Stake OPEN to secure the protocol (and to curate), earn the stakers' share of every inference fee,
 * and keep voting with it.
 */
interface IStaking is IClaims {
    /// @notice No OPEN was sent, or zero was asked for.
    error StakeZeroAmount();

    /// @notice The stake would be `stake`, below the minimum of `minimum` (zero is allowed when leaving).
    error StakeBelowMinimum(uint256 stake, uint256 minimum);

    /// @notice `requested` exceeds the `available` active stake.
    error InsufficientStake(uint256 requested, uint256 available);

    /// @notice `staker` has never staked, so there is no stake to delegate.
    error NoStake(address staker);

    /// @notice There is no unbonding stake to withdraw or cancel.
    error NothingUnbonding(address staker);

    /// @notice The unbonding stake can be withdrawn from `releaseAt` (a timestamp).
    error UnbondingNotFinished(uint256 releaseAt);

    /// @notice Only governance (the Timelock) can do this; `caller` is not it.
    error NotGovernance(address caller);

    /// @notice Only the deployer can wire the reward source, once.
    error RewardSourceAlreadySet();

    /// @notice Native OPEN can only arrive from the reward source; use {notifyRewards} to add rewards.
    error UnexpectedSender(address sender);

    /// @notice Stake cannot be delegated to, or withdrawn to, the zero address.
    error InvalidAddress(address account);

    /// @notice `staker` added `amount`; their active stake is now `activeStake`.
    event Staked(address indexed staker, uint256 amount, uint256 activeStake);

    /// @notice `staker` moved `amount` from active to unbonding; all of it unlocks at `releaseAt`.
    event UnstakeRequested(address indexed staker, uint256 amount, uint256 unbonding, uint256 releaseAt);

    /// @notice `staker` moved `amount` of unbonding stake back to active.
    event UnstakeCancelled(address indexed staker, uint256 amount);

    /// @notice `staker` withdrew `amount` of unbonded stake to `receiver`.
    event Withdrawn(address indexed staker, address indexed receiver, uint256 amount);

    /// @notice Governance slashed `amount` of `staker`'s stake (active first, then unbonding) to the treasury.
    event Slashed(address indexed staker, uint256 amount, uint256 fromActive, uint256 fromUnbonding, string reason);

    /// @notice The votes of `staker`'s stake now go to `delegatee`.
    event StakeDelegated(address indexed staker, address indexed delegatee);

    /**
     * @notice `amount` OPEN of rewards was shared among `totalStaked` of active stake.
     * @param rewardPerStake The accumulator after the distribution, scaled by 1e18.
     */
    event RewardsDistributed(uint256 amount, uint256 totalStaked, uint256 rewardPerStake);

    /// @notice `amount` of rewards arrived while nobody was staked; it went to the treasury.
    event RewardsToTreasury(uint256 amount);

    /// @notice The contract that collects stakers' fees was wired.
    event RewardSourceSet(address indexed source);

    /// @notice Stake the OPEN sent with this call; the first stake creates your vault and delegates its votes to you.
    function stake() external payable;

    /// @notice Start unbonding `amount` of your active stake; it stops earning now and unlocks after the period.
    function requestUnstake(uint256 amount) external;

    /// @notice Put all of your unbonding stake back to work.
    function cancelUnstake() external;

    /// @notice Withdraw your unbonded stake to yourself once the period has passed.
    function withdraw() external returns (uint256 amount);

    /// @notice Withdraw your unbonded stake to `receiver` once the period has passed.
    function withdrawTo(address receiver) external returns (uint256 amount);

    /// @notice Give the votes of your staked OPEN to `delegatee` (yourself by default).
    function delegateStake(address delegatee) external;

    /// @notice Governance only: take `amount` of `staker`'s stake to the treasury.
    function slash(address staker, uint256 amount, string calldata reason) external;

    /// @notice Add the OPEN sent to the stakers' rewards (anyone may).
    function notifyRewards() external payable;

    /// @notice `staker`'s active stake, which earns rewards and counts for curating.
    function stakeOf(address staker) external view returns (uint256);

    /// @notice `staker`'s unbonding stake and when it unlocks.
    function unbondingOf(address staker) external view returns (uint256 amount, uint256 releaseAt);

    /// @notice All active stake.
    function totalStaked() external view returns (uint256);

    /// @notice The vault holding `staker`'s stake as vOPEN (zero before their first stake).
    function vaultOf(address staker) external view returns (address);

    /// @notice The rewards accumulator: OPEN earned per OPEN of active stake since launch, scaled by 1e18.
    function rewardPerStake() external view returns (uint256);
}
