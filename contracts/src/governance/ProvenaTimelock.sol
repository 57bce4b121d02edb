// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/**
 * @title ProvenaTimelock
 * @notice The protocol's owner and treasury: it holds every privileged role and the treasury's OPEN, and acts
 * only on proposals the Governor passed, after a delay everyone can see coming.
 * @dev OpenZeppelin's TimelockController, unchanged. At deployment the Governor becomes its only proposer
 * and canceller, anyone may execute a ready operation, and the deployer's admin role is renounced, so the
 * Timelock administers itself. It owns ProtocolParams, is Staking's slasher, and receives the treasury's
 * share of fees, registration fees and slashed bonds and stakes; governance spends it with proposals.
 */
contract ProvenaTimelock is TimelockController {
    /**
     * @param minDelay Seconds between a proposal being queued and being executable.
     * @param proposers Accounts that may schedule operations (the Governor, granted after it is deployed).
     * @param executors Accounts that may execute ready operations; the zero address means anyone.
     * @param admin A temporary admin for wiring roles at deployment, renounced straight after; or zero.
     */
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}
