// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title IClaims
 * @notice Pull payments: a contract credits what it owes to an account, and the account takes it with {claim}.
 * @dev Nothing is ever pushed to an untrusted address in the middle of another action, so a recipient that
 * reverts, or re-enters, can only block or complicate its own claim.
 */
interface IClaims {
    /// @notice The caller has nothing to claim.
    error NothingToClaim(address account);

    /// @notice Sending `amount` OPEN to `receiver` failed; the credit is kept, so the claim can be retried.
    error ClaimTransferFailed(address receiver, uint256 amount);

    /// @notice Claims cannot be sent to the zero address.
    error InvalidClaimReceiver(address receiver);

    /// @notice `account` claimed `amount` OPEN, sent to `receiver`.
    event Claimed(address indexed account, address indexed receiver, uint256 amount);

    /// @notice The OPEN `account` can claim from this contract now, in wei.
    function claimable(address account) external view returns (uint256);

    /**
     * @notice Sends you everything this contract owes you.
     * @dev Reverts with {NothingToClaim} when nothing is owed and with {ClaimTransferFailed} when you reject OPEN.
     * @return amount The OPEN sent, in wei.
     */
    function claim() external returns (uint256 amount);

    /**
     * @notice Sends everything this contract owes you to `receiver`.
     * @return amount The OPEN sent, in wei.
     */
    function claimTo(address receiver) external returns (uint256 amount);
}
