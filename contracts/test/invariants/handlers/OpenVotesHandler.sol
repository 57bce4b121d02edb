// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {OpenVotes} from "../../../src/OpenVotes.sol";
import {ProvenaGovernor} from "../../../src/governance/ProvenaGovernor.sol";
import {Test} from "../../utils/Test.sol";

/**
 * @title OpenVotesHandler
 * @notice Drives {OpenVotes} through random but valid sequences for the invariant tests: deposits by each
 * path, withdrawals to self and others, transfers, delegation and time passing among a population holding a
 * realistic supply (10^8 OPEN to start), and contested Governor votes that land around the quorum or majority
 * boundary.
 * @dev The handler asserts nothing. It keeps its own model of the token (balances, delegates, votes, supply,
 * what withdrawals paid), records that model at every timepoint it leaves, and tallies each contest from the
 * model's votes at the proposal's snapshot; the invariants compare the token and the Governor with those
 * records. Every input is bounded so no call reverts (the suite runs with `fail_on_revert`).
 */
contract OpenVotesHandler is Test {
    /// @dev One deposit is at most a tenth of the starting supply: large, but the supply stays realistic.
    uint256 internal constant MAX_DEPOSIT = 10_000_000 ether;
    /// @dev The most timepoints recorded, so the invariants' cost stays bounded.
    uint256 internal constant MAX_RECORDS = 8;
    /// @dev The most contests per run.
    uint256 internal constant MAX_CONTESTS = 16;

    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;
    uint8 internal constant NO_VOTE = 3;

    OpenVotes public immutable token;
    ProvenaGovernor public immutable governor;

    /// @dev Who the random actions pick from: small holders, then the large voters.
    address[] internal _population;
    /// @dev The large holders, who vote in contests.
    address[] internal _voters;
    /// @dev Votes in every contest, with a balance set to put the tally at the boundary; no random action
    /// touches it, so its votes are exactly what the contest set.
    address public immutable swing;

    // ---------------------------------------------------------------- ghost: the token

    /// @notice Total OPEN deposited, by any path, and withdrawn, by any path.
    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    /// @notice OPEN that withdrawals delivered, measured at the receivers.
    uint256 public ghostWithdrawalsReceived;
    /// @notice Deposits by plain transfer that the token refused, and transfers that returned false.
    uint256 public ghostRefusedDeposits;
    uint256 public ghostFailedTransfers;

    mapping(address => uint256) public ghostBalance;
    mapping(address => address) public ghostDelegate;
    mapping(address => uint256) public ghostVotes;

    // ---------------------------------------------------------------- ghost: history

    /// @notice Timepoints left behind, oldest first, each with the model's votes and supply when it ended.
    uint256[] internal _timepoints;
    mapping(uint256 timepoint => mapping(address => uint256)) public ghostPastVotes;
    mapping(uint256 timepoint => uint256) public ghostPastSupply;

    // ---------------------------------------------------------------- ghost: contests

    /// @notice Which boundary a contest is set on.
    enum Boundary {
        Quorum,
        Majority
    }

    /// @notice One contested proposal: its ghost quorum and the ghost tally of the votes cast.
    struct Contest {
        uint256 id;
        Boundary boundary;
        uint256 snapshot;
        uint256 deadline;
        uint256 quorum;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
        bool voted;
    }

    Contest[] internal _contests;
    /// @dev Each voter's planned support in the open contest (the swing is last), and its weight at the snapshot.
    uint8[] internal _plan;
    uint256[] internal _weights;
    bool internal _open;

    constructor(OpenVotes token_, ProvenaGovernor governor_, uint256 smallHolders) {
        token = token_;
        governor = governor_;
        for (uint256 i = 0; i < smallHolders; i++) {
            _population.push(makeAddr(string.concat("actor", vm.toString(i))));
        }
        // 10^8 OPEN among six large holders, each self-delegated.
        uint256[6] memory holdings = [
            uint256(30_000_000 ether),
            25_000_000 ether,
            20_000_000 ether,
            12_000_000 ether,
            8_000_000 ether,
            5_000_000 ether
        ];
        for (uint256 i = 0; i < holdings.length; i++) {
            address voter = makeAddr(string.concat("voter", vm.toString(i)));
            _voters.push(voter);
            _population.push(voter);
            _deposit(voter, voter, holdings[i]);
            _delegate(voter, voter);
        }
        swing = makeAddr("swing");
        _delegate(swing, swing);
    }

    // ================================================================ views for the invariants

    /// @notice Everyone who can hold vOPEN: the population and the swing voter.
    function holders() external view returns (address[] memory all) {
        all = new address[](_population.length + 1);
        for (uint256 i = 0; i < _population.length; i++) {
            all[i] = _population[i];
        }
        all[_population.length] = swing;
    }

    /// @notice The model's balance, delegate and votes of each of {holders}, in that order (one call each).
    function ghostHolders()
        external
        view
        returns (uint256[] memory balances, address[] memory delegates, uint256[] memory votes)
    {
        address[] memory all = this.holders();
        balances = new uint256[](all.length);
        delegates = new address[](all.length);
        votes = new uint256[](all.length);
        for (uint256 i = 0; i < all.length; i++) {
            balances[i] = ghostBalance[all[i]];
            delegates[i] = ghostDelegate[all[i]];
            votes[i] = ghostVotes[all[i]];
        }
    }

    /// @notice The model's votes of each of {holders} when `timepoint` ended.
    function ghostPastVotesAt(uint256 timepoint) external view returns (uint256[] memory votes) {
        address[] memory all = this.holders();
        votes = new uint256[](all.length);
        for (uint256 i = 0; i < all.length; i++) {
            votes[i] = ghostPastVotes[timepoint][all[i]];
        }
    }

    /// @notice The timepoints left behind, oldest first.
    function timepoints() external view returns (uint256[] memory) {
        return _timepoints;
    }

    /// @notice Every contest so far, the open one included.
    function contests() external view returns (Contest[] memory) {
        return _contests;
    }

    /// @notice The model's supply now.
    function ghostSupply() public view returns (uint256) {
        return ghostDeposited - ghostWithdrawn;
    }

    // ================================================================ random actions

    function deposit(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        _deposit(actor, actor, bound(amount, 1, MAX_DEPOSIT));
    }

    function depositFor(uint256 payerSeed, uint256 accountSeed, uint256 amount) external {
        _deposit(_actor(payerSeed), _actor(accountSeed), bound(amount, 1, MAX_DEPOSIT));
    }

    function sendNative(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1, MAX_DEPOSIT);
        vm.deal(actor, actor.balance + amount);
        vm.prank(actor);
        (bool ok,) = address(token).call{value: amount}("");
        if (!ok) {
            ++ghostRefusedDeposits;
            return;
        }
        _modelMint(actor, amount);
    }

    function withdraw(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        if (ghostBalance[actor] == 0) return;
        _withdraw(actor, actor, bound(amount, 1, ghostBalance[actor]));
    }

    function withdrawTo(uint256 actorSeed, uint256 receiverSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        if (ghostBalance[actor] == 0) return;
        _withdraw(actor, _actor(receiverSeed), bound(amount, 1, ghostBalance[actor]));
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, ghostBalance[from]);
        vm.prank(from);
        if (!token.transfer(to, amount)) {
            ++ghostFailedTransfers;
            return;
        }
        ghostBalance[from] -= amount;
        ghostBalance[to] += amount;
        _moveVotes(ghostDelegate[from], ghostDelegate[to], amount);
    }

    function delegate(uint256 actorSeed, uint256 delegateeSeed) external {
        _delegate(_actor(actorSeed), _actor(delegateeSeed));
    }

    function warp(uint256 seconds_) external {
        _warpTo(block.timestamp + bound(seconds_, 1, 30 days));
    }

    // ================================================================ contested votes

    /**
     * @notice Moves the contest along: opens one when none is open (setting the swing voter's balance so the
     * tally lands within a few wei of the quorum or of a tie, then proposing), casts its votes, or closes it
     * once its deadline has passed.
     */
    function contest(uint256 seed) external {
        if (_open) {
            Contest storage c = _contests[_contests.length - 1];
            if (block.timestamp > c.deadline) {
                _open = false;
            } else if (!c.voted) {
                _castVotes(c);
            }
            return;
        }
        if (_contests.length >= MAX_CONTESTS) return;
        _openContest(seed);
    }

    function _openContest(uint256 seed) internal {
        Boundary boundary = Boundary(seed % 2);
        delete _plan;
        delete _weights;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
        for (uint256 i = 0; i < _voters.length; i++) {
            uint8 support = uint8((seed >> (8 + 2 * i)) % 4);
            uint256 weight = ghostVotes[_voters[i]];
            _plan.push(support);
            _weights.push(weight);
            if (support == FOR) forVotes += weight;
            else if (support == AGAINST) againstVotes += weight;
            else if (support == ABSTAIN) abstainVotes += weight;
        }
        // The swing lands the tally a few wei either side of the boundary (where it can reach it).
        int256 offset = int256((seed >> 32) % 7) - 3;
        uint256 swingVotes;
        uint256 others = ghostSupply() - ghostBalance[swing];
        if (boundary == Boundary.Quorum) {
            // Only the quorum decides: nobody votes against, and the swing votes for when no one else does
            // (else it abstains, which counts for the quorum only). Quorum is 4% of the supply, which the
            // swing's balance is part of: 96 w = 4 S - 100 P puts for + abstain on the quorum.
            uint256 participating = forVotes + abstainVotes;
            for (uint256 i = 0; i < _voters.length; i++) {
                if (_plan[i] == AGAINST) _plan[i] = NO_VOTE;
            }
            // Where the others already reach the quorum, some of them stay home.
            for (uint256 i = 0; i < _voters.length && participating * 100 >= others * 4; i++) {
                if (_plan[i] == FOR || _plan[i] == ABSTAIN) {
                    participating -= _weights[i];
                    if (_plan[i] == FOR) forVotes -= _weights[i];
                    _plan[i] = NO_VOTE;
                }
            }
            swingVotes = _offset((others * 4 - participating * 100 + 95) / 96, offset);
            _plan.push(forVotes == 0 ? FOR : ABSTAIN);
        } else {
            // It votes against: the tally lands on a tie between for and against.
            swingVotes = forVotes > againstVotes ? _offset(forVotes - againstVotes, offset) : 0;
            _plan.push(AGAINST);
        }
        _weights.push(swingVotes);
        _setBalance(swing, swingVotes);

        address[] memory targets = new address[](1);
        targets[0] = address(0xdead);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        uint256 id =
            governor.propose(targets, values, calldatas, string.concat("contest ", vm.toString(_contests.length)));
        uint256 snapshot = block.timestamp + governor.votingDelay();
        _contests.push(
            Contest({
                id: id,
                boundary: boundary,
                snapshot: snapshot,
                deadline: snapshot + governor.votingPeriod(),
                quorum: ghostSupply() * 4 / 100,
                forVotes: 0,
                againstVotes: 0,
                abstainVotes: 0,
                voted: false
            })
        );
        _open = true;
        // Nothing else happens before the snapshot, so the tally is set where the contest put it.
        _warpTo(snapshot + 1);
        // Half the time the votes wait for a later call, after other holders have moved vOPEN about.
        if ((seed >> 40) % 2 == 0) _castVotes(_contests[_contests.length - 1]);
    }

    /// @dev Casts every planned vote, each weighing the voter's modelled votes at the snapshot.
    function _castVotes(Contest storage c) internal {
        for (uint256 i = 0; i < _plan.length; i++) {
            uint8 support = _plan[i];
            if (support == NO_VOTE) continue;
            vm.prank(i < _voters.length ? _voters[i] : swing);
            governor.castVote(c.id, support);
            if (support == FOR) c.forVotes += _weights[i];
            else if (support == AGAINST) c.againstVotes += _weights[i];
            else c.abstainVotes += _weights[i];
        }
        c.voted = true;
    }

    /// @dev `value + offset`, floored at zero.
    function _offset(uint256 value, int256 offset) internal pure returns (uint256) {
        if (offset >= 0) return value + uint256(offset);
        uint256 down = uint256(-offset);
        return value > down ? value - down : 0;
    }

    // ================================================================ internals: the model

    function _deposit(address payer, address account, uint256 amount) internal {
        vm.deal(payer, payer.balance + amount);
        vm.prank(payer);
        if (payer == account) token.deposit{value: amount}();
        else token.depositFor{value: amount}(account);
        _modelMint(account, amount);
    }

    function _withdraw(address account, address receiver, uint256 amount) internal {
        uint256 before = receiver.balance;
        vm.prank(account);
        if (account == receiver) token.withdraw(amount);
        else token.withdrawTo(receiver, amount);
        ghostWithdrawalsReceived += receiver.balance - before;
        ghostWithdrawn += amount;
        ghostBalance[account] -= amount;
        _moveVotes(ghostDelegate[account], address(0), amount);
    }

    function _setBalance(address account, uint256 target) internal {
        uint256 current = ghostBalance[account];
        if (target > current) _deposit(account, account, target - current);
        else if (target < current) _withdraw(account, account, current - target);
    }

    function _modelMint(address account, uint256 amount) internal {
        ghostDeposited += amount;
        ghostBalance[account] += amount;
        _moveVotes(address(0), ghostDelegate[account], amount);
    }

    function _delegate(address account, address delegatee) internal {
        vm.prank(account);
        token.delegate(delegatee);
        _moveVotes(ghostDelegate[account], delegatee, ghostBalance[account]);
        ghostDelegate[account] = delegatee;
    }

    /// @dev Votes follow balances from one delegate to another; the zero address is "no votes".
    function _moveVotes(address from, address to, uint256 amount) internal {
        if (from == to || amount == 0) return;
        if (from != address(0)) ghostVotes[from] -= amount;
        if (to != address(0)) ghostVotes[to] += amount;
    }

    /// @dev Leaves the current timepoint for `to`, recording the model as the timepoint ended.
    function _warpTo(uint256 to) internal {
        if (_timepoints.length < MAX_RECORDS) {
            uint256 t = block.timestamp;
            _timepoints.push(t);
            ghostPastSupply[t] = ghostSupply();
            for (uint256 i = 0; i < _population.length; i++) {
                ghostPastVotes[t][_population[i]] = ghostVotes[_population[i]];
            }
            ghostPastVotes[t][swing] = ghostVotes[swing];
        }
        vm.warp(to);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _population[seed % _population.length];
    }
}
