// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AttributionLedger} from "../../../src/AttributionLedger.sol";
import {DatanetRegistry} from "../../../src/DatanetRegistry.sol";
import {ModelRegistry} from "../../../src/ModelRegistry.sol";
import {OpenVotes} from "../../../src/OpenVotes.sol";
import {ProtocolParams} from "../../../src/ProtocolParams.sol";
import {Staking} from "../../../src/Staking.sol";
import {ProvenaGovernor} from "../../../src/governance/ProvenaGovernor.sol";
import {ProvenaTimelock} from "../../../src/governance/ProvenaTimelock.sol";
import {AdversarialHandler} from "./AdversarialHandler.sol";
import {DatanetHandler} from "./DatanetHandler.sol";
import {GovernanceHandler} from "./GovernanceHandler.sol";
import {ReenteringClaimant, RevertingClaimant} from "./LedgerClaimants.sol";
import {LedgerHandler} from "./LedgerHandler.sol";
import {ModelHandler} from "./ModelHandler.sol";
import {StakingHandler} from "./StakingHandler.sol";

/**
 * @title ProtocolHandler
 * @notice Drives the whole protocol through random but valid sequences for the invariant tests: datanets,
 * curators, bonded contributions, approvals, rejections, proven duplicates, bond releases, models and
 * adapters, attributed and pooled answers left open in escrow, finalized in (racing) batches, disputed by an
 * honest validator or a griefer and resolved by governance, self-attributions, pooled settlements, claims from
 * all three claim contracts (also by contracts that re-enter or refuse OPEN), the staking life cycle, slashes,
 * treasury releases, governance proposals taken through propose, vote, queue and execute, unauthorised calls
 * that must fail, and time passing.
 * @dev The actors are fixed: 5 users (contributors, payers and datanet owners), 3 curators, 3 stakers,
 * 2 model owners, 2 voters, 2 validators (one honest, one griefer), a rescue account, and, outside the actors the
 * claims actions pick, a re-entering and a reverting claimant contract (contributors and payers) and a sybil.
 * Every input is bounded so each call succeeds (the suite runs with `fail_on_revert`); calls that must fail are
 * made with `try`/low-level calls and what happens is recorded as ghost facts, never asserted.
 *
 * The ghost state is kept from the handler's own view of what happened, never read back from the
 * contracts: the parameters (changed only when a proposal executes), each contribution's status and bond,
 * every credit computed from the fee split and from a replica of the pooled-reward and staking-reward
 * accumulators, every claim, the staker and treasury pots, the bonds held and the treasury's inflows and
 * spending. The invariant contract compares the contracts with it.
 *
 * The actions live by concern in {DatanetHandler}, {ModelHandler}, {LedgerHandler}, {StakingHandler},
 * {GovernanceHandler} and {AdversarialHandler}, over the shared ghost state of {ProtocolHandlerBase}; this contract
 * joins them and builds the starting state.
 */
contract ProtocolHandler is
    DatanetHandler,
    ModelHandler,
    LedgerHandler,
    StakingHandler,
    GovernanceHandler,
    AdversarialHandler
{
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
        _honestValidator = _actor("validator", 0);
        _griefer = _actor("griefer", 0);
        _stakers.push(_honestValidator);
        _stakers.push(_griefer);
        _rescue = _actor("rescue", 0);
        _reentering = new ReenteringClaimant(ledger_);
        _reverting = new RevertingClaimant();
        _sybil = makeAddr("sybil");
        vm.label(address(_reentering), "ReenteringClaimant");
        vm.label(address(_reverting), "RevertingClaimant");
        _others.push(address(_reentering));
        _others.push(address(_reverting));
        _others.push(_sybil);
        for (uint256 i = 0; i < _actors.length; ++i) {
            if (!_isValidator(_actors[i]) && _actors[i] != _rescue) _payers.push(_actors[i]);
        }
        _payers.push(address(_reentering));
        _payers.push(address(_reverting));

        // Voters hold far more vOPEN than can ever be staked, so their votes alone decide and make quorum.
        giveVotes(_voters[0], VOTER0_VOTES);
        giveVotes(_voters[1], VOTER1_VOTES);

        // A starting state every action can build on: a datanet with a published version (with the claimant
        // contracts among its contributors), a model, and validators with the validator stake.
        uint64 d = _createDatanet(_users[0]);
        _appoint(d, _curators[0]);
        _appoint(d, _curators[1]);
        uint64[] memory ids = new uint64[](4);
        ids[0] = _contribute(_users[1], d, _freshHash(), 3_000);
        ids[1] = _contribute(_users[2], d, _freshHash(), 1_000);
        _contribute(_users[3], d, _freshHash(), 2_000);
        ids[2] = _contribute(address(_reentering), d, _freshHash(), 1_500);
        ids[3] = _contribute(address(_reverting), d, _freshHash(), 500);
        _approve(d, _curators[0], ids);
        _registerModel(_modelOwners[0], _refs(d, 1), 0.01 ether);
        _stake(_honestValidator, _ghostParams.minValidatorStake);
        _stake(_griefer, _ghostParams.minValidatorStake);
    }
}
