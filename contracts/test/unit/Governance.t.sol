// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";

import {IStaking} from "../../src/interfaces/IStaking.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/**
 * @notice Unit tests for {ProvenaGovernor} and {ProvenaTimelock} as `provena deploy` wires them: settings,
 * roles and ownership, then the proposal lifecycle (threshold, votes from staked OPEN, quorum, queueing,
 * the timelock delay, cancelling, on-chain enumeration) and what a passed proposal can do: spend the
 * treasury's OPEN and slash a staker.
 */
contract GovernanceTest is ProtocolFixture {
    address internal voter = makeAddr("voter");
    address internal staker = makeAddr("staker");
    address internal outsider = makeAddr("outsider");
    address internal grantee = makeAddr("grantee");

    /// @dev One proposal's actions, kept together so tests can propose, queue, execute and cancel it.
    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function setUp() public {
        deployProtocol();
    }

    // ------------------------------------------------------------------ helpers

    function _single(address target, uint256 value, bytes memory data, string memory description)
        internal
        pure
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.targets[0] = target;
        p.values = new uint256[](1);
        p.values[0] = value;
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
    }

    /// @dev A harmless proposal: raise the attribution threshold to 6%.
    function _thresholdProposal() internal view returns (Proposal memory) {
        return _single(address(params), 0, abi.encodeCall(params.setAttributionThreshold, (600)), "Threshold to 6%");
    }

    function _hash(Proposal memory p) internal pure returns (bytes32) {
        return keccak256(bytes(p.description));
    }

    function _propose(address proposer, Proposal memory p) internal returns (uint256 proposalId) {
        vm.prank(proposer);
        proposalId = governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function _vote(address who, uint256 proposalId, uint8 support) internal {
        vm.prank(who);
        governor.castVote(proposalId, support);
    }

    function _queue(Proposal memory p) internal {
        governor.queue(p.targets, p.values, p.calldatas, _hash(p));
    }

    function _execute(Proposal memory p) internal {
        governor.execute(p.targets, p.values, p.calldatas, _hash(p));
    }

    /// @dev The Timelock operation the Governor schedules for `p`.
    function _operationId(Proposal memory p) internal view returns (bytes32) {
        bytes32 salt = bytes32(bytes20(address(governor))) ^ _hash(p);
        return timelock.hashOperationBatch(p.targets, p.values, p.calldatas, bytes32(0), salt);
    }

    function _state(uint256 proposalId) internal view returns (uint256) {
        return uint256(governor.state(proposalId));
    }

    function _bit(IGovernor.ProposalState s) internal pure returns (bytes32) {
        return bytes32(2 ** uint256(s)); // the bit for state `s`, as Governor._encodeStateBitmap
    }

    /// @dev Proposes as `proposer`, votes for with `proposer`, and waits out the voting period.
    function _proposeAndWin(address proposer, Proposal memory p) internal returns (uint256 proposalId) {
        proposalId = _propose(proposer, p);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _vote(proposer, proposalId, 1);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
    }

    /// @dev Proposes, wins, queues, waits out the timelock delay and executes `p`.
    function _pass(address proposer, Proposal memory p) internal returns (uint256 proposalId) {
        proposalId = _proposeAndWin(proposer, p);
        _queue(p);
        vm.warp(governor.proposalEta(proposalId));
        _execute(p);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Executed), "executed");
    }

    // ------------------------------------------------------------------ Governor settings

    function test_governor_settingsAsDeployed() public view {
        assertEq(governor.name(), "Provena Governor", "name");
        assertEq(governor.version(), "1", "version");
        assertEq(governor.votingDelay(), 1 hours, "voting delay");
        assertEq(governor.votingPeriod(), 3 days, "voting period");
        assertEq(governor.proposalThreshold(), 1 ether, "proposal threshold");
        assertEq(governor.quorumNumerator(), 4, "quorum numerator");
        assertEq(governor.quorumDenominator(), 100, "quorum in percent");
        assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain", "simple counting");
    }

    function test_governor_clockIsTheTimestamp() public {
        assertEq(governor.CLOCK_MODE(), "mode=timestamp", "clock mode");
        assertEq(governor.clock(), block.timestamp, "clock is the timestamp");
        vm.warp(block.timestamp + 1 days);
        vm.roll(block.number + 10);
        assertEq(governor.clock(), block.timestamp, "follows the timestamp, not the block number");
    }

    function test_governor_tokenIsOpenVotesAndTimelockIsTheExecutor() public {
        assertEq(address(governor.token()), address(openVotes), "token");
        assertEq(governor.timelock(), address(timelock), "timelock");

        // Only the executor (the Timelock) may change the Governor's settings.
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, outsider));
        vm.prank(outsider);
        governor.setVotingDelay(2 hours);

        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        governor.setVotingDelay(2 hours);

        giveVotes(voter, 100 ether);
        _pass(voter, _single(address(governor), 0, abi.encodeCall(governor.setVotingDelay, (2 hours)), "Slower"));
        assertEq(governor.votingDelay(), 2 hours, "changed through the Timelock");
    }

    function test_governor_quorumIsFourPercentOfTheVOpenSupply() public {
        giveVotes(voter, 1_000 ether);
        stakeAs(staker, 500 ether);
        vm.warp(block.timestamp + 1);
        assertEq(governor.quorum(block.timestamp - 1), 60 ether, "4% of wrapped and staked vOPEN");
    }

    // ------------------------------------------------------------------ Timelock roles and ownership

    function test_timelock_rolesAsDeployed() public view {
        bytes32 proposer = timelock.PROPOSER_ROLE();
        bytes32 canceller = timelock.CANCELLER_ROLE();
        bytes32 executor = timelock.EXECUTOR_ROLE();
        bytes32 admin = timelock.DEFAULT_ADMIN_ROLE();

        assertTrue(timelock.hasRole(proposer, address(governor)), "Governor proposes");
        assertTrue(timelock.hasRole(canceller, address(governor)), "Governor cancels");
        assertTrue(timelock.hasRole(executor, address(0)), "anyone executes");
        assertFalse(timelock.hasRole(executor, address(governor)), "no executor besides anyone");
        assertTrue(timelock.hasRole(admin, address(timelock)), "the Timelock administers itself");

        assertFalse(timelock.hasRole(admin, address(this)), "the deployer renounced its admin role");
        assertFalse(timelock.hasRole(proposer, address(this)), "the deployer cannot propose");
        assertFalse(timelock.hasRole(canceller, address(this)), "the deployer cannot cancel");
        assertFalse(timelock.hasRole(admin, address(governor)), "the Governor is no admin");
        assertFalse(timelock.hasRole(proposer, address(0)), "nobody else proposes");
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY, "minimum delay");
    }

    function test_timelock_ownsAndReceivesEverything() public view {
        assertEq(params.owner(), address(timelock), "ProtocolParams' owner");
        assertEq(staking.governance(), address(timelock), "Staking's governance");
        assertEq(staking.treasury(), address(timelock), "Staking's treasury");
        assertEq(datanets.treasury(), address(timelock), "DatanetRegistry's treasury");
        assertEq(models.treasury(), address(timelock), "ModelRegistry's treasury");
        assertEq(ledger.treasury(), address(timelock), "AttributionLedger's treasury");
        assertEq(treasury, address(timelock), "the fixture's treasury");
    }

    function test_RevertWhen_anOutsiderSchedulesOnTheTimelock() public {
        Proposal memory p = _thresholdProposal();
        bytes32 proposerRole = timelock.PROPOSER_ROLE();

        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, proposerRole)
        );
        vm.prank(outsider);
        timelock.schedule(p.targets[0], 0, p.calldatas[0], bytes32(0), bytes32(0), TIMELOCK_DELAY);

        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, proposerRole)
        );
        vm.prank(outsider);
        timelock.scheduleBatch(p.targets, p.values, p.calldatas, bytes32(0), bytes32(0), TIMELOCK_DELAY);

        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(this), proposerRole
            )
        );
        timelock.schedule(p.targets[0], 0, p.calldatas[0], bytes32(0), bytes32(0), TIMELOCK_DELAY);
    }

    function test_RevertWhen_anOutsiderCancelsOrAdministersTheTimelock() public {
        bytes32 cancellerRole = timelock.CANCELLER_ROLE();
        bytes32 adminRole = timelock.DEFAULT_ADMIN_ROLE();
        bytes32 proposerRole = timelock.PROPOSER_ROLE();

        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, cancellerRole)
        );
        vm.prank(outsider);
        timelock.cancel(bytes32(uint256(1)));

        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(this), adminRole)
        );
        timelock.grantRole(proposerRole, address(this));

        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, outsider));
        vm.prank(outsider);
        timelock.updateDelay(0);
    }

    // ------------------------------------------------------------------ propose

    function test_RevertWhen_proposingBelowTheThreshold() public {
        giveVotes(voter, 1 ether - 1);
        Proposal memory p = _thresholdProposal();
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, voter, 1 ether - 1, 1 ether)
        );
        _propose(voter, p);
    }

    function test_RevertWhen_proposingWithVotesFromTheSameSecond() public {
        // Votes count from the second after they were delegated (the threshold reads clock() - 1).
        vm.deal(voter, 10 ether);
        vm.startPrank(voter);
        openVotes.deposit{value: 10 ether}();
        openVotes.delegate(voter);
        vm.stopPrank();

        Proposal memory p = _thresholdProposal();
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, voter, 0, 1 ether));
        _propose(voter, p);
    }

    function test_propose_atExactlyTheThreshold() public {
        giveVotes(voter, 1 ether);
        uint256 proposalId = _propose(voter, _thresholdProposal());
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Pending), "pending");
        assertEq(governor.proposalProposer(proposalId), voter, "proposer");
        assertEq(governor.proposalSnapshot(proposalId), block.timestamp + VOTING_DELAY, "snapshot after the delay");
        assertEq(
            governor.proposalDeadline(proposalId), block.timestamp + VOTING_DELAY + VOTING_PERIOD, "deadline"
        );
    }

    function test_propose_withOnlyStakedOpen_proposeAndVote() public {
        stakeAs(staker, 100 ether);
        vm.warp(block.timestamp + 1);
        assertEq(openVotes.balanceOf(staker), 0, "the staker holds no vOPEN itself");
        assertEq(openVotes.getVotes(staker), 100 ether, "its vault's votes are its own");

        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _propose(staker, p);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        assertEq(governor.getVotes(staker, governor.proposalSnapshot(proposalId)), 100 ether, "votes at snapshot");
        _vote(staker, proposalId, 1);

        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(forVotes, 100 ether, "staked OPEN counted for");
        assertEq(against, 0, "none against");
        assertEq(abstain, 0, "none abstaining");
        assertTrue(governor.hasVoted(proposalId, staker), "voted");

        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Succeeded), "staked votes reach quorum");
        _queue(p);
        vm.warp(governor.proposalEta(proposalId));
        _execute(p);
        assertEq(params.attributionThresholdBps(), 600, "executed");
    }

    function test_propose_delegatedStakeVotesForTheDelegatee() public {
        stakeAs(staker, 100 ether);
        vm.prank(staker);
        staking.delegateStake(voter);
        vm.warp(block.timestamp + 1);

        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, staker, 0, 1 ether));
        _propose(staker, _thresholdProposal());

        uint256 proposalId = _proposeAndWin(voter, _thresholdProposal());
        (, uint256 forVotes,) = governor.proposalVotes(proposalId);
        assertEq(forVotes, 100 ether, "the delegatee votes with the stake");
    }

    function test_proposalStorage_enumeratesProposalsAndTheirActions() public {
        giveVotes(voter, 10 ether);
        assertEq(governor.proposalCount(), 0, "none yet");

        Proposal memory first = _thresholdProposal();
        uint256 firstId = _propose(voter, first);
        Proposal memory second =
            _single(address(staking), 0, abi.encodeCall(staking.slash, (staker, 1 ether, "fraud")), "Slash");
        uint256 secondId = _propose(voter, second);
        assertEq(governor.proposalCount(), 2, "two proposals");

        (
            uint256 id,
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas,
            bytes32 descriptionHash
        ) = governor.proposalDetailsAt(0);
        assertEq(id, firstId, "first id");
        assertEq(targets.length, 1, "one target");
        assertEq(targets[0], address(params), "first target");
        assertEq(values[0], 0, "first value");
        assertEq(calldatas[0], first.calldatas[0], "first calldata");
        assertEq(descriptionHash, _hash(first), "first description");

        (id, targets, values, calldatas, descriptionHash) = governor.proposalDetailsAt(1);
        assertEq(id, secondId, "second id");
        assertEq(targets[0], address(staking), "second target");
        assertEq(calldatas[0], abi.encodeCall(IStaking.slash, (staker, 1 ether, "fraud")), "second calldata");
        assertEq(descriptionHash, _hash(second), "second description");

        (targets,, calldatas, descriptionHash) = governor.proposalDetails(secondId);
        assertEq(targets[0], address(staking), "details by id");
        assertEq(descriptionHash, _hash(second), "description by id");
    }

    function test_RevertWhen_proposalDetailsOfAnUnknownProposal() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorNonexistentProposal.selector, 42));
        governor.proposalDetails(42);
    }

    // ------------------------------------------------------------------ outcome

    function test_proposal_defeatedWhenQuorumIsNotReached() public {
        giveVotes(makeAddr("whale"), 1_000 ether); // never votes
        giveVotes(voter, 40 ether); // 40 of 1,040: below the 4% quorum of 41.6
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _proposeAndWin(voter, p);

        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Defeated), "defeated");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Defeated,
                _bit(IGovernor.ProposalState.Succeeded)
            )
        );
        _queue(p);
    }

    function test_proposal_quorumCountsAbstentions() public {
        address whale = makeAddr("whale");
        giveVotes(whale, 1_000 ether);
        giveVotes(voter, 40 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _propose(voter, p);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _vote(voter, proposalId, 1);
        _vote(whale, proposalId, 2); // abstain
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Succeeded), "abstentions make quorum");
    }

    function test_proposal_defeatedWhenAgainstOutweighsFor() public {
        address opponent = makeAddr("opponent");
        giveVotes(voter, 100 ether);
        giveVotes(opponent, 200 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _propose(voter, p);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _vote(voter, proposalId, 1);
        _vote(opponent, proposalId, 0);
        vm.warp(governor.proposalDeadline(proposalId) + 1);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Defeated), "defeated");
    }

    function test_proposal_lifecycleThroughQueueAndExecute() public {
        giveVotes(voter, 100 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _propose(voter, p);
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        uint256 deadline = governor.proposalDeadline(proposalId);

        vm.warp(snapshot);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Pending), "pending until after the snapshot");
        vm.warp(snapshot + 1);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Active), "active");
        _vote(voter, proposalId, 1);
        vm.warp(deadline);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Active), "active through the deadline");
        vm.warp(deadline + 1);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Succeeded), "succeeded");
        assertTrue(governor.proposalNeedsQueuing(proposalId), "needs the Timelock");

        vm.expectEmit(address(governor));
        emit IGovernor.ProposalQueued(proposalId, block.timestamp + TIMELOCK_DELAY);
        _queue(p);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Queued), "queued");
        assertEq(governor.proposalEta(proposalId), block.timestamp + TIMELOCK_DELAY, "eta after the delay");
        bytes32 operationId = _operationId(p);
        assertTrue(timelock.isOperationPending(operationId), "scheduled in the Timelock");
        assertEq(timelock.getTimestamp(operationId), block.timestamp + TIMELOCK_DELAY, "Timelock's ready time");

        vm.warp(governor.proposalEta(proposalId));
        assertTrue(timelock.isOperationReady(operationId), "ready");
        vm.expectEmit(address(governor));
        emit IGovernor.ProposalExecuted(proposalId);
        vm.prank(outsider); // anyone may execute
        governor.execute(p.targets, p.values, p.calldatas, _hash(p));

        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Executed), "executed");
        assertTrue(timelock.isOperationDone(operationId), "done in the Timelock");
        assertEq(params.attributionThresholdBps(), 600, "the change took effect");
    }

    function test_RevertWhen_queueingBeforeTheVoteEnds() public {
        giveVotes(voter, 100 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _propose(voter, p);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        _vote(voter, proposalId, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Active,
                _bit(IGovernor.ProposalState.Succeeded)
            )
        );
        _queue(p);
    }

    function test_RevertWhen_executingBeforeTheTimelockDelay() public {
        giveVotes(voter, 100 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _proposeAndWin(voter, p);
        _queue(p);
        vm.warp(governor.proposalEta(proposalId) - 1);

        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                _operationId(p),
                bytes32(2 ** uint256(TimelockController.OperationState.Ready))
            )
        );
        _execute(p);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Queued), "still queued");
        assertEq(params.attributionThresholdBps(), 500, "unchanged");
    }

    function test_RevertWhen_executingWithoutQueueing() public {
        giveVotes(voter, 100 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _proposeAndWin(voter, p);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Succeeded,
                _bit(IGovernor.ProposalState.Queued)
            )
        );
        _execute(p);
    }

    function test_timelock_anyoneCanExecuteAReadyOperationDirectly() public {
        giveVotes(voter, 100 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _proposeAndWin(voter, p);
        _queue(p);
        vm.warp(governor.proposalEta(proposalId));

        bytes32 salt = bytes32(bytes20(address(governor))) ^ _hash(p);
        vm.prank(outsider);
        timelock.executeBatch(p.targets, p.values, p.calldatas, bytes32(0), salt);
        assertEq(params.attributionThresholdBps(), 600, "executed by an outsider");
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Executed), "the Governor sees it executed");
    }

    // ------------------------------------------------------------------ cancel

    function test_cancel_byTheProposerBeforeVotingStarts() public {
        giveVotes(voter, 100 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _propose(voter, p);

        vm.expectEmit(address(governor));
        emit IGovernor.ProposalCanceled(proposalId);
        vm.prank(voter);
        governor.cancel(p.targets, p.values, p.calldatas, _hash(p));

        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Canceled), "canceled");
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Canceled,
                _bit(IGovernor.ProposalState.Active)
            )
        );
        _vote(voter, proposalId, 1);
    }

    function test_cancel_byIdThroughProposalStorage() public {
        giveVotes(voter, 100 ether);
        uint256 proposalId = _propose(voter, _thresholdProposal());
        vm.prank(voter);
        governor.cancel(proposalId);
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Canceled), "canceled by id");
    }

    function test_RevertWhen_someoneElseCancels() public {
        giveVotes(voter, 100 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _propose(voter, p);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, outsider));
        vm.prank(outsider);
        governor.cancel(p.targets, p.values, p.calldatas, _hash(p));
    }

    function test_RevertWhen_theProposerCancelsAfterVotingStarts() public {
        giveVotes(voter, 100 ether);
        Proposal memory p = _thresholdProposal();
        uint256 proposalId = _propose(voter, p);
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, voter));
        vm.prank(voter);
        governor.cancel(p.targets, p.values, p.calldatas, _hash(p));
    }

    // ------------------------------------------------------------------ what a passed proposal can do

    function test_passedProposal_spendsTreasuryOpenFromASlash() public {
        stakeAs(staker, 50 ether);
        giveVotes(voter, 1_000 ether);
        vm.prank(address(timelock));
        staking.slash(staker, 10 ether, "seed the treasury");
        assertEq(address(timelock).balance, 10 ether, "treasury holds the slashed OPEN");

        _pass(voter, _single(grantee, 6 ether, "", "Grant 6 OPEN"));

        assertEq(grantee.balance, 6 ether, "grantee paid");
        assertEq(address(timelock).balance, 4 ether, "treasury spent");
    }

    function test_passedProposal_spendsTreasuryOpenDealt() public {
        vm.deal(address(timelock), 3 ether);
        giveVotes(voter, 100 ether);
        _pass(voter, _single(grantee, 3 ether, "", "Grant everything"));
        assertEq(grantee.balance, 3 ether, "grantee paid");
        assertEq(address(timelock).balance, 0, "treasury emptied");
    }

    function test_RevertWhen_aPassedProposalSpendsMoreThanTheTreasuryHolds() public {
        vm.deal(address(timelock), 1 ether);
        giveVotes(voter, 100 ether);
        Proposal memory p = _single(grantee, 2 ether, "", "Grant too much");
        uint256 proposalId = _proposeAndWin(voter, p);
        _queue(p);
        vm.warp(governor.proposalEta(proposalId));
        vm.expectRevert(Errors.FailedCall.selector);
        _execute(p);
        assertEq(address(timelock).balance, 1 ether, "nothing spent");
        assertEq(_state(proposalId), uint256(IGovernor.ProposalState.Queued), "still queued, can be retried");
    }

    function test_passedProposal_slashesAStaker() public {
        stakeAs(staker, 50 ether);
        _requestUnstake(staker, 30 ether);
        giveVotes(voter, 1_000 ether);

        Proposal memory p =
            _single(address(staking), 0, abi.encodeCall(staking.slash, (staker, 25 ether, "fraud")), "Slash staker");
        uint256 proposalId = _proposeAndWin(voter, p);
        _queue(p);
        vm.warp(governor.proposalEta(proposalId));

        vm.expectEmit(address(staking));
        emit IStaking.Slashed(staker, 25 ether, 20 ether, 5 ether, "fraud");
        _execute(p);

        assertEq(staking.stakeOf(staker), 0, "active stake slashed first");
        (uint256 unbonding,) = staking.unbondingOf(staker);
        assertEq(unbonding, 25 ether, "then unbonding");
        assertEq(address(timelock).balance, 25 ether, "treasury received the slash, at most half the stake");
        assertEq(openVotes.getVotes(staker), 25 ether, "the staker's votes drop");
    }

    function test_passedProposal_changesAParameter() public {
        giveVotes(voter, 100 ether);
        _pass(voter, _single(address(params), 0, abi.encodeCall(params.setUnbondingPeriod, (14 days)), "Unbond 14d"));
        assertEq(params.unbondingPeriod(), 14 days, "changed by governance");
    }

    function _requestUnstake(address who, uint256 amount) internal {
        vm.prank(who);
        staking.requestUnstake(amount);
    }
}
