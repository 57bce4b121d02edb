// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAttributionLedger} from "../../src/interfaces/IAttributionLedger.sol";

/**
 * @notice A contributor (or model owner) that is a contract and calls back into the ledger while it is being
 * paid by a claim, to test that {Claims} pays every credit exactly once.
 * @dev What `receive` does on the first payment depends on `mode`:
 *  - `Propagate`: calls `ledger.claim()` again and lets its revert propagate, so the outer transfer fails;
 *  - `Swallow`: calls `ledger.claim()` again, records the revert data and accepts the OPEN;
 *  - `RecordThenClaim`: pays for the stored answer with part of what it received (which credits itself when
 *    the answer names its contribution), then tries `ledger.claim()` again and records the revert data;
 *  - `None`: just accepts the OPEN.
 * Later payments are simply accepted.
 */
contract ReentrantClaimant {
    enum Mode {
        None,
        Propagate,
        Swallow,
        RecordThenClaim
    }

    IAttributionLedger internal immutable ledger;
    Mode internal immutable mode;
    bool internal entered;
    bytes internal storedAnswer;
    uint256 internal storedFee;

    /// @notice Every wei received, and how many payments brought it.
    uint256 public received;
    uint256 public payments;
    /// @notice The revert data of the re-entrant claim (Swallow and RecordThenClaim), empty if it succeeded.
    bytes public reentryError;
    /// @notice Whether the re-entrant claim succeeded.
    bool public reentrySucceeded;

    constructor(IAttributionLedger ledger_, Mode mode_) {
        ledger = ledger_;
        mode = mode_;
    }

    /// @notice The answer (and its fee) to pay for from `receive` in `RecordThenClaim` mode.
    function setAnswer(IAttributionLedger.Answer calldata answer, uint256 fee) external {
        storedAnswer = abi.encode(answer);
        storedFee = fee;
    }

    function claim() external returns (uint256) {
        return ledger.claim();
    }

    function claimTo(address receiver) external returns (uint256) {
        return ledger.claimTo(receiver);
    }

    receive() external payable {
        received += msg.value;
        ++payments;
        if (entered || mode == Mode.None) return;
        entered = true;
        if (mode == Mode.Propagate) {
            ledger.claim();
            return;
        }
        if (mode == Mode.RecordThenClaim) {
            IAttributionLedger.Answer memory answer = abi.decode(storedAnswer, (IAttributionLedger.Answer));
            ledger.recordInference{value: storedFee}(answer);
        }
        try ledger.claim() {
            reentrySucceeded = true;
        } catch (bytes memory reason) {
            reentryError = reason;
        }
    }
}
