// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";

import {IDatanetRegistry} from "./interfaces/IDatanetRegistry.sol";
import {IModelRegistry} from "./interfaces/IModelRegistry.sol";
import {IProtocolParams} from "./interfaces/IProtocolParams.sol";

/**
 * @title ModelRegistry
 * @notice The catalogue of fine-tuned models: who owns each, what it was trained on, and what an answer costs.
 * @dev Registering pays the model registration fee to the treasury. A model is a base model (a name and/or
 * an IPFS CID) plus numbered adapter versions; each version names its PEFT adapter (CID and hash), the
 * datanet versions it was trained on, the attribution artifacts (span index, gradient sketches) and the
 * training configuration. The datanet versions are resolved here, at publication, into a training set:
 * for each datanet, how many accepted contributions the version held, and the total bytes. That is what
 * makes attribution checkable: the AttributionLedger pays a contribution only if it is in the training set
 * of the model's current adapter. The owner sets the inference fee (never below the protocol minimum),
 * publishes new adapter versions, updates the model card, transfers the model, or retires it, after which
 * it can no longer be paid for answers.
 */
contract ModelRegistry is IModelRegistry {
    /// @notice The most datanets one adapter version may be trained on.
    uint256 public constant MAX_TRAINING_DATANETS = 16;

    /// @notice Where the rules come from.
    IProtocolParams public immutable params;
    /// @notice Where datanet versions are published.
    IDatanetRegistry public immutable datanets;
    /// @notice Where registration fees go (the Timelock).
    address public immutable treasury;

    struct TrainingSet {
        uint64 totalBytes;
        TrainedDatanet[] datanets;
    }

    mapping(uint64 modelId => ModelInfo) private _models;
    mapping(uint64 modelId => mapping(uint32 adapterVersion => TrainingSet)) private _trainingSets;
    uint64 private _modelCount;

    constructor(IProtocolParams params_, IDatanetRegistry datanets_, address treasury_) {
        params = params_;
        datanets = datanets_;
        treasury = treasury_;
    }

    /// @inheritdoc IModelRegistry
    function register(ModelRegistration calldata registration) external payable returns (uint64 modelId) {
        uint256 expected = params.modelRegistrationFee();
        if (msg.value != expected) revert ModelRegistryWrongRegistrationFee(expected, msg.value);
        if (bytes(registration.baseModelId).length == 0 && bytes(registration.baseModelCid).length == 0) {
            revert ModelRegistryMissingBaseModel();
        }
        _checkFee(registration.inferenceFee);

        modelId = ++_modelCount;
        _models[modelId] = ModelInfo({
            owner: msg.sender,
            adapterVersion: 0,
            retired: false,
            inferenceFee: registration.inferenceFee,
            trainingBytes: 0
        });
        emit ModelRegistered(
            modelId,
            msg.sender,
            registration.baseModelId,
            registration.baseModelCid,
            registration.metadataCid,
            registration.inferenceFee
        );
        _publish(modelId, registration.adapter);
        if (msg.value != 0) Address.sendValue(payable(treasury), msg.value);
    }

    /// @inheritdoc IModelRegistry
    function publishAdapter(uint64 modelId, AdapterRelease calldata adapter) external returns (uint32) {
        _checkActiveOwner(modelId);
        return _publish(modelId, adapter);
    }

    /// @inheritdoc IModelRegistry
    function setInferenceFee(uint64 modelId, uint128 fee) external {
        _setInferenceFee(_checkActiveOwner(modelId), modelId, fee);
    }

    /// @inheritdoc IModelRegistry
    function setMetadata(uint64 modelId, string calldata metadataCid) external {
        _checkActiveOwner(modelId);
        emit ModelMetadataChanged(modelId, metadataCid);
    }

    /// @inheritdoc IModelRegistry
    function retire(uint64 modelId) external {
        ModelInfo storage m = _checkActiveOwner(modelId);
        m.retired = true;
        emit ModelRetired(modelId);
    }

    /// @inheritdoc IModelRegistry
    function transferModelOwnership(uint64 modelId, address newOwner) external {
        ModelInfo storage m = _checkOwner(modelId);
        if (newOwner == address(0)) revert ModelRegistryInvalidOwner(newOwner);
        m.owner = newOwner;
        emit ModelOwnershipTransferred(modelId, msg.sender, newOwner);
    }

    /// @inheritdoc IModelRegistry
    function modelCount() external view returns (uint64) {
        return _modelCount;
    }

    /// @inheritdoc IModelRegistry
    function model(uint64 modelId) external view returns (ModelInfo memory) {
        return _existing(modelId);
    }

    /// @inheritdoc IModelRegistry
    function inferenceTerms(uint64 modelId) external view returns (InferenceTerms memory terms) {
        ModelInfo storage m = _existing(modelId);
        if (m.retired) revert ModelRegistryModelRetired(modelId);
        uint32 adapterVersion = m.adapterVersion;
        terms = InferenceTerms({
            owner: m.owner,
            inferenceFee: m.inferenceFee,
            adapterVersion: adapterVersion,
            trainingBytes: m.trainingBytes,
            trainedOn: _trainingSets[modelId][adapterVersion].datanets
        });
    }

    /// @inheritdoc IModelRegistry
    function trainingSet(uint64 modelId, uint32 adapterVersion)
        external
        view
        returns (uint64 trainingBytes, TrainedDatanet[] memory trainedOn)
    {
        ModelInfo storage m = _existing(modelId);
        if (adapterVersion == 0 || adapterVersion > m.adapterVersion) {
            revert ModelRegistryUnknownAdapterVersion(modelId, adapterVersion);
        }
        TrainingSet storage set = _trainingSets[modelId][adapterVersion];
        return (set.totalBytes, set.datanets);
    }

    /// @dev Resolves the datanet versions into a training set and stores it as the next adapter version.
    function _publish(uint64 modelId, AdapterRelease calldata adapter) private returns (uint32 adapterVersion) {
        if (bytes(adapter.adapterCid).length == 0) revert ModelRegistryMissingAdapterCid();
        if (adapter.adapterHash == bytes32(0)) revert ModelRegistryMissingAdapterHash();
        uint256 count = adapter.trainedOn.length;
        if (count == 0) revert ModelRegistryNoTrainingData();
        if (count > MAX_TRAINING_DATANETS) revert ModelRegistryTooManyTrainingDatanets(count, MAX_TRAINING_DATANETS);

        ModelInfo storage m = _models[modelId];
        adapterVersion = ++m.adapterVersion;
        TrainingSet storage set = _trainingSets[modelId][adapterVersion];
        uint64 totalBytes;
        for (uint256 i = 0; i < count; ++i) {
            DatanetVersionRef calldata ref = adapter.trainedOn[i];
            for (uint256 j = 0; j < i; ++j) {
                if (adapter.trainedOn[j].datanetId == ref.datanetId) revert ModelRegistryRepeatedTrainingDatanet(ref.datanetId);
            }
            IDatanetRegistry.Version memory v = datanets.version(ref.datanetId, ref.version);
            totalBytes += v.acceptedBytes;
            set.datanets.push(
                TrainedDatanet({datanetId: ref.datanetId, version: ref.version, acceptedCount: v.acceptedCount})
            );
        }
        set.totalBytes = totalBytes;
        m.trainingBytes = totalBytes;
        emit AdapterPublished(modelId, adapterVersion, adapter, totalBytes);
    }

    /// @dev Checks `fee` against the protocol minimum, emits {InferenceFeeSet}, then stores it.
    function _setInferenceFee(ModelInfo storage m, uint64 modelId, uint128 fee) private {
        _checkFee(fee);
        emit InferenceFeeSet(modelId, m.inferenceFee, fee);
        m.inferenceFee = fee;
    }

    function _checkFee(uint128 fee) private view {
        uint256 minimum = params.minInferenceFee();
        if (fee < minimum) revert ModelRegistryInferenceFeeTooLow(fee, minimum);
    }

    function _existing(uint64 modelId) private view returns (ModelInfo storage m) {
        m = _models[modelId];
        if (m.owner == address(0)) revert ModelRegistryUnknownModel(modelId);
    }

    function _checkOwner(uint64 modelId) private view returns (ModelInfo storage m) {
        m = _existing(modelId);
        if (m.owner != msg.sender) revert ModelRegistryNotOwner(modelId, msg.sender);
    }

    function _checkActiveOwner(uint64 modelId) private view returns (ModelInfo storage m) {
        m = _checkOwner(modelId);
        if (m.retired) revert ModelRegistryModelRetired(modelId);
    }
}
