// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title IModelRegistry
 * @notice Fine-tuned models: a base model, a LoRA adapter, the datanet versions it learned from, and its fee.
 */
interface IModelRegistry {
    /// @notice A datanet version a model was trained on.
    struct DatanetVersionRef {
        uint64 datanetId;
        uint32 version;
    }

    /**
     * @notice One adapter version of a model and everything needed to check its attributions.
     * @param adapterCid IPFS CID of the PEFT adapter folder.
     * @param adapterHash SHA-256 of `adapter_model.safetensors`.
     * @param trainedOn The datanet versions it was trained on (distinct datanets, at least one).
     * @param attributionIndexCid IPFS CID of the span-attribution index over the training data.
     * @param gradientSketchCid IPFS CID of the training examples' gradient sketches.
     * @param trainingConfigCid IPFS CID of the training configuration.
     */
    struct AdapterRelease {
        string adapterCid;
        bytes32 adapterHash;
        DatanetVersionRef[] trainedOn;
        string attributionIndexCid;
        string gradientSketchCid;
        string trainingConfigCid;
    }

    /**
     * @notice A new model.
     * @param baseModelId The base model's name (e.g. "provena/tiny-llama"); this or `baseModelCid` is required.
     * @param baseModelCid IPFS CID of the base model's files.
     * @param metadataCid IPFS CID of the model card.
     * @param inferenceFee What one answer costs, in wei; at least the protocol minimum.
     * @param adapter The first adapter version.
     */
    struct ModelRegistration {
        string baseModelId;
        string baseModelCid;
        string metadataCid;
        uint128 inferenceFee;
        AdapterRelease adapter;
    }

    /// @notice A datanet of a training set, with the number of its contributions the set holds.
    struct TrainedDatanet {
        uint64 datanetId;
        uint32 version;
        uint32 acceptedCount;
    }

    /**
     * @notice A model's on-chain state.
     * @param trainingBytes The size of the current adapter version's training set (kept beside the fee, so
     * the ledger reads both in one slot).
     */
    struct ModelInfo {
        address owner;
        uint32 adapterVersion;
        bool retired;
        uint128 inferenceFee;
        uint64 trainingBytes;
    }

    /// @notice Everything `AttributionLedger.recordInference` needs about a model, in one call.
    struct InferenceTerms {
        address owner;
        uint128 inferenceFee;
        uint32 adapterVersion;
        uint64 trainingBytes;
        TrainedDatanet[] trainedOn;
    }

    /// @notice No model has the id `modelId`.
    /// @param modelId The unknown id.
    error ModelRegistryUnknownModel(uint64 modelId);

    /**
     * @notice `modelId` has not published adapter version `adapterVersion`.
     * @param modelId The model.
     * @param adapterVersion The unknown version (versions count from 1).
     */
    error ModelRegistryUnknownAdapterVersion(uint64 modelId, uint32 adapterVersion);

    /// @notice `modelId` was retired: it can no longer be changed or paid for answers.
    /// @param modelId The model.
    error ModelRegistryModelRetired(uint64 modelId);

    /**
     * @notice Only the owner of `modelId` can do this; `account` is not the owner.
     * @param modelId The model.
     * @param account The caller.
     */
    error ModelRegistryNotOwner(uint64 modelId, address account);

    /**
     * @notice Registering a model costs exactly the model registration fee.
     * @param expected The fee, in wei.
     * @param sent The OPEN sent with the call, in wei.
     */
    error ModelRegistryWrongRegistrationFee(uint256 expected, uint256 sent);

    /**
     * @notice An inference fee cannot be below the protocol's minimum.
     * @param fee The proposed fee, in wei.
     * @param minimum The protocol's minimum inference fee, in wei.
     */
    error ModelRegistryInferenceFeeTooLow(uint256 fee, uint256 minimum);

    /// @notice A model needs its base model: a name, an IPFS CID, or both.
    error ModelRegistryMissingBaseModel();

    /// @notice An adapter version needs the IPFS CID of its adapter.
    error ModelRegistryMissingAdapterCid();

    /// @notice An adapter version needs the SHA-256 of its `adapter_model.safetensors`.
    error ModelRegistryMissingAdapterHash();

    /// @notice An adapter version must name at least one datanet version it was trained on.
    error ModelRegistryNoTrainingData();

    /**
     * @notice An adapter version names more datanets than allowed.
     * @param count The datanets named.
     * @param maximum The most allowed.
     */
    error ModelRegistryTooManyTrainingDatanets(uint256 count, uint256 maximum);

    /// @notice `datanetId` is named twice in one training set.
    /// @param datanetId The repeated datanet.
    error ModelRegistryRepeatedTrainingDatanet(uint64 datanetId);

    /// @notice A model cannot be given to the zero address.
    /// @param owner The refused new owner.
    error ModelRegistryInvalidOwner(address owner);

    /**
     * @notice `owner` registered model `modelId`.
     * @param modelId The new model's id.
     * @param owner Its owner (the registrant).
     * @param baseModelId The base model's name.
     * @param baseModelCid IPFS CID of the base model's files.
     * @param metadataCid IPFS CID of the model card.
     * @param inferenceFee What one answer costs, in wei.
     */
    event ModelRegistered(
        uint64 indexed modelId,
        address indexed owner,
        string baseModelId,
        string baseModelCid,
        string metadataCid,
        uint128 inferenceFee
    );

