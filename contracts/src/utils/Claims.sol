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
 *
 * A balance is stored plus one once an account has been credited, and a claim leaves the 1 behind, so the
 * slot never returns to zero: the next credit is a 5k storage write instead of a 22k one. That matters
 * because the payer of each answer pays for every contributor's credit.
 */
abstract contract Claims is IClaims, ReentrancyGuardTransient {
    /// @dev The claimable balance plus one, or zero for an account never credited.
    mapping(address account => uint256) private _claimablePlusOne;

    /// @inheritdoc IClaims
    function claimable(address account) public view virtual returns (uint256) {
        uint256 stored = _claimablePlusOne[account];
        return stored == 0 ? 0 : stored - 1;
    }

    /// @inheritdoc IClaims
    function claim() external nonReentrant returns (uint256 amount) {
        return _claim(msg.sender, msg.sender);
    }

    /// @inheritdoc IClaims
    function claimTo(address receiver) external nonReentrant returns (uint256 amount) {
        if (receiver == address(0) || _refusesReceiver(receiver)) revert ClaimsInvalidReceiver(receiver);
        return _claim(msg.sender, receiver);
    }

    /// @dev Adds `amount` to what `account` can claim.
    function _credit(address account, uint256 amount) internal {
        uint256 stored = _claimablePlusOne[account];
        _claimablePlusOne[account] = (stored == 0 ? 1 : stored) + amount;
    }

    /**
     * @dev Whether {claimTo} must refuse `receiver` (default: none besides the zero address). A contract
     * overrides it for addresses where plain OPEN would not reach the claimant: the vOPEN token, for one, wraps
     * OPEN sent to it for the sender, which is the paying contract, not the claimant.
     */
    function _refusesReceiver(address) internal view virtual returns (bool) {
        return false;
    }

    /// @dev Settles anything owed lazily to `account` into its balance before a claim.
    function _beforeClaim(address account) internal virtual {}

    function _claim(address account, address receiver) private returns (uint256 amount) {
        _beforeClaim(account);
        uint256 stored = _claimablePlusOne[account];
        if (stored <= 1) revert ClaimsNothingToClaim(account);
        amount = stored - 1;
        _claimablePlusOne[account] = 1;
        emit Claimed(account, receiver, amount);
        (bool sent,) = receiver.call{value: amount}("");
        if (!sent) revert ClaimsTransferFailed(receiver, amount);
    }
}
