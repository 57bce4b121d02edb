// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title IClaims
 * @notice Pull payments: a contract credits what it owes to an account, and the account takes it with {claim}.
 * @dev Nothing is ever pushed to an untrusted address in the middle of another action, so a recipient that
 * reverts, or re-enters, can only block or complicate its own claim.
 */
interface IClaims {
    /// @notice `account` has nothing to claim from this contract.
    /// @param account The caller.
    error ClaimsNothingToClaim(address account);

    /**
     * @notice Sending `amount` OPEN to `receiver` failed; the credit is kept, so the claim can be retried.
     * @param receiver The account that refused the OPEN.
     * @param amount The amount, in wei.
     */
    error ClaimsTransferFailed(address receiver, uint256 amount);

    /**
     * @notice Claims cannot be sent to `receiver`: the zero address, or an address where this contract's OPEN
     * would not reach the claimant (such as the vOPEN token, which would wrap it for this contract).
     * @param receiver The refused receiver.
     */
    error ClaimsInvalidReceiver(address receiver);

    /**
     * @notice `account` claimed `amount` OPEN, sent to `receiver`.
     * @param account Whose credit was claimed.
     * @param receiver Who got the OPEN.
     * @param amount The amount, in wei.
     */
    event Claimed(address indexed account, address indexed receiver, uint256 amount);

    /**
     * @notice The OPEN `account` can claim from this contract now.
     * @param account The account.
     * @return The amount, in wei.
     */
    function claimable(address account) external view returns (uint256);

    /**
     * @notice Sends you everything this contract owes you.
     * @dev Reverts with {ClaimsNothingToClaim} when nothing is owed and with {ClaimsTransferFailed} when you
     * reject OPEN. Emits a {Claimed} event.
     * @return amount The OPEN sent, in wei.
     */
    function claim() external returns (uint256 amount);

    /**
     * @notice Sends everything this contract owes you to `receiver`.
     * @dev As {claim}; reverts with {ClaimsInvalidReceiver} for the zero address and for any receiver the
     * contract refuses because the OPEN would be stranded there (Staking refuses its vOPEN token).
     * @param receiver Who gets the OPEN.
     * @return amount The OPEN sent, in wei.
     */
    function claimTo(address receiver) external returns (uint256 amount);
}
