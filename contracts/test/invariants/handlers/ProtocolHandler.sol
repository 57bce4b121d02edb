// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {AttributionLedger} from "../../../src/AttributionLedger.sol";
import {DatanetRegistry} from "../../../src/DatanetRegistry.sol";
import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {OpenVotes} from "../../../src/OpenVotes.sol";
import {ProtocolParams} from "../../../src/ProtocolParams.sol";
import {Staking} from "../../../src/Staking.sol";
import {ProvenaGovernor} from "../../../src/governance/ProvenaGovernor.sol";
import {ProvenaTimelock} from "../../../src/governance/ProvenaTimelock.sol";
import {IAttributionLedger} from "../../../src/interfaces/IAttributionLedger.sol";
import {IClaims} from "../../../src/interfaces/IClaims.sol";
import {IDatanetRegistry} from "../../../src/interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "../../../src/interfaces/IModelRegistry.sol";
import {IProtocolParams} from "../../../src/interfaces/IProtocolParams.sol";
import {IStaking} from "../../../src/interfaces/IStaking.sol";
import {ProtocolFixture} from "../../utils/ProtocolFixture.sol";

/**
 * @title ProtocolHandler
 * @notice Drives the whole protocol through random but valid sequences for the invariant tests: datanets,
 * curators, bonded contributions, approvals, rejections, proven duplicates, bond releases, models and
 * adapters, attributed and pooled answers, pooled settlements, claims from all three claim contracts, the
 * staking life cycle, slashes, treasury releases, governance proposals taken through propose, vote, queue and
 * execute, unauthorised calls that must fail, and time passing.
 * @dev The actors are fixed: 5 users (contributors, payers and datanet owners), 3 curators, 3 stakers,
 * 2 model owners and 2 voters. Every input is bounded so each call succeeds (the suite runs with
 * `fail_on_revert`); calls that must fail are made with `try`/low-level calls and their revert data checked.
 *
 * The ghost state is kept from the handler's own view of what happened, never read back from the
 * contracts: the parameters (changed only when a proposal executes), each contribution's status and bond,
 * every credit computed from the fee split and from a replica of the pooled-reward and staking-reward
 * accumulators, every claim, the staker and treasury pots, the bonds held and the treasury's inflows and
 * spending. The invariant contract compares the contracts with it.
 */
