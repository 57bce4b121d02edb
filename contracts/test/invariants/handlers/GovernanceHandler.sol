// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IProtocolParams} from "../../../src/interfaces/IProtocolParams.sol";
import {IStaking} from "../../../src/interfaces/IStaking.sol";
import {ProtocolHandlerBase} from "./ProtocolHandlerBase.sol";

/**
 * @title GovernanceHandler
 * @notice Part of the protocol invariant handler. Governance, treasury and time: proposals taken through propose,
 * vote, queue and execute (parameter changes, slashes, treasury spending, out-of-bounds values that must fail),
 * treasury releases, and time passing.
 * @dev Every input is bounded so each call succeeds (the suite runs with `fail_on_revert`); calls that must
 * fail are made with `try`/low-level calls. Nothing here asserts: an unexpected success, state or amount is
 * recorded as a ghost fact that its own invariant checks. See {ProtocolHandlerBase}.
 */
abstract contract GovernanceHandler is ProtocolHandlerBase {
    // ================================================================ treasury and time

    function releaseTreasury(uint256 callerSeed) external {
        vm.prank(_actors[callerSeed % _actors.length]);
        uint256 amount = ledger.releaseTreasury();
        _expectValue(ghostTreasuryRelease, "treasury released", ghostTreasuryPot, amount);
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
        override
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
                // Up to twice the cap: stake moves before execution, and a slash above the cap must fail.
                uint256 stake_ = _stakes[staker].active + _stakes[staker].unbonding;
                p.arg = bound(argSeed, 1, Math.max(1, Math.min(stake_, 2 * _slashCap(stake_))));
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
            _expectState(p.id, "unvoted proposal", IGovernor.ProposalState.Defeated);
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
            _expectValue(ghostProposalState, "a rejected proposal", uint256(IGovernor.ProposalState.Defeated), uint256(state));
            _drop();
            ++proposalsDefeated;
            return;
        }
        if (_expectValue(ghostProposalState, "a passed proposal", uint256(IGovernor.ProposalState.Succeeded), uint256(state)))
        {
            _drop(); // it cannot be queued
            return;
        }
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
            || (p.kind == Kind.Slash && _slashCap(_stakes[p.who].active + _stakes[p.who].unbonding) < p.arg);
        if (fails) {
            // The vote passed, but the call fails, so nothing happens (and the proposal stays queued).
            try governor.execute(targets, values, calldatas, p.descriptionHash) {
                ++ghostFailingProposalsExecuted;
                ++tally["a failing proposal executed"];
            } catch {}
            _drop();
            ++proposalsFailedExecution;
            return;
        }
        uint256 before = p.target.balance;
        _applyProposal();
        governor.execute(targets, values, calldatas, p.descriptionHash);
        _expectState(p.id, "executed proposal", IGovernor.ProposalState.Executed);
        if (p.kind == Kind.Spend) {
            _expectValue(ghostTreasurySpend, "treasury spend received", p.value, p.target.balance - before);
        }
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

    /// @dev The most one slash may take from a stake of `stake_` (active and unbonding), rounded down.
    function _slashCap(uint256 stake_) internal view returns (uint256) {
        return stake_ * _ghostParams.maxSlashBps / BPS;
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

    /// @dev Records (never asserts) that proposal `id` is not in `expected` state.
    function _expectState(uint256 id, string memory what, IGovernor.ProposalState expected) internal {
        _expectValue(ghostProposalState, what, uint256(expected), uint256(governor.state(id)));
    }

    function _drop() internal {
        _proposal.stage = 0;
    }

}
