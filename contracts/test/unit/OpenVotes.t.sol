// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {OpenVotes} from "../../src/OpenVotes.sol";
import {IOpenVotes} from "../../src/interfaces/IOpenVotes.sol";
import {Test} from "../utils/Test.sol";
import {RejectingReceiver, ReentrantReceiver} from "../utils/Receivers.sol";

/// @notice Unit tests for {OpenVotes}: every wrapping path and revert, votes by timestamp, and permit.
contract OpenVotesTest is Test {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 internal constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");

    OpenVotes internal token;
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    address internal carol;

    function setUp() public {
        token = new OpenVotes();
        (alice, aliceKey) = makeAddrAndKey("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        vm.deal(alice, 100 ether);
        vm.deal(bob, 100 ether);
    }

    // ------------------------------------------------------------------ metadata and clock

    function test_metadata_nameSymbolDecimals_succeeds() public view {
        assertEq(token.name(), "Open Votes", "name");
        assertEq(token.symbol(), "vOPEN", "symbol");
        assertEq(token.decimals(), 18, "decimals");
        assertEq(token.totalSupply(), 0, "starts empty");
    }

    function test_clock_followsTimestamp_succeeds() public {
        assertEq(token.clock(), block.timestamp, "clock is the timestamp");
        vm.warp(block.timestamp + 1 days);
        assertEq(token.clock(), block.timestamp, "clock moves with warp");
        vm.roll(block.number + 1000);
        assertEq(token.clock(), block.timestamp, "clock ignores block numbers");
        assertEq(token.CLOCK_MODE(), "mode=timestamp", "clock mode");
    }

    // ------------------------------------------------------------------ deposit

    function test_deposit_mintsAndLocks_succeeds() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(0), alice, 3 ether);
        vm.expectEmit(address(token));
        emit IOpenVotes.Deposit(alice, 3 ether);

        vm.prank(alice);
        token.deposit{value: 3 ether}();

        assertEq(token.balanceOf(alice), 3 ether, "vOPEN minted");
        assertEq(token.totalSupply(), 3 ether, "supply");
        assertEq(address(token).balance, 3 ether, "OPEN locked");
        assertEq(alice.balance, 97 ether, "OPEN taken from alice");
    }

    function test_deposit_zeroAmount_reverts() public {
        vm.expectRevert(IOpenVotes.OpenVotesZeroAmount.selector);
        vm.prank(alice);
        token.deposit{value: 0}();
    }

    function test_receive_mintsToSender_succeeds() public {
        vm.expectEmit(address(token));
        emit IOpenVotes.Deposit(bob, 2 ether);

        vm.prank(bob);
        (bool ok,) = address(token).call{value: 2 ether}("");

        assertTrue(ok, "plain transfer accepted");
        assertEq(token.balanceOf(bob), 2 ether, "vOPEN minted");
        assertEq(address(token).balance, 2 ether, "OPEN locked");
    }

    function test_receive_zeroAmount_reverts() public {
        vm.prank(bob);
        (bool ok, bytes memory reason) = address(token).call("");

        assertFalse(ok, "empty transfer refused");
        assertEq(reason, abi.encodeWithSelector(IOpenVotes.OpenVotesZeroAmount.selector), "error");
    }

    function test_receive_unknownCalldata_reverts() public {
        vm.prank(bob);
        (bool ok,) = address(token).call{value: 1 ether}(hex"deadbeef");

        assertFalse(ok, "no fallback");
        assertEq(token.totalSupply(), 0, "nothing minted");
    }

    function test_depositFor_creditsAccount_succeeds() public {
        vm.expectEmit(address(token));
        emit IOpenVotes.Deposit(carol, 5 ether);

        vm.prank(alice);
        token.depositFor{value: 5 ether}(carol);

        assertEq(token.balanceOf(carol), 5 ether, "carol credited");
        assertEq(token.balanceOf(alice), 0, "alice not credited");
        assertEq(alice.balance, 95 ether, "alice paid");
        assertEq(address(token).balance, 5 ether, "OPEN locked");
    }

    function test_depositFor_zeroAmount_reverts() public {
        vm.expectRevert(IOpenVotes.OpenVotesZeroAmount.selector);
        vm.prank(alice);
        token.depositFor(carol);
    }

    function test_depositFor_zeroAddress_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOpenVotes.OpenVotesInvalidReceiver.selector, address(0)));
        vm.prank(alice);
        token.depositFor{value: 1 ether}(address(0));
    }

    function test_depositFor_tokenContract_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IOpenVotes.OpenVotesInvalidReceiver.selector, address(token)));
        vm.prank(alice);
        token.depositFor{value: 1 ether}(address(token));
    }

    // ------------------------------------------------------------------ withdraw

    function test_withdraw_burnsAndPays_succeeds() public {
        vm.prank(alice);
        token.deposit{value: 10 ether}();

        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, address(0), 4 ether);
        vm.expectEmit(address(token));
        emit IOpenVotes.Withdrawal(alice, 4 ether);

        vm.prank(alice);
        token.withdraw(4 ether);

        assertEq(token.balanceOf(alice), 6 ether, "vOPEN left");
        assertEq(token.totalSupply(), 6 ether, "supply");
        assertEq(address(token).balance, 6 ether, "OPEN left locked");
        assertEq(alice.balance, 94 ether, "OPEN returned");
    }

    function test_withdraw_everything_succeeds() public {
        vm.prank(alice);
        token.deposit{value: 10 ether}();
        vm.prank(alice);
        token.withdraw(10 ether);

        assertEq(token.balanceOf(alice), 0, "no vOPEN");
        assertEq(address(token).balance, 0, "no OPEN locked");
        assertEq(alice.balance, 100 ether, "all OPEN back");
    }

    function test_withdraw_receivedByTransfer_succeeds() public {
        vm.prank(alice);
        token.deposit{value: 10 ether}();
        vm.prank(alice);
        assertTrue(token.transfer(carol, 7 ether), "transfer");

        vm.prank(carol);
        token.withdraw(7 ether);

        assertEq(carol.balance, 7 ether, "carol unwrapped what she was sent");
        assertEq(token.totalSupply(), 3 ether, "supply");
        assertEq(address(token).balance, 3 ether, "backing");
    }

    function test_withdraw_zeroAmount_reverts() public {
        vm.prank(alice);
        token.deposit{value: 1 ether}();

        vm.expectRevert(IOpenVotes.OpenVotesZeroAmount.selector);
        vm.prank(alice);
        token.withdraw(0);
    }

    function test_withdraw_moreThanBalance_reverts() public {
        vm.prank(alice);
        token.deposit{value: 1 ether}();

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1 ether, 1 ether + 1)
        );
        vm.prank(alice);
        token.withdraw(1 ether + 1);
    }

    function test_withdraw_withoutBalance_reverts() public {
        vm.prank(alice);
        token.deposit{value: 1 ether}();

        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 0, 1));
        vm.prank(bob);
        token.withdraw(1);
        assertEq(address(token).balance, 1 ether, "alice's OPEN untouched");
    }

    function test_withdraw_rejectingReceiver_reverts() public {
        RejectingReceiver receiver = new RejectingReceiver(token);
        receiver.deposit{value: 2 ether}();

        vm.expectRevert(
            abi.encodeWithSelector(IOpenVotes.OpenVotesNativeTransferFailed.selector, address(receiver), 2 ether)
        );
        receiver.withdraw(2 ether);

        assertEq(token.balanceOf(address(receiver)), 2 ether, "burn rolled back");
        assertEq(address(token).balance, 2 ether, "OPEN still locked");
    }

    function test_withdraw_reentrantReceiver_reverts() public {
        ReentrantReceiver attacker = new ReentrantReceiver(token, false);
        attacker.deposit{value: 3 ether}();

        vm.expectRevert(
            abi.encodeWithSelector(IOpenVotes.OpenVotesNativeTransferFailed.selector, address(attacker), 1 ether)
        );
        attacker.withdraw(1 ether);

        assertEq(token.balanceOf(address(attacker)), 3 ether, "nothing burned");
        assertEq(address(token).balance, 3 ether, "nothing paid");
        assertEq(address(attacker).balance, 0, "attacker got nothing");
    }

    function test_withdraw_reentryIsBlocked_succeeds() public {
        ReentrantReceiver attacker = new ReentrantReceiver(token, true);
        attacker.deposit{value: 3 ether}();

        attacker.withdraw(1 ether);

        assertEq(
            attacker.reentryError(),
            abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector),
            "re-entry hit the guard"
        );
        assertEq(attacker.received(), 1 ether, "only the outer withdrawal paid");
        assertEq(token.balanceOf(address(attacker)), 2 ether, "only the outer amount burned");
        assertEq(address(token).balance, token.totalSupply(), "still fully backed");
    }

    // ------------------------------------------------------------------ withdrawTo

    function test_withdrawTo_paysReceiver_succeeds() public {
        vm.prank(alice);
        token.deposit{value: 10 ether}();

        vm.expectEmit(address(token));
        emit IOpenVotes.Withdrawal(alice, 4 ether);

        vm.prank(alice);
        token.withdrawTo(carol, 4 ether);

        assertEq(token.balanceOf(alice), 6 ether, "burned from alice");
        assertEq(carol.balance, 4 ether, "carol paid");
        assertEq(alice.balance, 90 ether, "alice not paid");
        assertEq(address(token).balance, 6 ether, "backing");
    }

    function test_withdrawTo_zeroAmount_reverts() public {
        vm.expectRevert(IOpenVotes.OpenVotesZeroAmount.selector);
        vm.prank(alice);
        token.withdrawTo(carol, 0);
    }

    function test_withdrawTo_zeroAddress_reverts() public {
        vm.prank(alice);
        token.deposit{value: 1 ether}();

        vm.expectRevert(abi.encodeWithSelector(IOpenVotes.OpenVotesInvalidReceiver.selector, address(0)));
        vm.prank(alice);
        token.withdrawTo(address(0), 1 ether);
    }

    function test_withdrawTo_tokenContract_reverts() public {
        vm.prank(alice);
        token.deposit{value: 1 ether}();

        vm.expectRevert(abi.encodeWithSelector(IOpenVotes.OpenVotesInvalidReceiver.selector, address(token)));
        vm.prank(alice);
        token.withdrawTo(address(token), 1 ether);
    }

    function test_withdrawTo_moreThanBalance_reverts() public {
        vm.prank(alice);
        token.deposit{value: 1 ether}();

        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1 ether, 2 ether));
        vm.prank(alice);
        token.withdrawTo(carol, 2 ether);
    }

    function test_withdrawTo_rejectingReceiver_reverts() public {
        RejectingReceiver receiver = new RejectingReceiver(token);
        vm.prank(alice);
        token.deposit{value: 1 ether}();

        vm.expectRevert(
            abi.encodeWithSelector(IOpenVotes.OpenVotesNativeTransferFailed.selector, address(receiver), 1 ether)
        );
        vm.prank(alice);
        token.withdrawTo(address(receiver), 1 ether);
        assertEq(token.balanceOf(alice), 1 ether, "burn rolled back");
    }

    function test_withdrawTo_reentrantReceiver_reverts() public {
        ReentrantReceiver attacker = new ReentrantReceiver(token, false);
        attacker.deposit{value: 2 ether}();

        vm.expectRevert(
            abi.encodeWithSelector(IOpenVotes.OpenVotesNativeTransferFailed.selector, address(attacker), 1 ether)
        );
        attacker.withdrawTo(address(attacker), 1 ether);
        assertEq(token.balanceOf(address(attacker)), 2 ether, "nothing burned");
    }

    // ------------------------------------------------------------------ votes

    function test_getVotes_withoutDelegation_isZero_succeeds() public {
        vm.prank(alice);
        token.deposit{value: 5 ether}();

        assertEq(token.getVotes(alice), 0, "no votes before delegating");
        assertEq(token.delegates(alice), address(0), "no delegate");
    }

    function test_delegate_self_countsDepositsAndWithdrawals_succeeds() public {
        vm.prank(alice);
        token.deposit{value: 5 ether}();

        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(alice, address(0), alice);
        vm.expectEmit(address(token));
        emit IVotes.DelegateVotesChanged(alice, 0, 5 ether);
        vm.prank(alice);
        token.delegate(alice);
        assertEq(token.getVotes(alice), 5 ether, "votes after self-delegation");

        vm.prank(alice);
        token.deposit{value: 2 ether}();
        assertEq(token.getVotes(alice), 7 ether, "deposit adds votes");

        vm.prank(alice);
        token.withdraw(3 ether);
        assertEq(token.getVotes(alice), 4 ether, "withdrawal removes votes");
    }

    function test_delegate_toOther_movesVotesWithTransfers_succeeds() public {
        vm.prank(alice);
        token.deposit{value: 6 ether}();
        vm.prank(bob);
        token.deposit{value: 4 ether}();
        vm.prank(alice);
        token.delegate(carol);
        vm.prank(bob);
        token.delegate(bob);

        assertEq(token.getVotes(carol), 6 ether, "carol holds alice's votes");
        assertEq(token.getVotes(alice), 0, "alice delegated hers away");

        vm.prank(alice);
        assertTrue(token.transfer(bob, 1 ether), "transfer");
        assertEq(token.getVotes(carol), 5 ether, "carol loses the transferred votes");
        assertEq(token.getVotes(bob), 5 ether, "bob gains them");

        vm.prank(alice);
        token.delegate(bob);
        assertEq(token.getVotes(carol), 0, "redelegation empties carol");
        assertEq(token.getVotes(bob), 10 ether, "bob holds everything");
    }

    function test_getPastVotes_checkpointsByTimestamp_succeeds() public {
        uint256 t0 = block.timestamp;
        vm.prank(alice);
        token.delegate(alice);
        vm.prank(alice);
        token.deposit{value: 5 ether}();

        vm.warp(t0 + 100);
        vm.roll(block.number + 1);
        vm.prank(alice);
        token.deposit{value: 3 ether}();

        vm.warp(t0 + 250);
        vm.roll(block.number + 1);
        vm.prank(alice);
        token.withdraw(6 ether);

        vm.warp(t0 + 1000);
        assertEq(token.getPastVotes(alice, t0 - 1), 0, "before anything");
        assertEq(token.getPastVotes(alice, t0), 5 ether, "first deposit");
        assertEq(token.getPastVotes(alice, t0 + 99), 5 ether, "still first deposit");
        assertEq(token.getPastVotes(alice, t0 + 100), 8 ether, "second deposit");
        assertEq(token.getPastVotes(alice, t0 + 249), 8 ether, "before withdrawal");
        assertEq(token.getPastVotes(alice, t0 + 250), 2 ether, "after withdrawal");
        assertEq(token.getPastTotalSupply(t0 + 100), 8 ether, "past supply");
        assertEq(token.getPastTotalSupply(t0 + 999), 2 ether, "latest supply");
        assertEq(token.numCheckpoints(alice), 3, "one checkpoint per timestamp");
        assertEq(token.checkpoints(alice, 1)._key, t0 + 100, "checkpoint keyed by timestamp");
    }

    function test_getPastVotes_sameTimestamp_sharesCheckpoint_succeeds() public {
        vm.prank(alice);
        token.delegate(alice);
        vm.prank(alice);
        token.deposit{value: 1 ether}();
        vm.prank(alice);
        token.deposit{value: 1 ether}();

        assertEq(token.numCheckpoints(alice), 1, "same timestamp updates one checkpoint");
        assertEq(token.getVotes(alice), 2 ether, "votes");
    }

    function test_getPastVotes_futureTimepoint_reverts() public {
        uint256 now_ = block.timestamp;
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, now_, token.clock()));
        token.getPastVotes(alice, now_);

        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, now_ + 1, token.clock()));
        token.getPastTotalSupply(now_ + 1);
    }

    function test_delegateBySig_validSignature_succeeds() public {
        vm.prank(alice);
        token.deposit{value: 5 ether}();
        uint256 expiry = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, carol, 0, expiry));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, _digest(structHash));

        vm.prank(bob);
        token.delegateBySig(carol, 0, expiry, v, r, s);

        assertEq(token.delegates(alice), carol, "alice delegated by signature");
        assertEq(token.getVotes(carol), 5 ether, "carol has the votes");
        assertEq(token.nonces(alice), 1, "nonce used");
    }

    function test_delegateBySig_replayedSignature_reverts() public {
        uint256 expiry = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, carol, 0, expiry));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, _digest(structHash));
        token.delegateBySig(carol, 0, expiry, v, r, s);

        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 1));
        token.delegateBySig(carol, 0, expiry, v, r, s);
    }

    // ------------------------------------------------------------------ permit

    function test_permit_validSignature_succeeds() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 3 ether, 0, deadline);

        vm.prank(carol);
        token.permit(alice, bob, 3 ether, deadline, v, r, s);

        assertEq(token.allowance(alice, bob), 3 ether, "allowance set by signature");
        assertEq(token.nonces(alice), 1, "nonce used");

        vm.prank(alice);
        token.deposit{value: 5 ether}();
        vm.prank(bob);
        assertTrue(token.transferFrom(alice, bob, 3 ether), "transfer");
        assertEq(token.balanceOf(bob), 3 ether, "bob spent the allowance");
        assertEq(token.allowance(alice, bob), 0, "allowance consumed");
    }

    function test_permit_expired_reverts() public {
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 1 ether, 0, deadline);

        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(alice, bob, 1 ether, deadline, v, r, s);
    }

    function test_permit_wrongSigner_reverts() public {
        (address mallory, uint256 malloryKey) = makeAddrAndKey("mallory");
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(malloryKey, alice, bob, 1 ether, 0, deadline);

        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, mallory, alice));
        token.permit(alice, bob, 1 ether, deadline, v, r, s);
    }

    function test_permit_replayed_reverts() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, alice, bob, 1 ether, 0, deadline);
        token.permit(alice, bob, 1 ether, deadline, v, r, s);

        // The same signature now recovers to a different address, because the nonce moved on.
        vm.expectRevert();
        token.permit(alice, bob, 1 ether, deadline, v, r, s);
        assertEq(token.nonces(alice), 1, "nonce used once");
    }

    function test_domainSeparator_matchesEip712_succeeds() public view {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Open Votes"),
                keccak256("1"),
                block.chainid,
                address(token)
            )
        );
        assertEq(token.DOMAIN_SEPARATOR(), expected, "domain separator");
    }

    // ------------------------------------------------------------------ helpers

    function _digest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }

    function _signPermit(uint256 key, address owner, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return vm.sign(key, _digest(structHash));
    }
}
