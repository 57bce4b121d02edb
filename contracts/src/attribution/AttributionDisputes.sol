// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAttributionLedger} from "../interfaces/IAttributionLedger.sol";
import {Claims} from "../utils/Claims.sol";

/**
 * @title AttributionDisputes
 * @notice The checking half of optimistic attribution: validators dispute an asserted record within its
 * challenge window, and governance (the Timelock) resolves the dispute from the asserted and the disputing
 * evidence.
 * @dev A dispute freezes the record: its stored assertion hash becomes {DISPUTED}, so {IAttributionLedger-finalize}
 * skips it, and the real hash moves to the dispute with the validator's bond. The ruling pays the escrowed data
 * share (as asserted when the assertion is upheld; otherwise by corrected weights, or to the training set's pool)
 * and gives the winner both bonds less {DISPUTE_TREASURY_CUT_BPS} of the loser's to the treasury. The cut means a
 * payer and a validator who are secretly the same person always lose money by staging disputes, and a validator
 * who disputes honest records loses their bond to the payer they held up.
 *
 * The ledger supplies how money moves and who may act through the internal hooks below.
 */
abstract contract AttributionDisputes is IAttributionLedger, Claims {
    /// @notice The stored assertion hash of a record that is disputed.
    bytes32 public constant DISPUTED = bytes32(uint256(1));
    /// @notice The treasury's share of a losing bond, in basis points.
    uint256 public constant DISPUTE_TREASURY_CUT_BPS = 1_000;
    uint256 private constant BPS_DENOMINATOR = 10_000;

    /// @dev An open dispute: the hash the record held, who disputed and their bond (at most 10,000 OPEN).
    struct Dispute {
        bytes32 assertionHash;
        address disputer;
        uint96 bond;
    }

    /// @dev Per record: keccak256(abi.encode(assertion)) while it waits, {DISPUTED}, or zero once settled.
    mapping(uint256 recordId => bytes32) internal _assertionHashes;
    mapping(uint256 recordId => Dispute) private _disputes;

    /// @inheritdoc IAttributionLedger
    function dispute(uint256 recordId, Assertion calldata assertion, string calldata evidenceCid)
        external
        payable
        nonReentrant
    {
        (uint256 stake, uint256 required) = _validatorStake(msg.sender);
        if (stake < required) revert AttributionLedgerNotValidator(msg.sender, stake, required);
        uint256 bond = _disputeBond();
        if (msg.value != bond) revert AttributionLedgerWrongDisputeBond(bond, msg.value);
        if (bytes(evidenceCid).length == 0) revert AttributionLedgerMissingEvidence();
        if (!_recordExists(recordId)) revert AttributionLedgerUnknownRecord(recordId);
        bytes32 hash = keccak256(abi.encode(assertion));
        if (_assertionHashes[recordId] != hash) revert AttributionLedgerAssertionMismatch(recordId);
        if (msg.sender == assertion.payer) revert AttributionLedgerSelfDispute(recordId);
        if (block.timestamp >= assertion.deadline) {
            revert AttributionLedgerChallengeWindowClosed(recordId, assertion.deadline);
        }
        _assertionHashes[recordId] = DISPUTED;
        // The bond is bounded by ProtocolParams.MAX_DISPUTE_BOND (10,000 OPEN), far below 2^96.
        // forge-lint: disable-next-line(unsafe-typecast)
        _disputes[recordId] = Dispute({assertionHash: hash, disputer: msg.sender, bond: uint96(bond)});
        emit AttributionDisputed(recordId, msg.sender, bond, evidenceCid);
    }

    /// @inheritdoc IAttributionLedger
    function resolveDispute(
        uint256 recordId,
        Assertion calldata assertion,
        bool assertionUpheld,
        string calldata winningEvidenceCid,
        uint64[] calldata correctedIds,
        uint64[] calldata correctedWeights
    ) external nonReentrant {
        if (msg.sender != _governance()) revert AttributionLedgerNotGovernance(msg.sender);
        Dispute memory open = _disputes[recordId];
        if (open.disputer == address(0)) revert AttributionLedgerNotDisputed(recordId);
        if (open.assertionHash != keccak256(abi.encode(assertion))) revert AttributionLedgerAssertionMismatch(recordId);
        if (bytes(winningEvidenceCid).length == 0) revert AttributionLedgerMissingEvidence();
        delete _disputes[recordId];
        delete _assertionHashes[recordId];

        bool toPool = !assertionUpheld && correctedIds.length == 0;
        _awardBonds(recordId, open, assertion, assertionUpheld, winningEvidenceCid, toPool);
        if (assertionUpheld) _payAsAsserted(assertion);
        else if (toPool) _payPool(recordId, assertion);
        else _payCorrected(assertion, correctedIds, correctedWeights);
    }

    /// @inheritdoc IAttributionLedger
    function assertionHash(uint256 recordId) external view returns (bytes32) {
        return _assertionHashes[recordId];
    }

    /// @inheritdoc IAttributionLedger
    function disputeOf(uint256 recordId) external view returns (address disputer, uint256 bond) {
        Dispute storage open = _disputes[recordId];
        return (open.disputer, open.bond);
    }

    /// @dev Credits the winner both bonds less the treasury's cut of the loser's, and announces the ruling.
    function _awardBonds(
        uint256 recordId,
        Dispute memory open,
        Assertion calldata assertion,
        bool assertionUpheld,
        string calldata winningEvidenceCid,
        bool toPool
    ) private {
        address winner = assertionUpheld ? assertion.payer : open.disputer;
        uint256 loserBond = assertionUpheld ? open.bond : assertion.bond;
        uint256 cut = loserBond * DISPUTE_TREASURY_CUT_BPS / BPS_DENOMINATOR;
        uint256 award = uint256(assertion.bond) + open.bond - cut;
        _credit(winner, award);
        _toTreasury(cut);
        emit DisputeResolved(recordId, assertionUpheld, winner, award, cut, winningEvidenceCid, toPool);
    }

    /// @dev Who resolves disputes (the Timelock).
    function _governance() internal view virtual returns (address);

    /// @dev `account`'s active stake and the stake a validator needs.
    function _validatorStake(address account) internal view virtual returns (uint256 stake, uint256 required);

    /// @dev The dispute bond now.
    function _disputeBond() internal view virtual returns (uint256);

    /// @dev Whether `recordId` was ever recorded.
    function _recordExists(uint256 recordId) internal view virtual returns (bool);

    /// @dev Pays the escrowed data share by the assertion's own weights.
    function _payAsAsserted(Assertion calldata assertion) internal virtual;

    /// @dev Pays the escrowed data share by governance's corrected weights, checked like an assertion's.
    function _payCorrected(Assertion calldata assertion, uint64[] calldata ids, uint64[] calldata weights)
        internal
        virtual;

    /// @dev Pays the escrowed data share to the pool of the assertion's training set.
    function _payPool(uint256 recordId, Assertion calldata assertion) internal virtual;

    /// @dev Adds `amount` to what the treasury collects.
    function _toTreasury(uint256 amount) internal virtual;
}
