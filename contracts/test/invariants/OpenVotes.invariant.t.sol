// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {OpenVotes} from "../../src/OpenVotes.sol";
import {ProvenaGovernor} from "../../src/governance/ProvenaGovernor.sol";
import {ProvenaTimelock} from "../../src/governance/ProvenaTimelock.sol";
import {Test} from "../utils/Test.sol";
import {OpenVotesHandler} from "./handlers/OpenVotesHandler.sol";

/**
 * @notice Invariants of {OpenVotes}, and of the Governor counting its votes, under random sequences of
 * deposits, withdrawals, transfers, delegation and time passing among holders of a realistic supply, with
 * contested proposals whose tallies land within a few wei of the quorum or of a tie.
 * @dev The handler only acts and records (see {OpenVotesHandler}); each invariant below checks one property
 * against its records, so a failure names the property that broke.
 */
contract OpenVotesInvariantTest is Test {
    uint48 internal constant VOTING_DELAY = 1 hours;
    uint32 internal constant VOTING_PERIOD = 3 days;
    uint256 internal constant QUORUM_PERCENT = 4;

    OpenVotes internal token;
    ProvenaGovernor internal governor;
    OpenVotesHandler internal handler;

    function setUp() public {
        token = new OpenVotes();
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1);
        ProvenaTimelock timelock = new ProvenaTimelock(1 days, none, anyone, address(0));
        // No proposal threshold: who proposes is not what these runs test.
        governor = new ProvenaGovernor(token, timelock, VOTING_DELAY, VOTING_PERIOD, 0, QUORUM_PERCENT);
        handler = new OpenVotesHandler(token, governor, 5);

        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = OpenVotesHandler.deposit.selector;
        selectors[1] = OpenVotesHandler.depositFor.selector;
        selectors[2] = OpenVotesHandler.sendNative.selector;
        selectors[3] = OpenVotesHandler.withdraw.selector;
        selectors[4] = OpenVotesHandler.withdrawTo.selector;
        selectors[5] = OpenVotesHandler.transfer.selector;
        selectors[6] = OpenVotesHandler.delegate.selector;
        selectors[7] = OpenVotesHandler.warp.selector;
        selectors[8] = OpenVotesHandler.contest.selector;
        // Contests take several calls to open, vote and close: give them a second slot.
        selectors[9] = OpenVotesHandler.contest.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    // ================================================================ the contest path itself

    /**
     * @dev Not an invariant: shows that the contest path does what the invariants rely on. Sixteen contests,
     * voted at once and closed, land within 3 wei of their boundary, and each boundary is seen decided both
     * ways by that margin: a quorum missed or reached by a few wei out of a 10^8 OPEN supply, a tie or a
     * near-tie between for and against.
     */
    function test_contest_landsWithinAFewWeiOfTheBoundary_bothWays() public {
        for (uint256 k = 0; k < 16; k++) {
            uint256 picks = uint256(keccak256(abi.encode(k))) % (1 << 12);
            handler.contest((k % 2) | (picks << 8) | (((k / 2) % 7) << 32)); // bit 40 clear: vote now
            handler.warp(VOTING_PERIOD + 1);
            handler.contest(0); // closes it
        }
        OpenVotesHandler.Contest[] memory contests = handler.contests();
        assertEq(contests.length, 16, "every contest opened");
        uint256[2][2] memory seen; // [boundary][succeeded]
        for (uint256 i = 0; i < contests.length; i++) {
            OpenVotesHandler.Contest memory c = contests[i];
            bool succeeded = governor.state(c.id) == IGovernor.ProposalState.Succeeded;
            (uint256 a, uint256 b) = c.boundary == OpenVotesHandler.Boundary.Quorum
                ? (c.forVotes + c.abstainVotes, c.quorum)
                : (c.forVotes, c.againstVotes);
            if ((a > b ? a - b : b - a) <= 3) ++seen[uint256(c.boundary)][succeeded ? 1 : 0];
        }
        assertGt(seen[0][0], 0, "a quorum missed by at most 3 wei");
        assertGt(seen[0][1], 0, "a quorum reached by at most 3 wei");
        assertGt(seen[1][0], 0, "a tie, or against ahead by at most 3 wei");
        assertGt(seen[1][1], 0, "for ahead by at most 3 wei");
    }

    // ================================================================ supply and backing

    /// @custom:invariant Every vOPEN is backed: the OPEN the contract holds equals the vOPEN supply.
    function invariant_openHeld_equalsTotalSupply() public view {
        assertEq(address(token).balance, token.totalSupply(), "OPEN held != totalSupply");
    }

    /// @custom:invariant The supply is what went in minus what came out.
    function invariant_totalSupply_equalsDepositsMinusWithdrawals() public view {
        assertEq(token.totalSupply(), handler.ghostSupply(), "supply != deposits - withdrawals");
    }

    /// @custom:invariant Each holder's balance is what the model says, and the holders hold the whole supply.
    function invariant_balances_matchTheModel() public view {
        address[] memory holders = handler.holders();
        (uint256[] memory balances,,) = handler.ghostHolders();
        uint256 sum;
        for (uint256 i = 0; i < holders.length; i++) {
            uint256 balance = token.balanceOf(holders[i]);
            assertEq(balance, balances[i], "balance != model");
            sum += balance;
        }
        assertEq(sum, token.totalSupply(), "holders' balances != totalSupply");
    }

    /// @custom:invariant Every deposit path mints: no plain transfer was refused and no transfer returned false.
    function invariant_depositsAndTransfers_neverRefused() public view {
        assertEq(handler.ghostRefusedDeposits(), 0, "a plain OPEN transfer was refused");
        assertEq(handler.ghostFailedTransfers(), 0, "a transfer returned false");
    }

    /// @custom:invariant Withdrawals deliver exactly the OPEN they burn.
    function invariant_withdrawals_payExactlyWhatTheyBurn() public view {
        assertEq(handler.ghostWithdrawalsReceived(), handler.ghostWithdrawn(), "OPEN received != vOPEN burned");
    }

    // ================================================================ votes now

    /// @custom:invariant Each holder delegates to whom the model says.
    function invariant_delegates_matchTheModel() public view {
        address[] memory holders = handler.holders();
        (, address[] memory delegates,) = handler.ghostHolders();
        for (uint256 i = 0; i < holders.length; i++) {
            assertEq(token.delegates(holders[i]), delegates[i], "delegate != model");
        }
    }

    /// @custom:invariant The delegates' votes add up to the delegated supply: the balances of holders who delegated.
    function invariant_sumOfVotes_equalsDelegatedSupply() public view {
        address[] memory holders = handler.holders();
        uint256 votes;
        uint256 delegated;
        for (uint256 i = 0; i < holders.length; i++) {
            votes += token.getVotes(holders[i]);
            if (token.delegates(holders[i]) != address(0)) delegated += token.balanceOf(holders[i]);
        }
        assertEq(votes, delegated, "sum of votes != delegated supply");
    }

    /// @custom:invariant Each holder's current votes are the balances delegated to them, by the model.
    function invariant_currentVotes_matchTheModel() public view {
        address[] memory holders = handler.holders();
        (,, uint256[] memory votes) = handler.ghostHolders();
        for (uint256 i = 0; i < holders.length; i++) {
            assertEq(token.getVotes(holders[i]), votes[i], "votes != model");
        }
    }

    // ================================================================ votes in the past

    /// @custom:invariant At every timepoint left behind, each holder's past votes are what the model recorded then.
    /// forge-config: default.invariant.runs = 128
    function invariant_pastVotes_matchTheRecords() public view {
        address[] memory holders = handler.holders();
        uint256[] memory timepoints = handler.timepoints();
        for (uint256 t = 0; t < timepoints.length; t++) {
            uint256[] memory recorded = handler.ghostPastVotesAt(timepoints[t]);
            for (uint256 i = 0; i < holders.length; i++) {
                assertEq(token.getPastVotes(holders[i], timepoints[t]), recorded[i], "past votes != record");
            }
        }
    }

    /// @custom:invariant At every timepoint left behind, the past total supply is what the model recorded then.
    function invariant_pastTotalSupply_matchesTheRecords() public view {
        uint256[] memory timepoints = handler.timepoints();
        for (uint256 t = 0; t < timepoints.length; t++) {
            assertEq(
                token.getPastTotalSupply(timepoints[t]), handler.ghostPastSupply(timepoints[t]), "past supply != record"
            );
        }
    }

    // ================================================================ contested proposals

    /// @custom:invariant Each contest's quorum is 4% of the supply the model had at its snapshot.
    function invariant_contest_quorumMatchesTheModel() public view {
        OpenVotesHandler.Contest[] memory contests = handler.contests();
        for (uint256 i = 0; i < contests.length; i++) {
            assertEq(governor.quorum(contests[i].snapshot), contests[i].quorum, "quorum != 4% of the model's supply");
        }
    }

    /// @custom:invariant Each contest's count is the model's tally: every vote weighs the voter's votes at the snapshot.
    function invariant_contest_votesMatchTheTally() public view {
        OpenVotesHandler.Contest[] memory contests = handler.contests();
        for (uint256 i = 0; i < contests.length; i++) {
            (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(contests[i].id);
            assertEq(for_, contests[i].forVotes, "for != tally");
            assertEq(against, contests[i].againstVotes, "against != tally");
            assertEq(abstain, contests[i].abstainVotes, "abstain != tally");
        }
    }

    /**
     * @custom:invariant Each contest's state follows from the model's tally: Active until the deadline, then
     * Succeeded exactly when for beats against and for plus abstain reach the quorum, else Defeated.
     */
    function invariant_contest_stateMatchesTheTally() public view {
        OpenVotesHandler.Contest[] memory contests = handler.contests();
        for (uint256 i = 0; i < contests.length; i++) {
            OpenVotesHandler.Contest memory c = contests[i];
            IGovernor.ProposalState expected;
            if (block.timestamp <= c.deadline) {
                expected = IGovernor.ProposalState.Active;
            } else if (c.forVotes > c.againstVotes && c.forVotes + c.abstainVotes >= c.quorum) {
                expected = IGovernor.ProposalState.Succeeded;
            } else {
                expected = IGovernor.ProposalState.Defeated;
            }
            assertEq(uint256(governor.state(c.id)), uint256(expected), "state != tally");
        }
    }
}
