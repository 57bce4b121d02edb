// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "./Vm.sol";

/**
 * @title Test
 * @notice Base contract for Provena's forge tests: cheatcodes, assertions, `bound`, `makeAddr` and
 * invariant targeting, named as in forge-std so tests read the same and could move to it unchanged.
 * @dev forge finds test contracts by their `test*`/`invariant*` functions and reads invariant targets from
 * `targetContracts()`/`targetSelectors()`/`targetSenders()`/`excludeSenders()`; those getters are here.
 */
abstract contract Test {
    /// @dev The ABI forge expects from `targetSelectors()`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @dev Marks this as a test contract for tools that look for the DSTest flag.
    bool public IS_TEST = true;

    /// @dev forge's cheatcode address: address(uint160(uint256(keccak256("hevm cheat code")))).
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    uint256 private constant UINT256_MAX = type(uint256).max;

    address[] private _targetedContracts;
    FuzzSelector[] private _targetedSelectors;
    address[] private _targetedSenders;
    address[] private _excludedSenders;

    // ---------------------------------------------------------------- assertions

    function assertTrue(bool condition, string memory err) internal pure {
        vm.assertTrue(condition, err);
    }

    function assertFalse(bool condition, string memory err) internal pure {
        vm.assertFalse(condition, err);
    }

    function assertEq(bool left, bool right, string memory err) internal pure {
        vm.assertEq(left, right, err);
    }

    function assertEq(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertEq(left, right, err);
    }

    function assertEq(address left, address right, string memory err) internal pure {
        vm.assertEq(left, right, err);
    }

    function assertEq(bytes32 left, bytes32 right, string memory err) internal pure {
        vm.assertEq(left, right, err);
    }

    function assertEq(bytes memory left, bytes memory right, string memory err) internal pure {
        vm.assertEq(left, right, err);
    }

    function assertEq(string memory left, string memory right, string memory err) internal pure {
        vm.assertEq(left, right, err);
    }

    function assertGt(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertGt(left, right, err);
    }

    function assertGe(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertGe(left, right, err);
    }

    function assertLt(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertLt(left, right, err);
    }

    function assertLe(uint256 left, uint256 right, string memory err) internal pure {
        vm.assertLe(left, right, err);
    }

    /// @dev `left` and `right` differ by at most `maxDelta`.
    function assertApproxEqAbs(uint256 left, uint256 right, uint256 maxDelta, string memory err) internal pure {
        vm.assertLe(left > right ? left - right : right - left, maxDelta, err);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev A labelled address derived from `name`, as forge-std's `makeAddr`.
    function makeAddr(string memory name) internal returns (address account) {
        account = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(account, name);
    }

    /// @dev A labelled address and its private key derived from `name`, as forge-std's `makeAddrAndKey`.
    function makeAddrAndKey(string memory name) internal returns (address account, uint256 privateKey) {
        privateKey = uint256(keccak256(bytes(name)));
        account = vm.addr(privateKey);
        vm.label(account, name);
    }

    /**
     * @dev Wraps `x` into [min, max], as forge-std's `bound`: values already inside are kept (so fuzzer
     * dictionary values stay meaningful) and 0..3 / max-3..max map onto the edges of the range.
     */
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256 result) {
        require(min <= max, "bound: max is less than min");
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1;
        if (x <= 3 && size > x) return min + x;
        if (x >= UINT256_MAX - 3 && size > UINT256_MAX - x) return max - (UINT256_MAX - x);
        if (x > max) {
            uint256 rem = (x - max) % size;
            if (rem == 0) return max;
            result = min + rem - 1;
        } else {
            uint256 rem = (min - x) % size;
            if (rem == 0) return min;
            result = max - rem + 1;
        }
    }

    // ---------------------------------------------------------------- invariant targets

    /// @dev Fuzz only `target` (with every function, unless {targetSelector} narrows it).
    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    /// @dev Fuzz only the listed functions of `selector.addr`.
    function targetSelector(FuzzSelector memory selector) internal {
        _targetedSelectors.push(selector);
    }

    /// @dev Call targets from `sender` (among the other targeted senders).
    function targetSender(address sender) internal {
        _targetedSenders.push(sender);
    }

    /// @dev Never call targets from `sender`.
    function excludeSender(address sender) internal {
        _excludedSenders.push(sender);
    }

    /// @notice Read by forge: the contracts invariant runs call into.
    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    /// @notice Read by forge: the functions invariant runs call.
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }

    /// @notice Read by forge: the senders invariant runs use.
    function targetSenders() public view returns (address[] memory) {
        return _targetedSenders;
    }

    /// @notice Read by forge: the senders invariant runs avoid.
    function excludeSenders() public view returns (address[] memory) {
        return _excludedSenders;
    }
}
