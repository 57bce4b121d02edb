// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAttributionLedger} from "../../../src/interfaces/IAttributionLedger.sol";
import {IClaims} from "../../../src/interfaces/IClaims.sol";
import {IDatanetRegistry} from "../../../src/interfaces/IDatanetRegistry.sol";
import {Vm} from "../../utils/Vm.sol";
import {ProtocolHandlerBase} from "./ProtocolHandlerBase.sol";

/**
 * @title LedgerHandler
 * @notice Part of the protocol invariant handler. Optimistic attribution and its adversaries: records left open
 * across warps and finalized later in batches (the same record twice in one batch, two racing batches, disputed
 * and settled records mixed in, a finalize before the window closes); a payer who self-attributes; an honest
 * validator who disputes lies and a griefer who disputes honest records; governance (the Timelock, pranked)
 * ruling for the truth, with corrected weights or to the pool; disputes that must be refused (no validator
 * stake, after the window, wrong bond, no evidence, tampered assertion, already disputed); claimant contracts that
 * re-enter or refuse OPEN; `claimTo(vOPEN)`; and a sybil declaring sizes over the whole uint64 range.
 * @dev Nothing here asserts: every outcome the invariants care about becomes a ghost fact (see
 * {ProtocolHandlerBase}), measured where possible from the ledger's own events, and every input is bounded so the
 * actions themselves succeed (the suite runs with `fail_on_revert`).
 */
