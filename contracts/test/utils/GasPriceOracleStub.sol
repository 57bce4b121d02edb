// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title GasPriceOracleStub
/// @notice Stands in for the OP Stack GasPriceOracle predeploy (0x42…0F) on anvil, which has none, so the
/// app's L1-data-fee path can be exercised against a real node: it charges a fixed price per byte of the
/// serialized transaction, the shape of the real oracle's answer without its L1 price feed.
contract GasPriceOracleStub {
    /// @notice The L1 data fee charged per byte of serialized transaction, in wei.
    uint256 public constant FEE_PER_BYTE = 1 gwei;

    /// @notice The L1 data fee for a serialized (unsigned) transaction.
    function getL1Fee(bytes calldata data) external pure returns (uint256) {
        return data.length * FEE_PER_BYTE;
    }
}