contract ProtocolHandler is ProtocolFixture {
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

    constructor(
        OpenVotes openVotes_,
        ProvenaTimelock timelock_,
        ProvenaGovernor governor_,
        ProtocolParams params_,
        Staking staking_,
        DatanetRegistry datanets_,
        ModelRegistry models_,
        AttributionLedger ledger_
    ) {
        openVotes = openVotes_;
        timelock = timelock_;
        governor = governor_;
        params = params_;
        staking = staking_;
        datanets = datanets_;
        models = models_;
        ledger = ledger_;
        treasury = address(timelock_);
        // The ghost starts from the values the fixture deployed with, not from the contract.
        _ghostParams = defaultParameters();

        for (uint256 i = 0; i < 5; ++i) {
            _users.push(_actor("user", i));
        }
        for (uint256 i = 0; i < 3; ++i) {
            _curators.push(_actor("curator", i));
        }
        for (uint256 i = 0; i < 3; ++i) {
            _stakerOnly.push(_actor("staker", i));
        }
        for (uint256 i = 0; i < 2; ++i) {
            _modelOwners.push(_actor("modelOwner", i));
        }
        for (uint256 i = 0; i < 2; ++i) {
            _voters.push(_actor("voter", i));
        }
        for (uint256 i = 0; i < 3; ++i) {
            _stakers.push(_stakerOnly[i]);
        }
        for (uint256 i = 0; i < 3; ++i) {
            _stakers.push(_curators[i]);
        }

        // Voters hold far more vOPEN than can ever be staked, so their votes alone decide and make quorum.
        giveVotes(_voters[0], VOTER0_VOTES);
        giveVotes(_voters[1], VOTER1_VOTES);

        // A starting state every action can build on: a datanet with a published version and a model.
        uint64 d = _createDatanet(_users[0]);
        _appoint(d, _curators[0]);
        _appoint(d, _curators[1]);
        uint64[] memory ids = new uint64[](2);
        ids[0] = _contribute(_users[1], d, _freshHash(), 3_000);
        ids[1] = _contribute(_users[2], d, _freshHash(), 1_000);
        _contribute(_users[3], d, _freshHash(), 2_000);
        _approve(d, _curators[0], ids);
        _registerModel(_modelOwners[0], _refs(d, 1), 0.01 ether);
    }

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

    // ================================================================ datanets

    function createDatanet(uint256 ownerSeed) external {
        if (ghostDatanetCount >= MAX_DATANETS) {
            _contribute(_user(ownerSeed), _pickDatanet(ownerSeed), _freshHash(), _size(ownerSeed));
            return;
        }
        _createDatanet(_user(ownerSeed));
        ++tally["datanet created"];
    }

    function setCurator(uint256 datanetSeed, uint256 curatorSeed, uint256 modeSeed) external {
        uint64 d = _pickDatanet(datanetSeed);
        address curator = _curators[curatorSeed % _curators.length];
        uint256 mode = modeSeed % 8;
        if (mode == 0) {
            _setCurator(d, curator, false);
        } else if (mode == 1 && _stakes[curator].active < _ghostParams.minCuratorStake) {
            // A curator without the minimum stake cannot be appointed.
            vm.prank(_datanet[d].owner);
            try datanets.setCurator(d, curator, true) {
                revert("appointed a curator below the minimum stake");
            } catch (bytes memory reason) {
                _expectSelector(reason, IDatanetRegistry.CuratorStakeTooLow.selector);
            }
        } else {
            _appoint(d, curator);
        }
    }

    function contribute(uint256 userSeed, uint256 datanetSeed, uint256 contentSeed, uint256 sizeSeed) external {
        uint64 d = _pickDatanet(datanetSeed);
        address user = _user(userSeed);
        bytes32 hash =
            contentSeed % 3 == 0 ? _freshHash() : keccak256(abi.encode("pool", d, contentSeed % CONTENT_POOL));
        uint64 existing = _acceptedByHash[d][hash];
        if (existing == 0) {
            _contribute(user, d, hash, _size(sizeSeed));
            return;
        }
        // A copy of accepted content is refused outright.
        uint256 bond = _ghostParams.contributionBond;
        vm.deal(user, user.balance + bond);
        vm.prank(user);
        try datanets.contribute{value: bond}(d, contributionInput(hash, _size(sizeSeed))) {
            revert("contributed a copy of accepted content");
        } catch (bytes memory reason) {
            _expectError(reason, abi.encodeWithSelector(IDatanetRegistry.DuplicateContent.selector, d, hash, existing));
        }
        ++tally["copy of accepted content refused"];
    }

    function approve(uint256 datanetSeed, uint256 curatorSeed, uint256 countSeed, uint256 pickSeed) external {
        uint64 d = _pickDatanet(datanetSeed);
        address curator = _readyCurator(d, curatorSeed);
        uint64[] memory ids = _approvable(d, bound(countSeed, 1, MAX_BATCH), pickSeed);
        if (ids.length == 0) {
            ids = new uint64[](1);
            ids[0] = _contribute(_user(pickSeed), d, _freshHash(), _size(countSeed));
        }
        _approve(d, curator, ids);
        ++tally["approved batch"];
    }

    function reject(uint256 datanetSeed, uint256 curatorSeed, uint256 countSeed, uint256 pickSeed) external {
        uint64 d = _pickDatanet(datanetSeed);
        address curator = _readyCurator(d, curatorSeed);
        uint64[] memory ids = _pendingBatch(d, bound(countSeed, 1, MAX_BATCH), pickSeed);
        if (ids.length == 0) {
            ids = new uint64[](1);
            ids[0] = _contribute(_user(pickSeed), d, _freshHash(), _size(countSeed));
        }
        _reject(d, curator, ids);
        ++tally["rejected batch"];
    }

    /// @dev Proves a pending copy of accepted content; if none exists, makes two pending copies, approves one.
    function proveDuplicate(uint256 proverSeed, uint256 pickSeed) external {
        address prover = _actors[proverSeed % _actors.length];
        (uint64 duplicate, uint64 original) = _findDuplicate(pickSeed);
        if (duplicate == 0) (duplicate, original) = _makeDuplicate(pickSeed);
        if (pickSeed % 5 == 0) {
            // An accepted contribution is not a duplicate of itself.
            vm.prank(prover);
            try datanets.proveDuplicate(original, original) {
                revert("proved an original a duplicate");
            } catch (bytes memory reason) {
                _expectError(
                    reason, abi.encodeWithSelector(IDatanetRegistry.NotADuplicate.selector, original, original)
                );
            }
        }
        _proveDuplicate(prover, duplicate, original);
        ++tally["duplicate proven"];
    }

    function releaseBonds(uint256 pickSeed, uint256 countSeed, uint256 modeSeed) external {
        if (modeSeed % 3 == 1 && _slashed.length != 0) {
            // A slashed bond never comes back.
            uint64 slashedId = _slashed[pickSeed % _slashed.length];
            try datanets.releaseBonds(one(slashedId)) {
                revert("released a slashed bond");
            } catch (bytes memory reason) {
                _expectError(
                    reason, abi.encodeWithSelector(IDatanetRegistry.ContributionNotApproved.selector, slashedId)
                );
            }
        }
        if (_unreleased.length == 0) {
            uint64 d = _pickDatanet(pickSeed);
            uint64[] memory fresh = one(_contribute(_user(pickSeed), d, _freshHash(), _size(countSeed)));
            _approve(d, _readyCurator(d, modeSeed), fresh);
            if (_unreleased.length == 0) return; // the bond parameter is zero: nothing to hold
        }
        uint256 count = bound(countSeed, 1, Math.min(MAX_BATCH, _unreleased.length));
        uint64[] memory ids = new uint64[](count);
        uint256 latest;
        uint64 locked;
        for (uint256 i = 0; i < count; ++i) {
            ids[i] = _unreleased[_at(pickSeed, i, _unreleased.length)];
            uint256 releasableAt = uint256(_contrib[ids[i]].decidedAt) + _ghostParams.bondReleaseDelay;
            if (releasableAt > latest) latest = releasableAt;
            if (releasableAt > block.timestamp) locked = ids[i];
        }
        if (locked != 0) {
            if (modeSeed % 4 == 0) {
                uint256 at = uint256(_contrib[locked].decidedAt) + _ghostParams.bondReleaseDelay;
                try datanets.releaseBonds(one(locked)) {
                    revert("released a bond before the delay");
                } catch (bytes memory reason) {
                    _expectError(reason, abi.encodeWithSelector(IDatanetRegistry.BondLocked.selector, locked, at));
                }
            }
            vm.warp(latest);
        }
        vm.prank(_actors[modeSeed % _actors.length]);
        datanets.releaseBonds(ids);
        for (uint256 i = 0; i < count; ++i) {
            GhostContribution storage c = _contrib[ids[i]];
            ghostDatanetCredited[c.contributor] += c.bond;
            ghostBondsHeld -= c.bond;
            c.bond = 0;
            _remove(_unreleased, ids[i]);
            ++tally["bond released"];
        }
        if (modeSeed % 5 == 2) {
            try datanets.releaseBonds(one(ids[0])) {
                revert("released a bond twice");
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IDatanetRegistry.BondAlreadyReleased.selector, ids[0]));
            }
        }
    }

    // ================================================================ models and answers

    function registerModel(uint256 ownerSeed, uint256 refSeed, uint256 feeSeed) external {
        if (ghostModelCount >= MAX_MODELS) {
            _publishOrAnswer(ownerSeed, refSeed);
            return;
        }
        uint128 minFee = _ghostParams.minInferenceFee;
        uint128 fee = uint128(bound(feeSeed, minFee, uint256(minFee) + 0.05 ether));
        _registerModel(_modelOwners[ownerSeed % _modelOwners.length], _pickRefs(refSeed), fee);
    }

    function publishAdapter(uint256 modelSeed, uint256 refSeed) external {
        _publishOrAnswer(modelSeed, refSeed);
    }

    function recordInference(
        uint256 payerSeed,
        uint256 modelSeed,
        uint256 pickSeed,
        uint256 weightSeed,
        uint256 feeSeed
    ) external {
        uint64 modelId = uint64(bound(modelSeed, 1, ghostModelCount));
        GhostModel storage m = _model[modelId];
        uint256 key = _poolKey(modelId, m.adapterVersion);
        uint256 fee = Math.max(m.fee, _ghostParams.minInferenceFee) + bound(feeSeed, 0, 0.01 ether);
        IAttributionLedger.Answer memory a = _attribution(modelId, key, pickSeed, weightSeed);
        address payer = _actors[payerSeed % _actors.length];

        if (feeSeed % 5 == 0) {
            // A batch: this answer and a pooled one.
            IAttributionLedger.Answer[] memory batch = new IAttributionLedger.Answer[](2);
            batch[0] = a;
            batch[1] = answer(modelId, new uint64[](0), new uint64[](0), 0);
            uint256[] memory fees = new uint256[](2);
            fees[0] = fee;
            fees[1] = Math.max(m.fee, _ghostParams.minInferenceFee);
            vm.deal(payer, payer.balance + fees[0] + fees[1]);
            vm.prank(payer);
            ledger.recordInferences{value: fees[0] + fees[1]}(batch, fees);
            _ghostRecord(modelId, key, a.contributionIds, a.weights, fees[0]);
            _ghostRecord(modelId, key, batch[1].contributionIds, batch[1].weights, fees[1]);
            ++tally["answer batch"];
        } else {
            recordAs(payer, a, fee);
            _ghostRecord(modelId, key, a.contributionIds, a.weights, fee);
        }
    }

    function settlePooledRewards(uint256 modelSeed, uint256 versionSeed, uint256 pickSeed, uint256 countSeed) external {
        uint64 modelId = uint64(bound(modelSeed, 1, ghostModelCount));
        uint32 version = uint32(bound(versionSeed, 1, _model[modelId].adapterVersion));
        uint256 key = _poolKey(modelId, version);
        if (versionSeed % 4 != 0) {
            // Mostly a pool that was paid into, so settlements pay.
            for (uint256 i = 0; i < _poolKeys.length; ++i) {
                uint256 k = _poolKeys[_at(modelSeed, i, _poolKeys.length)];
                if (_pool[k].paidIn != 0) {
                    (key, modelId, version) = (k, _pool[k].modelId, _pool[k].adapterVersion);
                    break;
                }
            }
        }
        uint64[] memory members = _eligible(key);
        uint64[] memory ids = new uint64[](bound(countSeed, 1, 4));
        GhostPool storage pool = _pool[key];
        for (uint256 i = 0; i < ids.length; ++i) {
            // Picks may repeat: a second settlement of the same contribution owes nothing.
            ids[i] = members[uint256(keccak256(abi.encode(pickSeed, i))) % members.length];
        }
        vm.prank(_actors[pickSeed % _actors.length]);
        ledger.settlePooledRewards(modelId, version, ids);
        for (uint256 i = 0; i < ids.length; ++i) {
            GhostContribution storage c = _contrib[ids[i]];
            uint256 owed = Math.mulDiv(c.byteSize, pool.rewardPerByte - _poolPaid[key][ids[i]], SCALE);
            _poolPaid[key][ids[i]] = pool.rewardPerByte;
            ghostLedgerCredited[c.contributor] += owed;
            pool.settled += owed;
            pool.settlements += 1;
            ghostPoolUnsettled -= owed;
            if (owed != 0) ++tally["pooled reward settled"];
        }
    }

    // ================================================================ claims

    function claimLedger(uint256 actorSeed, uint256 receiverSeed) external {
        address account = _claimant(actorSeed, 0);
        uint256 owed = ghostLedgerCredited[account] - ghostLedgerClaimed[account];
        _claim(ledger, account, owed, receiverSeed);
        ghostLedgerClaimed[account] += owed;
    }

    function claimDatanets(uint256 actorSeed, uint256 receiverSeed) external {
        address account = _claimant(actorSeed, 1);
        uint256 owed = ghostDatanetCredited[account] - ghostDatanetClaimed[account];
        _claim(datanets, account, owed, receiverSeed);
        ghostDatanetClaimed[account] += owed;
    }

    function claimStaking(uint256 actorSeed, uint256 receiverSeed) external {
        address account = _claimant(actorSeed, 2);
        uint256 owed = ghostStakingClaimable(account);
        _claim(staking, account, owed, receiverSeed);
        if (owed == 0) return; // the claim reverted, and so did the sync it started with
        _ghostSync();
        _ghostSettle(account);
        assertEq(ghostStakingCredited[account] - ghostStakingClaimed[account], owed, "staking claim != settled credit");
        ghostStakingClaimed[account] += owed;
        ghostStakingClaimedTotal += owed;
    }

    /// @dev Three times in four an actor owed something by contract `which` (if any), else anyone.
    function _claimant(uint256 seed, uint256 which) internal view returns (address) {
        if (seed % 4 != 0) {
            for (uint256 i = 0; i < _actors.length; ++i) {
                address a = _actors[_at(seed >> 2, i, _actors.length)];
                uint256 owed = which == 0
                    ? ghostLedgerCredited[a] - ghostLedgerClaimed[a]
                    : which == 1 ? ghostDatanetCredited[a] - ghostDatanetClaimed[a] : ghostStakingClaimable(a);
                if (owed != 0) return a;
            }
        }
        return _actors[seed % _actors.length];
    }

    // ================================================================ staking

    function stake(uint256 stakerSeed, uint256 amountSeed) external {
        address staker = _stakers[stakerSeed % _stakers.length];
        uint256 active = _stakes[staker].active;
        if (active == 0 && amountSeed % 6 == 0) {
            // A first stake below the minimum is refused.
            vm.deal(staker, staker.balance + 0.5 ether);
            vm.prank(staker);
            try staking.stake{value: 0.5 ether}() {
                revert("staked below the minimum");
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IStaking.StakeBelowMinimum.selector, 0.5 ether, MIN_STAKE));
            }
        }
        uint256 minimum = active >= MIN_STAKE ? 1 : MIN_STAKE - active;
        _stake(staker, bound(amountSeed, minimum, 1_000 ether));
    }

    /// @dev One time in sixteen everyone leaves at once, so fees can arrive while nothing is staked.
    function requestUnstake(uint256 stakerSeed, uint256 amountSeed) external {
        address staker = _findStaker(stakerSeed, true);
        if (staker == address(0)) {
            _stake(_stakers[stakerSeed % _stakers.length], bound(amountSeed, MIN_STAKE, 100 ether));
            return;
        }
        if (amountSeed % 16 == 0) {
            for (uint256 i = 0; i < _stakers.length; ++i) {
                if (_stakes[_stakers[i]].active != 0) _requestUnstake(_stakers[i], _stakes[_stakers[i]].active);
            }
            ++tally["everyone unstaked"];
            return;
        }
        uint256 amount = bound(amountSeed, 1, _stakes[staker].active);
        uint256 remaining = _stakes[staker].active - amount;
        if (remaining != 0 && remaining < MIN_STAKE) amount = _stakes[staker].active;
        _requestUnstake(staker, amount);
    }

    function _requestUnstake(address staker, uint256 amount) internal {
        GhostStake storage g = _stakes[staker];
        _ghostSync();
        _ghostSettle(staker);
        g.active -= amount;
        g.unbonding += amount;
        g.releaseAt = block.timestamp + _ghostParams.unbondingPeriod;
        ghostTotalStaked -= amount;
        vm.prank(staker);
        staking.requestUnstake(amount);
        (uint256 unbonding, uint256 releaseAt) = staking.unbondingOf(staker);
        assertEq(unbonding, g.unbonding, "unbonding amount");
        assertEq(releaseAt, g.releaseAt, "unbonding release time");
    }

    function cancelUnstake(uint256 stakerSeed) external {
        address staker = _findStaker(stakerSeed, false);
        if (staker == address(0)) {
            staker = _stakers[stakerSeed % _stakers.length];
            vm.prank(staker);
            try staking.cancelUnstake() {
                revert("cancelled nothing");
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IStaking.NothingUnbonding.selector, staker));
            }
            return;
        }
        GhostStake storage g = _stakes[staker];
        _ghostSync();
        _ghostFlushCarryIfEmpty();
        _ghostSettle(staker);
        g.active += g.unbonding;
        ghostTotalStaked += g.unbonding;
        g.unbonding = 0;
        g.releaseAt = 0;
        vm.prank(staker);
        staking.cancelUnstake();
    }

    function withdraw(uint256 stakerSeed, uint256 modeSeed) external {
        address staker = _findStaker(stakerSeed, false);
        if (staker == address(0)) {
            staker = _stakers[stakerSeed % _stakers.length];
            vm.prank(staker);
            try staking.withdraw() {
                revert("withdrew nothing");
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IStaking.NothingUnbonding.selector, staker));
            }
            return;
        }
        GhostStake storage g = _stakes[staker];
        if (block.timestamp < g.releaseAt) {
            if (modeSeed % 3 == 0) {
                vm.prank(staker);
                try staking.withdraw() {
                    revert("withdrew before the unbonding period");
                } catch (bytes memory reason) {
                    _expectError(reason, abi.encodeWithSelector(IStaking.UnbondingNotFinished.selector, g.releaseAt));
                }
            }
            vm.warp(g.releaseAt);
        }
        uint256 amount = g.unbonding;
        address receiver = modeSeed % 4 == 1 ? _actors[(modeSeed >> 2) % _actors.length] : staker;
        uint256 before = receiver.balance;
        vm.prank(staker);
        uint256 paid = receiver == staker ? staking.withdraw() : staking.withdrawTo(receiver);
        assertEq(paid, amount, "withdrawn amount");
        assertEq(receiver.balance - before, amount, "withdrawn OPEN received");
        g.unbonding = 0;
        g.releaseAt = 0;
        ++tally["stake withdrawn"];
    }

    /// @dev The fast slash: the Timelock itself calls (a proposal does the same, see the governance actions).
    function slash(uint256 stakerSeed, uint256 amountSeed) external {
        address staker = _findSlashable(stakerSeed);
        if (staker == address(0)) {
            _stake(_stakers[stakerSeed % _stakers.length], bound(amountSeed, MIN_STAKE, 100 ether));
            return;
        }
        uint256 amount = bound(amountSeed, 1, _stakes[staker].active + _stakes[staker].unbonding);
        _ghostSlash(staker, amount);
        vm.prank(address(timelock));
        staking.slash(staker, amount, "invariant: misbehaviour");
        ++tally["slashed by the timelock"];
    }

    // ================================================================ treasury and time

    function releaseTreasury(uint256 callerSeed) external {
        vm.prank(_actors[callerSeed % _actors.length]);
        uint256 amount = ledger.releaseTreasury();
        assertEq(amount, ghostTreasuryPot, "treasury released");
        ghostTreasuryIn += amount;
        ghostTreasuryPot = 0;
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 30 days));
    }

    // ================================================================ governance

    function govPropose(uint256 kindSeed, uint256 argSeed, uint256 whoSeed) external {
        if (_proposal.stage == 0) _propose(kindSeed, argSeed, whoSeed);
        else _advance(kindSeed);
    }

    function govVote(uint256 supportSeed) external {
        if (_proposal.stage == 1) _vote(supportSeed);
        else _advance(supportSeed);
    }

    function govQueue(uint256 seed) external {
        if (_proposal.stage == 2) _queue();
        else _advance(seed);
    }

    function govExecute(uint256 seed) external {
        if (_proposal.stage == 3) _execute();
        else _advance(seed);
    }

    /// @notice Anyone but the Timelock calling a privileged function is refused; nothing changes.
    function unauthorizedCall(uint256 actorSeed, uint256 whichSeed, uint256 valueSeed) external {
        address caller = _actors[actorSeed % _actors.length];
        uint256 which = whichSeed % 15;
        address target = address(params);
        bytes memory data;
        bytes memory expected = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller);
        if (which < 10) {
            (data,,) = _parameterCall(Kind(which), valueSeed);
        } else if (which == 10) {
            data = abi.encodeCall(params.transferOwnership, (caller));
        } else if (which == 11) {
            target = address(staking);
            data = abi.encodeCall(IStaking.slash, (_stakers[valueSeed % _stakers.length], 1, "not governance"));
            expected = abi.encodeWithSelector(IStaking.NotGovernance.selector, caller);
        } else if (which == 12) {
            target = address(ledger);
            data = abi.encodeCall(ledger.releaseStakerRewards, ());
            expected = abi.encodeWithSelector(IAttributionLedger.NotStaking.selector, caller);
        } else if (which == 13) {
            target = address(timelock);
            (bytes memory inner,,) = _parameterCall(Kind.Threshold, valueSeed);
            data = abi.encodeCall(timelock.schedule, (address(params), 0, inner, 0, bytes32(valueSeed), 1 days));
            expected = abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, caller, timelock.PROPOSER_ROLE()
            );
        } else {
            // Anyone may execute, but only an operation the Governor scheduled and that is ready.
            target = address(timelock);
            (bytes memory inner,,) = _parameterCall(Kind.Threshold, valueSeed);
            data = abi.encodeCall(timelock.execute, (address(params), 0, inner, 0, bytes32(valueSeed)));
            expected = abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                timelock.hashOperation(address(params), 0, inner, 0, bytes32(valueSeed)),
                bytes32(2 ** uint256(TimelockController.OperationState.Ready))
            );
        }
        vm.prank(caller);
        (bool ok, bytes memory reason) = target.call(data);
        assertFalse(ok, "an unauthorised call succeeded");
        _expectError(reason, expected);
        ++unauthorizedCallsRefused;
    }

    // ================================================================ internals: datanets

    function _createDatanet(address owner) internal returns (uint64 id) {
        id = createDatanetAs(owner);
        assertEq(id, ++ghostDatanetCount, "datanet id");
        _datanet[id].owner = owner;
    }

    function _pickDatanet(uint256 seed) internal returns (uint64) {
        if (ghostDatanetCount == 0) return _createDatanet(_user(seed));
        return uint64(bound(seed, 1, ghostDatanetCount));
    }

    function _setCurator(uint64 d, address curator, bool appointed) internal {
        vm.prank(_datanet[d].owner);
        datanets.setCurator(d, curator, appointed);
        _isCurator[d][curator] = appointed;
    }

    function _appoint(uint64 d, address curator) internal {
        _topUpCurator(curator);
        _setCurator(d, curator, true);
    }

    function _topUpCurator(address curator) internal {
        uint256 required = _ghostParams.minCuratorStake;
        uint256 active = _stakes[curator].active;
        if (active < required) _stake(curator, required - active);
    }

    /// @dev An appointed curator of `d` with the minimum stake, appointing or topping up as needed.
    function _readyCurator(uint64 d, uint256 seed) internal returns (address curator) {
        for (uint256 i = 0; i < _curators.length; ++i) {
            address c = _curators[_at(seed, i, _curators.length)];
            if (_isCurator[d][c]) {
                _topUpCurator(c);
                return c;
            }
        }
        curator = _curators[seed % _curators.length];
        _appoint(d, curator);
    }

    function _contribute(address user, uint64 d, bytes32 hash, uint64 size) internal returns (uint64 id) {
        uint128 bond = _ghostParams.contributionBond;
        vm.deal(user, user.balance + bond);
        vm.prank(user);
        id = datanets.contribute{value: bond}(d, contributionInput(hash, size));
        assertEq(id, ++ghostContributionCount, "contribution id");
        _contrib[id] = GhostContribution({
            contributor: user,
            datanetId: d,
            contentHash: hash,
            bond: bond,
            byteSize: size,
            status: IDatanetRegistry.ContributionStatus.Pending,
            acceptedSeq: 0,
            decidedAt: 0
        });
        _datanet[d].pending.push(id);
        ghostBondsHeld += bond;
    }

    /// @dev Up to `count` pending contributions of `d` that can be approved together (distinct, new content).
    function _approvable(uint64 d, uint256 count, uint256 seed) internal view returns (uint64[] memory ids) {
        uint64[] storage pending = _datanet[d].pending;
        ids = new uint64[](count);
        uint256 found;
        for (uint256 i = 0; i < pending.length && found < count; ++i) {
            uint64 id = pending[_at(seed, i, pending.length)];
            bytes32 hash = _contrib[id].contentHash;
            if (_acceptedByHash[d][hash] != 0) continue;
            bool repeated;
            for (uint256 j = 0; j < found; ++j) {
                if (_contrib[ids[j]].contentHash == hash) repeated = true;
            }
            if (!repeated) ids[found++] = id;
        }
        assembly ("memory-safe") {
            mstore(ids, found)
        }
    }

    function _pendingBatch(uint64 d, uint256 count, uint256 seed) internal view returns (uint64[] memory ids) {
        uint64[] storage pending = _datanet[d].pending;
        count = Math.min(count, pending.length);
        ids = new uint64[](count);
        for (uint256 i = 0; i < count; ++i) {
            ids[i] = pending[_at(seed, i, pending.length)];
        }
    }

    function _approve(uint64 d, address curator, uint64[] memory ids) internal {
        vm.prank(curator);
        uint32 version = datanets.approve(d, ids, "bafkreimanifest");
        GhostDatanet storage g = _datanet[d];
        for (uint256 i = 0; i < ids.length; ++i) {
            GhostContribution storage c = _contrib[ids[i]];
            c.status = IDatanetRegistry.ContributionStatus.Approved;
            c.acceptedSeq = uint32(g.accepted.length + 1);
            c.decidedAt = uint40(block.timestamp);
            _acceptedByHash[d][c.contentHash] = ids[i];
            g.accepted.push(ids[i]);
            g.acceptedBytes += c.byteSize;
            _remove(g.pending, ids[i]);
            if (c.bond != 0) _unreleased.push(ids[i]);
        }
        g.versionCounts.push(uint32(g.accepted.length));
        g.versionBytes.push(g.acceptedBytes);
        assertEq(version, g.versionCounts.length, "version number");
    }

    function _reject(uint64 d, address curator, uint64[] memory ids) internal {
        vm.prank(curator);
        datanets.reject(d, ids, "off-topic");
        for (uint256 i = 0; i < ids.length; ++i) {
            GhostContribution storage c = _contrib[ids[i]];
            ghostTreasuryIn += c.bond;
            ghostBondsHeld -= c.bond;
            c.bond = 0;
            c.status = IDatanetRegistry.ContributionStatus.Rejected;
            c.decidedAt = uint40(block.timestamp);
            _remove(_datanet[d].pending, ids[i]);
            _slashed.push(ids[i]);
        }
    }

    function _findDuplicate(uint256 seed) internal view returns (uint64 duplicate, uint64 original) {
        uint256 count = ghostDatanetCount;
        for (uint256 i = 0; i < count; ++i) {
            uint64 d = uint64(_at(seed, i, count) + 1);
            uint64[] storage pending = _datanet[d].pending;
            for (uint256 j = 0; j < pending.length; ++j) {
                uint64 id = pending[_at(seed, j, pending.length)];
                original = _acceptedByHash[d][_contrib[id].contentHash];
                if (original != 0) return (id, original);
            }
        }
        return (0, 0);
    }

    /// @dev Two pending copies of new content by two users; one is approved, the other is the duplicate.
    function _makeDuplicate(uint256 seed) internal returns (uint64 duplicate, uint64 original) {
        uint64 d = _pickDatanet(seed);
        bytes32 hash = _freshHash();
        uint64 size = _size(seed >> 8);
        uint64 first = _contribute(_user(seed), d, hash, size);
        uint64 second = _contribute(_user(seed >> 3), d, hash, size);
        (original, duplicate) = seed % 2 == 0 ? (first, second) : (second, first);
        _approve(d, _readyCurator(d, seed >> 5), one(original));
    }

    function _proveDuplicate(address prover, uint64 duplicate, uint64 original) internal {
        GhostContribution storage c = _contrib[duplicate];
        uint256 bond = c.bond;
        uint256 bounty = bond * _ghostParams.duplicateBountyBps / BPS;
        vm.prank(prover);
        datanets.proveDuplicate(duplicate, original);
        ghostDatanetCredited[prover] += bounty;
        ghostTreasuryIn += bond - bounty;
        ghostBondsHeld -= bond;
        c.bond = 0;
        c.status = IDatanetRegistry.ContributionStatus.Duplicate;
        c.decidedAt = uint40(block.timestamp);
        _remove(_datanet[c.datanetId].pending, duplicate);
        _slashed.push(duplicate);
    }

    // ================================================================ internals: models and answers

    function _refs(uint64 d, uint32 version) internal pure returns (IModelRegistry.DatanetVersionRef[] memory refs) {
        refs = new IModelRegistry.DatanetVersionRef[](1);
        refs[0] = IModelRegistry.DatanetVersionRef({datanetId: d, version: version});
    }

    /// @dev One or two distinct datanets with published versions, at random versions; publishes one if none.
    function _pickRefs(uint256 seed) internal returns (IModelRegistry.DatanetVersionRef[] memory refs) {
        uint64[] memory withVersions = new uint64[](ghostDatanetCount);
        uint256 n;
        for (uint64 d = 1; d <= ghostDatanetCount; ++d) {
            if (_datanet[d].versionCounts.length != 0) withVersions[n++] = d;
        }
        if (n == 0) {
            uint64 d = _pickDatanet(seed);
            _approve(d, _readyCurator(d, seed), one(_contribute(_user(seed), d, _freshHash(), _size(seed))));
            return _refs(d, 1);
        }
        uint256 count = n > 1 && seed % 3 == 0 ? 2 : 1;
        refs = new IModelRegistry.DatanetVersionRef[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint64 d = withVersions[_at(seed, i, n)];
            uint256 versions = _datanet[d].versionCounts.length;
            refs[i] = IModelRegistry.DatanetVersionRef({
                datanetId: d, version: uint32(bound(uint256(keccak256(abi.encode(seed, i))), 1, versions))
            });
        }
    }

    function _adapter(IModelRegistry.DatanetVersionRef[] memory refs)
        internal
        pure
        returns (IModelRegistry.AdapterRelease memory adapter)
    {
        adapter = adapterRelease(refs[0].datanetId, refs[0].version);
        adapter.trainedOn = refs;
    }

    function _registerModel(address owner, IModelRegistry.DatanetVersionRef[] memory refs, uint128 fee) internal {
        uint256 registrationFee = _ghostParams.modelRegistrationFee;
        IModelRegistry.ModelRegistration memory r = registration(refs[0].datanetId, refs[0].version, fee);
        r.adapter = _adapter(refs);
        vm.deal(owner, owner.balance + registrationFee);
        vm.prank(owner);
        uint64 id = models.register{value: registrationFee}(r);
        assertEq(id, ++ghostModelCount, "model id");
        _model[id] = GhostModel({owner: owner, fee: fee, adapterVersion: 1});
        _recordTrainingSet(id, 1, refs);
        ghostTreasuryIn += registrationFee;
    }

    /// @dev Publishes a new adapter version, or (at the version cap) records an answer instead.
    function _publishOrAnswer(uint256 modelSeed, uint256 refSeed) internal {
        uint64 modelId = uint64(bound(modelSeed, 1, ghostModelCount));
        GhostModel storage m = _model[modelId];
        if (m.adapterVersion >= MAX_ADAPTER_VERSIONS) {
            this.recordInference(refSeed, modelSeed, refSeed >> 8, refSeed >> 16, refSeed >> 24);
            return;
        }
        IModelRegistry.DatanetVersionRef[] memory refs = _pickRefs(refSeed);
        vm.prank(m.owner);
        uint32 version = models.publishAdapter(modelId, _adapter(refs));
        assertEq(version, ++m.adapterVersion, "adapter version");
        _recordTrainingSet(modelId, version, refs);
    }

    function _recordTrainingSet(uint64 modelId, uint32 version, IModelRegistry.DatanetVersionRef[] memory refs)
        internal
    {
        uint256 key = _poolKey(modelId, version);
        GhostPool storage pool = _pool[key];
        pool.modelId = modelId;
        pool.adapterVersion = version;
        for (uint256 i = 0; i < refs.length; ++i) {
            GhostDatanet storage g = _datanet[refs[i].datanetId];
            pool.datanetIds.push(refs[i].datanetId);
            pool.acceptedCounts.push(g.versionCounts[refs[i].version - 1]);
            pool.trainingBytes += g.versionBytes[refs[i].version - 1];
        }
        _poolKeys.push(key);
    }

    /// @dev Every contribution in a pool's training set, in increasing id order per datanet.
    function _eligible(uint256 key) internal view returns (uint64[] memory ids) {
        GhostPool storage pool = _pool[key];
        uint256 total;
        for (uint256 i = 0; i < pool.datanetIds.length; ++i) {
            total += pool.acceptedCounts[i];
        }
        ids = new uint64[](total);
        uint256 n;
        for (uint256 i = 0; i < pool.datanetIds.length; ++i) {
            uint64[] storage accepted = _datanet[pool.datanetIds[i]].accepted;
            for (uint256 j = 0; j < pool.acceptedCounts[i]; ++j) {
                ids[n++] = accepted[j];
            }
        }
    }

    /**
     * @dev An answer for the model's current adapter: a pooled one (no contributions) one time in four,
     * otherwise a random subset of its training set, sorted, with weights that all clear the threshold.
     */
    function _attribution(uint64 modelId, uint256 key, uint256 pickSeed, uint256 weightSeed)
        internal
        view
        returns (IAttributionLedger.Answer memory)
    {
        uint64[] memory members = _eligible(key);
        uint256 maxCount = Math.min(Math.min(MAX_PAID, _ghostParams.maxPaidContributions), members.length);
        uint256 threshold = _ghostParams.attributionThresholdBps;
        if (threshold != 0) maxCount = Math.min(maxCount, BPS / threshold);
        if (pickSeed % 4 == 0 || maxCount == 0) return answer(modelId, new uint64[](0), new uint64[](0), 0);

        uint64[] memory ids = new uint64[](bound(pickSeed >> 2, 1, maxCount));
        for (uint256 i = 0; i < ids.length; ++i) {
            // A partial Fisher-Yates shuffle picks distinct members.
            uint256 j = i + uint256(keccak256(abi.encode(pickSeed, i))) % (members.length - i);
            (members[i], members[j]) = (members[j], members[i]);
            ids[i] = members[i];
        }
        for (uint256 i = 1; i < ids.length; ++i) {
            for (uint256 j = i; j > 0 && ids[j - 1] > ids[j]; --j) {
                (ids[j - 1], ids[j]) = (ids[j], ids[j - 1]);
            }
        }
        (uint64[] memory weights, uint64 totalWeight) = _weights(ids.length, weightSeed, threshold);
        return answer(modelId, ids, weights, totalWeight);
    }

    /// @dev `count` weights and a total weight such that every weight is at least `threshold` of the total.
    function _weights(uint256 count, uint256 seed, uint256 threshold)
        internal
        pure
        returns (uint64[] memory weights, uint64 totalWeight)
    {
        weights = new uint64[](count);
        uint256 sum;
        uint64 smallest = type(uint64).max;
        for (uint256 i = 0; i < count; ++i) {
            weights[i] = uint64(bound(uint256(keccak256(abi.encode(seed, i))), 1, 1_000_000));
            sum += weights[i];
            if (weights[i] < smallest) smallest = weights[i];
        }
        uint256 maxTotal = threshold == 0 ? sum * 4 : uint256(smallest) * BPS / threshold;
        if (maxTotal < sum) {
            // Equal weights always fit: count <= BPS / threshold.
            for (uint256 i = 0; i < count; ++i) {
                weights[i] = smallest;
            }
            sum = uint256(smallest) * count;
            maxTotal = uint256(smallest) * BPS / threshold;
        }
        totalWeight = uint64(bound(uint256(keccak256(abi.encode(seed, "total"))), sum, Math.min(maxTotal, sum * 4)));
    }

    /// @dev The fee split of one answer, computed from the ghost parameters, credited to the ghost ledger.
    function _ghostRecord(uint64 modelId, uint256 key, uint64[] memory ids, uint64[] memory weights, uint256 fee)
        internal
    {
        IProtocolParams.FeeSplit memory split = _ghostParams.feeSplit;
        uint256 data = fee * split.dataBps / BPS;
        uint256 modelOwner = fee * split.modelOwnerBps / BPS;
        uint256 stakers_ = fee * split.stakersBps / BPS;
        uint256 toTreasury = fee - data - modelOwner - stakers_;
        ++tally[ids.length == 0 ? "pooled answer" : "attributed answer"];
        if (ids.length == 0) {
            GhostPool storage pool = _pool[key];
            uint256 scaled = data * SCALE + pool.carry;
            pool.rewardPerByte += scaled / pool.trainingBytes;
            pool.carry = scaled % pool.trainingBytes;
            pool.paidIn += data;
            ghostPoolUnsettled += data;
        } else {
            toTreasury += _ghostPay(ids, weights, data);
        }
        ghostLedgerCredited[_model[modelId].owner] += modelOwner;
        ghostStakerPot += stakers_;
        ghostTreasuryPot += toTreasury;
    }

    /// @dev Credits `data` to the contributions by weight; returns the rounding remainder.
    function _ghostPay(uint64[] memory ids, uint64[] memory weights, uint256 data) internal returns (uint256) {
        uint256 weightSum;
        for (uint256 i = 0; i < ids.length; ++i) {
            weightSum += weights[i];
        }
        uint256 paid;
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 share = data * weights[i] / weightSum;
            paid += share;
            ghostLedgerCredited[_contrib[ids[i]].contributor] += share;
        }
        return data - paid;
    }

    // ================================================================ internals: claims and staking

    /// @dev Claims for `account` (to itself or another actor) and checks what arrived; expects a refusal at zero.
    function _claim(IClaims target, address account, uint256 owed, uint256 receiverSeed) internal {
        assertEq(target.claimable(account), owed, "claimable != ghost credits - ghost claims");
        if (owed == 0) {
            vm.prank(account);
            try target.claim() {
                revert("claimed nothing");
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IClaims.NothingToClaim.selector, account));
            }
            ++tally["empty claim refused"];
            return;
        }
        address receiver = receiverSeed % 4 == 0 ? _actors[(receiverSeed >> 2) % _actors.length] : account;
        uint256 before = receiver.balance;
        vm.prank(account);
        uint256 amount = receiverSeed % 4 == 0 ? target.claimTo(receiver) : target.claim();
        assertEq(amount, owed, "claimed amount");
        assertEq(receiver.balance - before, owed, "claimed OPEN received");
        assertEq(target.claimable(account), 0, "claimable after a claim");
        ++tally["claim paid"];
    }

    function _stake(address staker, uint256 amount) internal {
        _ghostSync();
        _ghostFlushCarryIfEmpty();
        _ghostSettle(staker);
        _stakes[staker].active += amount;
        ghostTotalStaked += amount;
        stakeAs(staker, amount);
    }

    function _ghostSlash(address staker, uint256 amount) internal {
        GhostStake storage g = _stakes[staker];
        _ghostSync();
        _ghostSettle(staker);
        uint256 fromActive = Math.min(amount, g.active);
        if (fromActive != amount) ++tally["unbonding stake slashed"];
        g.active -= fromActive;
        g.unbonding -= amount - fromActive;
        ghostTotalStaked -= fromActive;
        ghostTreasuryIn += amount;
    }

    /// @dev With nothing staked, the carry's whole wei leave Staking for the treasury.
    function _ghostFlushCarryIfEmpty() internal {
        if (ghostTotalStaked != 0) return;
        uint256 dust = ghostCarry / SCALE;
        if (dust == 0) return;
        ghostCarry -= dust * SCALE;
        ghostStakingIn -= dust;
        ghostTreasuryIn += dust;
        ++tally["leftover staking dust to the treasury"];
    }

    /// @dev Staking pulls the ledger's stakers' pot: shared by active stake, or to the treasury when none.
    function _ghostSync() internal {
        uint256 amount = ghostStakerPot;
        if (amount == 0) return;
        ghostStakerPot = 0;
        if (ghostTotalStaked == 0) {
            ghostTreasuryIn += amount;
            ++tally["stakers' rewards to the treasury"];
            return;
        }
        ghostStakingIn += amount;
        uint256 scaled = amount * SCALE + ghostCarry;
        ghostRewardPerStake += scaled / ghostTotalStaked;
        ghostCarry = scaled % ghostTotalStaked;
    }

    function _ghostSettle(address staker) internal {
        GhostStake storage g = _stakes[staker];
        ghostStakingCredited[staker] += Math.mulDiv(g.active, ghostRewardPerStake - g.paid, SCALE);
        g.paid = ghostRewardPerStake;
        ++ghostSettlements;
    }

    /// @dev A staker with active stake (`active`) or with unbonding stake (`!active`), searching from `seed`.
    function _findStaker(uint256 seed, bool active) internal view returns (address) {
        for (uint256 i = 0; i < _stakers.length; ++i) {
            address s = _stakers[_at(seed, i, _stakers.length)];
            if (active ? _stakes[s].active != 0 : _stakes[s].unbonding != 0) return s;
        }
        return address(0);
    }

    function _findSlashable(uint256 seed) internal view returns (address) {
        for (uint256 i = 0; i < _stakers.length; ++i) {
            address s = _stakers[_at(seed, i, _stakers.length)];
            if (_stakes[s].active + _stakes[s].unbonding != 0) return s;
        }
        return address(0);
    }

    // ================================================================ internals: governance

    function _advance(uint256 seed) internal {
        uint8 stage = _proposal.stage;
        if (stage == 0) _propose(seed, seed >> 8, seed >> 16);
        else if (stage == 1) _vote(seed);
        else if (stage == 2) _queue();
        else _execute();
    }

    // Every narrowing cast below is of a value `bound` has just put in range.
    // forge-lint: disable-start(unsafe-typecast)

    /// @dev A setter call with an in-bounds value (moderate ranges, so the other actions stay cheap).
    function _parameterCall(Kind kind, uint256 seed)
        internal
        view
        returns (bytes memory data, uint256 arg, IProtocolParams.FeeSplit memory split)
    {
        if (kind == Kind.Threshold) {
            arg = bound(seed, 0, 5_000);
            data = abi.encodeCall(params.setAttributionThreshold, (uint16(arg)));
        } else if (kind == Kind.FeeSplit) {
            split = _randomSplit(seed);
            data = abi.encodeCall(params.setFeeSplit, (split));
        } else if (kind == Kind.MaxPaid) {
            arg = bound(seed, 1, 64);
            data = abi.encodeCall(params.setMaxPaidContributions, (uint16(arg)));
        } else if (kind == Kind.DuplicateBounty) {
            arg = bound(seed, 0, 5_000);
            data = abi.encodeCall(params.setDuplicateBounty, (uint16(arg)));
        } else if (kind == Kind.UnbondingPeriod) {
            arg = bound(seed, 1 minutes, 30 days);
            data = abi.encodeCall(params.setUnbondingPeriod, (uint32(arg)));
        } else if (kind == Kind.BondReleaseDelay) {
            arg = bound(seed, 0, 30 days);
            data = abi.encodeCall(params.setBondReleaseDelay, (uint32(arg)));
        } else if (kind == Kind.MinInferenceFee) {
            arg = bound(seed, 1, 0.1 ether);
            data = abi.encodeCall(params.setMinInferenceFee, (uint128(arg)));
        } else if (kind == Kind.RegistrationFee) {
            arg = bound(seed, 0, 5 ether);
            data = abi.encodeCall(params.setModelRegistrationFee, (uint128(arg)));
        } else if (kind == Kind.ContributionBond) {
            arg = bound(seed, 0, 2 ether);
            data = abi.encodeCall(params.setContributionBond, (uint128(arg)));
        } else {
            arg = bound(seed, 1 ether, 50 ether);
            data = abi.encodeCall(params.setMinCuratorStake, (uint128(arg)));
        }
    }

    function _randomSplit(uint256 seed) internal pure returns (IProtocolParams.FeeSplit memory split) {
        uint256 dataBps = bound(seed, 1_000, BPS);
        uint256 rest = BPS - dataBps;
        uint256 owner = bound(seed >> 16, 0, rest);
        uint256 stakers_ = bound(seed >> 32, 0, rest - owner);
        split = IProtocolParams.FeeSplit({
            dataBps: uint16(dataBps),
            modelOwnerBps: uint16(owner),
            stakersBps: uint16(stakers_),
            treasuryBps: uint16(rest - owner - stakers_)
        });
    }

    // forge-lint: disable-end(unsafe-typecast)

    /// @dev A setter call that is out of bounds, so the proposal passes but its execution reverts.
    function _outOfBoundsCall(uint256 seed) internal view returns (bytes memory) {
        uint256 which = seed % 4;
        if (which == 0) return abi.encodeCall(params.setAttributionThreshold, (uint16(bound(seed, 5_001, 10_000))));
        if (which == 1) return abi.encodeCall(params.setMaxPaidContributions, (uint16(seed % 2 == 0 ? 0 : 65)));
        if (which == 2) return abi.encodeCall(params.setUnbondingPeriod, (uint32(bound(seed, 0, 59))));
        return abi.encodeCall(
            params.setFeeSplit,
            (IProtocolParams.FeeSplit({dataBps: 999, modelOwnerBps: 9_001, stakersBps: 0, treasuryBps: 0}))
        );
    }

    function _propose(uint256 kindSeed, uint256 argSeed, uint256 whoSeed) internal {
        GhostProposal storage p = _proposal;
        Kind kind = Kind(kindSeed % 13);
        p.target = address(params);
        p.value = 0;
        p.who = address(0);
        p.arg = 0;
        if (kind == Kind.Slash) {
            address staker = _findSlashable(whoSeed);
            if (staker == address(0)) {
                kind = Kind.Threshold;
            } else {
                p.target = address(staking);
                p.who = staker;
                p.arg = bound(argSeed, 1, _stakes[staker].active + _stakes[staker].unbonding);
                p.data = abi.encodeCall(IStaking.slash, (staker, p.arg, "proposal: misbehaviour"));
            }
        } else if (kind == Kind.Spend) {
            uint256 balance = address(timelock).balance;
            if (balance == 0) {
                kind = Kind.Threshold;
            } else {
                p.target = _actors[whoSeed % _actors.length];
                p.value = bound(argSeed, 1, balance);
                p.data = "";
            }
        } else if (kind == Kind.OutOfBounds) {
            p.data = _outOfBoundsCall(argSeed);
        }
        if (uint8(kind) < uint8(Kind.Slash)) {
            IProtocolParams.FeeSplit memory split;
            (p.data, p.arg, split) = _parameterCall(kind, argSeed);
            p.split = split;
        }
        p.kind = kind;

        string memory description = string.concat("PIP-", vm.toString(++proposalsCreated));
        p.descriptionHash = keccak256(bytes(description));
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        vm.prank(_voters[kindSeed % _voters.length]);
        p.id = governor.propose(targets, values, calldatas, description);
        p.stage = 1;
    }

    function _vote(uint256 supportSeed) internal {
        GhostProposal storage p = _proposal;
        uint256 snapshot = governor.proposalSnapshot(p.id);
        if (block.timestamp <= snapshot) vm.warp(snapshot + 1);
        if (governor.state(p.id) != IGovernor.ProposalState.Active) {
            // Time ran past the voting period before anyone voted: no quorum.
            assertEq(uint256(governor.state(p.id)), uint256(IGovernor.ProposalState.Defeated), "unvoted proposal");
            _drop();
            ++proposalsDefeated;
            return;
        }
        // Voter 0 (twice voter 1's power) mostly votes for; voter 1 votes at random.
        p.support0 = supportSeed % 4 == 0 ? 0 : 1;
        p.support1 = uint8((supportSeed >> 8) % 3);
        vm.prank(_voters[0]);
        governor.castVote(p.id, p.support0);
        vm.prank(_voters[1]);
        governor.castVote(p.id, p.support1);
        p.stage = 2;
    }

    function _queue() internal {
        GhostProposal storage p = _proposal;
        uint256 deadline = governor.proposalDeadline(p.id);
        if (block.timestamp <= deadline) vm.warp(deadline + 1);
        uint256 forVotes = (p.support0 == 1 ? VOTER0_VOTES : 0) + (p.support1 == 1 ? VOTER1_VOTES : 0);
        uint256 against = (p.support0 == 0 ? VOTER0_VOTES : 0) + (p.support1 == 0 ? VOTER1_VOTES : 0);
        bool passes = forVotes > against;
        IGovernor.ProposalState state = governor.state(p.id);
        if (!passes) {
            assertEq(uint256(state), uint256(IGovernor.ProposalState.Defeated), "a rejected proposal");
            _drop();
            ++proposalsDefeated;
            return;
        }
        assertEq(uint256(state), uint256(IGovernor.ProposalState.Succeeded), "a passed proposal");
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        governor.queue(targets, values, calldatas, p.descriptionHash);
        p.stage = 3;
    }

    function _execute() internal {
        GhostProposal storage p = _proposal;
        uint256 eta = governor.proposalEta(p.id);
        if (block.timestamp < eta) vm.warp(eta);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _actions();
        bool fails = p.kind == Kind.OutOfBounds
            || (p.kind == Kind.Slash && _stakes[p.who].active + _stakes[p.who].unbonding < p.arg);
        if (fails) {
            // The vote passed, but the call fails, so nothing happens (and the proposal stays queued).
            try governor.execute(targets, values, calldatas, p.descriptionHash) {
                revert("executed a failing proposal");
            } catch {}
            _drop();
            ++proposalsFailedExecution;
            return;
        }
        uint256 before = p.target.balance;
        _applyProposal();
        governor.execute(targets, values, calldatas, p.descriptionHash);
        assertEq(uint256(governor.state(p.id)), uint256(IGovernor.ProposalState.Executed), "executed");
        if (p.kind == Kind.Spend) assertEq(p.target.balance - before, p.value, "treasury spend received");
        ++tally[
            p.kind == Kind.Slash
                ? "slash proposal executed"
                : p.kind == Kind.Spend ? "spend proposal executed" : "parameter proposal executed"
        ];
        _drop();
        ++proposalsExecuted;
    }

    /// @dev The only place the ghost parameters change: a proposal about to execute.
    function _applyProposal() internal {
        GhostProposal storage p = _proposal;
        Kind kind = p.kind;
        IProtocolParams.Parameters storage g = _ghostParams;
        if (kind == Kind.Threshold) g.attributionThresholdBps = uint16(p.arg);
        else if (kind == Kind.FeeSplit) g.feeSplit = p.split;
        else if (kind == Kind.MaxPaid) g.maxPaidContributions = uint16(p.arg);
        else if (kind == Kind.DuplicateBounty) g.duplicateBountyBps = uint16(p.arg);
        else if (kind == Kind.UnbondingPeriod) g.unbondingPeriod = uint32(p.arg);
        else if (kind == Kind.BondReleaseDelay) g.bondReleaseDelay = uint32(p.arg);
        else if (kind == Kind.MinInferenceFee) g.minInferenceFee = uint128(p.arg);
        else if (kind == Kind.RegistrationFee) g.modelRegistrationFee = uint128(p.arg);
        else if (kind == Kind.ContributionBond) g.contributionBond = uint128(p.arg);
        else if (kind == Kind.MinCuratorStake) g.minCuratorStake = uint128(p.arg);
        else if (kind == Kind.Slash) _ghostSlash(p.who, p.arg);
        else if (kind == Kind.Spend) ghostTreasurySpent += p.value;
    }

    function _actions()
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = _proposal.target;
        values[0] = _proposal.value;
        calldatas[0] = _proposal.data;
    }

    function _drop() internal {
        _proposal.stage = 0;
    }

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
