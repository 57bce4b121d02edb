// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {OpenVotes} from "../../src/OpenVotes.sol";
import {Test} from "../utils/Test.sol";

/// @notice Fuzz tests for {OpenVotes}: wrapping round trips, balance limits, votes over time and permit.
contract OpenVotesFuzzTest is Test {
    /// @dev Far above any real OPEN supply, still well under ERC20Votes' uint208 cap.
    uint256 internal constant MAX_AMOUNT = 1e36;
    /// @dev secp256k1's group order: valid private keys are 1 .. N - 1.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    OpenVotes internal token;

    function setUp() public {
        token = new OpenVotes();
    }

    /// @dev Deposit then withdraw part: vOPEN, OPEN and backing all move by exactly the amounts.
    function testFuzz_depositWithdraw_roundTrip_succeeds(uint256 depositAmount, uint256 withdrawAmount) public {
        depositAmount = bound(depositAmount, 1, MAX_AMOUNT);
        withdrawAmount = bound(withdrawAmount, 1, depositAmount);
        address user = makeAddr("user");
        vm.deal(user, depositAmount);

        vm.prank(user);
        token.deposit{value: depositAmount}();
        assertEq(token.balanceOf(user), depositAmount, "minted 1:1");
        assertEq(user.balance, 0, "OPEN taken");

        vm.prank(user);
        token.withdraw(withdrawAmount);

        assertEq(token.balanceOf(user), depositAmount - withdrawAmount, "vOPEN left");
        assertEq(user.balance, withdrawAmount, "OPEN returned 1:1");
        assertEq(address(token).balance, token.totalSupply(), "fully backed");
        assertEq(token.totalSupply(), depositAmount - withdrawAmount, "supply");
    }

    /// @dev deposit(), depositFor() and a plain transfer credit the same amounts.
    function testFuzz_depositPaths_equivalent_succeeds(uint256 a, uint256 b, uint256 c) public {
        a = bound(a, 1, MAX_AMOUNT);
        b = bound(b, 1, MAX_AMOUNT);
        c = bound(c, 1, MAX_AMOUNT);
        address payer = makeAddr("payer");
        address beneficiary = makeAddr("beneficiary");
        vm.deal(payer, a + b + c);

        vm.startPrank(payer);
        token.deposit{value: a}();
        token.depositFor{value: b}(beneficiary);
        (bool ok,) = address(token).call{value: c}("");
        vm.stopPrank();

        assertTrue(ok, "plain transfer accepted");
        assertEq(token.balanceOf(payer), a + c, "payer credited for deposit and transfer");
        assertEq(token.balanceOf(beneficiary), b, "beneficiary credited for depositFor");
        assertEq(address(token).balance, a + b + c, "all OPEN locked");
    }

    /// @dev Withdrawing past the balance always reverts with OpenZeppelin's error and changes nothing.
    function testFuzz_withdraw_moreThanBalance_reverts(uint256 balance, uint256 excess) public {
        balance = bound(balance, 0, MAX_AMOUNT);
        excess = bound(excess, 1, MAX_AMOUNT);
        address user = makeAddr("user");
        vm.deal(user, balance);
        if (balance > 0) {
            vm.prank(user);
            token.deposit{value: balance}();
        }

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, user, balance, balance + excess)
        );
        vm.prank(user);
        token.withdraw(balance + excess);
        assertEq(token.balanceOf(user), balance, "balance unchanged");
    }

    /// @dev withdrawTo pays any plain account while burning from the caller.
    function testFuzz_withdrawTo_paysReceiver_succeeds(uint256 amount, uint256 receiverSeed) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        address receiver = vm.addr(bound(receiverSeed, 1, SECP256K1_N - 1));
        address user = makeAddr("user");
        vm.assume(receiver != user);
        vm.deal(user, amount);
        vm.prank(user);
        token.deposit{value: amount}();
        uint256 before = receiver.balance;

        vm.prank(user);
        token.withdrawTo(receiver, amount);

        assertEq(receiver.balance - before, amount, "receiver paid");
        assertEq(token.balanceOf(user), 0, "burned from caller");
        assertEq(address(token).balance, 0, "nothing left locked");
    }

    /// @dev Votes follow balances through delegation and transfers; the delegates' total never exceeds supply.
    function testFuzz_votes_followDelegationAndTransfers_succeeds(uint256 a, uint256 b, uint256 moved) public {
        a = bound(a, 1, MAX_AMOUNT);
        b = bound(b, 1, MAX_AMOUNT);
        moved = bound(moved, 0, a);
        address alice = makeAddr("alice");
        address bob = makeAddr("bob");
        address delegatee = makeAddr("delegatee");
        vm.deal(alice, a);
        vm.deal(bob, b);

        vm.startPrank(alice);
        token.deposit{value: a}();
        token.delegate(delegatee);
        vm.stopPrank();
        vm.startPrank(bob);
        token.deposit{value: b}();
        token.delegate(bob);
        vm.stopPrank();

        vm.prank(alice);
        assertTrue(token.transfer(bob, moved), "transfer");

        assertEq(token.getVotes(delegatee), a - moved, "delegatee holds alice's remaining balance");
        assertEq(token.getVotes(bob), b + moved, "bob votes with his balance");
        assertEq(token.getVotes(alice), 0, "alice delegated away");
        assertEq(token.getVotes(delegatee) + token.getVotes(bob), token.totalSupply(), "all supply delegated");
    }

    /// @dev Past votes at any timestamp equal the balance held then.
    function testFuzz_getPastVotes_matchesHistory_succeeds(uint256 first, uint256 second, uint256 gap) public {
        first = bound(first, 1, MAX_AMOUNT);
        second = bound(second, 1, first);
        gap = bound(gap, 1, 365 days);
        address user = makeAddr("user");
        vm.deal(user, first);
        uint256 t0 = block.timestamp;

        vm.startPrank(user);
        token.delegate(user);
        token.deposit{value: first}();
        vm.warp(t0 + gap);
        token.withdraw(second);
        vm.stopPrank();
        vm.warp(t0 + 2 * gap);

        assertEq(token.getPastVotes(user, t0 - 1), 0, "before deposit");
        assertEq(token.getPastVotes(user, t0 + gap - 1), first, "after deposit");
        assertEq(token.getPastVotes(user, t0 + gap), first - second, "after withdrawal");
        assertEq(token.getPastTotalSupply(t0 + gap - 1), first, "past supply");
        assertEq(token.getVotes(user), first - second, "current votes");
    }

    /// @dev A permit signed by any key sets the allowance for any spender and value, once.
    function testFuzz_permit_anySigner_succeeds(uint256 key, address spender, uint256 value, uint256 ttl) public {
        key = bound(key, 1, SECP256K1_N - 1);
        ttl = bound(ttl, 0, 365 days);
        vm.assume(spender != address(0));
        address owner = vm.addr(key);
        uint256 deadline = block.timestamp + ttl;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                spender,
                value,
                token.nonces(owner),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);

        token.permit(owner, spender, value, deadline, v, r, s);

        assertEq(token.allowance(owner, spender), value, "allowance");
        assertEq(token.nonces(owner), 1, "nonce");
    }
}
