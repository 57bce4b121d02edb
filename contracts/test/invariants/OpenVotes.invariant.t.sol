// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {OpenVotes} from "../../src/OpenVotes.sol";
import {Test} from "../utils/Test.sol";
import {OpenVotesHandler} from "./handlers/OpenVotesHandler.sol";

/// @notice Invariants of {OpenVotes} under random sequences of deposits, withdrawals, transfers and delegation.
contract OpenVotesInvariantTest is Test {
    OpenVotes internal token;
    OpenVotesHandler internal handler;

    function setUp() public {
        token = new OpenVotes();
        handler = new OpenVotesHandler(token, 5);

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = OpenVotesHandler.deposit.selector;
        selectors[1] = OpenVotesHandler.depositFor.selector;
        selectors[2] = OpenVotesHandler.sendNative.selector;
        selectors[3] = OpenVotesHandler.withdraw.selector;
        selectors[4] = OpenVotesHandler.withdrawTo.selector;
        selectors[5] = OpenVotesHandler.transfer.selector;
        selectors[6] = OpenVotesHandler.delegate.selector;
        selectors[7] = OpenVotesHandler.warp.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @custom:invariant Every vOPEN is backed: the contract's native OPEN equals the vOPEN supply.
    function invariant_nativeBalance_equalsTotalSupply() public view {
        assertEq(address(token).balance, token.totalSupply(), "native balance != totalSupply");
    }

    /// @custom:invariant The supply is what went in minus what came out.
    function invariant_totalSupply_equalsDepositsMinusWithdrawals() public view {
        assertEq(
            token.totalSupply(), handler.ghostDeposited() - handler.ghostWithdrawn(), "supply != deposits - withdrawals"
        );
    }

    /// @custom:invariant Balances add up to the supply (only the actors ever hold vOPEN).
    function invariant_sumOfBalances_equalsTotalSupply() public view {
        address[] memory actors = handler.getActors();
        uint256 sum;
        for (uint256 i = 0; i < actors.length; i++) {
            sum += token.balanceOf(actors[i]);
        }
        assertEq(sum, token.totalSupply(), "sum of balances != totalSupply");
        assertEq(token.balanceOf(address(token)), 0, "the contract holds no vOPEN");
    }

    /// @custom:invariant Votes are the balances of the accounts that delegated, wherever they delegated.
    function invariant_sumOfVotes_equalsDelegatedBalances() public view {
        address[] memory actors = handler.getActors();
        uint256 votes;
        uint256 delegated;
        for (uint256 i = 0; i < actors.length; i++) {
            votes += token.getVotes(actors[i]);
            if (token.delegates(actors[i]) != address(0)) delegated += token.balanceOf(actors[i]);
        }
        assertEq(votes, delegated, "votes != delegated balances");
        assertLe(votes, token.totalSupply(), "votes exceed supply");
    }

    /// @custom:invariant The checkpointed total supply one second ago never exceeds what was ever deposited.
    function invariant_pastTotalSupply_isBounded() public view {
        uint256 past = token.getPastTotalSupply(block.timestamp - 1);
        assertLe(past, handler.ghostDeposited(), "past supply above deposits");
    }
}
