// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IClaims} from "../interfaces/IClaims.sol";

/**
 * @title Claims
 * @notice Pull payments in native OPEN, shared by every Provena contract that owes people money.
 * @dev A contract calls {_credit} when it owes someone; the account later calls {claim}. The balance is
 * zeroed before the transfer (checks-effects-interactions) and {claim} is guarded against re-entrancy, so
 * a claimant contract that calls back gets nothing twice. {_beforeClaim} lets a contract settle lazily
 * accrued amounts (staking rewards) into the balance first.
 */
abstract contract Claims is IClaims, ReentrancyGuardTransient {
    mapping(address account => uint256) private _claimable;

    /// @inheritdoc IClaims
    function claimable(address account) public view virtual returns (uint256) {
        return _claimable[account];
    }

    /// @inheritdoc IClaims
    function claim() external nonReentrant returns (uint256 amount) {
        return _claim(msg.sender, msg.sender);
    }

    /// @inheritdoc IClaims
    function claimTo(address receiver) external nonReentrant returns (uint256 amount) {
        if (receiver == address(0)) revert InvalidClaimReceiver(receiver);
        return _claim(msg.sender, receiver);
    }

    /// @dev Adds `amount` to what `account` can claim.
    function _credit(address account, uint256 amount) internal {
        _claimable[account] += amount;
    }

    /// @dev Settles anything owed lazily to `account` into its balance before a claim.
    function _beforeClaim(address account) internal virtual {}

    function _claim(address account, address receiver) private returns (uint256 amount) {
        _beforeClaim(account);
        amount = _claimable[account];
        if (amount == 0) revert NothingToClaim(account);
        _claimable[account] = 0;
        emit Claimed(account, receiver, amount);
        (bool sent,) = receiver.call{value: amount}("");
        if (!sent) revert ClaimTransferFailed(receiver, amount);
    }
}
