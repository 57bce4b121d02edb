// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {IOpenVotes} from "../interfaces/IOpenVotes.sol";

/**
 * @title StakeVault
 * @notice Holds one staker's stake as vOPEN, so staked OPEN keeps voting.
 * @dev {Staking} deploys one minimal clone of this contract per staker. The clone wraps the staked OPEN
 * into vOPEN and delegates its votes to the staker (or whoever they choose), so the Governor counts staked
 * OPEN like any other without changes to OpenVotes or to the Governor. Immutables live in the
 * implementation's code, which every clone runs, so every clone trusts only the Staking contract that
 * deployed the implementation.
 */
contract StakeVault {
    /// @notice The only caller: the Staking contract.
    address public immutable staking;
    /// @notice The vOPEN token.
    address public immutable openVotes;

    /// @notice Someone other than the Staking contract called.
    error StakeVaultUnauthorized(address caller);

    constructor(address openVotes_) {
        staking = msg.sender;
        openVotes = openVotes_;
    }

    modifier onlyStaking() {
        if (msg.sender != staking) revert StakeVaultUnauthorized(msg.sender);
        _;
    }

    /// @notice Wraps the OPEN sent into vOPEN held by this vault.
    function deposit() external payable onlyStaking {
        IOpenVotes(openVotes).deposit{value: msg.value}();
    }

    /// @notice Sends this vault's votes to `delegatee`.
    function delegate(address delegatee) external onlyStaking {
        IVotes(openVotes).delegate(delegatee);
    }

    /// @notice Unwraps `amount` vOPEN and sends the OPEN to `receiver`.
    function withdrawTo(address receiver, uint256 amount) external onlyStaking {
        IOpenVotes(openVotes).withdrawTo(receiver, amount);
    }
}
