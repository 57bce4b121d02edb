// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Staking} from "../../../src/Staking.sol";
import {IAttributionLedger} from "../../../src/interfaces/IAttributionLedger.sol";
import {IDatanetRegistry} from "../../../src/interfaces/IDatanetRegistry.sol";
import {IProtocolParams} from "../../../src/interfaces/IProtocolParams.sol";
import {ProtocolFixture} from "../../utils/ProtocolFixture.sol";
import {ReenteringClaimant, RevertingClaimant} from "./LedgerClaimants.sol";

/**
 * @title ProtocolHandlerBase
 * @notice What every part of the protocol handler shares: the deployed contracts (from {ProtocolFixture}), the
 * fixed actors, the ghost state the invariants compare the contracts with, the views the invariant contract
 * reads, and small helpers.
 * @dev The handler is split by concern into abstract contracts on this base (datanets and curation, models and
 * answers, claims and staking, governance with treasury and time, adversarial calls); {ProtocolHandler} joins
 * them. An internal action one concern needs from another is declared here and implemented in its own file.
 *
 * The handlers never assert: a call that must fail but succeeds, a refusal with unexpected revert data, or anything
 * else that breaks a property is recorded here as a ghost fact (a counter), and each `invariant_` function checks
 * one property, so a campaign reports exactly which property broke instead of failing every invariant at once.
 */
