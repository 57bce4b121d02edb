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

    /**
     * @notice Where a contribution stands. Approved, Rejected, Duplicate and Withdrawn are final.
     * @dev New statuses are only ever appended: the page and other contracts read them by number.
     */
    enum ContributionStatus {
        None,
        Pending,
        Approved,
        Rejected,
        Duplicate,
        Withdrawn
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

    /**
     * @notice A datanet's on-chain state. Names, descriptions and formats are in the events and on IPFS.
     * @param owner Who may describe the datanet and appoint its curators.
     * @param kind What it holds.
     * @param versionCount How many versions it has published.
     * @param acceptedCount How many contributions it has accepted.
     * @param acceptedBytes Their total size, in bytes. It cannot overflow: every contribution is at most
     * {IProtocolParams-maxContributionBytes}, itself at most 2^28, and `acceptedCount` stops below 2^32, so the
     * sum stays below 2^60 (see {contribute}).
     */
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
     * @param byteSize Size of the records in bytes; pooled rewards are shared by size, so it may not exceed
     * {IProtocolParams-maxContributionBytes}.
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

    /**
     * @notice A contribution's on-chain state; the CID and counts are in {ContributionSubmitted}.
     * @param contributor Who sent it.
     * @param datanetId Its datanet.
     * @param acceptedSeq Its position among the datanet's accepted contributions, from 1; 0 unless approved.
     * @param contentHash SHA-256 of the records.
     * @param bond The bond still held, in wei: 0 once released, slashed or withdrawn.
     * @param byteSize Size of the records, in bytes (at most {IProtocolParams-maxContributionBytes} when sent).
     * @param status Where it stands.
     * @param decidedAt When it was approved, rejected, proven a duplicate or withdrawn; 0 while pending.
     * @param submittedAt When it was submitted; the review timeout runs from here.
     */
    struct Contribution {
        address contributor;
        uint64 datanetId;
        uint32 acceptedSeq;
        bytes32 contentHash;
        uint128 bond;
        uint64 byteSize;
        ContributionStatus status;
        uint40 decidedAt;
        uint40 submittedAt;
    }

    /// @notice What the AttributionLedger needs to pay a contribution: one storage slot.
    struct PaymentInfo {
        address contributor;
        uint64 datanetId;
        uint32 acceptedSeq;
    }

    /// @notice No datanet has the id `datanetId`.
    /// @param datanetId The unknown id.
    error DatanetRegistryUnknownDatanet(uint64 datanetId);

    /**
     * @notice Only the owner of `datanetId` can do this; `account` is not the owner.
     * @param datanetId The datanet.
     * @param account The caller.
     */
    error DatanetRegistryNotOwner(uint64 datanetId, address account);

    /**
     * @notice Only a curator of `datanetId` can approve or reject its contributions; `account` is not one.
     * @param datanetId The datanet.
     * @param account The caller.
     */
    error DatanetRegistryNotCurator(uint64 datanetId, address account);

    /**
     * @notice `account` stakes less than the minimum curator stake, so it cannot be appointed or curate.
     * @param account The curator, or the account being appointed.
     * @param stake Its active stake in {IStaking}, in wei.
     * @param required The minimum curator stake, in wei.
     */
    error DatanetRegistryCuratorStakeTooLow(address account, uint256 stake, uint256 required);

    /// @notice A curator cannot approve or reject their own contribution.
    /// @param contributionId The caller's own contribution.
    error DatanetRegistryCuratorOwnContribution(uint64 contributionId);

    /// @notice No contribution has the id `contributionId`.
    /// @param contributionId The unknown id.
    error DatanetRegistryUnknownContribution(uint64 contributionId);

    /**
     * @notice `datanetId` has not published version `version`.
     * @param datanetId The datanet.
     * @param version The unknown version number (versions count from 1).
     */
    error DatanetRegistryUnknownVersion(uint64 datanetId, uint32 version);

    /**
     * @notice `contributionId` was offered to another datanet than `datanetId`.
     * @param contributionId The contribution.
     * @param datanetId The datanet named in the call.
     */
    error DatanetRegistryContributionNotInDatanet(uint64 contributionId, uint64 datanetId);

    /**
     * @notice `contributionId` was already decided or withdrawn, so it cannot be withdrawn (or decided) now.
     * @param contributionId The contribution.
     * @param status Where it stands now.
     */
    error DatanetRegistryContributionNotPending(uint64 contributionId, ContributionStatus status);

    /// @notice `contributionId` is not approved (pending, rejected, a duplicate, withdrawn or unknown), so it holds
    /// no bond to release.
    /// @param contributionId The contribution.
    error DatanetRegistryContributionNotApproved(uint64 contributionId);

    /**
     * @notice The same content is already accepted in the datanet.
     * @param datanetId The datanet.
     * @param contentHash The SHA-256 of the records.
     * @param existingId The accepted contribution with that content.
     */
    error DatanetRegistryDuplicateContent(uint64 datanetId, bytes32 contentHash, uint64 existingId);

    /**
     * @notice `duplicateId` is not a pending copy, submitted later, of the pending or accepted contribution
     * `originalId` in the same datanet.
     * @param duplicateId The contribution said to be a copy.
     * @param originalId The contribution said to be the original.
     */
    error DatanetRegistryNotADuplicate(uint64 duplicateId, uint64 originalId);

    /**
     * @notice A contribution must lock exactly the current bond.
     * @param expected The contribution bond, in wei.
     * @param sent The OPEN sent with the call, in wei.
     */
    error DatanetRegistryWrongBond(uint256 expected, uint256 sent);

    /**
     * @notice The bond of `contributionId` is still held after its approval.
     * @param contributionId The contribution.
     * @param releasableAt When the bond can be released (a Unix timestamp, in seconds).
     */
    error DatanetRegistryBondLocked(uint64 contributionId, uint256 releasableAt);

    /// @notice `contributionId` has no bond left: it was released already, or contributed while the bond was zero.
    /// @param contributionId The contribution.
    error DatanetRegistryBondAlreadyReleased(uint64 contributionId);

    /// @notice The call names no contributions.
    error DatanetRegistryEmptyBatch();

    /// @notice A contribution needs the IPFS CID of its records.
    error DatanetRegistryMissingContentCid();

    /// @notice A contribution needs the SHA-256 of its records.
    error DatanetRegistryMissingContentHash();

    /// @notice A contribution of zero bytes holds nothing.
    error DatanetRegistryEmptyContribution();

    /**
     * @notice A contribution may declare at most {IProtocolParams-maxContributionBytes} bytes.
     * @param byteSize The size declared.
     * @param maximum The largest size allowed, in bytes.
     */
    error DatanetRegistryContributionTooLarge(uint64 byteSize, uint256 maximum);

    /**
     * @notice Only the contributor of `contributionId` can withdraw it; `account` did not contribute it.
     * @param contributionId The contribution.
     * @param account The caller.
     */
    error DatanetRegistryNotContributor(uint64 contributionId, address account);

    /**
     * @notice `contributionId` is still within its review time: curators may decide it until `withdrawableAt`.
     * @param contributionId The contribution.
     * @param withdrawableAt When its contributor may withdraw it (a Unix timestamp, in seconds).
     */
    error DatanetRegistryWithdrawalTooEarly(uint64 contributionId, uint256 withdrawableAt);

    /// @notice A datanet needs the IPFS CID of its metadata.
    error DatanetRegistryMissingMetadataCid();

    /// @notice A datanet cannot be given to the zero address.
    /// @param owner The refused new owner.
    error DatanetRegistryInvalidOwner(address owner);

    /**
     * @notice `owner` created datanet `datanetId`.
     * @param datanetId The new datanet's id.
     * @param owner Its owner (the creator).
     * @param kind What it holds.
     * @param metadataCid IPFS CID of its metadata.
     * @param licence The data's licence (SPDX identifier).
     * @param acceptedFormats File formats contributors may send; empty means any.
     */
    event DatanetCreated(
        uint64 indexed datanetId,
        address indexed owner,
        DataKind kind,
        string metadataCid,
        string licence,
        string[] acceptedFormats
    );

    /**
     * @notice The owner of `datanetId` changed its description.
     * @param datanetId The datanet.
     * @param metadataCid IPFS CID of the new metadata.
     * @param licence The new licence.
     * @param acceptedFormats The new accepted formats; empty means any.
     */
    event DatanetUpdated(uint64 indexed datanetId, string metadataCid, string licence, string[] acceptedFormats);

    /**
     * @notice `datanetId` changed hands.
     * @param datanetId The datanet.
     * @param previousOwner The owner who gave it away.
     * @param newOwner The new owner.
     */
    event DatanetOwnershipTransferred(uint64 indexed datanetId, address indexed previousOwner, address indexed newOwner);

    /**
     * @notice `curator` was appointed to, or removed from, `datanetId`.
     * @param datanetId The datanet.
     * @param curator The account.
     * @param appointed True when appointed, false when removed.
     */
    event CuratorSet(uint64 indexed datanetId, address indexed curator, bool appointed);

    /**
     * @notice `contributor` offered records to `datanetId` and locked `bond`.
     * @param contributionId The new contribution's id.
     * @param datanetId The datanet.
     * @param contributor Who sent it.
     * @param contentCid IPFS CID of the records.
     * @param contentHash SHA-256 of the records' bytes.
     * @param byteSize Size of the records, in bytes.
     * @param tokenCount Tokens in the records.
     * @param recordCount Number of records.
     * @param bond The bond locked, in wei.
     */
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

    /**
     * @notice `contributionId` was accepted as the `acceptedSeq`-th contribution of its datanet.
     * @param contributionId The contribution.
     * @param datanetId Its datanet.
     * @param curator The curator who approved it.
     * @param acceptedSeq Its position in the datanet's accepted contributions, from 1.
     */
    event ContributionApproved(
        uint64 indexed contributionId, uint64 indexed datanetId, address indexed curator, uint32 acceptedSeq
    );

    /**
     * @notice `contributionId` was rejected and its `slashedBond` sent to the treasury.
     * @param contributionId The contribution.
     * @param datanetId Its datanet.
     * @param curator The curator who rejected it.
     * @param slashedBond The bond sent to the treasury, in wei.
     * @param reason The curator's reason, for the contributor.
     */
    event ContributionRejected(
        uint64 indexed contributionId,
        uint64 indexed datanetId,
        address indexed curator,
        uint256 slashedBond,
        string reason
    );

    /**
     * @notice `duplicateId` copies `originalId`; `bounty` went to `prover` and `toTreasury` to the treasury.
     * @param duplicateId The pending copy, now marked a duplicate.
     * @param originalId The earlier original, pending or accepted.
     * @param prover Who proved it.
     * @param bounty The prover's share of the copy's bond, in wei (credited, to {claim}); 0 when the prover sent
     * the copy.
     * @param toTreasury The rest of the bond, in wei.
     */
    event DuplicateProven(
        uint64 indexed duplicateId, uint64 indexed originalId, address indexed prover, uint256 bounty, uint256 toTreasury
    );

    /**
     * @notice `contributor` withdrew the pending `contributionId` and `bond` was credited back to them.
     * @param contributionId The contribution, now withdrawn.
     * @param datanetId Its datanet.
     * @param contributor Who sent it and gets the bond (to {claim}).
     * @param bond The bond, in wei.
     */
    event ContributionWithdrawn(
        uint64 indexed contributionId, uint64 indexed datanetId, address indexed contributor, uint256 bond
    );

    /**
     * @notice A batch of `curator` named `contributionId`, which another call had already settled, so it was left
     * as it was.
     * @param contributionId The contribution.
     * @param datanetId Its datanet.
     * @param curator The curator whose batch named it.
     * @param status Where it stands (approved, rejected, a duplicate or withdrawn).
     */
    event ContributionSkipped(
        uint64 indexed contributionId, uint64 indexed datanetId, address indexed curator, ContributionStatus status
    );

    /**
     * @notice The bond of the approved `contributionId` was credited back to `contributor`.
     * @param contributionId The contribution.
     * @param contributor Who gets the bond (to {claim}).
     * @param amount The bond, in wei.
     */
    event BondReleased(uint64 indexed contributionId, address indexed contributor, uint256 amount);

    /**
     * @notice A batch of approvals published version `version`; `manifestCid` lists its contributions on IPFS.
     * @param datanetId The datanet.
     * @param version The new version number, from 1.
     * @param root Merkle root over every accepted contribution's leaf, in acceptance order.
     * @param acceptedCount How many contributions the version holds.
     * @param acceptedBytes Their total size, in bytes.
     * @param manifestCid IPFS CID of the version's manifest.
     */
    event VersionPublished(
        uint64 indexed datanetId,
        uint32 indexed version,
        bytes32 root,
        uint32 acceptedCount,
        uint64 acceptedBytes,
        string manifestCid
    );

    /**
     * @notice Creates a datanet that you own.
     * @dev Anyone may create one. Reverts with {DatanetRegistryMissingMetadataCid} when `input.metadataCid` is
     * empty. Emits a {DatanetCreated} event.
     * @param input The datanet's description.
     * @return datanetId The new datanet's id (ids count from 1).
     */
    function createDatanet(DatanetInput calldata input) external returns (uint64 datanetId);

    /**
     * @notice Changes the description of a datanet you own.
     * @dev Reverts with {DatanetRegistryNotOwner} for anyone but the owner and with
     * {DatanetRegistryMissingMetadataCid} when `metadataCid` is empty. Emits a {DatanetUpdated} event.
     * @param datanetId The datanet.
     * @param metadataCid IPFS CID of the new metadata.
     * @param licence The new licence (SPDX identifier).
     * @param acceptedFormats The new accepted formats; empty means any.
     */
    function updateDatanet(uint64 datanetId, string calldata metadataCid, string calldata licence, string[] calldata acceptedFormats)
        external;

    /**
     * @notice Gives a datanet you own to `newOwner`.
     * @dev Curators stay appointed. Reverts with {DatanetRegistryNotOwner} for anyone but the owner and with
     * {DatanetRegistryInvalidOwner} for the zero address. Emits a {DatanetOwnershipTransferred} event.
     * @param datanetId The datanet.
     * @param newOwner The new owner.
     */
    function transferDatanetOwnership(uint64 datanetId, address newOwner) external;

    /**
     * @notice Appoints `curator` to a datanet you own, or removes them.
     * @dev An appointed curator must keep the minimum curator stake in {IStaking}, checked now and at every
     * decision: reverts with {DatanetRegistryCuratorStakeTooLow} when appointing an account below it, and with
     * {DatanetRegistryNotOwner} for anyone but the owner. Removing never checks the stake. Emits a
     * {CuratorSet} event.
     * @param datanetId The datanet.
     * @param curator The account.
     * @param appointed True to appoint, false to remove.
     */
    function setCurator(uint64 datanetId, address curator, bool appointed) external;

    /**
     * @notice Offers records already on IPFS to a datanet, locking the contribution bond sent with the call.
     * @dev `msg.value` must equal {IProtocolParams-contributionBond} ({DatanetRegistryWrongBond} otherwise). Reverts
     * with {DatanetRegistryMissingContentCid}, {DatanetRegistryMissingContentHash} or
     * {DatanetRegistryEmptyContribution} for an incomplete input, with {DatanetRegistryContributionTooLarge} when
     * `input.byteSize` exceeds {IProtocolParams-maxContributionBytes}, and with {DatanetRegistryDuplicateContent}
     * when the same content is already accepted. Emits a {ContributionSubmitted} event.
     *
     * The size is declared, not measured, and pooled rewards are paid per byte, so the cap bounds what one
     * contribution can claim of a pool. It also keeps every byte sum in range: the cap is at most 2^28 bytes and a
     * datanet accepts fewer than 2^32 contributions (`acceptedCount` is a uint32), so a datanet's `acceptedBytes`
     * stays at most (2^32 - 1) * 2^28 < 2^60, and a model's training bytes, summed over at most
     * `ModelRegistry.MAX_TRAINING_DATANETS` = 16 datanets, at most 16 * (2^32 - 1) * 2^28 = 2^64 - 2^32, below
     * the uint64 they are kept in.
     * @param datanetId The datanet.
     * @param input The records' CID, hash and sizes.
     * @return contributionId The new contribution's id (ids count from 1, across all datanets).
     */
    function contribute(uint64 datanetId, ContributionInput calldata input)
        external
        payable
        returns (uint64 contributionId);

    /**
     * @notice Accepts pending contributions and publishes the datanet's next version.
     * @dev Curators only ({DatanetRegistryNotCurator}), who must still hold the minimum curator stake
     * ({DatanetRegistryCuratorStakeTooLow}). Each contribution must exist ({DatanetRegistryUnknownContribution})
     * and be in this datanet ({DatanetRegistryContributionNotInDatanet}). One that is no longer pending (its
     * contributor withdrew it, it was proven a duplicate, or it was already decided, by another batch or earlier
     * in this one) is skipped with a {ContributionSkipped} event rather than failing the batch: those settle
     * without the curator, so a batch sent before them must still go through. A pending one must not be the
     * caller's own ({DatanetRegistryCuratorOwnContribution}), and content already accepted reverts with
     * {DatanetRegistryDuplicateContent}. Emits a {ContributionApproved} event per approved contribution and, when
     * at least one was approved, one {VersionPublished} event; when every one was skipped, no version is
     * published and `manifestCid` is unused.
     * @param datanetId The datanet.
     * @param contributionIds The contributions, in the order they join the version.
     * @param manifestCid IPFS CID of the new version's manifest.
     * @return version The new version number, or the latest one when every contribution was skipped.
     */
    function approve(uint64 datanetId, uint64[] calldata contributionIds, string calldata manifestCid)
        external
        returns (uint32 version);

    /**
     * @notice Rejects pending contributions; their bonds go to the treasury.
     * @dev Same checks as {approve}, and contributions no longer pending are skipped the same way (a contributor
     * who proves their own contribution a duplicate, or withdraws it, just before the batch cannot make it
     * revert). Emits a {ContributionRejected} event per rejected contribution and a {ContributionSkipped} event
     * per skipped one.
     * @param datanetId The datanet.
     * @param contributionIds The contributions.
     * @param reason Why, for the contributors.
     */
    function reject(uint64 datanetId, uint64[] calldata contributionIds, string calldata reason) external;

    /**
     * @notice Shows that a pending contribution copies one submitted before it, and earns part of the copy's bond.
     * @dev Anyone may call it. Reverts with {DatanetRegistryNotADuplicate} unless `duplicateId` is pending,
     * `originalId` is pending or approved and was submitted first (`originalId < duplicateId`; ids count up), and
     * both are in one datanet with the same content hash. The earlier submission wins whichever a curator
     * approved first: a copy approved before its original cannot have the original proven its duplicate.
     * The bounty ({IProtocolParams-duplicateBountyBps} of the bond) is credited to the caller, unless the caller
     * sent the copy: then there is no bounty, so proving one's own copy just before a rejection recovers nothing
     * (another address of theirs still could; the chain cannot tell, and the copy still loses the rest of its
     * bond, at least half). The rest of the bond goes to the treasury. Emits a {DuplicateProven} event.
     * @param duplicateId The pending copy.
     * @param originalId The earlier original, pending or approved.
     */
    function proveDuplicate(uint64 duplicateId, uint64 originalId) external;

    /**
     * @notice Withdraws your pending contribution once its review time has run out, and returns its bond as a
     * credit to {claim}.
     * @dev The contributor only ({DatanetRegistryNotContributor}); reverts with
     * {DatanetRegistryUnknownContribution} for an unknown id and {DatanetRegistryContributionNotPending} once it
     * is decided or withdrawn. Curators may decide it for {IProtocolParams-reviewTimeout} seconds after its
     * submission (read now, so a change applies to contributions already pending), and before that this reverts
     * with {DatanetRegistryWithdrawalTooEarly}; a datanet whose curators are gone no longer locks the bond forever.
     * Curators may still decide it until it is withdrawn, and it may still be proven a duplicate until then.
     * One exception needs no wait: when the datanet accepted the same content from a later submission (a copy a
     * curator approved first), this contribution can never be approved, and as the earlier submission it is no
     * one's duplicate, so its contributor may take the bond back at once. Pending content claims no hash, so the
     * same records may be contributed again after a withdrawal. Emits a {ContributionWithdrawn} event.
     * @param contributionId The contribution.
     */
    function withdrawContribution(uint64 contributionId) external;

    /**
     * @notice Returns the bonds of approved contributions to their contributors, as credits to {claim}.
     * @dev Anyone may call it, for anyone's contributions. Reverts with {DatanetRegistryEmptyBatch},
     * {DatanetRegistryContributionNotApproved}, {DatanetRegistryBondAlreadyReleased}, or
     * {DatanetRegistryBondLocked} until {IProtocolParams-bondReleaseDelay} has passed since approval. Emits a
     * {BondReleased} event per contribution.
     * @param contributionIds The contributions.
     */
    function releaseBonds(uint64[] calldata contributionIds) external;

    /// @notice How many datanets exist; ids run from 1 to this number.
    /// @return The count.
    function datanetCount() external view returns (uint64);

    /// @notice How many contributions exist, across all datanets; ids run from 1 to this number.
    /// @return The count.
    function contributionCount() external view returns (uint64);

    /**
     * @notice A datanet's on-chain state.
     * @dev Reverts with {DatanetRegistryUnknownDatanet} for an unknown id.
     * @param datanetId The datanet.
     * @return The owner, kind and counts.
     */
    function datanet(uint64 datanetId) external view returns (DatanetInfo memory);

    /**
     * @notice A published version of a datanet.
     * @dev Reverts with {DatanetRegistryUnknownDatanet} or {DatanetRegistryUnknownVersion}.
     * @param datanetId The datanet.
     * @param version_ The version number, from 1.
     * @return The version's root, counts and publication time.
     */
    function version(uint64 datanetId, uint32 version_) external view returns (Version memory);

    /**
     * @notice The Merkle root over every contribution the datanet has accepted so far.
     * @param datanetId The datanet.
     * @return The root (the latest version's root once a version is published).
     */
    function currentRoot(uint64 datanetId) external view returns (bytes32);

    /**
     * @notice Whether `account` is a curator of `datanetId` (whatever its stake).
     * @param datanetId The datanet.
     * @param account The account.
     * @return True when appointed.
     */
    function isCurator(uint64 datanetId, address account) external view returns (bool);

    /**
     * @notice A contribution's on-chain state.
     * @dev Reverts with {DatanetRegistryUnknownContribution} for an unknown id.
     * @param contributionId The contribution.
     * @return The contributor, datanet, status, bond and sizes.
     */
    function contribution(uint64 contributionId) external view returns (Contribution memory);

    /**
     * @notice What the AttributionLedger needs to pay each of `contributionIds`, one storage slot each.
     * @dev Reverts with {DatanetRegistryUnknownContribution} for an unknown id.
     * @param contributionIds The contributions.
     * @return The contributor, datanet and acceptance position of each, in the same order.
     */
    function paymentInfo(uint64[] calldata contributionIds) external view returns (PaymentInfo[] memory);

    /**
     * @notice The accepted contribution of `datanetId` whose records hash to `contentHash`.
     * @param datanetId The datanet.
     * @param contentHash SHA-256 of the records.
     * @return contributionId The contribution, or zero when no accepted contribution has that content.
     */
    function acceptedByHash(uint64 datanetId, bytes32 contentHash) external view returns (uint64 contributionId);

    /**
     * @notice The Merkle leaf of a contribution: `keccak256(keccak256(abi.encode(id, contributor, contentHash, byteSize)))`.
     * @dev OpenZeppelin's standard leaf, so `MerkleProof.verify` checks it against a version's root. Reverts
     * with {DatanetRegistryUnknownContribution} for an unknown id.
     * @param contributionId The contribution.
     * @return The leaf.
     */
    function leafOf(uint64 contributionId) external view returns (bytes32);
}
