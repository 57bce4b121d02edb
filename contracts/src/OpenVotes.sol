// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IOpenVotes} from "./interfaces/IOpenVotes.sol";

/**
 * @title OpenVotes
 * @notice Voting power for Provena, backed 1:1 by the chain's native OPEN.
 * @dev OPEN is the gas token of the chain, so it has no ERC-20 contract and cannot be checkpointed for
 * governance. This contract wraps it: {deposit} (or a plain transfer to the contract) locks OPEN and mints
 * the same amount of vOPEN; {withdraw} burns vOPEN and sends the OPEN back. At every moment the contract's
 * native balance equals the vOPEN total supply (OPEN forced in by `selfdestruct` or as a block reward can
 * only make it larger). vOPEN is a normal ERC-20 with gasless approvals (ERC-2612 `permit`) and
 * OpenZeppelin's ERC-5805 votes: a holder's balance counts as votes only after they `delegate` (to
 * themselves or someone else), and past votes are looked up by timestamp (`clock()` is
 * `block.timestamp`), because block numbers on an L2 say little about time.
 */
contract OpenVotes is IOpenVotes, ERC20, ERC20Permit, ERC20Votes, ReentrancyGuard {
    /// @notice Creates the token: "Open Votes" (vOPEN), 18 decimals like OPEN itself.
    constructor() ERC20("Open Votes", "vOPEN") ERC20Permit("Open Votes") {}

    /// @notice Sending OPEN to the contract wraps it for the sender, as {deposit} does.
    /// @dev Mints `msg.value` to `msg.sender`. Emits a {Deposit} event.
    receive() external payable {
        _deposit(msg.sender, msg.value);
    }

    /// @inheritdoc IOpenVotes
    function deposit() external payable {
        _deposit(msg.sender, msg.value);
    }

    /// @inheritdoc IOpenVotes
    function depositFor(address account) external payable {
        _deposit(account, msg.value);
    }

    /// @inheritdoc IOpenVotes
    function withdraw(uint256 amount) external nonReentrant {
        _withdraw(msg.sender, msg.sender, amount);
    }

    /// @inheritdoc IOpenVotes
    function withdrawTo(address receiver, uint256 amount) external nonReentrant {
        _withdraw(msg.sender, receiver, amount);
    }

    /**
     * @notice The current timepoint for votes: the block's timestamp.
     * @dev ERC-6372 clock; {getPastVotes} and {getPastTotalSupply} take timestamps.
     */
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /**
     * @notice Says that this token's clock is the block timestamp.
     * @dev ERC-6372 clock description, "mode=timestamp".
     */
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @dev Mints `amount` vOPEN to `account` for OPEN already received. Emits a {Deposit} event.
    function _deposit(address account, uint256 amount) private {
        if (amount == 0) revert OpenVotesZeroAmount();
        _checkReceiver(account);
        _mint(account, amount);
        emit Deposit(account, amount);
    }

    /// @dev Burns `amount` from `account`, then sends that much OPEN to `receiver`. Emits a {Withdrawal} event.
    function _withdraw(address account, address receiver, uint256 amount) private {
        if (amount == 0) revert OpenVotesZeroAmount();
        _checkReceiver(receiver);
        _burn(account, amount);
        emit Withdrawal(account, amount);
        (bool sent,) = receiver.call{value: amount}("");
        if (!sent) revert OpenVotesNativeTransferFailed(receiver, amount);
    }

    /// @dev Refuses the zero address and this contract, where vOPEN or OPEN would be stuck.
    function _checkReceiver(address receiver) private view {
        if (receiver == address(0) || receiver == address(this)) revert OpenVotesInvalidReceiver(receiver);
    }

    /// @dev Moves voting units along with balances; both ERC20 and ERC20Votes define this hook.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
