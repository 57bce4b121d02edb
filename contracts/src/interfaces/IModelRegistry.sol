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

    error UnknownModel(uint64 modelId);
    error UnknownAdapterVersion(uint64 modelId, uint32 adapterVersion);
    error ModelIsRetired(uint64 modelId);
    error NotModelOwner(uint64 modelId, address account);
    /// @notice The registration fee is `expected` wei; `sent` was sent.
    error WrongRegistrationFee(uint256 expected, uint256 sent);
    /// @notice `fee` is below the protocol's minimum inference fee `minimum`.
    error InferenceFeeTooLow(uint256 fee, uint256 minimum);
    error MissingBaseModel();
    error MissingAdapterCid();
    error MissingAdapterHash();
    error NoTrainingData();
    /// @notice A model names at most `maximum` datanets.
    error TooManyTrainingDatanets(uint256 count, uint256 maximum);
    /// @notice `datanetId` is named twice in one training set.
    error RepeatedTrainingDatanet(uint64 datanetId);
    error InvalidOwner(address owner);

    event ModelRegistered(
        uint64 indexed modelId,
        address indexed owner,
        string baseModelId,
        string baseModelCid,
        string metadataCid,
        uint128 inferenceFee
    );
    /// @notice Adapter version `adapterVersion` of `modelId`, trained on `trainingBytes` of accepted data.
    event AdapterPublished(
        uint64 indexed modelId, uint32 indexed adapterVersion, AdapterRelease adapter, uint64 trainingBytes
    );
    event InferenceFeeChanged(uint64 indexed modelId, uint128 oldFee, uint128 newFee);
    event ModelMetadataChanged(uint64 indexed modelId, string metadataCid);
    event ModelRetired(uint64 indexed modelId);
    event ModelOwnershipTransferred(uint64 indexed modelId, address indexed previousOwner, address indexed newOwner);

    function register(ModelRegistration calldata registration) external payable returns (uint64 modelId);
    function publishAdapter(uint64 modelId, AdapterRelease calldata adapter) external returns (uint32 adapterVersion);
    function setInferenceFee(uint64 modelId, uint128 fee) external;
    function setMetadata(uint64 modelId, string calldata metadataCid) external;
    function retire(uint64 modelId) external;
    function transferModelOwnership(uint64 modelId, address newOwner) external;

    function modelCount() external view returns (uint64);
    function model(uint64 modelId) external view returns (ModelInfo memory);
    /// @notice The terms of the model's current adapter; reverts for unknown or retired models.
    function inferenceTerms(uint64 modelId) external view returns (InferenceTerms memory);
    /// @notice The datanets adapter version `adapterVersion` was trained on, and the bytes they held.
    function trainingSet(uint64 modelId, uint32 adapterVersion)
        external
        view
        returns (uint64 trainingBytes, TrainedDatanet[] memory trainedOn);
}
