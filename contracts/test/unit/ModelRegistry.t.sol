// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDatanetRegistry} from "../../src/interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "../../src/interfaces/IModelRegistry.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";

/**
 * @notice Unit tests for {ModelRegistry}: registration and its fee, the training set resolved from datanet
 * versions, adapter versions, the inference fee, the model card, retirement, ownership, and the views.
 * @dev Runs on the whole protocol ({ProtocolFixture}): a registration fee of 1 OPEN and a minimum inference
 * fee of 0.001 OPEN. Datanet A has two versions (2 contributions and 1,500 bytes, then 3 and 1,750); datanet B
 * has one (1 contribution, 4,000 bytes).
 */
contract ModelRegistryTest is ProtocolFixture {
    address internal datanetOwner = makeAddr("datanet owner");
    address internal curator = makeAddr("curator");
    address internal contributor = makeAddr("contributor");
    address internal modelOwner = makeAddr("model owner");
    address internal alice = makeAddr("alice");
    address internal stranger = makeAddr("stranger");

    uint128 internal constant FEE = 0.01 ether;

    uint64 internal datanetA;
    uint64 internal datanetB;
    uint256 internal registrationFee;
    uint128 internal minFee;

    function setUp() public {
        deployProtocol();
        registrationFee = params.modelRegistrationFee();
        minFee = params.minInferenceFee();

        datanetA = createDatanetAs(datanetOwner);
        appointCurator(datanetA, curator);
        uint64[] memory batch = new uint64[](2);
        batch[0] = contributeAs(contributor, datanetA, 1_000);
        batch[1] = contributeAs(contributor, datanetA, 500);
        approveAs(curator, datanetA, batch); // A v1: 2 contributions, 1,500 bytes
        approveAs(curator, datanetA, one(contributeAs(contributor, datanetA, 250))); // A v2: 3, 1,750

        datanetB = createDatanetAs(datanetOwner);
        appointCurator(datanetB, curator);
        approveAs(curator, datanetB, one(contributeAs(contributor, datanetB, 4_000))); // B v1: 1, 4,000
    }

    // ------------------------------------------------------------------ helpers

    function ref(uint64 datanetId, uint32 version) internal pure returns (IModelRegistry.DatanetVersionRef memory) {
        return IModelRegistry.DatanetVersionRef({datanetId: datanetId, version: version});
    }

    function refs(IModelRegistry.DatanetVersionRef memory a)
        internal
        pure
        returns (IModelRegistry.DatanetVersionRef[] memory list)
    {
        list = new IModelRegistry.DatanetVersionRef[](1);
        list[0] = a;
    }

    function refs(IModelRegistry.DatanetVersionRef memory a, IModelRegistry.DatanetVersionRef memory b)
        internal
        pure
        returns (IModelRegistry.DatanetVersionRef[] memory list)
    {
        list = new IModelRegistry.DatanetVersionRef[](2);
        list[0] = a;
        list[1] = b;
    }

    function release(IModelRegistry.DatanetVersionRef[] memory trainedOn, string memory tag)
        internal
        pure
        returns (IModelRegistry.AdapterRelease memory)
    {
        return IModelRegistry.AdapterRelease({
            adapterCid: string.concat("bafyadapter-", tag),
            adapterHash: keccak256(bytes(tag)),
            trainedOn: trainedOn,
            attributionIndexCid: string.concat("bafyindex-", tag),
            gradientSketchCid: string.concat("bafysketch-", tag),
            trainingConfigCid: string.concat("bafyconfig-", tag)
        });
    }

    /// @dev Trained on A v2 and B v1: 1,750 + 4,000 bytes.
    function twoDatanetRelease() internal view returns (IModelRegistry.AdapterRelease memory) {
        return release(refs(ref(datanetA, 2), ref(datanetB, 1)), "v1");
    }

    function registrationWith(IModelRegistry.AdapterRelease memory adapter)
        internal
        pure
        returns (IModelRegistry.ModelRegistration memory)
    {
        return IModelRegistry.ModelRegistration({
            baseModelId: "provena/tiny-llama",
            baseModelCid: "bafybasemodel",
            metadataCid: "bafymodelcard",
            inferenceFee: FEE,
            adapter: adapter
        });
    }

    function registerAs(address who, IModelRegistry.ModelRegistration memory reg) internal returns (uint64) {
        vm.deal(who, who.balance + registrationFee);
        vm.prank(who);
        return models.register{value: registrationFee}(reg);
    }

    /// @dev Expects `reg` to revert with `revertData` when sent with the right fee.
    function expectRegisterRevert(IModelRegistry.ModelRegistration memory reg, bytes memory revertData) internal {
        vm.deal(modelOwner, registrationFee);
        vm.expectRevert(revertData);
        vm.prank(modelOwner);
        models.register{value: registrationFee}(reg);
        assertEq(models.modelCount(), 0, "nothing registered");
    }

    function registered() internal returns (uint64) {
        return registerAs(modelOwner, registrationWith(twoDatanetRelease()));
    }

    /// @dev A fresh datanet with one published version of one contribution of `byteSize` bytes.
    function datanetWithVersion(uint64 byteSize) internal returns (uint64 id) {
        id = createDatanetAs(datanetOwner);
        vm.prank(datanetOwner);
        datanets.setCurator(id, curator, true); // the curator already stakes the minimum
        approveAs(curator, id, one(contributeAs(contributor, id, byteSize)));
    }

    function assertTrainedDatanet(
        IModelRegistry.TrainedDatanet memory trained,
        uint64 datanetId,
        uint32 version,
        uint32 acceptedCount,
        string memory label
    ) internal pure {
        assertEq(trained.datanetId, datanetId, string.concat(label, ": datanet"));
        assertEq(trained.version, version, string.concat(label, ": version"));
        assertEq(trained.acceptedCount, acceptedCount, string.concat(label, ": accepted count"));
    }

    // ------------------------------------------------------------------ register

    function test_register_storesModelEmitsEventsAndPaysTreasury_succeeds() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        vm.deal(modelOwner, registrationFee);
        uint256 treasuryBefore = treasury.balance;

        vm.expectEmit(address(models));
        emit IModelRegistry.ModelRegistered(1, modelOwner, "provena/tiny-llama", "bafybasemodel", "bafymodelcard", FEE);
        vm.expectEmit(address(models));
        emit IModelRegistry.AdapterPublished(1, 1, reg.adapter, 5_750);
        vm.prank(modelOwner);
        uint64 modelId = models.register{value: registrationFee}(reg);

        assertEq(modelId, 1, "ids start at 1");
        assertEq(models.modelCount(), 1, "count");
        assertEq(treasury.balance - treasuryBefore, registrationFee, "fee to the treasury");
        assertEq(address(models).balance, 0, "the registry keeps nothing");
        assertEq(modelOwner.balance, 0, "fee taken");
        IModelRegistry.ModelInfo memory info = models.model(modelId);
        assertEq(info.owner, modelOwner, "owner");
        assertEq(info.adapterVersion, 1, "first adapter version");
        assertFalse(info.retired, "active");
        assertEq(info.inferenceFee, FEE, "fee");
        assertEq(info.trainingBytes, 5_750, "training bytes kept with the fee");
    }

    function test_register_resolvesTrainingSetFromDatanetVersions_succeeds() public {
        uint64 modelId = registered();

        (uint64 trainingBytes, IModelRegistry.TrainedDatanet[] memory trainedOn) = models.trainingSet(modelId, 1);
        uint256 expectedBytes =
            uint256(datanets.version(datanetA, 2).acceptedBytes) + datanets.version(datanetB, 1).acceptedBytes;
        assertEq(trainingBytes, expectedBytes, "sum of the versions' accepted bytes");
        assertEq(trainingBytes, 5_750, "1,750 + 4,000");
        assertEq(trainedOn.length, 2, "two datanets");
        assertTrainedDatanet(trainedOn[0], datanetA, 2, 3, "A");
        assertTrainedDatanet(trainedOn[1], datanetB, 1, 1, "B");

        IModelRegistry.InferenceTerms memory terms = models.inferenceTerms(modelId);
        assertEq(terms.owner, modelOwner, "terms: owner");
        assertEq(terms.inferenceFee, FEE, "terms: fee");
        assertEq(terms.adapterVersion, 1, "terms: adapter version");
        assertEq(terms.trainingBytes, 5_750, "terms: bytes");
        assertEq(terms.trainedOn.length, 2, "terms: datanets");
        assertTrainedDatanet(terms.trainedOn[0], datanetA, 2, 3, "terms A");
        assertTrainedDatanet(terms.trainedOn[1], datanetB, 1, 1, "terms B");
    }

    function test_register_olderVersion_countsOnlyItsContributions_succeeds() public {
        uint64 modelId = registerAs(modelOwner, registrationWith(release(refs(ref(datanetA, 1)), "old")));
        (uint64 trainingBytes, IModelRegistry.TrainedDatanet[] memory trainedOn) = models.trainingSet(modelId, 1);
        assertEq(trainingBytes, 1_500, "v1 bytes, not v2's");
        assertTrainedDatanet(trainedOn[0], datanetA, 1, 2, "A v1");
    }

    function test_register_trainingSetIsASnapshot_succeeds() public {
        uint64 modelId = registered();
        approveAs(curator, datanetA, one(contributeAs(contributor, datanetA, 9_999))); // A v3

        (uint64 trainingBytes, IModelRegistry.TrainedDatanet[] memory trainedOn) = models.trainingSet(modelId, 1);
        assertEq(trainingBytes, 5_750, "later versions change nothing");
        assertTrainedDatanet(trainedOn[0], datanetA, 2, 3, "still A v2");
        assertEq(models.inferenceTerms(modelId).trainingBytes, 5_750, "terms unchanged");
    }

    function test_register_assignsIdsFromOne_succeeds() public {
        assertEq(registered(), 1, "first");
        assertEq(registerAs(alice, registrationWith(twoDatanetRelease())), 2, "second");
        assertEq(models.model(2).owner, alice, "each registrant owns theirs");
        assertEq(models.modelCount(), 2, "count");
    }

    function test_register_zeroFee_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryWrongRegistrationFee.selector, registrationFee, 0));
        vm.prank(modelOwner);
        models.register(registrationWith(twoDatanetRelease()));
    }

    function test_register_shortFee_reverts() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        vm.deal(modelOwner, registrationFee);
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistryWrongRegistrationFee.selector, registrationFee, registrationFee - 1)
        );
        vm.prank(modelOwner);
        models.register{value: registrationFee - 1}(reg);
    }

    function test_register_overpaidFee_reverts() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        vm.deal(modelOwner, 2 * registrationFee);
        vm.expectRevert(
            abi.encodeWithSelector(IModelRegistry.ModelRegistryWrongRegistrationFee.selector, registrationFee, registrationFee + 1)
        );
        vm.prank(modelOwner);
        models.register{value: registrationFee + 1}(reg);
    }

    function test_register_zeroRegistrationFeeByGovernance_sendsNothing_succeeds() public {
        vm.prank(address(timelock));
        params.setModelRegistrationFee(0);
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        uint256 treasuryBefore = treasury.balance;

        vm.prank(modelOwner);
        assertEq(models.register(reg), 1, "registered for free");
        assertEq(treasury.balance, treasuryBefore, "nothing sent");

        vm.deal(modelOwner, 1);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryWrongRegistrationFee.selector, 0, 1));
        vm.prank(modelOwner);
        models.register{value: 1}(reg);
    }

    function test_register_missingBaseModel_reverts() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        reg.baseModelId = "";
        reg.baseModelCid = "";
        expectRegisterRevert(reg, abi.encodeWithSelector(IModelRegistry.ModelRegistryMissingBaseModel.selector));
    }

    function test_register_baseModelCidAlone_succeeds() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        reg.baseModelId = "";
        vm.expectEmit(address(models));
        emit IModelRegistry.ModelRegistered(1, modelOwner, "", "bafybasemodel", "bafymodelcard", FEE);
        assertEq(registerAs(modelOwner, reg), 1, "a CID is enough");
    }

    function test_register_baseModelIdAlone_succeeds() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        reg.baseModelCid = "";
        assertEq(registerAs(modelOwner, reg), 1, "a name is enough");
    }

    function test_register_inferenceFeeBelowMinimum_reverts() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        reg.inferenceFee = minFee - 1;
        expectRegisterRevert(
            reg, abi.encodeWithSelector(IModelRegistry.ModelRegistryInferenceFeeTooLow.selector, minFee - 1, minFee)
        );
        reg.inferenceFee = 0;
        expectRegisterRevert(reg, abi.encodeWithSelector(IModelRegistry.ModelRegistryInferenceFeeTooLow.selector, 0, minFee));
    }

    function test_register_inferenceFeeAtMinimum_succeeds() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        reg.inferenceFee = minFee;
        uint64 modelId = registerAs(modelOwner, reg);
        assertEq(models.model(modelId).inferenceFee, minFee, "the minimum itself is allowed");
    }

    function test_register_missingAdapterCid_reverts() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        reg.adapter.adapterCid = "";
        expectRegisterRevert(reg, abi.encodeWithSelector(IModelRegistry.ModelRegistryMissingAdapterCid.selector));
    }

    function test_register_missingAdapterHash_reverts() public {
        IModelRegistry.ModelRegistration memory reg = registrationWith(twoDatanetRelease());
        reg.adapter.adapterHash = bytes32(0);
        expectRegisterRevert(reg, abi.encodeWithSelector(IModelRegistry.ModelRegistryMissingAdapterHash.selector));
    }

    function test_register_noTrainingData_reverts() public {
        IModelRegistry.ModelRegistration memory reg =
            registrationWith(release(new IModelRegistry.DatanetVersionRef[](0), "empty"));
        expectRegisterRevert(reg, abi.encodeWithSelector(IModelRegistry.ModelRegistryNoTrainingData.selector));
    }

    function test_register_seventeenDatanets_reverts() public {
        IModelRegistry.DatanetVersionRef[] memory many = new IModelRegistry.DatanetVersionRef[](17);
        for (uint256 i = 0; i < many.length; ++i) {
            many[i] = ref(uint64(i + 1), 1);
        }
        expectRegisterRevert(
            registrationWith(release(many, "many")),
            abi.encodeWithSelector(IModelRegistry.ModelRegistryTooManyTrainingDatanets.selector, 17, 16)
        );
    }

    function test_register_sixteenDatanets_succeeds() public {
        IModelRegistry.DatanetVersionRef[] memory many = new IModelRegistry.DatanetVersionRef[](16);
        many[0] = ref(datanetA, 2);
        many[1] = ref(datanetB, 1);
        uint256 expectedBytes = 5_750;
        for (uint256 i = 2; i < many.length; ++i) {
            many[i] = ref(datanetWithVersion(uint64(i * 100)), 1);
            expectedBytes += i * 100;
        }
        assertEq(models.MAX_TRAINING_DATANETS(), 16, "the maximum");

        uint64 modelId = registerAs(modelOwner, registrationWith(release(many, "sixteen")));
        (uint64 trainingBytes, IModelRegistry.TrainedDatanet[] memory trainedOn) = models.trainingSet(modelId, 1);
        assertEq(trainedOn.length, 16, "all sixteen");
        assertEq(trainingBytes, expectedBytes, "bytes of all sixteen");
        assertTrainedDatanet(trainedOn[15], many[15].datanetId, 1, 1, "last");
    }

    function test_register_repeatedDatanet_reverts() public {
        IModelRegistry.DatanetVersionRef[] memory list = new IModelRegistry.DatanetVersionRef[](3);
        list[0] = ref(datanetA, 1);
        list[1] = ref(datanetB, 1);
        list[2] = ref(datanetA, 2);
        expectRegisterRevert(
            registrationWith(release(list, "repeat")),
            abi.encodeWithSelector(IModelRegistry.ModelRegistryRepeatedTrainingDatanet.selector, datanetA)
        );
    }

    function test_register_unknownDatanetVersion_reverts() public {
        expectRegisterRevert(
            registrationWith(release(refs(ref(datanetB, 1), ref(datanetA, 3)), "future")),
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownVersion.selector, datanetA, uint32(3))
        );
        expectRegisterRevert(
            registrationWith(release(refs(ref(datanetA, 0)), "zero")),
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownVersion.selector, datanetA, uint32(0))
        );
    }

    function test_register_datanetWithoutVersions_reverts() public {
        uint64 empty = createDatanetAs(datanetOwner);
        expectRegisterRevert(
            registrationWith(release(refs(ref(empty, 1)), "empty")),
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownVersion.selector, empty, uint32(1))
        );
    }

    function test_register_unknownDatanet_reverts() public {
        expectRegisterRevert(
            registrationWith(release(refs(ref(99, 1)), "nowhere")),
            abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownDatanet.selector, uint64(99))
        );
    }

    // ------------------------------------------------------------------ publishAdapter

    function test_publishAdapter_publishesNextVersionWithNewTrainingSet_succeeds() public {
        uint64 modelId = registered();
        approveAs(curator, datanetA, one(contributeAs(contributor, datanetA, 10_000))); // A v3: 4, 11,750
        IModelRegistry.AdapterRelease memory next = release(refs(ref(datanetA, 3)), "v2");

        vm.expectEmit(address(models));
        emit IModelRegistry.AdapterPublished(modelId, 2, next, 11_750);
        vm.prank(modelOwner);
        assertEq(models.publishAdapter(modelId, next), 2, "version 2");

        IModelRegistry.ModelInfo memory info = models.model(modelId);
        assertEq(info.adapterVersion, 2, "current version");
        assertEq(info.trainingBytes, 11_750, "current bytes");
        (uint64 bytesV2, IModelRegistry.TrainedDatanet[] memory set2) = models.trainingSet(modelId, 2);
        assertEq(bytesV2, 11_750, "v2 bytes");
        assertEq(set2.length, 1, "v2 trained on A only");
        assertTrainedDatanet(set2[0], datanetA, 3, 4, "v2 A");
        (uint64 bytesV1, IModelRegistry.TrainedDatanet[] memory set1) = models.trainingSet(modelId, 1);
        assertEq(bytesV1, 5_750, "v1 kept");
        assertEq(set1.length, 2, "v1 datanets kept");

        IModelRegistry.InferenceTerms memory terms = models.inferenceTerms(modelId);
        assertEq(terms.adapterVersion, 2, "terms follow the new version");
        assertEq(terms.trainingBytes, 11_750, "terms bytes");
        assertEq(terms.trainedOn.length, 1, "terms datanets");
        assertEq(terms.inferenceFee, FEE, "fee unchanged");
    }

    function test_publishAdapter_versionsIncrement_succeeds() public {
        uint64 modelId = registered();
        for (uint32 v = 2; v <= 4; ++v) {
            vm.prank(modelOwner);
            assertEq(models.publishAdapter(modelId, release(refs(ref(datanetB, 1)), "again")), v, "next version");
        }
        assertEq(models.model(modelId).adapterVersion, 4, "four versions");
        assertEq(models.model(modelId).trainingBytes, 4_000, "latest set");
    }

    function test_publishAdapter_notOwner_reverts() public {
        uint64 modelId = registered();
        IModelRegistry.AdapterRelease memory next = twoDatanetRelease();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryNotOwner.selector, modelId, stranger));
        vm.prank(stranger);
        models.publishAdapter(modelId, next);
    }

    function test_publishAdapter_retiredModel_reverts() public {
        uint64 modelId = registered();
        vm.prank(modelOwner);
        models.retire(modelId);
        IModelRegistry.AdapterRelease memory next = twoDatanetRelease();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryModelRetired.selector, modelId));
        vm.prank(modelOwner);
        models.publishAdapter(modelId, next);
    }

    function test_publishAdapter_unknownModel_reverts() public {
        IModelRegistry.AdapterRelease memory next = twoDatanetRelease();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, uint64(3)));
        vm.prank(modelOwner);
        models.publishAdapter(3, next);
    }

    function test_publishAdapter_invalidRelease_reverts() public {
        uint64 modelId = registered();
        IModelRegistry.AdapterRelease memory next = twoDatanetRelease();
        next.adapterHash = bytes32(0);
        vm.expectRevert(IModelRegistry.ModelRegistryMissingAdapterHash.selector);
        vm.prank(modelOwner);
        models.publishAdapter(modelId, next);

        next = release(refs(ref(datanetB, 1), ref(datanetB, 1)), "twice");
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryRepeatedTrainingDatanet.selector, datanetB));
        vm.prank(modelOwner);
        models.publishAdapter(modelId, next);

        next = release(refs(ref(datanetB, 2)), "future");
        vm.expectRevert(abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryUnknownVersion.selector, datanetB, uint32(2)));
        vm.prank(modelOwner);
        models.publishAdapter(modelId, next);

        assertEq(models.model(modelId).adapterVersion, 1, "no version published");
    }

    // ------------------------------------------------------------------ setInferenceFee

    function test_setInferenceFee_emitsOldAndNew_succeeds() public {
        uint64 modelId = registered();
        vm.expectEmit(address(models));
        emit IModelRegistry.InferenceFeeSet(modelId, FEE, 0.05 ether);
        vm.prank(modelOwner);
        models.setInferenceFee(modelId, 0.05 ether);

        assertEq(models.model(modelId).inferenceFee, 0.05 ether, "stored");
        assertEq(models.inferenceTerms(modelId).inferenceFee, 0.05 ether, "in the terms");
        assertEq(models.model(modelId).trainingBytes, 5_750, "training bytes untouched");
    }

    function test_setInferenceFee_atMinimum_succeeds() public {
        uint64 modelId = registered();
        vm.expectEmit(address(models));
        emit IModelRegistry.InferenceFeeSet(modelId, FEE, minFee);
        vm.prank(modelOwner);
        models.setInferenceFee(modelId, minFee);
        assertEq(models.model(modelId).inferenceFee, minFee, "the minimum");
    }

    function test_setInferenceFee_belowMinimum_reverts() public {
        uint64 modelId = registered();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryInferenceFeeTooLow.selector, minFee - 1, minFee));
        vm.prank(modelOwner);
        models.setInferenceFee(modelId, minFee - 1);
    }

    function test_setInferenceFee_minimumRaisedByGovernance_reverts() public {
        uint64 modelId = registered();
        vm.prank(address(timelock));
        params.setMinInferenceFee(0.1 ether);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryInferenceFeeTooLow.selector, 0.05 ether, 0.1 ether));
        vm.prank(modelOwner);
        models.setInferenceFee(modelId, 0.05 ether);
    }

    function test_setInferenceFee_notOwner_reverts() public {
        uint64 modelId = registered();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryNotOwner.selector, modelId, stranger));
        vm.prank(stranger);
        models.setInferenceFee(modelId, 0.05 ether);
    }

    function test_setInferenceFee_retiredModel_reverts() public {
        uint64 modelId = registered();
        vm.prank(modelOwner);
        models.retire(modelId);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryModelRetired.selector, modelId));
        vm.prank(modelOwner);
        models.setInferenceFee(modelId, 0.05 ether);
    }

    // ------------------------------------------------------------------ setMetadata

    function test_setMetadata_emitsModelMetadataChanged_succeeds() public {
        uint64 modelId = registered();
        vm.expectEmit(address(models));
        emit IModelRegistry.ModelMetadataChanged(modelId, "bafynewcard");
        vm.prank(modelOwner);
        models.setMetadata(modelId, "bafynewcard");
    }

    function test_setMetadata_notOwner_reverts() public {
        uint64 modelId = registered();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryNotOwner.selector, modelId, stranger));
        vm.prank(stranger);
        models.setMetadata(modelId, "bafynewcard");
    }

    function test_setMetadata_retiredModel_reverts() public {
        uint64 modelId = registered();
        vm.prank(modelOwner);
        models.retire(modelId);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryModelRetired.selector, modelId));
        vm.prank(modelOwner);
        models.setMetadata(modelId, "bafynewcard");
    }

    function test_setMetadata_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, uint64(1)));
        vm.prank(modelOwner);
        models.setMetadata(1, "bafynewcard");
    }

    // ------------------------------------------------------------------ retire

    function test_retire_stopsInferenceTerms_succeeds() public {
        uint64 modelId = registered();
        vm.expectEmit(address(models));
        emit IModelRegistry.ModelRetired(modelId);
        vm.prank(modelOwner);
        models.retire(modelId);

        assertTrue(models.model(modelId).retired, "retired");
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryModelRetired.selector, modelId));
        models.inferenceTerms(modelId);

        (uint64 trainingBytes, IModelRegistry.TrainedDatanet[] memory trainedOn) = models.trainingSet(modelId, 1);
        assertEq(trainingBytes, 5_750, "history stays readable");
        assertEq(trainedOn.length, 2, "training set stays readable");
    }

    function test_retire_twice_reverts() public {
        uint64 modelId = registered();
        vm.prank(modelOwner);
        models.retire(modelId);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryModelRetired.selector, modelId));
        vm.prank(modelOwner);
        models.retire(modelId);
    }

    function test_retire_notOwner_reverts() public {
        uint64 modelId = registered();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryNotOwner.selector, modelId, stranger));
        vm.prank(stranger);
        models.retire(modelId);
        assertFalse(models.model(modelId).retired, "still active");
    }

    function test_retire_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, uint64(4)));
        vm.prank(modelOwner);
        models.retire(4);
    }

    // ------------------------------------------------------------------ transferModelOwnership

    function test_transferModelOwnership_newOwnerControlsModel_succeeds() public {
        uint64 modelId = registered();
        vm.expectEmit(address(models));
        emit IModelRegistry.ModelOwnershipTransferred(modelId, modelOwner, alice);
        vm.prank(modelOwner);
        models.transferModelOwnership(modelId, alice);

        assertEq(models.model(modelId).owner, alice, "new owner");
        assertEq(models.inferenceTerms(modelId).owner, alice, "the new owner is paid");

        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryNotOwner.selector, modelId, modelOwner));
        vm.prank(modelOwner);
        models.setInferenceFee(modelId, 0.02 ether);

        vm.prank(alice);
        models.setInferenceFee(modelId, 0.02 ether);
        assertEq(models.model(modelId).inferenceFee, 0.02 ether, "set by the new owner");
        IModelRegistry.AdapterRelease memory next = twoDatanetRelease();
        vm.prank(alice);
        assertEq(models.publishAdapter(modelId, next), 2, "published by the new owner");
    }

    function test_transferModelOwnership_zeroAddress_reverts() public {
        uint64 modelId = registered();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryInvalidOwner.selector, address(0)));
        vm.prank(modelOwner);
        models.transferModelOwnership(modelId, address(0));
    }

    function test_transferModelOwnership_notOwner_reverts() public {
        uint64 modelId = registered();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryNotOwner.selector, modelId, stranger));
        vm.prank(stranger);
        models.transferModelOwnership(modelId, stranger);
    }

    function test_transferModelOwnership_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, uint64(6)));
        vm.prank(modelOwner);
        models.transferModelOwnership(6, alice);
    }

    function test_transferModelOwnership_retiredModel_succeeds() public {
        uint64 modelId = registered();
        vm.prank(modelOwner);
        models.retire(modelId);

        vm.prank(modelOwner);
        models.transferModelOwnership(modelId, alice);
        assertEq(models.model(modelId).owner, alice, "transferred while retired");
        assertTrue(models.model(modelId).retired, "still retired");

        IModelRegistry.AdapterRelease memory next = twoDatanetRelease();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryModelRetired.selector, modelId));
        vm.prank(alice);
        models.publishAdapter(modelId, next);
    }

    // ------------------------------------------------------------------ views

    function test_model_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, uint64(0)));
        models.model(0);
        registered();
        models.model(1);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, uint64(2)));
        models.model(2);
    }

    function test_inferenceTerms_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, uint64(5)));
        models.inferenceTerms(5);
    }

    function test_trainingSet_unknownAdapterVersion_reverts() public {
        uint64 modelId = registered();
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownAdapterVersion.selector, modelId, uint32(0)));
        models.trainingSet(modelId, 0);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownAdapterVersion.selector, modelId, uint32(2)));
        models.trainingSet(modelId, 2);

        IModelRegistry.AdapterRelease memory next = twoDatanetRelease();
        vm.prank(modelOwner);
        models.publishAdapter(modelId, next);
        models.trainingSet(modelId, 2);
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownAdapterVersion.selector, modelId, uint32(3)));
        models.trainingSet(modelId, 3);
    }

    function test_trainingSet_unknownModel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IModelRegistry.ModelRegistryUnknownModel.selector, uint64(9)));
        models.trainingSet(9, 1);
    }

    function test_modelCount_countsRegistrations_succeeds() public {
        assertEq(models.modelCount(), 0, "none");
        registered();
        registered();
        registerAs(alice, registrationWith(twoDatanetRelease()));
        assertEq(models.modelCount(), 3, "three");
    }
}
