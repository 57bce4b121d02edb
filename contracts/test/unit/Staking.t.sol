// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {Staking} from "../../src/Staking.sol";
import {IClaims} from "../../src/interfaces/IClaims.sol";
import {IAttributionLedger} from "../../src/interfaces/IAttributionLedger.sol";
import {IOpenVotes} from "../../src/interfaces/IOpenVotes.sol";
import {IStaking, IStakerRewardSource} from "../../src/interfaces/IStaking.sol";
import {StakeVault} from "../../src/staking/StakeVault.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {RejectingReceiver} from "../utils/Receivers.sol";

/**
 * @notice A staker that is a contract: it stakes, unstakes, withdraws and claims through its own calls, can
 * refuse OPEN, and can call back into Staking while it is being paid.
 * @dev When `reentryData` is set, the first payment `receive` gets makes that call to Staking (with
 * `reentryValue` OPEN from its own balance). With `propagate` the call's revert is re-thrown, so the payment
 * itself fails; without it the revert data is kept in {reentryError} and the payment is accepted.
 */
contract StakingActor {
    Staking internal immutable staking;

    bool public rejectPayments;
    bytes internal reentryData;
    uint256 internal reentryValue;
    bool internal propagate;
    bool internal entered;

    /// @notice Every wei received, and how many payments brought it.
    uint256 public received;
    uint256 public payments;
    /// @notice The revert data of the swallowed re-entrant call, and whether that call succeeded instead.
    bytes public reentryError;
    bool public reentrySucceeded;

    constructor(Staking staking_) {
        staking = staking_;
    }

    function setRejectPayments(bool reject) external {
        rejectPayments = reject;
    }

    function setReentry(bytes calldata data, uint256 value, bool propagate_) external {
        reentryData = data;
        reentryValue = value;
        propagate = propagate_;
    }

    function stake() external payable {
        staking.stake{value: msg.value}();
    }

    function requestUnstake(uint256 amount) external {
        staking.requestUnstake(amount);
    }

    function withdraw() external returns (uint256) {
        return staking.withdraw();
    }

    function claim() external returns (uint256) {
        return staking.claim();
    }

    function claimTo(address receiver) external returns (uint256) {
        return staking.claimTo(receiver);
    }

    receive() external payable {
        if (rejectPayments) revert("StakingActor: no thanks");
        received += msg.value;
        ++payments;
        if (entered || reentryData.length == 0) return;
        entered = true;
        (bool ok, bytes memory reason) = address(staking).call{value: reentryValue}(reentryData);
        if (ok) {
            reentrySucceeded = true;
            return;
        }
        if (propagate) {
            assembly {
                revert(add(reason, 32), mload(reason))
            }
        }
        reentryError = reason;
    }
}

/**
 * @notice Unit tests for {Staking} and {StakeVault}: staking, unbonding, withdrawing, delegating and slashing,
 * the reward accumulator with rewards from {notifyRewards} and from the AttributionLedger, claims (including
 * re-entrant claimants), and the one-time wiring of the reward source.
 * @dev The protocol is deployed as in production; the Timelock is governance and the treasury.
 */
