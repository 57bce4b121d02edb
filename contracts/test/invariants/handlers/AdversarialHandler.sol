// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {IAttributionLedger} from "../../../src/interfaces/IAttributionLedger.sol";
import {IStaking} from "../../../src/interfaces/IStaking.sol";
import {ProtocolHandlerBase} from "./ProtocolHandlerBase.sol";

/**
 * @title AdversarialHandler
 * @notice Part of the protocol invariant handler. Adversarial actors: anyone but the Timelock calling a privileged
 * function (parameters, slashes, the stakers' pot, the Timelock itself, dispute rulings), which must be refused
 * with nothing changed. The ledger's own adversaries (liars, griefers, claimant contracts, the sybil) are in
 * {LedgerHandler}.
 * @dev Nothing here asserts: an unauthorised call that succeeds, or fails with other revert data than expected,
 * is recorded as a ghost fact that its own invariant checks. See {ProtocolHandlerBase}.
 */
abstract contract AdversarialHandler is ProtocolHandlerBase {
    /// @notice Anyone but the Timelock calling a privileged function is refused; nothing changes.
    function unauthorizedCall(uint256 actorSeed, uint256 whichSeed, uint256 valueSeed) external {
        address caller = _actors[actorSeed % _actors.length];
        uint256 which = whichSeed % 16;
        address target = address(params);
        bytes memory data;
        bytes memory expected = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller);
        if (which < 10) {
            (data,,) = _parameterCall(Kind(which), valueSeed);
        } else if (which == 10) {
            data = abi.encodeCall(params.transferOwnership, (caller));
        } else if (which == 11) {
            target = address(staking);
            data = abi.encodeCall(IStaking.slash, (_stakers[valueSeed % _stakers.length], 1, "not governance"));
            expected = abi.encodeWithSelector(IStaking.StakingNotGovernance.selector, caller);
        } else if (which == 12) {
            target = address(ledger);
            data = abi.encodeCall(ledger.releaseStakerRewards, ());
            expected = abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotStaking.selector, caller);
        } else if (which == 13) {
            target = address(timelock);
            (bytes memory inner,,) = _parameterCall(Kind.Threshold, valueSeed);
            data = abi.encodeCall(timelock.schedule, (address(params), 0, inner, 0, bytes32(valueSeed), 1 days));
            expected = abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, caller, timelock.PROPOSER_ROLE()
            );
        } else if (which == 15) {
            // Only governance rules on a dispute, whatever the record and the ruling.
            target = address(ledger);
            IAttributionLedger.Assertion memory none;
            data = abi.encodeCall(
                ledger.resolveDispute, (valueSeed, none, valueSeed % 2 == 0, "bafyx", new uint64[](0), new uint64[](0))
            );
            expected = abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotGovernance.selector, caller);
        } else {
            // Anyone may execute, but only an operation the Governor scheduled and that is ready.
            target = address(timelock);
            (bytes memory inner,,) = _parameterCall(Kind.Threshold, valueSeed);
            data = abi.encodeCall(timelock.execute, (address(params), 0, inner, 0, bytes32(valueSeed)));
            expected = abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                timelock.hashOperation(address(params), 0, inner, 0, bytes32(valueSeed)),
                bytes32(2 ** uint256(TimelockController.OperationState.Ready))
            );
        }
        vm.prank(caller);
        (bool ok, bytes memory reason) = target.call(data);
        if (ok) {
            ++ghostUnauthorizedSucceeded;
            ++tally["an unauthorised call succeeded"];
            return;
        }
        _expectError(reason, expected);
        ++unauthorizedCallsRefused;
    }

}
