// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";

import {IDatanetRegistry} from "./interfaces/IDatanetRegistry.sol";
import {IProtocolParams} from "./interfaces/IProtocolParams.sol";
import {IStaking} from "./interfaces/IStaking.sol";
import {Claims} from "./utils/Claims.sol";
import {IncrementalMerkleTree} from "./utils/IncrementalMerkleTree.sol";

/**
 * @title DatanetRegistry
 * @notice Datanets are community datasets: people contribute data with a bond, curators accept or reject it,
 * and every batch of approvals becomes a numbered version that models can be trained on.
 * @dev Anyone can create a datanet and appoint curators, who must keep the minimum curator stake in
 * {IStaking}. A contribution names records already on IPFS (CID, SHA-256 of the bytes, sizes) and locks the
 * bond. A curator approves a batch, which appends each contribution to the datanet's Merkle tree in order
 * and publishes a version `{root, acceptedCount, acceptedBytes}`: contribution `c` is in version `v` exactly
 * when `c.acceptedSeq <= v.acceptedCount`, which lets other contracts check membership in O(1) while the root
 * lets anyone verify a training manifest off chain. A rejection sends the bond to the treasury. Content is
 * identified by its hash: a second copy of accepted content cannot be contributed or approved, and a pending
 * copy of an earlier submission (pending or accepted) can be proven a duplicate by anyone, who earns a bounty
 * out of its slashed bond. An approved contribution's bond comes back after the bond-release delay, and a
 * pending one's when its contributor withdraws it after the review timeout, both as claimable credits (pull
 * payment).
 *
 * Copies: the earlier submission is the original, whatever a curator does. Should a curator approve a later
 * copy first, its leaf is in the append-only Merkle tree and versions already published for good, so it stays
 * accepted (and `acceptedByHash` names it); the earlier original then cannot be approved (its content is
 * accepted) nor proven a duplicate of the copy, and its contributor may withdraw it at once with the whole bond.
 */