abstract contract LedgerHandler is ProtocolHandlerBase {
    string internal constant EVIDENCE = "bafyrecomputed";
    string internal constant RULING = "bafywinning";

    // ================================================================ finalisation

    /**
     * @notice Finalizes up to {MAX_FINALIZE} open records (picks may repeat: the same record twice in one batch),
     * sometimes with a disputed and a settled record mixed in (both skipped). One time in three a record just made
     * joins the batch and it first tries before that window closes (refused); then it waits the windows out. One time in four a second caller
     * races with the same batch (which then pays nothing).
     */
    function finalizeRecords(uint256 pickSeed, uint256 countSeed, uint256 modeSeed) external {
        // One time in three a record in its window (recorded now) joins the batch, so a first try is too early.
        uint256 fresh = _openRecords.length == 0 || modeSeed % 3 == 0 ? _recordHonest(pickSeed) : 0;
        (uint256[] memory ids, IAttributionLedger.Assertion[] memory assertions) =
            _finalizeBatch(pickSeed, countSeed, modeSeed, fresh);

        (uint256 blocking, uint64 latest) = _firstInWindow(ids);
        if (blocking != 0 && modeSeed % 3 == 0) {
            vm.recordLogs();
            vm.prank(_actors[pickSeed % _actors.length]);
            try ledger.finalize(ids, assertions) {
                ++ghostEarlyFinalizations;
                ++tally["finalized inside the challenge window"];
                _settleFinalized(ids);
            } catch (bytes memory reason) {
                vm.getRecordedLogs();
                _expectError(
                    reason,
                    abi.encodeWithSelector(
                        IAttributionLedger.AttributionLedgerChallengeWindowOpen.selector,
                        blocking,
                        _records[blocking].deadline
                    )
                );
                ++tally["early finalize refused"];
            }
        }
        if (latest > block.timestamp) vm.warp(latest);

        vm.recordLogs();
        vm.prank(_actors[(pickSeed >> 8) % _actors.length]);
        try ledger.finalize(ids, assertions) {
            _settleFinalized(ids);
        } catch {
            vm.getRecordedLogs();
            ++ghostValidCallsRefused;
            return;
        }
        if (modeSeed % 4 == 1) {
            // A racing finaliser with the same batch: everything in it is settled or disputed now.
            vm.recordLogs();
            vm.prank(_actors[(pickSeed >> 16) % _actors.length]);
            try ledger.finalize(ids, assertions) returns (uint256 finalized) {
                _settleFinalized(ids);
                if (finalized == 0) ++tally["racing finalize paid nothing"];
            } catch {
                vm.getRecordedLogs();
                ++ghostValidCallsRefused;
            }
        }
    }

    /// @dev The batch: open picks (repeats allowed; `fresh`, if not zero, among them), then maybe a disputed and a
    /// settled record, shuffled in.
    function _finalizeBatch(uint256 pickSeed, uint256 countSeed, uint256 modeSeed, uint256 fresh)
        internal
        view
        returns (uint256[] memory ids, IAttributionLedger.Assertion[] memory assertions)
    {
        uint256 n = bound(countSeed, 1, MAX_FINALIZE);
        bool withDisputed = modeSeed >> 2 & 1 == 1 && _disputedRecords.length != 0;
        bool withSettled = modeSeed >> 3 & 1 == 1 && _settledRecords.length != 0;
        ids = new uint256[](n + (withDisputed ? 1 : 0) + (withSettled ? 1 : 0));
        for (uint256 i = 0; i < n; ++i) {
            ids[i] = _openRecords[uint256(keccak256(abi.encode(pickSeed, i))) % _openRecords.length];
        }
        if (fresh != 0) ids[n - 1] = fresh;
        if (withDisputed) ids[n++] = _disputedRecords[(pickSeed >> 32) % _disputedRecords.length];
        if (withSettled) ids[n++] = _settledRecords[(pickSeed >> 40) % _settledRecords.length];
        uint256 swap = (modeSeed >> 4) % ids.length;
        (ids[0], ids[swap]) = (ids[swap], ids[0]);
        assertions = new IAttributionLedger.Assertion[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            assertions[i] = _assertionOf(ids[i]);
        }
    }

    /// @dev The first open record of the batch whose window is still open (the one a finalize now reverts on), and
    /// the latest deadline of the batch's open records.
    function _firstInWindow(uint256[] memory ids) internal view returns (uint256 blocking, uint64 latest) {
        for (uint256 i = 0; i < ids.length; ++i) {
            GhostRecord storage r = _records[ids[i]];
            if (r.state != RecordState.Open) continue;
            if (r.deadline > latest) latest = r.deadline;
            if (blocking == 0 && r.deadline > block.timestamp) blocking = ids[i];
        }
    }

    /**
     * @dev After a finalize that succeeded: measures what the ledger did from its events, then settles in the ghost
     * every distinct record of the batch that was open (as asserted, with the bond back to the payer).
     */
    function _settleFinalized(uint256[] memory ids) internal {
        _measureSettlements(0);
        for (uint256 i = 0; i < ids.length; ++i) {
            GhostRecord storage r = _records[ids[i]];
            if (r.state != RecordState.Open) continue;
            IAttributionLedger.Assertion memory a = _assertionOf(ids[i]);
            ghostTreasuryPot += _ghostPay(a.contributionIds, a.weights, a.dataShare);
            ghostLedgerCredited[a.payer] += a.bond;
            _closeRecord(ids[i], a);
            _removeRecord(_openRecords, ids[i]);
            ++tally[r.lie ? "self-attribution finalized unchallenged" : "record finalized"];
        }
    }

    // ================================================================ disputes

    /**
     * @notice A validator disputes an open record within its window: usually the honest validator disputes a lie,
     * one time in three the griefer disputes an honest record (recording one first if none is open). Before it,
     * one refused dispute: by a non-validator, with the wrong bond, without evidence, with a tampered assertion, or
     * of a record whose window has closed; after it, one time in five a second dispute of the same record.
     */
    function disputeRecord(uint256 recordSeed, uint256 modeSeed) external {
        bool grief = modeSeed % 3 == 0;
        uint256 id = _findDisputable(recordSeed, !grief);
        if (id == 0) id = grief ? _recordHonest(recordSeed) : _recordLie(recordSeed, recordSeed >> 8, recordSeed >> 16);
        address validator = grief ? _griefer : _honestValidator;
        _readyValidator(validator);
        IAttributionLedger.Assertion memory a = _assertionOf(id);

        if (_refusedDispute(id, a, modeSeed >> 2)) return;
        if (!_dispute(id, a, validator, EVIDENCE)) return;
        ++tally[grief ? "griefer disputed an honest record" : "validator disputed a lie"];

        if ((modeSeed >> 8) % 5 == 0) {
            address other = grief ? _honestValidator : _griefer;
            _readyValidator(other);
            uint256 bond = _ghostParams.disputeBond;
            vm.deal(other, other.balance + bond);
            vm.prank(other);
            try ledger.dispute{value: bond}(id, a, EVIDENCE) {
                ++ghostInvalidDisputes;
            } catch (bytes memory reason) {
                _expectError(
                    reason, abi.encodeWithSelector(IAttributionLedger.AttributionLedgerAssertionMismatch.selector, id)
                );
                ++tally["second dispute refused"];
            }
        }
    }

    /// @dev An open record in its window that is a lie (`lie`) or honest (`!lie`), searching from `seed`; or zero.
    function _findDisputable(uint256 seed, bool lie) internal view returns (uint256) {
        uint256 n = _openRecords.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = _openRecords[_at(seed, i, n)];
            GhostRecord storage r = _records[id];
            if (r.lie == lie && r.deadline > block.timestamp) return id;
        }
        return 0;
    }

    /// @dev Tops up `validator`'s active stake to the validator minimum.
    function _readyValidator(address validator) internal {
        uint256 required = _ghostParams.minValidatorStake;
        uint256 active = _stakes[validator].active;
        if (active < required) _stake(validator, required - active);
    }

    /**
     * @dev One dispute of record `id` that must be refused; returns true if it was accepted after all (then the
     * record is disputed, by whoever got through, and the ghost follows the ledger).
     */
    function _refusedDispute(uint256 id, IAttributionLedger.Assertion memory a, uint256 mode) internal returns (bool) {
        uint256 bond = _ghostParams.disputeBond;
        uint256 required = _ghostParams.minValidatorStake;
        uint256 kind = mode % 6;
        address caller = _honestValidator;
        uint256 value = bond;
        string memory evidence = EVIDENCE;
        IAttributionLedger.Assertion memory sent = a;
        bytes memory expected;
        if (kind != 0) _readyValidator(caller);
        if (kind == 0) {
            // Anyone below the validator stake: a user who is not the payer (users never stake).
            caller = _users[mode % _users.length];
            if (caller == a.payer) caller = _users[(mode + 1) % _users.length];
            expected = abi.encodeWithSelector(
                IAttributionLedger.AttributionLedgerNotValidator.selector, caller, _stakes[caller].active, required
            );
        } else if (kind == 1) {
            value = bond - 1;
            expected =
                abi.encodeWithSelector(IAttributionLedger.AttributionLedgerWrongDisputeBond.selector, bond, value);
        } else if (kind == 2) {
            evidence = "";
            expected = abi.encodeWithSelector(IAttributionLedger.AttributionLedgerMissingEvidence.selector);
        } else if (kind == 3) {
            sent = _assertionOf(id);
            sent.dataShare += 1;
            expected = abi.encodeWithSelector(IAttributionLedger.AttributionLedgerAssertionMismatch.selector, id);
        } else if (kind == 4) {
            // An open record whose window has closed, if there is one.
            uint256 late = _findLate(mode >> 3);
            if (late == 0) return false;
            id = late;
            a = _assertionOf(late);
            sent = a;
            expected = abi.encodeWithSelector(
                IAttributionLedger.AttributionLedgerChallengeWindowClosed.selector, late, a.deadline
            );
        } else {
            return false;
        }
        vm.deal(caller, caller.balance + value);
        vm.prank(caller);
        try ledger.dispute{value: value}(id, sent, evidence) {
            if (kind == 0) ++ghostNonValidatorDisputes;
            else if (kind == 4) ++ghostLateDisputes;
            else ++ghostInvalidDisputes;
            ++tally["a dispute that must fail was accepted"];
            _ghostDisputed(id, caller, value);
            return kind != 4;
        } catch (bytes memory reason) {
            _expectError(reason, expected);
            ++tally["invalid dispute refused"];
            return false;
        }
    }

    /// @dev An open record whose window has closed, searching from `seed`; or zero.
    function _findLate(uint256 seed) internal view returns (uint256) {
        uint256 n = _openRecords.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = _openRecords[_at(seed, i, n)];
            if (_records[id].deadline <= block.timestamp) return id;
        }
        return 0;
    }

    /// @dev `validator` disputes record `id` with the bond; returns whether the ledger accepted it.
    function _dispute(uint256 id, IAttributionLedger.Assertion memory a, address validator, string memory evidence)
        internal
        returns (bool)
    {
        uint256 bond = _ghostParams.disputeBond;
        vm.deal(validator, validator.balance + bond);
        vm.prank(validator);
        try ledger.dispute{value: bond}(id, a, evidence) {
            _ghostDisputed(id, validator, bond);
            return true;
        } catch {
            ++ghostValidCallsRefused;
            return false;
        }
    }

    function _ghostDisputed(uint256 id, address disputer, uint256 bond) internal {
        GhostRecord storage r = _records[id];
        r.state = RecordState.Disputed;
        r.disputer = disputer;
        r.disputeBond = bond;
        ghostOpenDisputeBonds += bond;
        _removeRecord(_openRecords, id);
        _disputedRecords.push(id);
    }

    // ================================================================ governance

    /**
     * @notice Governance (the Timelock, pranked) resolves a dispute for the truth: an honest record is upheld (the
     * griefer loses), a lie is not (by corrected weights over the training set without the liar's contributions,
     * or, one time in three or when nothing is left, to the pool). Disputes one first if none is open. Afterwards,
     * one time in four, the same ruling again (refused: the record is settled).
     */
    function resolveDispute(uint256 recordSeed, uint256 rulingSeed) external {
        if (_disputedRecords.length == 0) {
            bool grief = rulingSeed % 3 == 0;
            uint256 fresh = grief ? _recordHonest(recordSeed) : _recordLie(recordSeed, recordSeed >> 8, recordSeed >> 16);
            address validator = grief ? _griefer : _honestValidator;
            _readyValidator(validator);
            if (!_dispute(fresh, _assertionOf(fresh), validator, EVIDENCE)) return;
        }
        uint256 id = _disputedRecords[recordSeed % _disputedRecords.length];
        GhostRecord storage r = _records[id];
        IAttributionLedger.Assertion memory a = _assertionOf(id);
        bool upheld = !r.lie;
        (uint64[] memory ids, uint64[] memory weights) =
            upheld || (rulingSeed >> 3) % 3 == 0 ? (new uint64[](0), new uint64[](0)) : _corrected(a, rulingSeed >> 8);

        vm.recordLogs();
        vm.prank(address(timelock));
        try ledger.resolveDispute(id, a, upheld, RULING, ids, weights) {}
        catch {
            vm.getRecordedLogs();
            ++ghostValidCallsRefused;
            return;
        }
        _measureSettlements(id);
        _ghostResolve(id, a, upheld, ids, weights);

        if (rulingSeed >> 1 & 3 == 0) {
            vm.recordLogs();
            vm.prank(address(timelock));
            try ledger.resolveDispute(id, a, upheld, RULING, ids, weights) {
                _measureSettlements(id);
            } catch (bytes memory reason) {
                vm.getRecordedLogs();
                _expectError(reason, abi.encodeWithSelector(IAttributionLedger.AttributionLedgerNotDisputed.selector, id));
            }
        }
    }

    /**
     * @dev Governance's corrected weights for a lie: a random subset of the record's training set without the
     * liar's contributions, in increasing id order, weights anywhere in the uint64 range; empty if nothing is left.
     */
    function _corrected(IAttributionLedger.Assertion memory a, uint256 seed)
        internal
        view
        returns (uint64[] memory ids, uint64[] memory weights)
    {
        uint64[] memory members = _eligible(_poolKey(a.modelId, a.adapterVersion));
        uint256 limit = _ghostParams.maxPaidContributions < MAX_PAID ? _ghostParams.maxPaidContributions : MAX_PAID;
        ids = new uint64[](members.length);
        uint256 n;
        for (uint256 i = 0; i < members.length && n < limit; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            if (_contrib[members[i]].contributor == a.payer || r % 2 == 0) continue;
            ids[n++] = members[i];
        }
        assembly ("memory-safe") {
            mstore(ids, n)
        }
        for (uint256 i = 1; i < n; ++i) {
            for (uint256 j = i; j > 0 && ids[j - 1] > ids[j]; --j) {
                (ids[j - 1], ids[j]) = (ids[j], ids[j - 1]);
            }
        }
        weights = new uint64[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "weight", i)));
            weights[i] = uint64(1 + (r >> 8) % (uint256(1) << (r % 64)));
        }
    }

    /// @dev The ghost of a ruling: bonds to the winner less the treasury's cut, the escrow as ruled.
    function _ghostResolve(
        uint256 id,
        IAttributionLedger.Assertion memory a,
        bool upheld,
        uint64[] memory ids,
        uint64[] memory weights
    ) internal {
        GhostRecord storage r = _records[id];
        uint256 loserBond = upheld ? r.disputeBond : a.bond;
        uint256 cut = loserBond * DISPUTE_CUT_BPS / BPS;
        ghostLedgerCredited[upheld ? a.payer : r.disputer] += uint256(a.bond) + r.disputeBond - cut;
        ghostTreasuryPot += cut;
        if (upheld) {
            ghostTreasuryPot += _ghostPay(a.contributionIds, a.weights, a.dataShare);
            ++tally["ruling: assertion upheld, griefer lost"];
        } else if (ids.length == 0) {
            _ghostAddToPool(_poolKey(a.modelId, a.adapterVersion), a.dataShare);
            ++tally["ruling: lie, escrow to the pool"];
        } else {
            ghostTreasuryPot += _ghostPay(ids, weights, a.dataShare);
            for (uint256 i = 0; i < ids.length; ++i) {
                ghostEscrowNaming[ids[i]] += a.dataShare;
            }
            ++tally["ruling: lie, corrected weights"];
        }
        ghostOpenDisputeBonds -= r.disputeBond;
        _closeRecord(id, a);
        _removeRecord(_disputedRecords, id);
    }

    /// @dev Releases a settled record's escrow and bond from the ghost's open totals.
    function _closeRecord(uint256 id, IAttributionLedger.Assertion memory a) internal {
        _records[id].state = RecordState.Settled;
        ghostOpenEscrow -= a.dataShare;
        ghostOpenAssertionBonds -= a.bond;
        _settledRecords.push(id);
    }

    // ================================================================ measuring settlements

    /**
     * @dev Reads the ledger's events since `vm.recordLogs()` and turns them into measured facts, judged against the
     * ghost state from before the call: a record settled twice or while disputed, a payer refunded more than they
     * paid (or anything, when ruled against), a ruling's winner or award unlike the truth, and what each
     * contribution was credited. `resolved` is the record a ruling settled (its events come after
     * DisputeResolved); zero for a finalize (a record's credits come before its AttributionFinalized).
     */
    function _measureSettlements(uint256 resolved) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        // The credits since the last AttributionFinalized, to the account `payee` stands for.
        uint256 pendingToPayer;
        address[] memory payees = new address[](logs.length);
        uint256[] memory amounts = new uint256[](logs.length);
        uint256 pending;
        for (uint256 i = 0; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(ledger)) continue;
            bytes32 topic = log.topics[0];
            if (topic == IAttributionLedger.ContributionRewarded.selector) {
                uint256 amount = abi.decode(log.data, (uint256));
                measuredByWeight[uint64(uint256(log.topics[1]))] += amount;
                payees[pending] = address(uint160(uint256(log.topics[2])));
                amounts[pending++] = amount;
            } else if (topic == IAttributionLedger.AttributionFinalized.selector) {
                uint256 recordId = uint256(log.topics[1]);
                address payer = address(uint160(uint256(log.topics[2])));
                pendingToPayer = abi.decode(log.data, (uint256));
                for (uint256 j = 0; j < pending; ++j) {
                    if (payees[j] == payer) pendingToPayer += amounts[j];
                }
                pending = 0;
                _countSettlement(recordId);
                if (_records[recordId].state == RecordState.Disputed) ++ghostDisputedFinalized;
                if (pendingToPayer > _records[recordId].paid) ++ghostPayerOverRefunds;
            }
        }
        if (resolved != 0) _measureRuling(resolved, logs);
    }

    /// @dev The facts of a ruling on record `id` from its events: winner, award, cut and what the payer got back.
    function _measureRuling(uint256 id, Vm.Log[] memory logs) internal {
        GhostRecord storage r = _records[id];
        IAttributionLedger.Assertion memory a = _assertionOf(id);
        bool upheld = !r.lie;
        uint256 toPayer;
        for (uint256 i = 0; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(ledger)) continue;
            bytes32 topic = log.topics[0];
            if (topic == IAttributionLedger.ContributionRewarded.selector) {
                if (address(uint160(uint256(log.topics[2]))) == a.payer) toPayer += abi.decode(log.data, (uint256));
            } else if (topic == IAttributionLedger.DisputeResolved.selector && uint256(log.topics[1]) == id) {
                _countSettlement(id);
                address winner = address(uint160(uint256(log.topics[2])));
                (, uint256 award, uint256 cut,,) = abi.decode(log.data, (bool, uint256, uint256, string, bool));
                if (winner != (upheld ? a.payer : r.disputer)) ++ghostWrongWinners;
                uint256 expectedCut = (upheld ? r.disputeBond : a.bond) * DISPUTE_CUT_BPS / BPS;
                if (cut != expectedCut || award != uint256(a.bond) + r.disputeBond - expectedCut) ++ghostWrongAwards;
                if (winner == a.payer) toPayer += award;
            }
        }
        if (!upheld && toPayer != 0) ++ghostLiarRefunds;
        if (upheld && toPayer > r.paid + r.disputeBond) ++ghostPayerOverRefunds;
    }

    function _countSettlement(uint256 recordId) internal {
        if (++measuredSettlements[recordId] > 1) ++ghostRecordsSettledTwice;
    }

    // ================================================================ claimant contracts

    /**
     * @notice A claimant contract claims its ledger credit: the re-entering one (every payment it receives tries to
     * claim again), or the reverting one (its own claim fails, and `claimTo` a rescue account gets the credit out).
     * One time in four someone with a credit first tries `claimTo(vOPEN)`, which is refused.
     */
    function claimAsContract(uint256 whichSeed, uint256 modeSeed) external {
        if (modeSeed % 4 == 0) _claimToVotes(whichSeed);
        address claimant = whichSeed % 2 == 0 ? address(_reentering) : address(_reverting);
        uint256 owed = ghostLedgerCredited[claimant] - ghostLedgerClaimed[claimant];
        if (owed == 0) {
            vm.prank(claimant);
            try ledger.claim() {
                ++ghostClaimMismatches;
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IClaims.ClaimsNothingToClaim.selector, claimant));
            }
            return;
        }
        if (claimant == address(_reentering)) _claimReentering(owed);
        else _claimReverting(owed);
    }

    function _claimReentering(uint256 owed) internal {
        address claimant = address(_reentering);
        uint256 before = claimant.balance;
        uint256 reentriesBefore = _reentering.reentries();
        vm.prank(claimant);
        try ledger.claim() returns (uint256 amount) {
            ghostLedgerClaimed[claimant] += owed;
            if (amount != owed || claimant.balance - before != owed) ++ghostClaimMismatches;
            if (_reentering.reentries() != reentriesBefore) {
                ++tally["re-entrant claim refused"];
                _expectError(
                    _reentering.lastReentryError(),
                    abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
                );
            }
        } catch {
            ++ghostValidCallsRefused;
        }
    }

    function _claimReverting(uint256 owed) internal {
        address claimant = address(_reverting);
        vm.prank(claimant);
        try ledger.claim() {
            ++ghostRevertingCreditLost;
            ghostLedgerClaimed[claimant] += owed;
            return;
        } catch (bytes memory reason) {
            _expectError(reason, abi.encodeWithSelector(IClaims.ClaimsTransferFailed.selector, claimant, owed));
        }
        if (ledger.claimable(claimant) != owed) ++ghostRevertingCreditLost;
        uint256 before = _rescue.balance;
        vm.prank(claimant);
        try ledger.claimTo(_rescue) returns (uint256 amount) {
            ghostLedgerClaimed[claimant] += owed;
            if (amount != owed || _rescue.balance - before != owed) ++ghostRevertingCreditLost;
            ++tally["reverting claimant rescued its credit with claimTo"];
        } catch {
            ++ghostValidCallsRefused;
        }
    }

    /// @dev Someone with a ledger credit (if anyone) tries `claimTo(vOPEN)`: refused, the credit kept.
    function _claimToVotes(uint256 seed) internal {
        address[] storage pool = _actors;
        for (uint256 i = 0; i < pool.length; ++i) {
            address a = pool[_at(seed, i, pool.length)];
            uint256 owed = ghostLedgerCredited[a] - ghostLedgerClaimed[a];
            if (owed == 0) continue;
            vm.prank(a);
            try ledger.claimTo(address(openVotes)) {
                ++ghostClaimToVotesAccepted;
                ghostLedgerClaimed[a] += owed;
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IClaims.ClaimsInvalidReceiver.selector, address(openVotes)));
                ++tally["claimTo vOPEN refused"];
            }
            return;
        }
    }

    // ================================================================ the sybil

    /**
     * @notice The sybil contributes with a declared size anywhere in the uint64 range: one time in four any uint64
     * (zero included), then exactly the byte cap, just above it, or anywhere from 1 to it. Zero and anything above
     * `maxContributionBytes` must be refused; a size within the cap is accepted and, one time in two, approved at
     * once, so the sybil's largest contributions join later training sets and their per-byte pools.
     */
    function sybilContribute(uint256 datanetSeed, uint256 sizeSeed, uint256 approveSeed) external {
        uint64 d = _pickDatanet(datanetSeed);
        uint256 maximum = _ghostParams.maxContributionBytes;
        uint256 mode = sizeSeed % 4;
        uint256 raw = sizeSeed >> 2;
        uint64 size = uint64(
            mode == 0
                ? raw % (uint256(type(uint64).max) + 1)
                : mode == 1 ? maximum : mode == 2 ? bound(raw, maximum + 1, type(uint64).max) : bound(raw, 1, maximum)
        );
        bytes32 hash = _freshHash();
        if (size == 0 || size > maximum) {
            uint256 bond = _ghostParams.contributionBond;
            vm.deal(_sybil, _sybil.balance + bond);
            vm.prank(_sybil);
            try datanets.contribute{value: bond}(d, contributionInput(hash, size)) returns (uint64 id) {
                ++ghostOversizeAccepted;
                ++tally["sybil: oversized contribution accepted"];
                // forge-lint: disable-next-line(unsafe-typecast)
                _ghostContribute(id, _sybil, d, hash, size, uint128(bond));
            } catch (bytes memory reason) {
                _expectError(
                    reason,
                    size == 0
                        ? abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryEmptyContribution.selector)
                        : abi.encodeWithSelector(
                            IDatanetRegistry.DatanetRegistryContributionTooLarge.selector, size, maximum
                        )
                );
                ++tally["sybil: oversized contribution refused"];
            }
            return;
        }
        uint64 id = _contribute(_sybil, d, hash, size);
        ++tally["sybil: contribution within the cap"];
        if (approveSeed % 2 == 0) {
            _approve(d, _readyCurator(d, approveSeed >> 1), one(id));
            ++tally["sybil: contribution approved"];
        }
    }

    // ================================================================ self-attribution

    /// @notice A contributor pays for an answer that names only their own contribution (see {_recordLie}); it
    /// stays open, to be disputed by the honest validator or, unchallenged, finalized after its window.
    function selfAttribute(uint256 modelSeed, uint256 pickSeed, uint256 weightSeed) external {
        _recordLie(modelSeed, pickSeed, weightSeed);
    }
}
