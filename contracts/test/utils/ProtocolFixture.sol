// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {AttributionLedger} from "../../src/AttributionLedger.sol";
import {DatanetRegistry} from "../../src/DatanetRegistry.sol";
import {ModelRegistry} from "../../src/ModelRegistry.sol";
import {OpenVotes} from "../../src/OpenVotes.sol";
import {ProtocolParams} from "../../src/ProtocolParams.sol";
import {Staking} from "../../src/Staking.sol";
import {ProvenaGovernor} from "../../src/governance/ProvenaGovernor.sol";
import {ProvenaTimelock} from "../../src/governance/ProvenaTimelock.sol";
import {IAttributionLedger} from "../../src/interfaces/IAttributionLedger.sol";
import {IDatanetRegistry} from "../../src/interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {IProtocolParams} from "../../src/interfaces/IProtocolParams.sol";
import {Test} from "./Test.sol";

/**
 * @title ProtocolFixture
 * @notice Deploys the whole protocol the way `provena deploy` does (same order, same wiring, roles handed to
 * the Timelock and the deployer's renounced), plus helpers that walk the common paths: stake, create a
 * datanet, contribute, approve, register a model, answer, and pass a governance proposal.
 * @dev Tests inherit it and call {deployProtocol} in `setUp`. The parameters are the devnet's defaults
 * (src/cli/deploy/protocolSettings.ts) scaled for readable numbers.
 */