contract DatanetRegistry is IDatanetRegistry, Claims {
    using IncrementalMerkleTree for IncrementalMerkleTree.Tree;

    uint16 private constant BPS = 10_000;

    /// @notice Where the rules come from.
    IProtocolParams public immutable params;
    /// @notice Where curators' stakes are kept.
    IStaking public immutable staking;
    /// @notice Where slashed bonds go (the Timelock).
    address public immutable treasury;

    /**
     * @dev A contribution as stored: three slots, as {IDatanetRegistry-Contribution} with the size in 32 bits
     * (every stored size is at most the byte cap, itself at most 2^28) so the submission time fits beside the
     * bond. Slot 0 (contributor, datanetId, acceptedSeq) is what {paymentInfo} reads.
     */
    struct StoredContribution {
        address contributor;
        uint64 datanetId;
        uint32 acceptedSeq;
        bytes32 contentHash;
        uint128 bond;
        uint32 byteSize;
        ContributionStatus status;
        uint40 submittedAt;
        uint40 decidedAt;
    }

    struct DatanetState {
        DatanetInfo info;
        IncrementalMerkleTree.Tree tree;
        mapping(uint32 version => Version) versions;
        mapping(address account => bool) curators;
        mapping(bytes32 contentHash => uint64 contributionId) acceptedByHash;
    }

    mapping(uint64 datanetId => DatanetState) private _datanets;
    mapping(uint64 contributionId => StoredContribution) private _contributions;
    uint64 private _datanetCount;
    uint64 private _contributionCount;

    constructor(IProtocolParams params_, IStaking staking_, address treasury_) {
        params = params_;
        staking = staking_;
        treasury = treasury_;
    }

    /// @inheritdoc IDatanetRegistry
    function createDatanet(DatanetInput calldata input) external returns (uint64 datanetId) {
        if (bytes(input.metadataCid).length == 0) revert DatanetRegistryMissingMetadataCid();
        datanetId = ++_datanetCount;
        DatanetInfo storage info = _datanets[datanetId].info;
        info.owner = msg.sender;
        info.kind = input.kind;
        emit DatanetCreated(datanetId, msg.sender, input.kind, input.metadataCid, input.licence, input.acceptedFormats);
    }

    /// @inheritdoc IDatanetRegistry
    function updateDatanet(
        uint64 datanetId,
        string calldata metadataCid,
        string calldata licence,
        string[] calldata acceptedFormats
    ) external {
        _checkOwner(datanetId);
        if (bytes(metadataCid).length == 0) revert DatanetRegistryMissingMetadataCid();
        emit DatanetUpdated(datanetId, metadataCid, licence, acceptedFormats);
    }

    /// @inheritdoc IDatanetRegistry
    function transferDatanetOwnership(uint64 datanetId, address newOwner) external {
        _checkOwner(datanetId);
        if (newOwner == address(0)) revert DatanetRegistryInvalidOwner(newOwner);
        _datanets[datanetId].info.owner = newOwner;
        emit DatanetOwnershipTransferred(datanetId, msg.sender, newOwner);
    }

    /// @inheritdoc IDatanetRegistry
    function setCurator(uint64 datanetId, address curator, bool appointed) external {
        _checkOwner(datanetId);
        if (appointed) _checkCuratorStake(curator);
        _datanets[datanetId].curators[curator] = appointed;
        emit CuratorSet(datanetId, curator, appointed);
    }

    /// @inheritdoc IDatanetRegistry
    function contribute(uint64 datanetId, ContributionInput calldata input)
        external
        payable
        returns (uint64 contributionId)
    {
        DatanetState storage d = _existing(datanetId);
        uint128 bond = params.contributionBond();
        if (msg.value != bond) revert DatanetRegistryWrongBond(bond, msg.value);
        if (bytes(input.contentCid).length == 0) revert DatanetRegistryMissingContentCid();
        if (input.contentHash == bytes32(0)) revert DatanetRegistryMissingContentHash();
        if (input.byteSize == 0) revert DatanetRegistryEmptyContribution();
        // Sizes are declared and pools pay per byte: without a cap one contribution could claim a whole pool,
        // or overflow the datanet's byte sums and stop every later approval.
        uint256 maximum = params.maxContributionBytes();
        if (input.byteSize > maximum) revert DatanetRegistryContributionTooLarge(input.byteSize, maximum);
        uint64 existing = d.acceptedByHash[input.contentHash];
        if (existing != 0) revert DatanetRegistryDuplicateContent(datanetId, input.contentHash, existing);

        contributionId = ++_contributionCount;
        StoredContribution storage c = _contributions[contributionId];
        c.contributor = msg.sender;
        c.datanetId = datanetId;
        c.contentHash = input.contentHash;
        c.bond = bond;
        // forge-lint: disable-next-line(unsafe-typecast)
        c.byteSize = uint32(input.byteSize); // at most the cap, itself at most 2^28 (ProtocolParams' bound)
        c.status = ContributionStatus.Pending;
        c.submittedAt = uint40(block.timestamp);
        emit ContributionSubmitted(
            contributionId,
            datanetId,
            msg.sender,
            input.contentCid,
            input.contentHash,
            input.byteSize,
            input.tokenCount,
            input.recordCount,
            bond
        );
    }

    /// @inheritdoc IDatanetRegistry
    function approve(uint64 datanetId, uint64[] calldata contributionIds, string calldata manifestCid)
        external
        returns (uint32 newVersion)
    {
        DatanetState storage d = _existing(datanetId);
        _checkCurator(d, datanetId);
        if (contributionIds.length == 0) revert DatanetRegistryEmptyBatch();
        DatanetInfo memory info = d.info;
        uint32 acceptedBefore = info.acceptedCount;
        for (uint256 i = 0; i < contributionIds.length; ++i) {
            uint64 id = contributionIds[i];
            StoredContribution storage c = _inDatanet(id, datanetId);
            if (_skipped(c, id, datanetId)) continue;
            uint64 existing = d.acceptedByHash[c.contentHash];
            if (existing != 0) revert DatanetRegistryDuplicateContent(datanetId, c.contentHash, existing);
            d.acceptedByHash[c.contentHash] = id;
            uint32 seq = ++info.acceptedCount;
            info.acceptedBytes += c.byteSize;
            c.acceptedSeq = seq;
            c.status = ContributionStatus.Approved;
            c.decidedAt = uint40(block.timestamp);
            d.tree.push(_leaf(id, c));
            emit ContributionApproved(id, datanetId, msg.sender, seq);
        }
        // Every one was settled by another path: the tree is unchanged, and a version like the last is noise.
        if (info.acceptedCount == acceptedBefore) return info.versionCount;
        newVersion = ++info.versionCount;
        d.info = info;
        bytes32 root = d.tree.root();
        d.versions[newVersion] = Version({
            root: root,
            acceptedCount: info.acceptedCount,
            acceptedBytes: info.acceptedBytes,
            publishedAt: uint40(block.timestamp)
        });
        emit VersionPublished(datanetId, newVersion, root, info.acceptedCount, info.acceptedBytes, manifestCid);
    }

    /// @inheritdoc IDatanetRegistry
    function reject(uint64 datanetId, uint64[] calldata contributionIds, string calldata reason) external {
        DatanetState storage d = _existing(datanetId);
        _checkCurator(d, datanetId);
        if (contributionIds.length == 0) revert DatanetRegistryEmptyBatch();
        uint256 slashed;
        for (uint256 i = 0; i < contributionIds.length; ++i) {
            uint64 id = contributionIds[i];
            StoredContribution storage c = _inDatanet(id, datanetId);
            if (_skipped(c, id, datanetId)) continue;
            uint256 bond = c.bond;
            slashed += bond;
            c.bond = 0;
            c.status = ContributionStatus.Rejected;
            c.decidedAt = uint40(block.timestamp);
            emit ContributionRejected(id, datanetId, msg.sender, bond, reason);
        }
        if (slashed != 0) Address.sendValue(payable(treasury), slashed);
    }

    /// @inheritdoc IDatanetRegistry
    function proveDuplicate(uint64 duplicateId, uint64 originalId) external nonReentrant {
        StoredContribution storage duplicate = _contributions[duplicateId];
        StoredContribution storage original = _contributions[originalId];
        // The earlier submission is the original (ids count up), not the first approved: otherwise a copy a
        // curator approved first could have its original slashed. A rejected or withdrawn original proves
        // nothing, and an unknown id has status None.
        ContributionStatus originalStatus = original.status;
        if (
            duplicate.status != ContributionStatus.Pending || originalId >= duplicateId
                || (originalStatus != ContributionStatus.Pending && originalStatus != ContributionStatus.Approved)
                || duplicate.datanetId != original.datanetId || duplicate.contentHash != original.contentHash
        ) revert DatanetRegistryNotADuplicate(duplicateId, originalId);
        uint256 bond = duplicate.bond;
        // No bounty for proving one's own copy: it would turn a rejection (whole bond slashed) into a refund.
        uint256 bounty = msg.sender == duplicate.contributor ? 0 : bond * params.duplicateBountyBps() / BPS;
        duplicate.bond = 0;
        duplicate.status = ContributionStatus.Duplicate;
        duplicate.decidedAt = uint40(block.timestamp);
        emit DuplicateProven(duplicateId, originalId, msg.sender, bounty, bond - bounty);
        if (bounty != 0) _credit(msg.sender, bounty);
        if (bond != bounty) Address.sendValue(payable(treasury), bond - bounty);
    }

    /// @inheritdoc IDatanetRegistry
    function withdrawContribution(uint64 contributionId) external {
        StoredContribution storage c = _contributions[contributionId];
        ContributionStatus status = c.status;
        if (status == ContributionStatus.None) revert DatanetRegistryUnknownContribution(contributionId);
        if (c.contributor != msg.sender) revert DatanetRegistryNotContributor(contributionId, msg.sender);
        if (status != ContributionStatus.Pending) revert DatanetRegistryContributionNotPending(contributionId, status);
        uint256 withdrawableAt = uint256(c.submittedAt) + params.reviewTimeout();
        // A later copy accepted first (a higher id) means this one can never be approved, and as the earlier
        // submission it is no one's duplicate: there is nothing left for the review time to wait for.
        uint64 acceptedId = _datanets[c.datanetId].acceptedByHash[c.contentHash];
        if (block.timestamp < withdrawableAt && acceptedId <= contributionId) {
            revert DatanetRegistryWithdrawalTooEarly(contributionId, withdrawableAt);
        }
        uint256 bond = c.bond;
        c.bond = 0;
        c.status = ContributionStatus.Withdrawn;
        c.decidedAt = uint40(block.timestamp);
        if (bond != 0) _credit(msg.sender, bond);
        emit ContributionWithdrawn(contributionId, c.datanetId, msg.sender, bond);
    }

    /// @inheritdoc IDatanetRegistry
    function releaseBonds(uint64[] calldata contributionIds) external {
        if (contributionIds.length == 0) revert DatanetRegistryEmptyBatch();
        uint256 delay = params.bondReleaseDelay();
        for (uint256 i = 0; i < contributionIds.length; ++i) {
            uint64 id = contributionIds[i];
            StoredContribution storage c = _contributions[id];
            if (c.status != ContributionStatus.Approved) revert DatanetRegistryContributionNotApproved(id);
            uint256 bond = c.bond;
            if (bond == 0) revert DatanetRegistryBondAlreadyReleased(id);
            uint256 releasableAt = uint256(c.decidedAt) + delay;
            if (block.timestamp < releasableAt) revert DatanetRegistryBondLocked(id, releasableAt);
            c.bond = 0;
            _credit(c.contributor, bond);
            emit BondReleased(id, c.contributor, bond);
        }
    }

    /// @inheritdoc IDatanetRegistry
    function datanetCount() external view returns (uint64) {
        return _datanetCount;
    }

    /// @inheritdoc IDatanetRegistry
    function contributionCount() external view returns (uint64) {
        return _contributionCount;
    }

    /// @inheritdoc IDatanetRegistry
    function datanet(uint64 datanetId) external view returns (DatanetInfo memory) {
        return _existing(datanetId).info;
    }

    /// @inheritdoc IDatanetRegistry
    function version(uint64 datanetId, uint32 version_) external view returns (Version memory v) {
        v = _existing(datanetId).versions[version_];
        if (v.publishedAt == 0) revert DatanetRegistryUnknownVersion(datanetId, version_);
    }

    /// @inheritdoc IDatanetRegistry
    function currentRoot(uint64 datanetId) external view returns (bytes32) {
        return _existing(datanetId).tree.root();
    }

    /// @inheritdoc IDatanetRegistry
    function isCurator(uint64 datanetId, address account) external view returns (bool) {
        return _datanets[datanetId].curators[account];
    }

    /// @inheritdoc IDatanetRegistry
    function contribution(uint64 contributionId) external view returns (Contribution memory) {
        StoredContribution memory c = _contributions[contributionId];
        if (c.status == ContributionStatus.None) revert DatanetRegistryUnknownContribution(contributionId);
        return Contribution({
            contributor: c.contributor,
            datanetId: c.datanetId,
            acceptedSeq: c.acceptedSeq,
            contentHash: c.contentHash,
            bond: c.bond,
            byteSize: c.byteSize,
            status: c.status,
            decidedAt: c.decidedAt,
            submittedAt: c.submittedAt
        });
    }

    /// @inheritdoc IDatanetRegistry
    function paymentInfo(uint64[] calldata contributionIds) external view returns (PaymentInfo[] memory infos) {
        infos = new PaymentInfo[](contributionIds.length);
        for (uint256 i = 0; i < contributionIds.length; ++i) {
            StoredContribution storage c = _contributions[contributionIds[i]];
            // One slot: contributor, datanetId and acceptedSeq are packed together.
            infos[i] = PaymentInfo({contributor: c.contributor, datanetId: c.datanetId, acceptedSeq: c.acceptedSeq});
            if (infos[i].contributor == address(0)) revert DatanetRegistryUnknownContribution(contributionIds[i]);
        }
    }

    /// @inheritdoc IDatanetRegistry
    function acceptedByHash(uint64 datanetId, bytes32 contentHash) external view returns (uint64) {
        return _datanets[datanetId].acceptedByHash[contentHash];
    }

    /// @inheritdoc IDatanetRegistry
    function leafOf(uint64 contributionId) external view returns (bytes32) {
        StoredContribution storage c = _contributions[contributionId];
        if (c.status == ContributionStatus.None) revert DatanetRegistryUnknownContribution(contributionId);
        return _leaf(contributionId, c);
    }

    /// @dev OpenZeppelin's standard leaf: the hash of the hash of the ABI-encoded fields (the size as a uint64,
    /// as documented; ABI encoding pads it to the same word either way).
    function _leaf(uint64 id, StoredContribution storage c) private view returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(id, c.contributor, c.contentHash, uint64(c.byteSize)))));
    }

    function _existing(uint64 datanetId) private view returns (DatanetState storage d) {
        d = _datanets[datanetId];
        if (d.info.owner == address(0)) revert DatanetRegistryUnknownDatanet(datanetId);
    }

    /// @dev Contribution `id` of `datanetId`; an unknown id or another datanet's is a mistake in the batch itself.
    function _inDatanet(uint64 id, uint64 datanetId) private view returns (StoredContribution storage c) {
        c = _contributions[id];
        if (c.status == ContributionStatus.None) revert DatanetRegistryUnknownContribution(id);
        if (c.datanetId != datanetId) revert DatanetRegistryContributionNotInDatanet(id, datanetId);
    }

    /**
     * @dev Whether a curator's batch passes over `c`: true (with a {ContributionSkipped} event) once it is settled,
     * since withdrawals and duplicate proofs settle contributions without curators and must not make a batch
     * sent before them revert. A pending contribution of the caller's own still reverts.
     */
    function _skipped(StoredContribution storage c, uint64 id, uint64 datanetId) private returns (bool) {
        ContributionStatus status = c.status;
        if (status != ContributionStatus.Pending) {
            emit ContributionSkipped(id, datanetId, msg.sender, status);
            return true;
        }
        if (c.contributor == msg.sender) revert DatanetRegistryCuratorOwnContribution(id);
        return false;
    }

    function _checkOwner(uint64 datanetId) private view {
        if (_existing(datanetId).info.owner != msg.sender) revert DatanetRegistryNotOwner(datanetId, msg.sender);
    }

    function _checkCurator(DatanetState storage d, uint64 datanetId) private view {
        if (!d.curators[msg.sender]) revert DatanetRegistryNotCurator(datanetId, msg.sender);
        _checkCuratorStake(msg.sender);
    }

    function _checkCuratorStake(address account) private view {
        uint256 stake = staking.stakeOf(account);
        uint256 required = params.minCuratorStake();
        if (stake < required) revert DatanetRegistryCuratorStakeTooLow(account, stake, required);
    }
}
