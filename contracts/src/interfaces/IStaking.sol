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
    /// @notice The stakers' share collected and not yet handed over.
    /// @return The amount, in wei.
    function pendingStakerRewards() external view returns (uint256);

    /**
     * @notice Sends the collected stakers' share to the Staking contract (the only allowed caller).
     * @dev Reverts with {IAttributionLedger-AttributionLedgerNotStaking} for any other caller.
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
    error StakingZeroAmount();

    /**
     * @notice The active stake would be below the minimum stake (leaving with zero is allowed).
     * @param stake The active stake it would be, in wei.
     * @param minimum The minimum, in wei.
     */
    error StakingBelowMinimum(uint256 stake, uint256 minimum);

    /**
     * @notice More stake was asked for than there is.
     * @param requested The amount asked for, in wei.
     * @param available The stake there is, in wei.
     */
    error StakingInsufficientStake(uint256 requested, uint256 available);

    /// @notice `staker` has never staked, so there is no stake to delegate.
    /// @param staker The caller.
    error StakingNoStake(address staker);

    /// @notice `staker` has no unbonding stake to withdraw or cancel.
    /// @param staker The caller.
    error StakingNothingUnbonding(address staker);

    /// @notice The unbonding stake can be withdrawn only from `releaseAt`.
    /// @param releaseAt When it unlocks (a Unix timestamp, in seconds).
    error StakingUnbondingNotFinished(uint256 releaseAt);

    /**
     * @notice One slash may take at most {IProtocolParams-maxSlashBps} of the stake (active and unbonding);
     * `amount` is above that.
     * @param amount The OPEN asked for, in wei.
     * @param cap The most this slash may take now, in wei.
     */
    error StakingSlashAboveCap(uint256 amount, uint256 cap);

    /// @notice Only governance (the Timelock) can do this; `caller` is not it.
    /// @param caller The refused caller.
    error StakingNotGovernance(address caller);

    /// @notice Only the deployer can wire the reward source, once.
    error StakingRewardSourceAlreadySet();

    /// @notice Native OPEN can only arrive from the reward source; use {notifyRewards} to add rewards.
    /// @param sender The refused sender.
    error StakingUnexpectedSender(address sender);

    /// @notice Stake cannot be delegated to, or withdrawn to, the zero address.
    /// @param account The refused address.
    error StakingInvalidAddress(address account);

    /**
     * @notice `staker` added `amount`; their active stake is now `activeStake`.
     * @param staker The staker.
     * @param amount The OPEN added, in wei.
     * @param activeStake Their active stake after it, in wei.
     */
    event Staked(address indexed staker, uint256 amount, uint256 activeStake);

    /**
     * @notice `staker` moved `amount` from active to unbonding; all of their unbonding stake, including any
     * that was already unbonding, now unlocks at `releaseAt`.
     * @dev A staker has one unbonding entry: each request restarts its timer, so `releaseAt` replaces any
     * earlier release time (it can be earlier only if governance shortened the period in between).
     * @param staker The staker.
     * @param amount The OPEN moved, in wei.
     * @param unbonding Their whole unbonding stake after it, in wei.
     * @param releaseAt When all of it unlocks (a Unix timestamp).
     */
    event UnstakeRequested(address indexed staker, uint256 amount, uint256 unbonding, uint256 releaseAt);

    /**
     * @notice `staker` moved `amount` of unbonding stake back to active.
     * @param staker The staker.
     * @param amount The OPEN moved, in wei.
     */
    event UnstakeCancelled(address indexed staker, uint256 amount);

    /**
     * @notice `staker` withdrew `amount` of unbonded stake to `receiver`.
     * @param staker The staker.
     * @param receiver Who got the OPEN.
     * @param amount The OPEN sent, in wei.
     */
    event Withdrawn(address indexed staker, address indexed receiver, uint256 amount);

    /**
     * @notice Governance slashed `amount` of `staker`'s stake (active first, then unbonding) to the treasury.
     * @param staker The staker.
     * @param amount The OPEN taken, in wei.
     * @param fromActive The part taken from active stake, in wei.
     * @param fromUnbonding The part taken from unbonding stake, in wei.
     * @param reason Governance's reason.
     */
    event Slashed(address indexed staker, uint256 amount, uint256 fromActive, uint256 fromUnbonding, string reason);

    /**
     * @notice The votes of `staker`'s stake now go to `delegatee`.
     * @param staker The staker.
     * @param delegatee Who votes with the stake.
     */
    event StakeDelegated(address indexed staker, address indexed delegatee);

    /**
     * @notice `amount` OPEN of rewards was shared among `totalStaked` of active stake.
     * @param amount The rewards, in wei.
     * @param totalStaked The active stake they were shared among, in wei.
     * @param rewardPerStake The accumulator after the distribution, scaled by 1e18.
     */
    event RewardsDistributed(uint256 amount, uint256 totalStaked, uint256 rewardPerStake);

    /// @notice `amount` of rewards arrived while nobody was staked (or was rounding left over); it went to the treasury.
    /// @param amount The OPEN sent, in wei.
    event RewardsToTreasury(uint256 amount);

    /// @notice The contract that collects stakers' fees was wired.
    /// @param source The reward source.
    event RewardSourceSet(address indexed source);

    /**
     * @notice Wires the contract that collects stakers' fees. The deployer calls it once, at deployment.
     * @dev The ledger needs this contract's address and this contract needs the ledger's, so one of the two
     * links is made after both exist. Reverts with {StakingRewardSourceAlreadySet} for anyone but the deployer
     * or once set, and with {StakingInvalidAddress} for the zero address. Emits a {RewardSourceSet} event.
     * @param source The reward source (the AttributionLedger).
     */
    function setRewardSource(IStakerRewardSource source) external;

    /**
     * @notice Stakes the OPEN sent with this call; the first stake creates your vault and delegates its votes to you.
     * @dev Collects pending fees and settles your rewards first. Reverts with {StakingZeroAmount} and with
     * {StakingBelowMinimum} when your active stake would stay below `MIN_STAKE`. Emits a {Staked} event (and
     * a {StakeDelegated} event on the first stake).
     */
    function stake() external payable;

    /**
     * @notice Starts unbonding `amount` of your active stake; it stops earning now and unlocks after the period.
     * Stake you already have unbonding waits again: the period restarts for all of it, from now.
     * @dev You have one unbonding entry, not one per request: `amount` joins it and its release time becomes now
     * plus the current unbonding period, so stake unbonding earlier is held longer. To leave in parts without
     * delaying the first part, withdraw it before requesting the next. Reverts with {StakingZeroAmount},
     * {StakingInsufficientStake}, or {StakingBelowMinimum} when the stake left would be above zero but below
     * `MIN_STAKE`. Emits an {UnstakeRequested} event.
     * @param amount The OPEN to unbond, in wei.
     */
    function requestUnstake(uint256 amount) external;

    /**
     * @notice Puts all of your unbonding stake back to work.
     * @dev Reverts with {StakingNothingUnbonding}. Emits an {UnstakeCancelled} event.
     */
    function cancelUnstake() external;

    /**
     * @notice Withdraws your unbonded stake to yourself once the period has passed.
     * @dev Reverts with {StakingNothingUnbonding} or {StakingUnbondingNotFinished}. Emits a {Withdrawn} event.
     * @return amount The OPEN sent, in wei.
     */
    function withdraw() external returns (uint256 amount);

    /**
     * @notice Withdraws your unbonded stake to `receiver` once the period has passed.
     * @dev As {withdraw}; reverts with {StakingInvalidAddress} for the zero address.
     * @param receiver Who gets the OPEN.
     * @return amount The OPEN sent, in wei.
     */
    function withdrawTo(address receiver) external returns (uint256 amount);

    /**
     * @notice Gives the votes of your staked OPEN to `delegatee` (yourself by default).
     * @dev Reverts with {StakingInvalidAddress} for the zero address and {StakingNoStake} before your first
     * stake. Emits a {StakeDelegated} event.
     * @param delegatee Who votes with your stake.
     */
    function delegateStake(address delegatee) external;

    /**
     * @notice Governance only: takes `amount` of `staker`'s stake to the treasury.
     * @dev Takes active stake first, then unbonding stake. One slash takes at most
     * {IProtocolParams-maxSlashBps} of the active plus unbonding stake at the moment it executes (see
     * {maxSlashOf}), so a proposal should ask for no more than the cap of what the staker will still hold
     * when it executes; above it the whole call reverts and nothing is taken. Reverts with
     * {StakingNotGovernance}, {StakingZeroAmount}, {StakingInsufficientStake} (more than the stake) or
     * {StakingSlashAboveCap}. Emits a {Slashed} event.
     * @param staker The staker.
     * @param amount The OPEN to take, in wei.
     * @param reason Why, for the record.
     */
    function slash(address staker, uint256 amount, string calldata reason) external;

    /**
     * @notice Adds the OPEN sent to the stakers' rewards (anyone may).
     * @dev Reverts with {StakingZeroAmount}. Emits a {RewardsDistributed} event, or {RewardsToTreasury} when
     * nothing is staked.
     */
    function notifyRewards() external payable;

    /// @notice `staker`'s active stake, which earns rewards and counts for curating.
    /// @param staker The staker.
    /// @return The stake, in wei.
    function stakeOf(address staker) external view returns (uint256);

    /**
     * @notice `staker`'s unbonding stake and when it unlocks.
     * @param staker The staker.
     * @return amount The unbonding stake, in wei.
     * @return releaseAt When it unlocks (a Unix timestamp; zero when nothing unbonds).
     */
    function unbondingOf(address staker) external view returns (uint256 amount, uint256 releaseAt);

    /// @notice All active stake.
    /// @return The total, in wei.
    function totalStaked() external view returns (uint256);

    /// @notice The vault holding `staker`'s stake as vOPEN.
    /// @param staker The staker.
    /// @return The vault (zero before their first stake).
    function vaultOf(address staker) external view returns (address);

    /**
     * @notice The most one {slash} of `staker` may take now.
     * @dev {IProtocolParams-maxSlashBps} of their active plus unbonding stake, rounded down.
     * @param staker The staker.
     * @return The cap, in wei.
     */
    function maxSlashOf(address staker) external view returns (uint256);

    /// @notice The vOPEN token stake is kept in (and that {IClaims-claimTo} refuses as a receiver).
    /// @return The OpenVotes contract.
    function votesToken() external view returns (address);

    /// @notice The rewards accumulator.
    /// @return OPEN earned per OPEN of active stake since launch, scaled by 1e18.
    function rewardPerStake() external view returns (uint256);
}