abstract contract ProtocolHandlerBase is ProtocolFixture {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant SCALE = 1e18;
    uint256 internal constant MIN_STAKE = 1 ether;
    uint256 internal constant MAX_DATANETS = 4;
    uint256 internal constant MAX_MODELS = 4;
    uint256 internal constant MAX_ADAPTER_VERSIONS = 4;
    uint256 internal constant CONTENT_POOL = 6;
    uint256 internal constant MAX_BATCH = 3;
    uint256 internal constant MAX_PAID = 6;
    uint256 internal constant VOTER0_VOTES = 200_000_000 ether;
    uint256 internal constant VOTER1_VOTES = 100_000_000 ether;
    uint256 internal constant MAX_FINALIZE = 4;
    /// @dev {AttributionDisputes-DISPUTE_TREASURY_CUT_BPS}, restated so the ghost does not read it from the ledger.
    uint256 internal constant DISPUTE_CUT_BPS = 1_000;

    // ---------------------------------------------------------------- actors

    address[] internal _users;
    address[] internal _curators;
    address[] internal _stakerOnly;
    address[] internal _modelOwners;
    address[] internal _voters;
    /// @dev Everyone who can stake: the stakers and the curators.
    address[] internal _stakers;
    /// @dev Every externally owned actor the claims actions may pick.
    address[] internal _actors;
    /// @dev Accounts outside {_actors} that the ledger can still credit (the claimant contracts and the sybil): the
    /// claims actions leave them alone, the sums over claimable balances include them (see {accounts}).
    address[] internal _others;
    /// @dev Who pays for answers: every actor but the validators, and the claimant contracts.
    address[] internal _payers;
    /// @dev A validator who disputes lies, and one who disputes honest records (a griefer); both stake.
    address internal _honestValidator;
    address internal _griefer;
    /// @dev Receives what the reverting claimant gets out through `claimTo`.
    address internal _rescue;
    /// @dev A contributor that declares sizes anywhere in the uint64 range.
    address internal _sybil;
    ReenteringClaimant internal _reentering;
    RevertingClaimant internal _reverting;

    // ---------------------------------------------------------------- ghost: parameters

    IProtocolParams.Parameters internal _ghostParams;

    // ---------------------------------------------------------------- ghost: datanets and contributions

    struct GhostContribution {
        address contributor;
        uint64 datanetId;
        bytes32 contentHash;
        uint128 bond;
        uint64 byteSize;
        IDatanetRegistry.ContributionStatus status;
        uint32 acceptedSeq;
        uint40 decidedAt;
    }

    struct GhostDatanet {
        address owner;
        uint64 acceptedBytes;
        uint64[] pending;
        uint64[] accepted;
        uint32[] versionCounts;
        uint64[] versionBytes;
    }

    mapping(uint64 id => GhostContribution) internal _contrib;
    mapping(uint64 datanetId => GhostDatanet) internal _datanet;
    mapping(uint64 datanetId => mapping(address => bool)) internal _isCurator;
    mapping(uint64 datanetId => mapping(bytes32 => uint64)) internal _acceptedByHash;
    uint64 public ghostContributionCount;
    uint64 public ghostDatanetCount;
    /// @dev Approved contributions whose bond is still held.
    uint64[] internal _unreleased;
    /// @dev Rejected contributions and proven duplicates: their bonds were slashed.
    uint64[] internal _slashed;
    uint256 internal _nonce;

    // ---------------------------------------------------------------- ghost: models and pools

    struct GhostModel {
        address owner;
        uint128 fee;
        uint32 adapterVersion;
    }

    /// @dev One (model, adapter version): its training set and a replica of the ledger's pool.
    struct GhostPool {
        uint64 modelId;
        uint32 adapterVersion;
        uint64 trainingBytes;
        uint64[] datanetIds;
        uint32[] acceptedCounts;
        uint256 rewardPerByte;
        uint256 carry;
        uint256 paidIn;
        uint256 settled;
        uint256 settlements;
    }

    mapping(uint64 modelId => GhostModel) internal _model;
    uint64 public ghostModelCount;
    mapping(uint256 poolKey => GhostPool) internal _pool;
    mapping(uint256 poolKey => mapping(uint64 id => uint256)) internal _poolPaid;
    uint256[] internal _poolKeys;

    // ---------------------------------------------------------------- ghost: money

    mapping(address => uint256) public ghostLedgerCredited;
    mapping(address => uint256) public ghostLedgerClaimed;
    mapping(address => uint256) public ghostDatanetCredited;
    mapping(address => uint256) public ghostDatanetClaimed;
    mapping(address => uint256) public ghostStakingCredited;
    mapping(address => uint256) public ghostStakingClaimed;

    /// @notice The ledger's stakers' pot and treasury pot, as the handler computed them.
    uint256 public ghostStakerPot;
    uint256 public ghostTreasuryPot;
    /// @notice Pooled data shares paid in and not yet settled to contributors.
    uint256 public ghostPoolUnsettled;
    /// @notice Bonds of pending contributions plus approved ones not yet released.
    uint256 public ghostBondsHeld;
    /// @notice Everything sent to the treasury, and what executed proposals spent from it.
    uint256 public ghostTreasuryIn;
    uint256 public ghostTreasurySpent;
    /// @notice Rewards Staking received and shared out, and what its claims paid.
    uint256 public ghostStakingIn;
    uint256 public ghostStakingClaimedTotal;
    /// @notice How many times a staker's rewards were settled (each can floor away under 1 wei).
    uint256 public ghostSettlements;

    // ---------------------------------------------------------------- ghost: staking replica

    struct GhostStake {
        uint256 active;
        uint256 unbonding;
        uint256 releaseAt;
        uint256 paid;
    }

    mapping(address => GhostStake) internal _stakes;
    uint256 public ghostTotalStaked;
    uint256 public ghostRewardPerStake;
    uint256 public ghostCarry;

    // ---------------------------------------------------------------- ghost: governance

    enum Kind {
        Threshold,
        FeeSplit,
        MaxPaid,
        DuplicateBounty,
        UnbondingPeriod,
        BondReleaseDelay,
        MinInferenceFee,
        RegistrationFee,
        ContributionBond,
        MinCuratorStake,
        Slash,
        Spend,
        OutOfBounds
    }

    struct GhostProposal {
        uint256 id;
        uint8 stage; // 0 none, 1 proposed, 2 voted, 3 queued
        Kind kind;
        address target;
        uint256 value;
        bytes data;
        bytes32 descriptionHash;
        uint256 arg;
        address who;
        IProtocolParams.FeeSplit split;
        uint8 support0;
        uint8 support1;
    }

    GhostProposal internal _proposal;
    uint256 public proposalsCreated;
    uint256 public proposalsExecuted;
    uint256 public proposalsDefeated;
    uint256 public proposalsFailedExecution;
    uint256 public unauthorizedCallsRefused;

    // ---------------------------------------------------------------- ghost: records (optimistic attribution)

    enum RecordState {
        None,
        Pool,
        Open,
        Disputed,
        Settled
    }

    /// @dev One record as the handler sees it. A lie is an assertion the handler knows false (self-attribution);
    /// governance rules against lies and for everything else.
    struct GhostRecord {
        RecordState state;
        bool lie;
        address payer;
        uint64 deadline;
        uint256 paid;
        address disputer;
        uint256 disputeBond;
    }

    mapping(uint256 recordId => GhostRecord) internal _records;
    /// @dev abi.encode of each asserted record's {IAttributionLedger.Assertion}.
    mapping(uint256 recordId => bytes) internal _assertions;
    uint256 public ghostRecordCount;
    uint256[] internal _openRecords;
    uint256[] internal _disputedRecords;
    uint256[] internal _settledRecords;
    /// @notice Data shares held in escrow, assertion bonds and dispute bonds of records not yet settled.
    uint256 public ghostOpenEscrow;
    uint256 public ghostOpenAssertionBonds;
    uint256 public ghostOpenDisputeBonds;
    /// @notice Per contribution: the escrowed data shares of every record whose assertion or ruling named it.
    mapping(uint64 id => uint256) public ghostEscrowNaming;
    /// @notice Per contribution: what the pool replica says its settlements owed it.
    mapping(uint64 id => uint256) public ghostPoolEntitled;

    // ---------------------------------------------------------------- measured (from the ledger's own events)

    /// @notice Per record: how many times the ledger settled it (AttributionFinalized or DisputeResolved).
    mapping(uint256 recordId => uint256) public measuredSettlements;
    /// @notice Per contribution: ContributionRewarded credits, and PooledRewardSettled credits.
    mapping(uint64 id => uint256) public measuredByWeight;
    mapping(uint64 id => uint256) public measuredFromPool;

    // ---------------------------------------------------------------- ghost facts, one invariant each

    /// @notice A call that must fail succeeded: an unauthorised call, or a refused datanet action.
    uint256 public ghostUnauthorizedSucceeded;
    uint256 public ghostRefusalsSucceeded;
    /// @notice A call failed as it must, but with other revert data than expected.
    uint256 public ghostWrongRevertData;
    /// @notice The last such revert data, and what was expected instead (for the failure message).
    bytes public lastWrongRevertData;
    bytes public lastExpectedRevertData;
    /// @notice A contract numbered a datanet, contribution, model, adapter version or record unlike the ghost.
    uint256 public ghostIdMismatches;
    /// @notice A finalize, dispute, resolution or claim the handler built to be valid was refused.
    uint256 public ghostValidCallsRefused;
    /// @notice The ledger settled a record a second time.
    uint256 public ghostRecordsSettledTwice;
    /// @notice The ledger finalized a record while it was disputed.
    uint256 public ghostDisputedFinalized;
    /// @notice A finalize succeeded before a record's challenge window closed.
    uint256 public ghostEarlyFinalizations;
    /// @notice A dispute by an account below the validator stake was accepted.
    uint256 public ghostNonValidatorDisputes;
    /// @notice A dispute after the challenge window was accepted.
    uint256 public ghostLateDisputes;
    /// @notice A dispute with the wrong bond, no evidence, a tampered assertion, or of a disputed record was accepted.
    uint256 public ghostInvalidDisputes;
    /// @notice A ruling credited the bonds to the side governance ruled against.
    uint256 public ghostWrongWinners;
    /// @notice A ruling's award or treasury cut differed from both bonds less 10% of the loser's.
    uint256 public ghostWrongAwards;
    /// @notice A payer got something back from a record ruled against them.
    uint256 public ghostLiarRefunds;
    /// @notice A payer got back more from a settled record (bond and own credits) than they paid for it.
    uint256 public ghostPayerOverRefunds;
    /// @notice A claim paid other than the claimable credit, or a re-entrant claim succeeded.
    uint256 public ghostClaimMismatches;
    /// @notice A claim by a receiver that refuses OPEN lost (or was paid) its credit.
    uint256 public ghostRevertingCreditLost;
    /// @notice `claimTo(vOPEN)` was accepted.
    uint256 public ghostClaimToVotesAccepted;
    /// @notice A contribution above `maxContributionBytes` was accepted.
    uint256 public ghostOversizeAccepted;

    /// @notice A staking action that must fail succeeded: a first stake below the minimum, a cancellation or
    /// withdrawal with nothing unbonding, a withdrawal before the unbonding period, a slash above the cap.
    uint256 public ghostStakingRefusalsSucceeded;
    /// @notice A claim with nothing claimable (ledger, registry or Staking) was accepted.
    uint256 public ghostEmptyClaimsAccepted;
    /// @notice A proposal whose call must fail (an out-of-bounds value, a slash above the cap) executed.
    uint256 public ghostFailingProposalsExecuted;
    /// @notice A contributor withdrew a pending contribution before the review timeout (with no later copy
    /// accepted), and how many early withdrawals were refused as they must be.
    uint256 public ghostEarlyWithdrawals;
    uint256 public earlyWithdrawalsRefused;

    /// @notice A value a contract reported or paid that differed from the handler's: how many times, and the
    /// last occurrence (what it was, the expected and the actual value) for the failure message.
    struct Mismatch {
        uint256 count;
        string what;
        uint256 expected;
        uint256 actual;
    }

    /// @notice `claimable(account)` of the contract claimed from differed from the ghost's owed amount.
    Mismatch public ghostClaimableAtClaim;
    /// @notice A claim returned, delivered or left claimable other than the owed amount (and zero after it).
    Mismatch public ghostClaimPayment;
    /// @notice The staking replica settled other credit at a claim than its claimable view predicted.
    Mismatch public ghostStakingSettlement;
    /// @notice An unstake request left another unbonding amount or release time than the ghost's.
    Mismatch public ghostUnbondingRequest;
    /// @notice A withdrawal returned or delivered other than the unbonding stake.
    Mismatch public ghostWithdrawal;
    /// @notice `releaseTreasury` released other than the ghost's treasury pot.
    Mismatch public ghostTreasuryRelease;
    /// @notice A proposal's state differed from what its votes and execution decide (a {IGovernor.ProposalState}).
    Mismatch public ghostProposalState;
    /// @notice An executed spending proposal delivered other than its value to its target.
    Mismatch public ghostTreasurySpend;

    /// @dev When each contribution was submitted (the review timeout runs from there).
    mapping(uint64 id => uint256) internal _submittedAt;

    /// @notice How often each interesting outcome happened, so a run's coverage can be inspected.
    mapping(string outcome => uint256) public tally;

    // ================================================================ views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    /// @notice Every account the ledger, the registry or Staking can credit: the actors and the others.
    function accounts() external view returns (address[] memory all) {
        all = new address[](_actors.length + _others.length);
        for (uint256 i = 0; i < _actors.length; ++i) {
            all[i] = _actors[i];
        }
        for (uint256 i = 0; i < _others.length; ++i) {
            all[_actors.length + i] = _others[i];
        }
    }

    function reenteringClaimant() external view returns (ReenteringClaimant) {
        return _reentering;
    }

    /// @notice A record's ghost state, disputer and dispute bond.
    function ghostRecord(uint256 recordId)
        external
        view
        returns (RecordState state, address disputer, uint256 disputeBond)
    {
        GhostRecord storage r = _records[recordId];
        return (r.state, r.disputer, r.disputeBond);
    }

    /// @notice The hash the ledger must hold for an open record's assertion.
    function ghostAssertionHash(uint256 recordId) external view returns (bytes32) {
        return keccak256(_assertions[recordId]);
    }

    function stakers() external view returns (address[] memory) {
        return _stakers;
    }

    function voters() external view returns (address[] memory) {
        return _voters;
    }

    function ghostParameters() external view returns (IProtocolParams.Parameters memory) {
        return _ghostParams;
    }

    function slashedIds() external view returns (uint64[] memory) {
        return _slashed;
    }

    function ghostContribution(uint64 id) external view returns (GhostContribution memory) {
        return _contrib[id];
    }

    function ghostStake(address staker) external view returns (uint256 active, uint256 unbonding, uint256 releaseAt) {
        GhostStake storage g = _stakes[staker];
        return (g.active, g.unbonding, g.releaseAt);
    }

    function poolKeys() external view returns (uint256[] memory) {
        return _poolKeys;
    }

    /// @notice A pool's model and adapter version, its replica accumulator and its ghost flows.
    function ghostPool(uint256 key)
        external
        view
        returns (
            uint64 modelId,
            uint32 adapterVersion,
            uint256 rewardPerByte,
            uint256 paidIn,
            uint256 settled,
            uint256 settlements
        )
    {
        GhostPool storage p = _pool[key];
        return (p.modelId, p.adapterVersion, p.rewardPerByte, p.paidIn, p.settled, p.settlements);
    }

    /// @notice The contributions in a pool's training set.
    function poolMembers(uint256 key) external view returns (uint64[] memory) {
        return _eligible(key);
    }

    /// @notice What `staker` could claim from Staking now, by the handler's replica of its accounting.
    function ghostStakingClaimable(address staker) public view returns (uint256) {
        uint256 accumulator = ghostRewardPerStake;
        // A claim syncs first; the carry joins the accumulator only when there is a pot to distribute.
        if (ghostTotalStaked != 0 && ghostStakerPot != 0) {
            accumulator += (ghostStakerPot * SCALE + ghostCarry) / ghostTotalStaked;
        }
        GhostStake storage g = _stakes[staker];
        return
            ghostStakingCredited[staker] - ghostStakingClaimed[staker]
                + Math.mulDiv(g.active, accumulator - g.paid, SCALE);
    }

    // Implemented in DatanetHandler.sol; declared here so the other concerns can use it.
    function _approve(uint64 d, address curator, uint64[] memory ids) internal virtual;
    function _contribute(address user, uint64 d, bytes32 hash, uint64 size) internal virtual returns (uint64 id);
    function _ghostContribute(uint64 id, address user, uint64 d, bytes32 hash, uint64 size, uint128 bond)
        internal
        virtual;
    function _pickDatanet(uint256 seed) internal virtual returns (uint64);
    function _readyCurator(uint64 d, uint256 seed) internal virtual returns (address curator);
    // Implemented in GovernanceHandler.sol; declared here so the other concerns can use it.
    function _parameterCall(Kind kind, uint256 seed)
        internal
        view
        virtual
        returns (bytes memory data, uint256 arg, IProtocolParams.FeeSplit memory split);
    // Implemented in ModelHandler.sol; declared here so the other concerns can use it.
    function _eligible(uint256 key) internal view virtual returns (uint64[] memory ids);
    function _recordHonest(uint256 seed) internal virtual returns (uint256 recordId);
    function _recordLie(uint256 modelSeed, uint256 pickSeed, uint256 weightSeed)
        internal
        virtual
        returns (uint256 recordId);
    function _ghostAddToPool(uint256 key, uint256 data) internal virtual;
    function _ghostPay(uint64[] memory ids, uint64[] memory weights, uint256 data) internal virtual returns (uint256);
    // Implemented in StakingHandler.sol; declared here so the other concerns can use it.
    function _findSlashable(uint256 seed) internal view virtual returns (address);
    function _ghostSlash(address staker, uint256 amount) internal virtual;
    function _stake(address staker, uint256 amount) internal virtual;

    // ================================================================ internals: helpers

    function _actor(string memory role, uint256 i) internal returns (address account) {
        account = makeAddr(string.concat(role, vm.toString(i)));
        _actors.push(account);
    }

    /// @dev The `i`-th position after `seed`'s, in a list of `length` (no overflow for any seed).
    function _at(uint256 seed, uint256 i, uint256 length) internal pure returns (uint256) {
        return (seed % length + i) % length;
    }

    function _user(uint256 seed) internal view returns (address) {
        return _users[seed % _users.length];
    }

    /// @dev A contribution size from 1 byte to the byte cap (half the time at most 10^6 bytes, so pools of small
    /// and of cap-sized contributions both occur).
    function _size(uint256 seed) internal view returns (uint64) {
        return uint64(bound(seed, 1, seed >> 255 == 0 ? 1_000_000 : _ghostParams.maxContributionBytes));
    }

    function _freshHash() internal returns (bytes32) {
        return keccak256(abi.encode("fresh content", ++_nonce));
    }

    function _poolKey(uint64 modelId, uint32 version) internal pure returns (uint256) {
        return (uint256(modelId) << 32) | version;
    }

    function _remove(uint64[] storage list, uint64 id) internal {
        for (uint256 i = 0; i < list.length; ++i) {
            if (list[i] == id) {
                list[i] = list[list.length - 1];
                list.pop();
                return;
            }
        }
        revert("ghost list lacks the id");
    }

    /// @dev Records (never asserts) that a refusal carried other revert data than `expected`.
    function _expectError(bytes memory reason, bytes memory expected) internal {
        if (keccak256(reason) != keccak256(expected)) {
            ++ghostWrongRevertData;
            lastWrongRevertData = reason;
            lastExpectedRevertData = expected;
            ++tally["unexpected revert data"];
        }
    }

    /// @dev Records (never asserts) that a refusal's selector was not `selector`.
    function _expectSelector(bytes memory reason, bytes4 selector) internal {
        // forge-lint: disable-next-line(unsafe-typecast)
        if (reason.length < 4 || bytes4(reason) != selector) {
            ++ghostWrongRevertData;
            lastWrongRevertData = reason;
            lastExpectedRevertData = abi.encodePacked(selector);
            ++tally["unexpected revert selector"];
        }
    }

    /// @dev Records (never asserts) that `what` was `actual` where the ghost expected `expected`; true if they differ.
    function _expectValue(Mismatch storage m, string memory what, uint256 expected, uint256 actual)
        internal
        returns (bool differs)
    {
        if (actual == expected) return false;
        ++m.count;
        m.what = what;
        m.expected = expected;
        m.actual = actual;
        ++tally[what];
        return true;
    }

    /// @dev Records that the contracts numbered something `actual` where the ghost expected `expected`.
    function _expectId(uint256 actual, uint256 expected) internal {
        if (actual != expected) ++ghostIdMismatches;
    }

    /// @dev Removes `id` from `list` (which holds it once).
    function _removeRecord(uint256[] storage list, uint256 id) internal {
        for (uint256 i = 0; i < list.length; ++i) {
            if (list[i] == id) {
                list[i] = list[list.length - 1];
                list.pop();
                return;
            }
        }
        revert("ghost record list lacks the id");
    }

    function _assertionOf(uint256 recordId) internal view returns (IAttributionLedger.Assertion memory) {
        return abi.decode(_assertions[recordId], (IAttributionLedger.Assertion));
    }

    /// @dev Whether `a` is one of the validators (who never pay, so a dispute never disputes its own record).
    function _isValidator(address a) internal view returns (bool) {
        return a == _honestValidator || a == _griefer;
    }
}