contract StakingTest is ProtocolFixture {
    uint256 internal constant UNBONDING = 7 days;

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal funder = makeAddr("funder");

    function setUp() public {
        deployProtocol();
    }

    // ------------------------------------------------------------------ helpers

    function _notify(uint256 amount) internal {
        vm.deal(funder, funder.balance + amount);
        vm.prank(funder);
        staking.notifyRewards{value: amount}();
    }

    function _requestUnstake(address who, uint256 amount) internal {
        vm.prank(who);
        staking.requestUnstake(amount);
    }

    function _slash(address who, uint256 amount) internal {
        vm.prank(address(timelock));
        staking.slash(who, amount, "misbehaved");
    }

    function _vaultBalance(address who) internal view returns (uint256) {
        return openVotes.balanceOf(staking.vaultOf(who));
    }

    /// @dev A datanet with one approved contribution (its curator stakes 10 OPEN) and a model trained on it.
    function _openModel() internal returns (uint64 modelId, address curator) {
        address owner = makeAddr("datanet owner");
        curator = makeAddr("curator");
        uint64 datanetId = createDatanetAs(owner);
        appointCurator(datanetId, curator);
        uint64 id = contributeAs(makeAddr("contributor"), datanetId, 1_000);
        uint32 version = approveAs(curator, datanetId, one(id));
        modelId = registerModelAs(makeAddr("model owner"), datanetId, version, 0.01 ether);
    }

    /// @dev Pays `fee` for an answer of `modelId` paid to its whole training set; 20% goes to stakers.
    function _record(uint64 modelId, uint256 fee) internal {
        recordPaid(makeAddr("user"), answer(modelId, new uint64[](0), new uint64[](0), 0), fee);
    }

    // ------------------------------------------------------------------ deployment

    function test_deployment_wiresParamsGovernanceTreasuryAndRewardSource() public view {
        assertEq(address(staking.params()), address(params), "params");
        assertEq(staking.governance(), address(timelock), "governance is the Timelock");
        assertEq(staking.treasury(), address(timelock), "treasury is the Timelock");
        assertEq(staking.votesToken(), address(openVotes), "votes token is OpenVotes");
        assertEq(address(staking.rewardSource()), address(ledger), "reward source is the ledger");
        assertEq(staking.MIN_STAKE(), 1 ether, "minimum stake");
        StakeVault implementation = StakeVault(staking.vaultImplementation());
        assertEq(implementation.staking(), address(staking), "implementation trusts Staking");
        assertEq(implementation.openVotes(), address(openVotes), "implementation wraps into OpenVotes");
        assertEq(staking.totalStaked(), 0, "nothing staked");
        assertEq(staking.rewardPerStake(), 0, "accumulator starts at zero");
    }

    // ------------------------------------------------------------------ stake

    function test_stake_createsVaultDelegatesToStakerAndHoldsVOpen() public {
        address predicted = Clones.predictDeterministicAddress(
            staking.vaultImplementation(), bytes32(uint256(uint160(alice))), address(staking)
        );
        vm.deal(alice, 5 ether);

        vm.expectEmit(address(staking));
        emit IStaking.StakeDelegated(alice, alice);
        vm.expectEmit(address(staking));
        emit IStaking.Staked(alice, 5 ether, 5 ether);
        vm.prank(alice);
        staking.stake{value: 5 ether}();

        address vault = staking.vaultOf(alice);
        assertEq(vault, predicted, "vault at the deterministic clone address");
        assertGt(vault.code.length, 0, "vault deployed");
        StakeVault clone = StakeVault(vault);
        assertEq(clone.staking(), address(staking), "clone trusts Staking");
        assertEq(clone.openVotes(), address(openVotes), "clone wraps into OpenVotes");
        assertEq(openVotes.balanceOf(vault), 5 ether, "vault holds vOPEN");
        assertEq(openVotes.delegates(vault), alice, "vault delegates to the staker");
        assertEq(openVotes.getVotes(alice), 5 ether, "staker's votes include the stake");
        assertEq(address(openVotes).balance, 5 ether, "OPEN locked in OpenVotes");
        assertEq(address(staking).balance, 0, "Staking holds no OPEN itself");
        assertEq(alice.balance, 0, "OPEN taken");
        assertEq(staking.stakeOf(alice), 5 ether, "active stake");
        assertEq(staking.totalStaked(), 5 ether, "total");
    }

    function test_stake_votesAddToWrappedOpen() public {
        vm.deal(alice, 2 ether);
        vm.startPrank(alice);
        openVotes.deposit{value: 2 ether}();
        openVotes.delegate(alice);
        vm.stopPrank();
        stakeAs(alice, 3 ether);

        assertEq(openVotes.getVotes(alice), 5 ether, "wrapped and staked OPEN both vote");
        vm.warp(block.timestamp + 1);
        assertEq(openVotes.getPastVotes(alice, block.timestamp - 1), 5 ether, "checkpointed by timestamp");
    }

    function test_stake_topUpUsesTheSameVaultAndKeepsTheDelegation() public {
        stakeAs(alice, 2 ether);
        address vault = staking.vaultOf(alice);
        vm.prank(alice);
        staking.delegateStake(bob);

        vm.deal(alice, 3 ether);
        vm.expectEmit(address(staking));
        emit IStaking.Staked(alice, 3 ether, 5 ether);
        vm.prank(alice);
        staking.stake{value: 3 ether}();

        assertEq(staking.vaultOf(alice), vault, "same vault");
        assertEq(openVotes.balanceOf(vault), 5 ether, "vault holds both stakes");
        assertEq(openVotes.delegates(vault), bob, "top-up does not re-delegate");
        assertEq(openVotes.getVotes(bob), 5 ether, "delegatee has all of it");
        assertEq(openVotes.getVotes(alice), 0, "staker delegated away");
        assertEq(staking.stakeOf(alice), 5 ether, "active stake");
    }

    function test_stake_exactlyTheMinimum() public {
        stakeAs(alice, 1 ether);
        assertEq(staking.stakeOf(alice), 1 ether, "minimum accepted");
    }

    function test_stake_topUpBelowTheMinimumOnceAbove() public {
        stakeAs(alice, 1 ether);
        stakeAs(alice, 1);
        assertEq(staking.stakeOf(alice), 1 ether + 1, "a wei on top of the minimum");
        assertEq(_vaultBalance(alice), 1 ether + 1, "vault holds it");
    }

    function test_stake_separateVaultsPerStaker() public {
        stakeAs(alice, 1 ether);
        stakeAs(bob, 2 ether);
        assertTrue(staking.vaultOf(alice) != staking.vaultOf(bob), "one vault each");
        assertEq(_vaultBalance(alice), 1 ether, "alice's vault");
        assertEq(_vaultBalance(bob), 2 ether, "bob's vault");
        assertEq(staking.totalStaked(), 3 ether, "total");
    }

    function test_RevertWhen_stakeIsZero() public {
        vm.expectRevert(IStaking.StakingZeroAmount.selector);
        vm.prank(alice);
        staking.stake{value: 0}();
    }

    function test_RevertWhen_stakeIsBelowTheMinimum() public {
        vm.deal(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingBelowMinimum.selector, 1 ether - 1, 1 ether));
        vm.prank(alice);
        staking.stake{value: 1 ether - 1}();
        assertEq(staking.vaultOf(alice), address(0), "no vault created");
    }

    function test_RevertWhen_restakingBelowTheMinimumAfterLeaving() public {
        stakeAs(alice, 2 ether);
        _requestUnstake(alice, 2 ether);
        vm.deal(alice, 0.5 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingBelowMinimum.selector, 0.5 ether, 1 ether));
        vm.prank(alice);
        staking.stake{value: 0.5 ether}();
    }

    // ------------------------------------------------------------------ requestUnstake

    function test_requestUnstake_movesStakeToUnbonding() public {
        stakeAs(alice, 5 ether);
        uint256 releaseAt = block.timestamp + UNBONDING;

        vm.expectEmit(address(staking));
        emit IStaking.UnstakeRequested(alice, 2 ether, 2 ether, releaseAt);
        _requestUnstake(alice, 2 ether);

        (uint256 unbonding, uint256 at) = staking.unbondingOf(alice);
        assertEq(unbonding, 2 ether, "unbonding");
        assertEq(at, releaseAt, "releaseAt = now + unbondingPeriod");
        assertEq(staking.stakeOf(alice), 3 ether, "active");
        assertEq(staking.totalStaked(), 3 ether, "total drops");
        assertEq(_vaultBalance(alice), 5 ether, "vault still holds all of it, so it can be slashed");
    }

    function test_requestUnstake_everything() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 5 ether);
        assertEq(staking.stakeOf(alice), 0, "no active stake");
        (uint256 unbonding,) = staking.unbondingOf(alice);
        assertEq(unbonding, 5 ether, "all unbonding");
        assertEq(staking.totalStaked(), 0, "total");
    }

    function test_requestUnstake_leavingExactlyTheMinimum() public {
        stakeAs(alice, 3 ether);
        _requestUnstake(alice, 2 ether);
        assertEq(staking.stakeOf(alice), 1 ether, "minimum left");
    }

    function test_requestUnstake_secondRequestRestartsThePeriodForEverything() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 1 ether);
        uint256 firstRelease = block.timestamp + UNBONDING;

        vm.warp(block.timestamp + 3 days);
        uint256 secondRelease = block.timestamp + UNBONDING;
        vm.expectEmit(address(staking));
        emit IStaking.UnstakeRequested(alice, 1 ether, 2 ether, secondRelease);
        _requestUnstake(alice, 1 ether);

        (uint256 unbonding, uint256 releaseAt) = staking.unbondingOf(alice);
        assertEq(unbonding, 2 ether, "both requests unbond");
        assertEq(releaseAt, secondRelease, "restarted");

        vm.warp(firstRelease);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnbondingNotFinished.selector, secondRelease));
        vm.prank(alice);
        staking.withdraw();
    }

    /**
     * @dev The restart is on purpose and stays: one unbonding entry, whose timer a new request restarts, so a
     * request of a single wei on the eve of the release holds everything unbonding for another full period.
     */
    function test_requestUnstake_restartsTheTimerOfStakeAlreadyUnbonding() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 3 ether);
        (, uint256 firstRelease) = staking.unbondingOf(alice);

        vm.warp(firstRelease - 1);
        uint256 restartedRelease = block.timestamp + UNBONDING;
        vm.expectEmit(address(staking));
        emit IStaking.UnstakeRequested(alice, 1, 3 ether + 1, restartedRelease);
        _requestUnstake(alice, 1);

        (uint256 unbonding, uint256 releaseAt) = staking.unbondingOf(alice);
        assertEq(unbonding, 3 ether + 1, "one entry holds both requests");
        assertEq(releaseAt, restartedRelease, "its timer restarted from the second request");

        vm.warp(firstRelease);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnbondingNotFinished.selector, restartedRelease));
        vm.prank(alice);
        staking.withdraw();

        vm.warp(restartedRelease);
        vm.prank(alice);
        assertEq(staking.withdraw(), 3 ether + 1, "all of it unlocks together");
    }

    function test_requestUnstake_usesTheUnbondingPeriodAtRequestTime() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 1 ether);
        uint256 pendingRelease = block.timestamp + UNBONDING;

        vm.prank(address(timelock));
        params.setUnbondingPeriod(1 days);
        (, uint256 releaseAt) = staking.unbondingOf(alice);
        assertEq(releaseAt, pendingRelease, "a pending request keeps its release time");

        _requestUnstake(alice, 1 ether);
        (, releaseAt) = staking.unbondingOf(alice);
        assertEq(releaseAt, block.timestamp + 1 days, "a new request uses the new period");
    }

    function test_RevertWhen_requestUnstakeIsZero() public {
        stakeAs(alice, 5 ether);
        vm.expectRevert(IStaking.StakingZeroAmount.selector);
        _requestUnstake(alice, 0);
    }

    function test_RevertWhen_requestUnstakeExceedsActiveStake() public {
        stakeAs(alice, 5 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientStake.selector, 5 ether + 1, 5 ether));
        _requestUnstake(alice, 5 ether + 1);
    }

    function test_RevertWhen_requestUnstakeWithoutStake() public {
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientStake.selector, 1, 0));
        _requestUnstake(alice, 1);
    }

    function test_RevertWhen_requestUnstakeOfStakeAlreadyUnbonding() public {
        stakeAs(alice, 2 ether);
        _requestUnstake(alice, 2 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientStake.selector, 1 ether, 0));
        _requestUnstake(alice, 1 ether);
    }

    function test_RevertWhen_requestUnstakeLeavesDustBelowTheMinimum() public {
        stakeAs(alice, 2 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingBelowMinimum.selector, 0.5 ether, 1 ether));
        _requestUnstake(alice, 1.5 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingBelowMinimum.selector, 1, 1 ether));
        _requestUnstake(alice, 2 ether - 1);
    }

    // ------------------------------------------------------------------ cancelUnstake

    function test_cancelUnstake_returnsEverythingUnbondingToActive() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 1 ether);
        _requestUnstake(alice, 2 ether);

        vm.expectEmit(address(staking));
        emit IStaking.UnstakeCancelled(alice, 3 ether);
        vm.prank(alice);
        staking.cancelUnstake();

        (uint256 unbonding, uint256 releaseAt) = staking.unbondingOf(alice);
        assertEq(unbonding, 0, "nothing unbonding");
        assertEq(releaseAt, 0, "no release time");
        assertEq(staking.stakeOf(alice), 5 ether, "all active again");
        assertEq(staking.totalStaked(), 5 ether, "total restored");
    }

    function test_cancelUnstake_stakeEarnsAgain() public {
        stakeAs(alice, 1 ether);
        stakeAs(bob, 1 ether);
        _requestUnstake(alice, 1 ether);
        _notify(2 ether);
        assertEq(staking.claimable(alice), 0, "nothing while unbonding");

        vm.prank(alice);
        staking.cancelUnstake();
        _notify(2 ether);
        assertEq(staking.claimable(alice), 1 ether, "half of the reward after cancelling");
        assertEq(staking.claimable(bob), 3 ether, "bob had all of the first and half of the second");
    }

    function test_RevertWhen_cancelUnstakeWithNothingUnbonding() public {
        stakeAs(alice, 5 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNothingUnbonding.selector, alice));
        vm.prank(alice);
        staking.cancelUnstake();
    }

    // ------------------------------------------------------------------ withdraw and withdrawTo

    function test_withdraw_paysOutOnceTheReleaseTimeComes() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 2 ether);
        (, uint256 releaseAt) = staking.unbondingOf(alice);
        vm.warp(releaseAt);

        vm.expectEmit(address(staking));
        emit IStaking.Withdrawn(alice, alice, 2 ether);
        vm.prank(alice);
        uint256 amount = staking.withdraw();

        assertEq(amount, 2 ether, "returns the amount");
        assertEq(alice.balance, 2 ether, "OPEN paid to the staker");
        assertEq(_vaultBalance(alice), 3 ether, "vOPEN unwrapped from the vault");
        assertEq(openVotes.getVotes(alice), 3 ether, "votes drop with the withdrawal");
        assertEq(openVotes.totalSupply(), 3 ether, "vOPEN supply drops");
        (uint256 unbonding, uint256 at) = staking.unbondingOf(alice);
        assertEq(unbonding, 0, "nothing unbonding");
        assertEq(at, 0, "release time cleared");
        assertEq(staking.stakeOf(alice), 3 ether, "active stake untouched");
    }

    function test_RevertWhen_withdrawBeforeTheReleaseTime() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 2 ether);
        (, uint256 releaseAt) = staking.unbondingOf(alice);
        vm.warp(releaseAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnbondingNotFinished.selector, releaseAt));
        vm.prank(alice);
        staking.withdraw();
    }

    function test_RevertWhen_withdrawWithNothingUnbonding() public {
        stakeAs(alice, 5 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNothingUnbonding.selector, alice));
        vm.prank(alice);
        staking.withdraw();
    }

    function test_RevertWhen_withdrawTwice() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 2 ether);
        vm.warp(block.timestamp + UNBONDING);
        vm.prank(alice);
        staking.withdraw();
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNothingUnbonding.selector, alice));
        vm.prank(alice);
        staking.withdraw();
    }

    function test_withdrawTo_paysTheReceiver() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 5 ether);
        vm.warp(block.timestamp + UNBONDING);

        vm.expectEmit(address(staking));
        emit IStaking.Withdrawn(alice, bob, 5 ether);
        vm.prank(alice);
        uint256 amount = staking.withdrawTo(bob);

        assertEq(amount, 5 ether, "returns the amount");
        assertEq(bob.balance, 5 ether, "receiver paid");
        assertEq(alice.balance, 0, "staker not paid");
        assertEq(_vaultBalance(alice), 0, "vault emptied");
    }

    function test_RevertWhen_withdrawToTheZeroAddress() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 5 ether);
        vm.warp(block.timestamp + UNBONDING);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInvalidAddress.selector, address(0)));
        vm.prank(alice);
        staking.withdrawTo(address(0));
    }

    function test_RevertWhen_withdrawToTheOpenVotesContract() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 5 ether);
        vm.warp(block.timestamp + UNBONDING);
        vm.expectRevert(abi.encodeWithSelector(IOpenVotes.OpenVotesInvalidReceiver.selector, address(openVotes)));
        vm.prank(alice);
        staking.withdrawTo(address(openVotes));
    }

    function test_RevertWhen_withdrawToAReceiverThatRejectsOpen_stakeStaysWithdrawable() public {
        RejectingReceiver rejecting = new RejectingReceiver(openVotes);
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 2 ether);
        (, uint256 releaseAt) = staking.unbondingOf(alice);
        vm.warp(releaseAt);

        vm.expectRevert(
            abi.encodeWithSelector(IOpenVotes.OpenVotesNativeTransferFailed.selector, address(rejecting), 2 ether)
        );
        vm.prank(alice);
        staking.withdrawTo(address(rejecting));

        (uint256 unbonding, uint256 at) = staking.unbondingOf(alice);
        assertEq(unbonding, 2 ether, "still unbonding");
        assertEq(at, releaseAt, "release time kept");
        assertEq(_vaultBalance(alice), 5 ether, "vault untouched");

        vm.prank(alice);
        assertEq(staking.withdraw(), 2 ether, "withdrawable afterwards");
        assertEq(alice.balance, 2 ether, "paid");
    }

    function test_RevertWhen_aStakerContractRejectsItsWithdrawal_thenWithdrawsLater() public {
        StakingActor actor = new StakingActor(staking);
        vm.deal(address(this), 3 ether);
        actor.stake{value: 3 ether}();
        actor.requestUnstake(3 ether);
        vm.warp(block.timestamp + UNBONDING);
        actor.setRejectPayments(true);

        vm.expectRevert(
            abi.encodeWithSelector(IOpenVotes.OpenVotesNativeTransferFailed.selector, address(actor), 3 ether)
        );
        actor.withdraw();

        actor.setRejectPayments(false);
        assertEq(actor.withdraw(), 3 ether, "withdrawn once it accepts");
        assertEq(address(actor).balance, 3 ether, "paid");
    }

    // ------------------------------------------------------------------ delegateStake

    function test_delegateStake_movesTheVotesToTheDelegatee() public {
        stakeAs(alice, 4 ether);
        assertEq(openVotes.getVotes(alice), 4 ether, "self-delegated at first");

        vm.expectEmit(address(staking));
        emit IStaking.StakeDelegated(alice, bob);
        vm.prank(alice);
        staking.delegateStake(bob);

        assertEq(openVotes.delegates(staking.vaultOf(alice)), bob, "vault delegates to bob");
        assertEq(openVotes.getVotes(alice), 0, "alice's votes moved");
        assertEq(openVotes.getVotes(bob), 4 ether, "bob votes with alice's stake");

        stakeAs(alice, 1 ether);
        assertEq(openVotes.getVotes(bob), 5 ether, "top-ups follow the delegation");

        vm.prank(alice);
        staking.delegateStake(alice);
        assertEq(openVotes.getVotes(alice), 5 ether, "back to alice");
        assertEq(openVotes.getVotes(bob), 0, "bob has none");
    }

    function test_delegateStake_stillWorksWhileUnbonding() public {
        stakeAs(alice, 4 ether);
        _requestUnstake(alice, 4 ether);
        vm.prank(alice);
        staking.delegateStake(bob);
        assertEq(openVotes.getVotes(bob), 4 ether, "vault's vOPEN votes until withdrawn");
    }

    function test_RevertWhen_delegateStakeBeforeStaking() public {
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNoStake.selector, alice));
        vm.prank(alice);
        staking.delegateStake(bob);
    }

    function test_RevertWhen_delegateStakeToTheZeroAddress() public {
        stakeAs(alice, 4 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInvalidAddress.selector, address(0)));
        vm.prank(alice);
        staking.delegateStake(address(0));
    }

    // ------------------------------------------------------------------ slash

    function test_slash_takesActiveStakeToTheTreasury() public {
        stakeAs(alice, 5 ether);
        uint256 treasuryBefore = treasury.balance;

        vm.expectEmit(address(staking));
        emit IStaking.Slashed(alice, 2 ether, 2 ether, 0, "misbehaved");
        _slash(alice, 2 ether);

        assertEq(treasury.balance - treasuryBefore, 2 ether, "Timelock received the OPEN");
        assertEq(staking.stakeOf(alice), 3 ether, "active stake drops");
        assertEq(staking.totalStaked(), 3 ether, "total drops");
        assertEq(_vaultBalance(alice), 3 ether, "vault's vOPEN burned");
        assertEq(openVotes.getVotes(alice), 3 ether, "votes drop");
        assertEq(openVotes.totalSupply(), 3 ether, "vOPEN supply drops");
        assertEq(address(openVotes).balance, 3 ether, "backing drops with it");
    }

    function test_slash_takesActiveFirstThenUnbonding() public {
        stakeAs(alice, 10 ether);
        _requestUnstake(alice, 7 ether);
        (, uint256 releaseAt) = staking.unbondingOf(alice);
        uint256 treasuryBefore = treasury.balance;

        vm.expectEmit(address(staking));
        emit IStaking.Slashed(alice, 5 ether, 3 ether, 2 ether, "misbehaved");
        _slash(alice, 5 ether);

        assertEq(staking.stakeOf(alice), 0, "active emptied first");
        (uint256 unbonding, uint256 at) = staking.unbondingOf(alice);
        assertEq(unbonding, 5 ether, "the rest from unbonding");
        assertEq(at, releaseAt, "release time unchanged");
        assertEq(staking.totalStaked(), 0, "total counts active only");
        assertEq(treasury.balance - treasuryBefore, 5 ether, "treasury received all of it");
        assertEq(openVotes.getVotes(alice), 5 ether, "votes drop");

        vm.warp(releaseAt);
        vm.prank(alice);
        assertEq(staking.withdraw(), 5 ether, "only what is left can be withdrawn");
    }

    function test_slash_onlyUnbondingStake() public {
        stakeAs(alice, 3 ether);
        _requestUnstake(alice, 3 ether);

        vm.expectEmit(address(staking));
        emit IStaking.Slashed(alice, 1.5 ether, 0, 1.5 ether, "misbehaved");
        _slash(alice, 1.5 ether);

        (uint256 unbonding,) = staking.unbondingOf(alice);
        assertEq(unbonding, 1.5 ether, "unbonding halved");
        vm.warp(block.timestamp + UNBONDING);
        vm.prank(alice);
        assertEq(staking.withdraw(), 1.5 ether, "the rest is withdrawn");
    }

    function test_slash_keepsRewardsEarnedBefore() public {
        stakeAs(alice, 2 ether);
        stakeAs(bob, 2 ether);
        _notify(2 ether);
        _slash(alice, 1 ether);
        _notify(3 ether);

        assertEq(staking.claimable(alice), 2 ether, "alice keeps what she earned, and earns on the rest");
        assertEq(staking.claimable(bob), 3 ether, "bob earns on his whole stake");
    }

    function test_slash_upToTheCapOfActivePlusUnbonding() public {
        stakeAs(alice, 10 ether);
        _requestUnstake(alice, 4 ether);
        assertEq(params.maxSlashBps(), 5_000, "the fixture caps a slash at half");
        assertEq(staking.maxSlashOf(alice), 5 ether, "half of active and unbonding together");

        vm.expectEmit(address(staking));
        emit IStaking.Slashed(alice, 5 ether, 5 ether, 0, "misbehaved");
        _slash(alice, 5 ether);

        assertEq(staking.stakeOf(alice), 1 ether, "active");
        (uint256 unbonding,) = staking.unbondingOf(alice);
        assertEq(unbonding, 4 ether, "unbonding untouched: active goes first");
        assertEq(staking.maxSlashOf(alice), 2.5 ether, "the cap follows what is left");
    }

    function test_RevertWhen_slashAboveTheCap() public {
        stakeAs(alice, 10 ether);
        _requestUnstake(alice, 4 ether);
        uint256 treasuryBefore = treasury.balance;

        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, 5 ether + 1, 5 ether));
        _slash(alice, 5 ether + 1);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, 10 ether, 5 ether));
        _slash(alice, 10 ether);

        assertEq(staking.stakeOf(alice), 6 ether, "active untouched");
        (uint256 unbonding,) = staking.unbondingOf(alice);
        assertEq(unbonding, 4 ether, "unbonding untouched");
        assertEq(treasury.balance, treasuryBefore, "nothing taken");
    }

    function test_RevertWhen_slashAboveTheCap_ofUnbondingStake() public {
        stakeAs(alice, 4 ether);
        _requestUnstake(alice, 4 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, 4 ether, 2 ether));
        _slash(alice, 4 ether);
    }

    function test_slash_capFollowsTheParameterAtTheMomentOfTheSlash() public {
        stakeAs(alice, 10 ether);
        vm.prank(address(timelock));
        params.setMaxSlash(100);
        assertEq(staking.maxSlashOf(alice), 0.1 ether, "1%");
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, 0.1 ether + 1, 0.1 ether));
        _slash(alice, 0.1 ether + 1);
        _slash(alice, 0.1 ether);
        assertEq(staking.stakeOf(alice), 9.9 ether, "1% taken");
    }

    function test_RevertWhen_slashAboveTheCapOfWhatIsLeftOnceUnbondedStakeIsWithdrawn() public {
        stakeAs(alice, 10 ether);
        uint256 capWhenProposed = staking.maxSlashOf(alice);
        _requestUnstake(alice, 4 ether);
        vm.warp(block.timestamp + UNBONDING);
        vm.prank(alice);
        staking.withdraw();
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, capWhenProposed, 3 ether));
        _slash(alice, capWhenProposed);
    }

    /**
     * @dev With the fixture's settings (7 days of unbonding, a cycle of 1 h + 3 days + 1 day), a staker who
     * unstakes the moment a slash is proposed is still unbonding when the proposal executes.
     */
    function test_slashProposal_reachesAStakeThatStartedUnbondingWhenItWasProposed() public {
        stakeAs(alice, 10 ether);
        giveVotes(carol, 1_000 ether);
        _requestUnstake(alice, 10 ether);
        (, uint256 releaseAt) = staking.unbondingOf(alice);
        passProposal(carol, address(staking), abi.encodeCall(IStaking.slash, (alice, 5 ether, "misbehaved")), "Slash");
        assertLt(block.timestamp, releaseAt, "the cycle ends before the unbonding does");
        (uint256 unbonding,) = staking.unbondingOf(alice);
        assertEq(unbonding, 5 ether, "half of it taken");
    }

    /**
     * @dev Why the unbonding period must outlast the governance cycle: at 1 day of unbonding, the staker
     * withdraws everything before the proposal can execute, and the slash fails for want of stake.
     */
    function test_slashProposal_missesAStakeThatUnbondsFasterThanTheGovernanceCycle() public {
        vm.prank(address(timelock));
        params.setUnbondingPeriod(1 days);
        stakeAs(alice, 10 ether);
        giveVotes(carol, 1_000 ether);

        address[] memory targets = new address[](1);
        targets[0] = address(staking);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(IStaking.slash, (alice, 5 ether, "misbehaved"));
        vm.prank(carol);
        uint256 proposalId = governor.propose(targets, values, calldatas, "Slash");
        _requestUnstake(alice, 10 ether);

        vm.warp(block.timestamp + VOTING_DELAY + 1);
        vm.prank(carol);
        governor.castVote(proposalId, 1);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        vm.prank(alice);
        assertEq(staking.withdraw(), 10 ether, "gone before the vote even ended");
        governor.queue(targets, values, calldatas, keccak256("Slash"));
        vm.warp(block.timestamp + TIMELOCK_DELAY + 1);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientStake.selector, 5 ether, 0));
        governor.execute(targets, values, calldatas, keccak256("Slash"));
    }

    function test_RevertWhen_slashByAnyoneButGovernance() public {
        stakeAs(alice, 5 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNotGovernance.selector, bob));
        vm.prank(bob);
        staking.slash(alice, 1 ether, "griefing");

        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNotGovernance.selector, address(governor)));
        vm.prank(address(governor));
        staking.slash(alice, 1 ether, "the Governor itself is not governance");

        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNotGovernance.selector, address(this)));
        staking.slash(alice, 1 ether, "nor is the deployer");
    }

    function test_RevertWhen_slashIsZero() public {
        stakeAs(alice, 5 ether);
        vm.expectRevert(IStaking.StakingZeroAmount.selector);
        _slash(alice, 0);
    }

    function test_RevertWhen_slashExceedsActiveAndUnbonding() public {
        stakeAs(alice, 5 ether);
        _requestUnstake(alice, 2 ether);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientStake.selector, 5 ether + 1, 5 ether));
        _slash(alice, 5 ether + 1);
    }

    function test_RevertWhen_slashingSomeoneWhoNeverStaked() public {
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientStake.selector, 1, 0));
        _slash(carol, 1);
    }

    // ------------------------------------------------------------------ notifyRewards

    function test_notifyRewards_splitsByStake() public {
        stakeAs(alice, 1 ether);
        stakeAs(bob, 3 ether);

        vm.expectEmit(address(staking));
        emit IStaking.RewardsDistributed(4 ether, 4 ether, 1e18);
        _notify(4 ether);

        assertEq(staking.rewardPerStake(), 1e18, "one OPEN per OPEN staked");
        assertEq(staking.claimable(alice), 1 ether, "alice: 1/4");
        assertEq(staking.claimable(bob), 3 ether, "bob: 3/4");
        assertEq(address(staking).balance, 4 ether, "rewards held for claims");
    }

    function test_notifyRewards_laterStakerEarnsOnlyLaterRewards() public {
        stakeAs(alice, 1 ether);
        _notify(1 ether);
        stakeAs(bob, 1 ether);
        assertEq(staking.claimable(bob), 0, "nothing from before bob staked");
        _notify(2 ether);
        assertEq(staking.claimable(alice), 2 ether, "alice: all of the first, half of the second");
        assertEq(staking.claimable(bob), 1 ether, "bob: half of the second");
    }

    function test_notifyRewards_whileNobodyIsStakedGoToTheTreasury() public {
        uint256 treasuryBefore = treasury.balance;
        vm.expectEmit(address(staking));
        emit IStaking.RewardsToTreasury(3 ether);
        _notify(3 ether);

        assertEq(treasury.balance - treasuryBefore, 3 ether, "treasury received it");
        assertEq(address(staking).balance, 0, "nothing kept");
        assertEq(staking.rewardPerStake(), 0, "accumulator untouched");

        stakeAs(alice, 1 ether);
        assertEq(staking.claimable(alice), 0, "the first staker does not get earlier rewards");
        _notify(1 ether);
        assertEq(staking.claimable(alice), 1 ether, "but gets everything after");
    }

    function test_stake_firstStakerAfterEveryoneLeftDoesNotGetTheirRoundingDust() public {
        // 1 wei over 3 OPEN of stake adds nothing to the accumulator: 1e18 scaled wei (one whole wei) is carried.
        stakeAs(alice, 3 ether);
        _notify(1);
        assertEq(staking.rewardPerStake(), 0, "1 wei over 3 OPEN rounds to nothing");
        _requestUnstake(alice, 3 ether);

        uint256 treasuryBefore = treasury.balance;
        uint256 stakingBefore = address(staking).balance;
        vm.expectEmit(address(staking));
        emit IStaking.RewardsToTreasury(1);
        stakeAs(bob, 1 ether);
        assertEq(treasury.balance - treasuryBefore, 1, "the leftover wei went to the treasury");
        assertEq(stakingBefore - address(staking).balance, 1, "and left Staking");

        _notify(1 ether);
        assertEq(staking.claimable(bob), 1 ether, "bob earns exactly what came after him");
    }

    function test_notifyRewards_whileEveryoneIsUnbondingGoToTheTreasury() public {
        stakeAs(alice, 1 ether);
        _requestUnstake(alice, 1 ether);
        uint256 treasuryBefore = treasury.balance;
        _notify(1 ether);
        assertEq(treasury.balance - treasuryBefore, 1 ether, "treasury");
        assertEq(staking.claimable(alice), 0, "unbonding stake earns nothing");
    }

    function test_notifyRewards_stopAccruingOnUnbondingStake() public {
        stakeAs(alice, 4 ether);
        stakeAs(bob, 2 ether);
        _requestUnstake(alice, 2 ether);
        _notify(4 ether);
        assertEq(staking.claimable(alice), 2 ether, "only alice's active 2 OPEN earn");
        assertEq(staking.claimable(bob), 2 ether, "bob's 2 OPEN earn the same");

        _requestUnstake(alice, 2 ether);
        _notify(4 ether);
        assertEq(staking.claimable(alice), 2 ether, "fully unbonding: nothing more");
        assertEq(staking.claimable(bob), 6 ether, "bob gets the whole second reward");
    }

    function test_claimable_ignoresTheCarryUntilTheNextDistribution() public {
        // A 1-wei reward over 1e9 + 1 OPEN moves no accumulator step and carries 1e18 (scaled). Once the big
        // stake leaves, that carry equals the remaining stake, but it only joins the accumulator with the
        // next distribution: until then the view must not show it, or it promises more than a claim pays.
        stakeAs(alice, 1 ether);
        stakeAs(bob, 1e27);
        _notify(1);
        assertEq(staking.rewardPerStake(), 0, "no step yet");
        _requestUnstake(bob, 1e27);
        assertEq(ledger.pendingStakerRewards(), 0, "nothing pending in the reward source");

        assertEq(staking.claimable(alice), 0, "the view shows nothing before a distribution");
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, alice));
        vm.prank(alice);
        staking.claim();

        _notify(1);
        assertEq(staking.claimable(alice), 2, "both 1-wei rewards, once distributed");
        assertEq(staking.claimable(bob), 0, "none to the unbonding stake");
        vm.prank(alice);
        assertEq(staking.claim(), 2, "the claim pays what the view showed");
    }

    function test_RevertWhen_notifyRewardsIsZero() public {
        stakeAs(alice, 1 ether);
        vm.expectRevert(IStaking.StakingZeroAmount.selector);
        staking.notifyRewards{value: 0}();
    }

    // ------------------------------------------------------------------ claim and claimTo

    function test_claim_paysEverythingAndZeroesTheBalance() public {
        stakeAs(alice, 1 ether);
        _notify(0.5 ether);

        vm.expectEmit(address(staking));
        emit IClaims.Claimed(alice, alice, 0.5 ether);
        vm.prank(alice);
        uint256 amount = staking.claim();

        assertEq(amount, 0.5 ether, "returns the amount");
        assertEq(alice.balance, 0.5 ether, "paid");
        assertEq(staking.claimable(alice), 0, "nothing left");
        assertEq(address(staking).balance, 0, "Staking paid it out");

        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, alice));
        vm.prank(alice);
        staking.claim();
    }

    function test_claim_afterUnbondingKeepsWhatWasEarned() public {
        stakeAs(alice, 1 ether);
        _notify(1 ether);
        _requestUnstake(alice, 1 ether);
        vm.warp(block.timestamp + UNBONDING);
        vm.prank(alice);
        staking.withdraw();

        vm.prank(alice);
        assertEq(staking.claim(), 1 ether, "rewards outlive the stake");
    }

    function test_claimTo_paysTheReceiver() public {
        stakeAs(alice, 1 ether);
        _notify(0.5 ether);

        vm.expectEmit(address(staking));
        emit IClaims.Claimed(alice, bob, 0.5 ether);
        vm.prank(alice);
        uint256 amount = staking.claimTo(bob);

        assertEq(amount, 0.5 ether, "returns the amount");
        assertEq(bob.balance, 0.5 ether, "receiver paid");
        assertEq(alice.balance, 0, "claimant not paid");
        assertEq(staking.claimable(alice), 0, "nothing left");
    }

    function test_RevertWhen_claimWithNothingToClaim() public {
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, carol));
        vm.prank(carol);
        staking.claim();

        stakeAs(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, alice));
        vm.prank(alice);
        staking.claimTo(bob);
    }

    function test_RevertWhen_claimToTheZeroAddress() public {
        stakeAs(alice, 1 ether);
        _notify(1 ether);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsInvalidReceiver.selector, address(0)));
        vm.prank(alice);
        staking.claimTo(address(0));
    }

    /**
     * @dev OPEN sent to OpenVotes is wrapped for the sender: claimed to it, Alice's rewards would become vOPEN
     * held by Staking, which nobody can withdraw. The claim is refused and her credit stays.
     */
    function test_RevertWhen_claimToTheVotesToken_nothingIsLost() public {
        stakeAs(alice, 1 ether);
        _notify(1 ether);
        uint256 supplyBefore = openVotes.totalSupply();

        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsInvalidReceiver.selector, address(openVotes)));
        vm.prank(alice);
        staking.claimTo(address(openVotes));

        assertEq(staking.claimable(alice), 1 ether, "credit kept");
        assertEq(address(staking).balance, 1 ether, "OPEN still in Staking");
        assertEq(openVotes.balanceOf(address(staking)), 0, "no vOPEN stranded in Staking");
        assertEq(openVotes.totalSupply(), supplyBefore, "nothing wrapped");

        vm.prank(alice);
        assertEq(staking.claimTo(bob), 1 ether, "claimable elsewhere");
        assertEq(bob.balance, 1 ether, "paid");
    }

    function test_RevertWhen_aStakerContractClaimsToTheVotesToken() public {
        StakingActor actor = new StakingActor(staking);
        vm.deal(address(this), 1 ether);
        actor.stake{value: 1 ether}();
        _notify(0.5 ether);
        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsInvalidReceiver.selector, address(openVotes)));
        actor.claimTo(address(openVotes));
        assertEq(staking.claimable(address(actor)), 0.5 ether, "credit kept");
    }

    function test_RevertWhen_claimantRejectsOpen_creditIsKept() public {
        StakingActor actor = new StakingActor(staking);
        vm.deal(address(this), 1 ether);
        actor.stake{value: 1 ether}();
        _notify(0.3 ether);
        actor.setRejectPayments(true);

        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsTransferFailed.selector, address(actor), 0.3 ether));
        actor.claim();
        assertEq(staking.claimable(address(actor)), 0.3 ether, "credit kept");

        assertEq(actor.claimTo(bob), 0.3 ether, "claimable elsewhere");
        assertEq(bob.balance, 0.3 ether, "receiver paid");
    }

    function test_RevertWhen_claimantReentersClaimAndPropagates_nothingIsPaid() public {
        StakingActor actor = new StakingActor(staking);
        vm.deal(address(this), 1 ether);
        actor.stake{value: 1 ether}();
        _notify(0.3 ether);
        actor.setReentry(abi.encodeCall(IClaims.claim, ()), 0, true);

        vm.expectRevert(abi.encodeWithSelector(IClaims.ClaimsTransferFailed.selector, address(actor), 0.3 ether));
        actor.claim();

        assertEq(actor.received(), 0, "nothing paid");
        assertEq(address(actor).balance, 0, "no OPEN arrived");
        assertEq(staking.claimable(address(actor)), 0.3 ether, "credit kept");
        assertEq(address(staking).balance, 0.3 ether, "Staking still holds it");
    }

    function test_claim_reentryIsSwallowed_paidExactlyOnce() public {
        StakingActor actor = new StakingActor(staking);
        vm.deal(address(this), 1 ether);
        actor.stake{value: 1 ether}();
        _notify(0.3 ether);
        actor.setReentry(abi.encodeCall(IClaims.claim, ()), 0, false);

        assertEq(actor.claim(), 0.3 ether, "the outer claim pays");

        assertEq(actor.payments(), 1, "one payment");
        assertEq(actor.received(), 0.3 ether, "paid once");
        assertFalse(actor.reentrySucceeded(), "the re-entrant claim failed");
        assertEq(
            actor.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "blocked by the re-entrancy guard"
        );
        assertEq(staking.claimable(address(actor)), 0, "nothing left");
        assertEq(address(staking).balance, 0, "nothing else left Staking");
    }

    function test_claim_reentryIntoClaimToIsSwallowed_paidExactlyOnce() public {
        StakingActor actor = new StakingActor(staking);
        vm.deal(address(this), 1 ether);
        actor.stake{value: 1 ether}();
        _notify(0.3 ether);
        actor.setReentry(abi.encodeCall(IClaims.claimTo, (bob)), 0, false);

        actor.claim();
        assertEq(actor.received(), 0.3 ether, "paid once");
        assertEq(bob.balance, 0, "the re-entrant claimTo paid nothing");
        assertEq(
            actor.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "blocked by the re-entrancy guard"
        );
    }

    function test_claim_reentryIntoStakeIsBlocked() public {
        StakingActor actor = new StakingActor(staking);
        vm.deal(address(this), 1 ether);
        actor.stake{value: 1 ether}();
        _notify(2 ether);
        // While being paid 2 OPEN, try to stake 1 of them: the guard covers every state-changing entry point.
        actor.setReentry(abi.encodeCall(IStaking.stake, ()), 1 ether, false);

        actor.claim();
        assertEq(
            actor.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "stake is guarded too"
        );
        assertEq(staking.stakeOf(address(actor)), 1 ether, "stake unchanged");
        assertEq(address(actor).balance, 2 ether, "kept what it was paid");
    }

    function test_claim_byAnUnbondingStakerWhoseReentryWithdrawsIsBlocked() public {
        StakingActor actor = new StakingActor(staking);
        vm.deal(address(this), 1 ether);
        actor.stake{value: 1 ether}();
        _notify(1 ether);
        actor.requestUnstake(1 ether);
        vm.warp(block.timestamp + UNBONDING);
        actor.setReentry(abi.encodeCall(IStaking.withdraw, ()), 0, false);

        actor.claim();
        assertEq(
            actor.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "withdraw is guarded too"
        );
        (uint256 unbonding,) = staking.unbondingOf(address(actor));
        assertEq(unbonding, 1 ether, "still unbonding");
        assertEq(actor.withdraw(), 1 ether, "withdraws normally afterwards");
    }

    // ------------------------------------------------------------------ setRewardSource and receive

    function test_RevertWhen_setRewardSourceASecondTime() public {
        vm.expectRevert(IStaking.StakingRewardSourceAlreadySet.selector);
        staking.setRewardSource(IStakerRewardSource(address(0xBEEF)));
        assertEq(address(staking.rewardSource()), address(ledger), "unchanged");
    }

    function test_setRewardSource_onceByTheDeployer() public {
        Staking fresh = new Staking(params, address(openVotes), address(timelock));
        assertEq(address(fresh.rewardSource()), address(0), "unset at first");

        vm.expectRevert(IStaking.StakingRewardSourceAlreadySet.selector);
        vm.prank(alice);
        fresh.setRewardSource(IStakerRewardSource(alice));

        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInvalidAddress.selector, address(0)));
        fresh.setRewardSource(IStakerRewardSource(address(0)));

        vm.expectEmit(address(fresh));
        emit IStaking.RewardSourceSet(address(ledger));
        fresh.setRewardSource(ledger);
        assertEq(address(fresh.rewardSource()), address(ledger), "wired");

        vm.expectRevert(IStaking.StakingRewardSourceAlreadySet.selector);
        fresh.setRewardSource(ledger);
    }

    function test_withoutARewardSource_stakingAndRewardsStillWork() public {
        Staking fresh = new Staking(params, address(openVotes), address(timelock));
        vm.deal(alice, 2 ether);
        vm.prank(alice);
        fresh.stake{value: 2 ether}();
        vm.deal(funder, 1 ether);
        vm.prank(funder);
        fresh.notifyRewards{value: 1 ether}();
        assertEq(fresh.claimable(alice), 1 ether, "claimable without a source");
        vm.prank(alice);
        assertEq(fresh.claim(), 1 ether, "claimed without a source");
    }

    function test_RevertWhen_plainOpenArrivesFromAnyoneButTheRewardSource() public {
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        (bool ok, bytes memory reason) = address(staking).call{value: 1 ether}("");
        assertFalse(ok, "refused");
        assertEq(reason, abi.encodeWithSelector(IStaking.StakingUnexpectedSender.selector, alice), "error");

        vm.deal(address(timelock), 1 ether);
        vm.prank(address(timelock));
        (ok, reason) = address(staking).call{value: 1 ether}("");
        assertFalse(ok, "refused from the treasury too");
        assertEq(reason, abi.encodeWithSelector(IStaking.StakingUnexpectedSender.selector, address(timelock)), "error");
    }

    function test_receive_fromTheRewardSourceIsAccepted() public {
        // Only a pull from the ledger may send plain OPEN; here the ledger pays with nothing to collect.
        vm.deal(address(ledger), 1 ether);
        vm.prank(address(ledger));
        (bool ok,) = address(staking).call{value: 1 ether}("");
        assertTrue(ok, "accepted from the reward source");
    }

    // ------------------------------------------------------------------ rewards from the AttributionLedger

    function test_ledgerRewards_arriveThroughSyncBeforeAStakeChange() public {
        (uint64 modelId, address curator) = _openModel();
        stakeAs(alice, 10 ether); // with the curator's 10 OPEN: 20 OPEN staked

        _record(modelId, 0.01 ether); // 0.002 OPEN to stakers
        assertEq(ledger.pendingStakerRewards(), 0.002 ether, "collected in the ledger");
        assertEq(address(staking).balance, 0, "not yet in Staking");
        assertEq(staking.claimable(alice), 0.001 ether, "alice's view includes the pending half");
        assertEq(staking.claimable(curator), 0.001 ether, "the curator's too");
        assertEq(staking.claimable(bob), 0, "bob has no stake");

        uint256 accumulator = uint256(0.002 ether) * 1e18 / 20 ether;
        vm.expectEmit(address(staking));
        emit IStaking.RewardsDistributed(0.002 ether, 20 ether, accumulator);
        stakeAs(bob, 20 ether);

        assertEq(ledger.pendingStakerRewards(), 0, "pulled from the ledger");
        assertEq(address(staking).balance, 0.002 ether, "now in Staking");
        assertEq(staking.rewardPerStake(), accumulator, "shared among the earlier stakes");
        assertEq(staking.claimable(alice), 0.001 ether, "alice unchanged by the pull");
        assertEq(staking.claimable(bob), 0, "bob gets nothing paid before he staked");

        _record(modelId, 0.01 ether); // 0.002 OPEN over 40 OPEN staked
        assertEq(staking.claimable(alice), 0.0015 ether, "alice: 1/4 of the second");
        assertEq(staking.claimable(curator), 0.0015 ether, "curator: 1/4 of the second");
        assertEq(staking.claimable(bob), 0.001 ether, "bob: 1/2 of the second");

        vm.prank(alice);
        assertEq(staking.claim(), 0.0015 ether, "a claim pulls the pending fees first");
        assertEq(ledger.pendingStakerRewards(), 0, "pulled by the claim");
        assertEq(staking.claimable(bob), 0.001 ether, "others unchanged");
    }

    function test_ledgerRewards_requestUnstakeCollectsWhatWasPaidWhileActive() public {
        (uint64 modelId, address curator) = _openModel();
        stakeAs(alice, 10 ether);
        _record(modelId, 0.01 ether);

        _requestUnstake(alice, 10 ether);
        assertEq(staking.claimable(alice), 0.001 ether, "alice keeps her share of fees paid while active");

        _record(modelId, 0.01 ether);
        assertEq(staking.claimable(alice), 0.001 ether, "nothing from fees paid after her request");
        assertEq(staking.claimable(curator), 0.003 ether, "the curator gets the whole second share");
    }

    function test_ledgerRewards_paidWhileNobodyIsStakedGoToTheTreasury() public {
        (uint64 modelId, address curator) = _openModel();
        _requestUnstake(curator, params.minCuratorStake()); // nobody is staked now
        _record(modelId, 0.01 ether);
        assertEq(ledger.pendingStakerRewards(), 0.002 ether, "collected in the ledger");
        assertEq(staking.claimable(alice), 0, "not claimable by a future staker");

        uint256 treasuryBefore = treasury.balance;
        vm.expectEmit(address(staking));
        emit IStaking.RewardsToTreasury(0.002 ether);
        stakeAs(alice, 1 ether);

        assertEq(treasury.balance - treasuryBefore, 0.002 ether, "treasury received the stakers' share");
        assertEq(ledger.pendingStakerRewards(), 0, "pulled");
        assertEq(staking.claimable(alice), 0, "the first staker does not get it");
        assertEq(staking.claimable(curator), 0, "nor does the unbonding curator");
    }

    function test_ledgerRewards_pulledBeforeASlash() public {
        (uint64 modelId, address curator) = _openModel();
        _record(modelId, 0.01 ether);
        _slash(curator, params.minCuratorStake() / 2);
        assertEq(staking.claimable(curator), 0.002 ether, "rewards earned before the slash are kept");
        assertEq(ledger.pendingStakerRewards(), 0, "pulled by the slash");
    }

    function test_RevertWhen_anyoneButStakingReleasesTheLedgerStakerRewards() public {
        (bool ok, bytes memory reason) =
            address(ledger).call(abi.encodeCall(IStakerRewardSource.releaseStakerRewards, ()));
        assertFalse(ok, "refused");
        assertEq(reason, abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotStaking.selector, address(this)), "error");
    }

    // ------------------------------------------------------------------ StakeVault

    function test_RevertWhen_anyoneButStakingCallsAVault() public {
        stakeAs(alice, 2 ether);
        StakeVault vault = StakeVault(staking.vaultOf(alice));
        vm.deal(alice, 1 ether);

        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(StakeVault.StakeVaultUnauthorized.selector, alice));
        vault.deposit{value: 1 ether}();
        vm.expectRevert(abi.encodeWithSelector(StakeVault.StakeVaultUnauthorized.selector, alice));
        vault.delegate(bob);
        vm.expectRevert(abi.encodeWithSelector(StakeVault.StakeVaultUnauthorized.selector, alice));
        vault.withdrawTo(alice, 2 ether);
        vm.stopPrank();

        vm.expectRevert(abi.encodeWithSelector(StakeVault.StakeVaultUnauthorized.selector, address(timelock)));
        vm.prank(address(timelock));
        vault.withdrawTo(address(timelock), 2 ether);

        assertEq(openVotes.balanceOf(address(vault)), 2 ether, "vault untouched");
        assertEq(openVotes.delegates(address(vault)), alice, "delegation untouched");
    }

    function test_RevertWhen_anyoneCallsTheVaultImplementation() public {
        StakeVault implementation = StakeVault(staking.vaultImplementation());
        vm.expectRevert(abi.encodeWithSelector(StakeVault.StakeVaultUnauthorized.selector, bob));
        vm.prank(bob);
        implementation.delegate(bob);
        vm.expectRevert(abi.encodeWithSelector(StakeVault.StakeVaultUnauthorized.selector, bob));
        vm.prank(bob);
        implementation.withdrawTo(bob, 1);
    }

    function test_RevertWhen_aVaultOfAnotherStakingContractIsUsed() public {
        // A second Staking deploys its own implementation, whose clones trust only that contract.
        Staking other = new Staking(params, address(openVotes), address(timelock));
        vm.deal(alice, 2 ether);
        vm.prank(alice);
        other.stake{value: 2 ether}();
        StakeVault otherVault = StakeVault(other.vaultOf(alice));
        vm.expectRevert(abi.encodeWithSelector(StakeVault.StakeVaultUnauthorized.selector, address(staking)));
        vm.prank(address(staking));
        otherVault.withdrawTo(address(staking), 2 ether);
    }
}
