// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {OpenVotes} from "../../../src/OpenVotes.sol";
import {Test} from "../../utils/Test.sol";

/**
 * @title OpenVotesHandler
 * @notice Drives {OpenVotes} through random but valid sequences for the invariant tests: deposits by each
 * path, withdrawals to self and others, transfers, delegation and time passing, among a fixed set of actors.
 * @dev Every input is bounded so no call reverts (the suite runs with `fail_on_revert`); ghost variables
 * record what went in and out so the invariants can check the contract against them.
 */
contract OpenVotesHandler is Test {
    uint256 internal constant MAX_DEPOSIT = 1e30;

    OpenVotes public immutable token;
    address[] internal actors;

    /// @notice Total OPEN deposited, by any path.
    uint256 public ghostDeposited;
    /// @notice Total OPEN withdrawn, by any path.
    uint256 public ghostWithdrawn;

    constructor(OpenVotes token_, uint256 actorCount) {
        token = token_;
        for (uint256 i = 0; i < actorCount; i++) {
            actors.push(makeAddr(string.concat("actor", vm.toString(i))));
        }
    }

    /// @notice The actors, for the invariants to sum over.
    function getActors() external view returns (address[] memory) {
        return actors;
    }

    function deposit(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1, MAX_DEPOSIT);
        vm.deal(actor, actor.balance + amount);
        vm.prank(actor);
        token.deposit{value: amount}();
        ghostDeposited += amount;
    }

    function depositFor(uint256 payerSeed, uint256 accountSeed, uint256 amount) external {
        address payer = _actor(payerSeed);
        amount = bound(amount, 1, MAX_DEPOSIT);
        vm.deal(payer, payer.balance + amount);
        vm.prank(payer);
        token.depositFor{value: amount}(_actor(accountSeed));
        ghostDeposited += amount;
    }

    function sendNative(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1, MAX_DEPOSIT);
        vm.deal(actor, actor.balance + amount);
        vm.prank(actor);
        (bool ok,) = address(token).call{value: amount}("");
        require(ok, "receive() refused a deposit");
        ghostDeposited += amount;
    }

    function withdraw(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 balance = token.balanceOf(actor);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        uint256 nativeBefore = actor.balance;
        vm.prank(actor);
        token.withdraw(amount);
        require(actor.balance == nativeBefore + amount, "withdraw paid a different amount");
        ghostWithdrawn += amount;
    }

    function withdrawTo(uint256 actorSeed, uint256 receiverSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 balance = token.balanceOf(actor);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        address receiver = _actor(receiverSeed);
        uint256 nativeBefore = receiver.balance;
        vm.prank(actor);
        token.withdrawTo(receiver, amount);
        require(receiver.balance == nativeBefore + amount, "withdrawTo paid a different amount");
        ghostWithdrawn += amount;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        require(token.transfer(_actor(toSeed), amount), "transfer returned false");
    }

    function delegate(uint256 actorSeed, uint256 delegateeSeed) external {
        address actor = _actor(actorSeed);
        vm.prank(actor);
        token.delegate(_actor(delegateeSeed));
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 30 days));
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }
}
