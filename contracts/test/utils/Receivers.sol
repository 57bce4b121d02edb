// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {OpenVotes} from "../../src/OpenVotes.sol";

/// @notice A holder of vOPEN whose contract refuses plain native transfers, to test failed withdrawals.
contract RejectingReceiver {
    OpenVotes internal immutable token;

    constructor(OpenVotes token_) {
        token = token_;
    }

    function deposit() external payable {
        token.deposit{value: msg.value}();
    }

    function withdraw(uint256 amount) external {
        token.withdraw(amount);
    }

    receive() external payable {
        revert("RejectingReceiver: no thanks");
    }
}

/**
 * @notice A holder of vOPEN that, while receiving OPEN from a withdrawal, tries to withdraw again.
 * @dev With `swallow` false the re-entry's revert propagates, so the outer transfer fails; with `swallow`
 * true it records the re-entry's revert data and accepts the OPEN, so a test can inspect what happened.
 */
contract ReentrantReceiver {
    OpenVotes internal immutable token;
    bool internal immutable swallow;
    bool internal entered;
    bool internal useWithdrawTo;
    bytes public reentryError;
    uint256 public received;

    constructor(OpenVotes token_, bool swallow_) {
        token = token_;
        swallow = swallow_;
    }

    function deposit() external payable {
        token.deposit{value: msg.value}();
    }

    function withdraw(uint256 amount) external {
        token.withdraw(amount);
    }

    function withdrawTo(address receiver, uint256 amount) external {
        useWithdrawTo = true;
        token.withdrawTo(receiver, amount);
    }

    receive() external payable {
        received += msg.value;
        if (entered) return;
        entered = true;
        uint256 remaining = token.balanceOf(address(this));
        if (!swallow) {
            if (useWithdrawTo) token.withdrawTo(address(this), remaining);
            else token.withdraw(remaining);
            return;
        }
        try token.withdraw(remaining) {
            reentryError = "";
        } catch (bytes memory reason) {
            reentryError = reason;
        }
    }
}
