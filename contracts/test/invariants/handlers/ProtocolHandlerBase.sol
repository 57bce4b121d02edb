// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Staking} from "../../../src/Staking.sol";
import {IDatanetRegistry} from "../../../src/interfaces/IDatanetRegistry.sol";
import {IProtocolParams} from "../../../src/interfaces/IProtocolParams.sol";
import {ProtocolFixture} from "../../utils/ProtocolFixture.sol";

/**
 * @title ProtocolHandlerBase
 * @notice What every part of the protocol handler shares: the deployed contracts (from {ProtocolFixture}), the
 * fixed actors, the ghost state the invariants compare the contracts with, the views the invariant contract
 * reads, and small helpers.
 * @dev The handler is split by concern into abstract contracts on this base (datanets and curation, models and
 * answers, claims and staking, governance with treasury and time, adversarial calls); {ProtocolHandler} joins
 * them. An internal action one concern needs from another is declared here and implemented in its own file.
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

    // ---------------------------------------------------------------- actors

    address[] internal _users;
    address[] internal _curators;
    address[] internal _stakerOnly;
    address[] internal _modelOwners;
    address[] internal _voters;
    /// @dev Everyone who can stake: the stakers and the curators.
    address[] internal _stakers;
    /// @dev Every actor, for sums over claimable balances.
    address[] internal _actors;

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

    /// @notice How often each interesting outcome happened, so a run's coverage can be inspected.
    mapping(string outcome => uint256) public tally;

    // ================================================================ views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
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

    function _size(uint256 seed) internal pure returns (uint64) {
        return uint64(bound(seed, 1, 1_000_000));
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

    function _expectError(bytes memory reason, bytes memory expected) internal pure {
        assertEq(reason, expected, "unexpected revert reason");
    }

    function _expectSelector(bytes memory reason, bytes4 selector) internal pure {
        assertTrue(reason.length >= 4, "revert data too short for a selector");
        // forge-lint: disable-next-line(unsafe-typecast)
        assertEq(bytes4(reason), selector, "unexpected revert selector");
    }
}
