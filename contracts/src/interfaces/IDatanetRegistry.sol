// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IClaims} from "./IClaims.sol";

/**
 * @title IDatanetRegistry
 * @notice Community datasets on chain: datanets, their curators, bonded contributions and published versions.
 */
interface IDatanetRegistry is IClaims {
    /// @notice What a datanet holds.
    enum DataKind {
        Text,
        Image,
        Audio
    }

    /// @notice Where a contribution stands. Approved, Rejected and Duplicate are final.
    enum ContributionStatus {
        None,
        Pending,
        Approved,
        Rejected,
        Duplicate
    }

    /**
     * @notice A new datanet's description.
     * @param metadataCid IPFS CID of the datanet's metadata (name, summary, description, tags).
     * @param kind What the datanet holds.
     * @param licence The data's licence, as an SPDX identifier (e.g. "CC-BY-4.0").
     * @param acceptedFormats File formats contributors may send (e.g. "txt", "pdf", "jsonl"); empty means any.
     */
    struct DatanetInput {
        string metadataCid;
        DataKind kind;
        string licence;
        string[] acceptedFormats;
    }

    /// @notice A datanet's on-chain state. Names, descriptions and formats are in the events and on IPFS.
    struct DatanetInfo {
        address owner;
        DataKind kind;
        uint32 versionCount;
        uint32 acceptedCount;
        uint64 acceptedBytes;
    }

    /**
     * @notice A published version: every contribution accepted up to it.
     * @param root Merkle root over the accepted contributions' leaves, in acceptance order (see {leafOf}).
     * @param acceptedCount How many contributions the version holds: those with `acceptedSeq <= acceptedCount`.
     * @param acceptedBytes Their total size.
     * @param publishedAt When the version was published.
     */
    struct Version {
        bytes32 root;
        uint32 acceptedCount;
        uint64 acceptedBytes;
        uint40 publishedAt;
    }

    /**
     * @notice A contribution offered to a datanet.
     * @param contentCid IPFS CID of the records (JSONL, as a UnixFS file).
     * @param contentHash SHA-256 of the records' bytes: the identity duplicates are judged by.
     * @param byteSize Size of the records in bytes; pooled rewards are shared by size.
     * @param tokenCount Tokens in the records, by the datanet's tokenizer.
     * @param recordCount Number of records.
     */
    struct ContributionInput {
        string contentCid;
        bytes32 contentHash;
        uint64 byteSize;
        uint64 tokenCount;
        uint64 recordCount;
    }

    /// @notice A contribution's on-chain state; the CID and counts are in {ContributionSubmitted}.
    struct Contribution {
        address contributor;
        uint64 datanetId;
        uint32 acceptedSeq;
        bytes32 contentHash;
        uint128 bond;
        uint64 byteSize;
        ContributionStatus status;
        uint40 decidedAt;
    }

    /// @notice What the AttributionLedger needs to pay a contribution: one storage slot.
    struct PaymentInfo {
        address contributor;
        uint64 datanetId;
        uint32 acceptedSeq;
    }

    error UnknownDatanet(uint64 datanetId);
    error NotDatanetOwner(uint64 datanetId, address account);
    error NotCurator(uint64 datanetId, address account);
    /// @notice `account` stakes `stake`, below the `required` minimum curator stake.
    error CuratorStakeTooLow(address account, uint256 stake, uint256 required);
    /// @notice A curator cannot approve or reject their own contribution.
    error CuratorOwnContribution(uint64 contributionId);
    error UnknownContribution(uint64 contributionId);
    error UnknownVersion(uint64 datanetId, uint32 version);
    error ContributionNotInDatanet(uint64 contributionId, uint64 datanetId);
    error ContributionNotPending(uint64 contributionId, ContributionStatus status);
    error ContributionNotApproved(uint64 contributionId);
    /// @notice `contentHash` is already accepted in `datanetId`, as contribution `existingId`.
    error DuplicateContent(uint64 datanetId, bytes32 contentHash, uint64 existingId);
    /// @notice `duplicateId` is not a pending copy of the accepted contribution `originalId`.
    error NotADuplicate(uint64 duplicateId, uint64 originalId);
    /// @notice The bond is `expected` wei; `sent` was sent.
    error WrongBond(uint256 expected, uint256 sent);
    /// @notice The bond of `contributionId` can be released from `releasableAt`.
    error BondLocked(uint64 contributionId, uint256 releasableAt);
    /// @notice `contributionId` has no bond left: it was released already, or contributed while the bond was zero.
    error BondAlreadyReleased(uint64 contributionId);
    error EmptyBatch();
    error MissingContentCid();
    error MissingContentHash();
    error EmptyContribution();
    error MissingMetadataCid();
    error InvalidOwner(address owner);

