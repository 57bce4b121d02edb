// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAttributionLedger} from "../../../src/interfaces/IAttributionLedger.sol";

/**
 * @notice A payer and contributor that is a contract and, on every payment it receives, tries to claim from the
 * ledger again (re-entering {IClaims-claim} and {IClaims-claimTo}). It only counts what happens: the protocol
 * handler pranks it to pay, contribute and claim, and turns the counts into ghost facts.
 */
contract ReenteringClaimant {
    IAttributionLedger internal immutable ledger;

    /// @notice Every wei received, and how many payments brought it.
    uint256 public received;
    uint256 public payments;
    /// @notice Re-entrant claims tried, and how many of them succeeded (must stay zero).
    uint256 public reentries;
    uint256 public reentriesSucceeded;
    /// @notice The revert data of the last re-entrant claim that failed.
    bytes public lastReentryError;

    constructor(IAttributionLedger ledger_) {
        ledger = ledger_;
    }

    receive() external payable {
        received += msg.value;
        ++payments;
        ++reentries;
        try ledger.claim() {
            ++reentriesSucceeded;
        } catch (bytes memory reason) {
            lastReentryError = reason;
        }
        ++reentries;
        try ledger.claimTo(address(this)) {
            ++reentriesSucceeded;
        } catch (bytes memory reason) {
            lastReentryError = reason;
        }
    }
}

/// @notice A payer and contributor that is a contract refusing every plain OPEN transfer: its own claims fail, and
/// only {IClaims-claimTo} another account gets its credit out.
contract RevertingClaimant {
    receive() external payable {
        revert("RevertingClaimant: no thanks");
    }
}