    /**
     * @notice Adapter version `adapterVersion` of `modelId`, trained on `trainingBytes` of accepted data.
     * @param modelId The model.
     * @param adapterVersion The new version number, from 1.
     * @param adapter The release, as given.
     * @param trainingBytes The size of its training set, in bytes.
     */
    event AdapterPublished(
        uint64 indexed modelId, uint32 indexed adapterVersion, AdapterRelease adapter, uint64 trainingBytes
    );

    /**
     * @notice The owner of `modelId` changed its inference fee.
     * @param modelId The model.
     * @param oldFee The previous fee, in wei.
     * @param newFee The new fee, in wei.
     */
    event InferenceFeeSet(uint64 indexed modelId, uint128 oldFee, uint128 newFee);

    /**
     * @notice The owner of `modelId` published a new model card.
     * @param modelId The model.
     * @param metadataCid IPFS CID of the new model card.
     */
    event ModelMetadataChanged(uint64 indexed modelId, string metadataCid);

    /// @notice `modelId` was retired for good.
    /// @param modelId The model.
    event ModelRetired(uint64 indexed modelId);

    /**
     * @notice `modelId` changed hands.
     * @param modelId The model.
     * @param previousOwner The owner who gave it away.
     * @param newOwner The new owner.
     */
    event ModelOwnershipTransferred(uint64 indexed modelId, address indexed previousOwner, address indexed newOwner);

    /**
     * @notice Registers a model you own, with its first adapter version, paying the registration fee.
     * @dev `msg.value` must equal {IProtocolParams-modelRegistrationFee} ({ModelRegistryWrongRegistrationFee}
     * otherwise); the fee goes to the treasury. Reverts with {ModelRegistryMissingBaseModel},
     * {ModelRegistryInferenceFeeTooLow}, and as {publishAdapter} for the adapter. Emits a {ModelRegistered} and
     * an {AdapterPublished} event.
     * @param registration The model and its first adapter version.
     * @return modelId The new model's id (ids count from 1).
     */
    function register(ModelRegistration calldata registration) external payable returns (uint64 modelId);

    /**
     * @notice Publishes a new adapter version of a model you own; answers are paid to its training set from now on.
     * @dev Owner only ({ModelRegistryNotOwner}), not retired ({ModelRegistryModelRetired}). Reverts with
     * {ModelRegistryMissingAdapterCid}, {ModelRegistryMissingAdapterHash}, {ModelRegistryNoTrainingData},
     * {ModelRegistryTooManyTrainingDatanets}, {ModelRegistryRepeatedTrainingDatanet}, or as
     * {IDatanetRegistry-version} for an unknown datanet version. Emits an {AdapterPublished} event.
     * @param modelId The model.
     * @param adapter The release.
     * @return adapterVersion The new version number.
     */
    function publishAdapter(uint64 modelId, AdapterRelease calldata adapter) external returns (uint32 adapterVersion);

    /**
     * @notice Sets what one answer of a model you own costs.
     * @dev Owner only, not retired. Reverts with {ModelRegistryInferenceFeeTooLow} below
     * {IProtocolParams-minInferenceFee}. Emits an {InferenceFeeSet} event.
     * @param modelId The model.
     * @param fee The fee, in wei.
     */
    function setInferenceFee(uint64 modelId, uint128 fee) external;

    /**
     * @notice Publishes a new model card for a model you own.
     * @dev Owner only, not retired. Emits a {ModelMetadataChanged} event.
     * @param modelId The model.
     * @param metadataCid IPFS CID of the model card.
     */
    function setMetadata(uint64 modelId, string calldata metadataCid) external;

    /**
     * @notice Retires a model you own, for good: it can no longer be paid for answers or changed.
     * @dev Owner only, not retired already. Credits earned stay claimable. Emits a {ModelRetired} event.
     * @param modelId The model.
     */
    function retire(uint64 modelId) external;

    /**
     * @notice Gives a model you own to `newOwner`, who gets its future fees.
     * @dev Owner only (a retired model can still change hands). Reverts with {ModelRegistryInvalidOwner} for
     * the zero address. Emits a {ModelOwnershipTransferred} event.
     * @param modelId The model.
     * @param newOwner The new owner.
     */
    function transferModelOwnership(uint64 modelId, address newOwner) external;

    /// @notice How many models exist; ids run from 1 to this number.
    /// @return The count.
    function modelCount() external view returns (uint64);

    /**
     * @notice A model's on-chain state.
     * @dev Reverts with {ModelRegistryUnknownModel} for an unknown id.
     * @param modelId The model.
     * @return The owner, current adapter version, retirement, fee and training size.
     */
    function model(uint64 modelId) external view returns (ModelInfo memory);

    /**
     * @notice The terms of the model's current adapter.
     * @dev Reverts with {ModelRegistryUnknownModel} or {ModelRegistryModelRetired}.
     * @param modelId The model.
     * @return The owner, fee, adapter version and training set.
     */
    function inferenceTerms(uint64 modelId) external view returns (InferenceTerms memory);

    /**
     * @notice The datanets adapter version `adapterVersion` was trained on, and the bytes they held.
     * @dev Reverts with {ModelRegistryUnknownModel} or {ModelRegistryUnknownAdapterVersion}.
     * @param modelId The model.
     * @param adapterVersion The adapter version, from 1.
     * @return trainingBytes The training set's size, in bytes.
     * @return trainedOn Each datanet's version and how many of its contributions the set holds.
     */
    function trainingSet(uint64 modelId, uint32 adapterVersion)
        external
        view
        returns (uint64 trainingBytes, TrainedDatanet[] memory trainedOn);
}
