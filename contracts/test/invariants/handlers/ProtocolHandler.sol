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
import {ModelHandler} from "./ModelHandler.sol";
import {StakingHandler} from "./StakingHandler.sol";

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
 *
 * The actions live by concern in {DatanetHandler}, {ModelHandler}, {StakingHandler}, {GovernanceHandler} and
 * {AdversarialHandler}, over the shared ghost state of {ProtocolHandlerBase}; this contract joins them and
 * builds the starting state.
 */
contract ProtocolHandler is DatanetHandler, ModelHandler, StakingHandler, GovernanceHandler, AdversarialHandler {
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
}
