// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title IOpenVotes
 * @notice Deposit native OPEN to get vOPEN voting power 1:1; burn vOPEN to get the OPEN back.
 * @dev The wrapping surface of {OpenVotes}, with its errors and events. The ERC-20, ERC-2612 (permit) and
 * ERC-5805 (votes, delegation) functions come from OpenZeppelin's interfaces and are not repeated here.
 */
interface IOpenVotes {
    /// @notice A deposit or withdrawal of zero OPEN was asked for.
    error OpenVotesZeroAmount();

    /// @notice `receiver` cannot hold vOPEN or receive OPEN here: the zero address or the vOPEN contract itself.
    /// @param receiver The refused account.
    error OpenVotesInvalidReceiver(address receiver);

    /// @notice Sending `amount` native OPEN to `receiver` failed (it reverted or rejects plain transfers).
    /// @dev The burn is rolled back with the whole transaction, so the caller keeps their vOPEN.
    /// @param receiver The account the OPEN was sent to.
    /// @param amount The amount of OPEN, in wei.
    error OpenVotesNativeTransferFailed(address receiver, uint256 amount);

    /// @notice `amount` OPEN was locked and the same amount of vOPEN minted to `account`.
    /// @param account The account credited with vOPEN.
    /// @param amount The amount, in wei.
    event Deposit(address indexed account, uint256 amount);

    /// @notice `amount` vOPEN was burned from `account` and the same amount of OPEN sent out.
    /// @param account The account whose vOPEN was burned (the OPEN may go to another receiver).
    /// @param amount The amount, in wei.
    event Withdrawal(address indexed account, uint256 amount);

    /**
     * @notice Wraps the OPEN sent with this call into the same amount of vOPEN for you.
     * @dev Mints `msg.value` to `msg.sender`; sending OPEN to the contract with no calldata does the same.
     * Voting power only counts once the holder has delegated (to themselves or another account).
     * Reverts with {OpenVotesZeroAmount} when `msg.value` is zero.
     * Emits a {Deposit} event and an ERC-20 {Transfer} event from the zero address.
     */
    function deposit() external payable;

    /**
     * @notice Wraps the OPEN sent with this call into the same amount of vOPEN for `account`.
     * @dev Mints `msg.value` to `account`. Reverts with {OpenVotesZeroAmount} when `msg.value` is zero and
     * with {OpenVotesInvalidReceiver} when `account` is the zero address or this contract.
     * Emits a {Deposit} event and an ERC-20 {Transfer} event from the zero address.
     * @param account The account to credit.
     */
    function depositFor(address account) external payable;

    /**
     * @notice Burns `amount` of your vOPEN and sends you the same amount of OPEN.
     * @dev Burns before sending (checks-effects-interactions) and is guarded against reentrancy.
     * Reverts with {OpenVotesZeroAmount} for zero, with OpenZeppelin's `ERC20InsufficientBalance` when
     * `amount` exceeds the caller's balance, and with {OpenVotesNativeTransferFailed} when the caller
     * does not accept the OPEN. Emits a {Withdrawal} event and an ERC-20 {Transfer} event to the zero address.
     * @param amount The amount to unwrap, in wei.
     */
    function withdraw(uint256 amount) external;

    /**
     * @notice Burns `amount` of your vOPEN and sends the same amount of OPEN to `receiver`.
     * @dev As {withdraw}, with the OPEN sent to `receiver`; reverts with {OpenVotesInvalidReceiver} when
     * `receiver` is the zero address or this contract. Emits a {Withdrawal} event naming the caller.
     * @param receiver The account that gets the OPEN.
     * @param amount The amount to unwrap, in wei.
     */
    function withdrawTo(address receiver, uint256 amount) external;
}