abstract contract ProtocolFixture is Test {
    uint48 internal constant VOTING_DELAY = 1 hours;
    uint32 internal constant VOTING_PERIOD = 3 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 1 ether;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint256 internal constant TIMELOCK_DELAY = 1 days;

    OpenVotes internal openVotes;
    ProvenaTimelock internal timelock;
    ProvenaGovernor internal governor;
    ProtocolParams internal params;
    Staking internal staking;
    DatanetRegistry internal datanets;
    ModelRegistry internal models;
    AttributionLedger internal ledger;

    /// @dev The treasury is the Timelock.
    address internal treasury;

    uint256 private _nonce;

    function defaultParameters() internal pure returns (IProtocolParams.Parameters memory) {
        return IProtocolParams.Parameters({
            attributionThresholdBps: 500,
            feeSplit: IProtocolParams.FeeSplit({dataBps: 5_000, modelOwnerBps: 2_000, stakersBps: 2_000, treasuryBps: 1_000}),
            maxPaidContributions: 32,
            duplicateBountyBps: 2_000,
            unbondingPeriod: 7 days,
            bondReleaseDelay: 3 days,
            minInferenceFee: 0.001 ether,
            modelRegistrationFee: 1 ether,
            contributionBond: 0.1 ether,
            minCuratorStake: 10 ether,
            challengeWindow: 1 hours,
            assertionBondBps: 10_000,
            disputeBond: 1 ether,
            minValidatorStake: 10 ether,
            maxContributionBytes: 64 << 20,
            reviewTimeout: 14 days,
            maxSlashBps: 5_000
        });
    }

    function deployProtocol() internal {
        deployProtocol(defaultParameters());
    }

    function deployProtocol(IProtocolParams.Parameters memory initial) internal {
        openVotes = new OpenVotes();
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1); // address(0): anyone may execute a ready operation
        timelock = new ProvenaTimelock(TIMELOCK_DELAY, none, anyone, address(this));
        governor = new ProvenaGovernor(
            openVotes, timelock, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, QUORUM_PERCENT
        );
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        treasury = address(timelock);

        params = new ProtocolParams(address(timelock), initial);
        staking = new Staking(params, address(openVotes), address(timelock));
        datanets = new DatanetRegistry(params, staking, treasury);
        models = new ModelRegistry(params, datanets, treasury);
        ledger = new AttributionLedger(params, datanets, models, address(staking), treasury, address(openVotes));
        staking.setRewardSource(ledger);

        vm.label(address(openVotes), "OpenVotes");
        vm.label(address(timelock), "Timelock");
        vm.label(address(governor), "Governor");
        vm.label(address(params), "ProtocolParams");
        vm.label(address(staking), "Staking");
        vm.label(address(datanets), "DatanetRegistry");
        vm.label(address(models), "ModelRegistry");
        vm.label(address(ledger), "AttributionLedger");
    }

    // ------------------------------------------------------------------ staking

    function stakeAs(address who, uint256 amount) internal {
        vm.deal(who, who.balance + amount);
        vm.prank(who);
        staking.stake{value: amount}();
    }

    // ------------------------------------------------------------------ datanets

    function createDatanetAs(address owner) internal returns (uint64 datanetId) {
        string[] memory formats = new string[](2);
        formats[0] = "txt";
        formats[1] = "jsonl";
        vm.prank(owner);
        datanetId = datanets.createDatanet(
            IDatanetRegistry.DatanetInput({
                metadataCid: "bafkreimetadata",
                kind: IDatanetRegistry.DataKind.Text,
                licence: "CC-BY-4.0",
                acceptedFormats: formats
            })
        );
    }

    /// @dev Stakes the minimum curator stake for `curator` and has the datanet's owner appoint them.
    function appointCurator(uint64 datanetId, address curator) internal {
        stakeAs(curator, params.minCuratorStake());
        vm.prank(datanets.datanet(datanetId).owner);
        datanets.setCurator(datanetId, curator, true);
    }

    function contributionInput(bytes32 contentHash, uint64 byteSize)
        internal
        pure
        returns (IDatanetRegistry.ContributionInput memory)
    {
        return IDatanetRegistry.ContributionInput({
            contentCid: "bafkreicontent",
            contentHash: contentHash,
            byteSize: byteSize,
            tokenCount: byteSize / 4,
            recordCount: 1
        });
    }

    function contributeAs(address contributor, uint64 datanetId, bytes32 contentHash, uint64 byteSize)
        internal
        returns (uint64 contributionId)
    {
        uint256 bond = params.contributionBond();
        vm.deal(contributor, contributor.balance + bond);
        vm.prank(contributor);
        contributionId = datanets.contribute{value: bond}(datanetId, contributionInput(contentHash, byteSize));
    }

    /// @dev Contributes fresh content (a new hash each time) of `byteSize` bytes.
    function contributeAs(address contributor, uint64 datanetId, uint64 byteSize) internal returns (uint64) {
        return contributeAs(contributor, datanetId, keccak256(abi.encode("content", ++_nonce)), byteSize);
    }

    function approveAs(address curator, uint64 datanetId, uint64[] memory ids) internal returns (uint32 version) {
        vm.prank(curator);
        version = datanets.approve(datanetId, ids, "bafkreimanifest");
    }

    function one(uint64 id) internal pure returns (uint64[] memory ids) {
        ids = new uint64[](1);
        ids[0] = id;
    }

    // ------------------------------------------------------------------ models

    function adapterRelease(uint64 datanetId, uint32 version)
        internal
        pure
        returns (IModelRegistry.AdapterRelease memory adapter)
    {
        IModelRegistry.DatanetVersionRef[] memory trainedOn = new IModelRegistry.DatanetVersionRef[](1);
        trainedOn[0] = IModelRegistry.DatanetVersionRef({datanetId: datanetId, version: version});
        adapter = IModelRegistry.AdapterRelease({
            adapterCid: "bafyadapter",
            adapterHash: keccak256("adapter"),
            trainedOn: trainedOn,
            attributionIndexCid: "bafyindex",
            gradientSketchCid: "bafysketch",
            trainingConfigCid: "bafyconfig"
        });
    }

    function registration(uint64 datanetId, uint32 version, uint128 fee)
        internal
        pure
        returns (IModelRegistry.ModelRegistration memory)
    {
        return IModelRegistry.ModelRegistration({
            baseModelId: "provena/tiny-llama",
            baseModelCid: "",
            metadataCid: "bafymodelcard",
            inferenceFee: fee,
            adapter: adapterRelease(datanetId, version)
        });
    }

    function registerModelAs(address owner, uint64 datanetId, uint32 version, uint128 fee)
        internal
        returns (uint64 modelId)
    {
        uint256 registrationFee = params.modelRegistrationFee();
        vm.deal(owner, owner.balance + registrationFee);
        vm.prank(owner);
        modelId = models.register{value: registrationFee}(registration(datanetId, version, fee));
    }

    /// @dev An answer of `modelId`'s current adapter version (version 1 for a model that does not exist).
    function answer(uint64 modelId, uint64[] memory ids, uint64[] memory weights, uint64 totalWeight)
        internal
        view
        returns (IAttributionLedger.Answer memory)
    {
        uint32 adapterVersion = 1;
        try models.inferenceTerms(modelId) returns (IModelRegistry.InferenceTerms memory terms) {
            adapterVersion = terms.adapterVersion;
        } catch {}
        return IAttributionLedger.Answer({
            modelId: modelId,
            adapterVersion: adapterVersion,
            contributionIds: ids,
            weights: weights,
            totalWeight: totalWeight,
            outputCommitment: keccak256(abi.encode(modelId, ids, weights)),
            evidenceCid: "bafyevidence"
        });
    }

    /// @dev What `payer` recording `a` in this block asserts: the {IAttributionLedger.Assertion} finalize takes.
    function assertionFor(address payer, IAttributionLedger.Answer memory a)
        internal
        view
        returns (IAttributionLedger.Assertion memory assertion)
    {
        (uint256 fee, uint256 bond) = ledger.paymentFor(a);
        IProtocolParams.InferenceTerms memory terms = params.inferenceTerms();
        address[] memory contributors = new address[](a.contributionIds.length);
        for (uint256 i = 0; i < contributors.length; ++i) {
            contributors[i] = datanets.contribution(a.contributionIds[i]).contributor;
        }
        assertion = IAttributionLedger.Assertion({
            payer: payer,
            deadline: uint64(block.timestamp + terms.challengeWindow),
            modelId: a.modelId,
            adapterVersion: a.adapterVersion,
            dataShare: uint128(fee * terms.split.dataBps / 10_000),
            bond: uint128(bond),
            contributionIds: a.contributionIds,
            weights: a.weights,
            contributors: contributors
        });
    }

    /// @dev Records `a` as `payer`, paying exactly what the ledger asks (fee and assertion bond).
    function recordAs(address payer, IAttributionLedger.Answer memory a)
        internal
        returns (uint256 recordId, IAttributionLedger.Assertion memory assertion)
    {
        (uint256 fee, uint256 bond) = ledger.paymentFor(a);
        assertion = assertionFor(payer, a);
        vm.deal(payer, payer.balance + fee + bond);
        vm.prank(payer);
        recordId = ledger.recordInference{value: fee + bond}(a);
    }

    /// @dev Waits out the challenge window of `assertion` and finalizes record `recordId` (as anyone).
    function finalizeRecord(uint256 recordId, IAttributionLedger.Assertion memory assertion) internal {
        if (block.timestamp < assertion.deadline) vm.warp(assertion.deadline);
        uint256[] memory ids = new uint256[](1);
        ids[0] = recordId;
        IAttributionLedger.Assertion[] memory assertions = new IAttributionLedger.Assertion[](1);
        assertions[0] = assertion;
        ledger.finalize(ids, assertions);
    }

    /// @dev Makes `fee` exactly what an answer of `modelId` costs: lowers the protocol minimum to 1 wei if needed
    /// (as the Timelock) and sets the model's fee (as its owner).
    function priceModel(uint64 modelId, uint256 fee) internal {
        if (params.minInferenceFee() > fee) {
            vm.prank(address(timelock));
            params.setMinInferenceFee(1);
        }
        vm.prank(models.model(modelId).owner);
        models.setInferenceFee(modelId, uint128(fee));
    }

    /// @dev Records `a` as `payer` at exactly `fee` (see {priceModel}) and finalizes it: paid in full.
    function recordPaid(address payer, IAttributionLedger.Answer memory a, uint256 fee) internal returns (uint256) {
        priceModel(a.modelId, fee);
        return recordPaid(payer, a);
    }

    /// @dev Records `a` as `payer` and, if it names contributions, finalizes it after its window: paid in full.
    function recordPaid(address payer, IAttributionLedger.Answer memory a) internal returns (uint256 recordId) {
        IAttributionLedger.Assertion memory assertion;
        (recordId, assertion) = recordAs(payer, a);
        if (a.contributionIds.length != 0) finalizeRecord(recordId, assertion);
    }

    // ------------------------------------------------------------------ governance

    /// @dev Wraps `amount` OPEN for `voter` and self-delegates, so they can propose and vote from the next second.
    function giveVotes(address voter, uint256 amount) internal {
        vm.deal(voter, voter.balance + amount);
        vm.startPrank(voter);
        openVotes.deposit{value: amount}();
        openVotes.delegate(voter);
        vm.stopPrank();
        vm.warp(block.timestamp + 1);
    }

    /**
     * @dev Proposes one call as `voter` (who must hold enough votes for quorum), votes for it, queues it and
     * executes it, warping through the voting delay, voting period and timelock delay.
     */
    function passProposal(address voter, address target, bytes memory data, string memory description)
        internal
        returns (uint256 proposalId)
    {
        address[] memory targets = new address[](1);
        targets[0] = target;
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = data;
        vm.prank(voter);
        proposalId = governor.propose(targets, values, calldatas, description);
        vm.warp(block.timestamp + VOTING_DELAY + 1);
        vm.prank(voter);
        governor.castVote(proposalId, 1);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        governor.queue(targets, values, calldatas, keccak256(bytes(description)));
        vm.warp(block.timestamp + TIMELOCK_DELAY + 1);
        governor.execute(targets, values, calldatas, keccak256(bytes(description)));
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Executed), "executed");
    }
}