    event DatanetCreated(
        uint64 indexed datanetId,
        address indexed owner,
        DataKind kind,
        string metadataCid,
        string licence,
        string[] acceptedFormats
    );
    event DatanetUpdated(uint64 indexed datanetId, string metadataCid, string licence, string[] acceptedFormats);
    event DatanetOwnershipTransferred(uint64 indexed datanetId, address indexed previousOwner, address indexed newOwner);
    event CuratorSet(uint64 indexed datanetId, address indexed curator, bool appointed);
    event ContributionSubmitted(
        uint64 indexed contributionId,
        uint64 indexed datanetId,
        address indexed contributor,
        string contentCid,
        bytes32 contentHash,
        uint64 byteSize,
        uint64 tokenCount,
        uint64 recordCount,
        uint256 bond
    );
    /// @notice `contributionId` was accepted as the `acceptedSeq`-th contribution of its datanet.
    event ContributionApproved(
        uint64 indexed contributionId, uint64 indexed datanetId, address indexed curator, uint32 acceptedSeq
    );
    /// @notice `contributionId` was rejected and its `slashedBond` sent to the treasury.
    event ContributionRejected(
        uint64 indexed contributionId,
        uint64 indexed datanetId,
        address indexed curator,
        uint256 slashedBond,
        string reason
    );
    /// @notice `duplicateId` copies `originalId`; `bounty` went to `prover` and `toTreasury` to the treasury.
    event DuplicateProven(
        uint64 indexed duplicateId, uint64 indexed originalId, address indexed prover, uint256 bounty, uint256 toTreasury
    );
    event BondReleased(uint64 indexed contributionId, address indexed contributor, uint256 amount);
    /// @notice A batch of approvals published version `version`; `manifestCid` lists its contributions on IPFS.
    event VersionPublished(
        uint64 indexed datanetId,
        uint32 indexed version,
        bytes32 root,
        uint32 acceptedCount,
        uint64 acceptedBytes,
        string manifestCid
    );

    function createDatanet(DatanetInput calldata input) external returns (uint64 datanetId);
    function updateDatanet(uint64 datanetId, string calldata metadataCid, string calldata licence, string[] calldata acceptedFormats)
        external;
    function transferDatanetOwnership(uint64 datanetId, address newOwner) external;
    function setCurator(uint64 datanetId, address curator, bool appointed) external;
    function contribute(uint64 datanetId, ContributionInput calldata input)
        external
        payable
        returns (uint64 contributionId);
    function approve(uint64 datanetId, uint64[] calldata contributionIds, string calldata manifestCid)
        external
        returns (uint32 version);
    function reject(uint64 datanetId, uint64[] calldata contributionIds, string calldata reason) external;
    function proveDuplicate(uint64 duplicateId, uint64 originalId) external;
    function releaseBonds(uint64[] calldata contributionIds) external;

    function datanetCount() external view returns (uint64);
    function contributionCount() external view returns (uint64);
    function datanet(uint64 datanetId) external view returns (DatanetInfo memory);
    function version(uint64 datanetId, uint32 version_) external view returns (Version memory);
    function currentRoot(uint64 datanetId) external view returns (bytes32);
    function isCurator(uint64 datanetId, address account) external view returns (bool);
    function contribution(uint64 contributionId) external view returns (Contribution memory);
    function paymentInfo(uint64[] calldata contributionIds) external view returns (PaymentInfo[] memory);
    function acceptedByHash(uint64 datanetId, bytes32 contentHash) external view returns (uint64 contributionId);
    function leafOf(uint64 contributionId) external view returns (bytes32);
}
