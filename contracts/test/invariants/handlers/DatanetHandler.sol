// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IDatanetRegistry} from "../../../src/interfaces/IDatanetRegistry.sol";
import {ProtocolHandlerBase} from "./ProtocolHandlerBase.sol";

/**
 * @title DatanetHandler
 * @notice Part of the protocol invariant handler. Datanets and curation: creating datanets, appointing and
 * removing curators, bonded contributions, approvals that publish versions, rejections, proven duplicates and bond
 * releases, with their ghost bookkeeping.
 * @dev Every input is bounded so each call succeeds (the suite runs with `fail_on_revert`); calls that must
 * fail are made with `try`/low-level calls, and an unexpected success or revert data is recorded as a ghost fact
 * (never asserted). See {ProtocolHandlerBase}.
 */
abstract contract DatanetHandler is ProtocolHandlerBase {
    // ================================================================ datanets

    function createDatanet(uint256 ownerSeed) external {
        if (ghostDatanetCount >= MAX_DATANETS) {
            _contribute(_user(ownerSeed), _pickDatanet(ownerSeed), _freshHash(), _size(ownerSeed));
            return;
        }
        _createDatanet(_user(ownerSeed));
        ++tally["datanet created"];
    }

    function setCurator(uint256 datanetSeed, uint256 curatorSeed, uint256 modeSeed) external {
        uint64 d = _pickDatanet(datanetSeed);
        address curator = _curators[curatorSeed % _curators.length];
        uint256 mode = modeSeed % 8;
        if (mode == 0) {
            _setCurator(d, curator, false);
        } else if (mode == 1 && _stakes[curator].active < _ghostParams.minCuratorStake) {
            // A curator without the minimum stake cannot be appointed.
            vm.prank(_datanet[d].owner);
            try datanets.setCurator(d, curator, true) {
                _refusalSucceeded("appointed a curator below the minimum stake");
                _isCurator[d][curator] = true;
            } catch (bytes memory reason) {
                _expectSelector(reason, IDatanetRegistry.DatanetRegistryCuratorStakeTooLow.selector);
            }
        } else {
            _appoint(d, curator);
        }
    }

    function contribute(uint256 userSeed, uint256 datanetSeed, uint256 contentSeed, uint256 sizeSeed) external {
        uint64 d = _pickDatanet(datanetSeed);
        address user = _user(userSeed);
        bytes32 hash =
            contentSeed % 3 == 0 ? _freshHash() : keccak256(abi.encode("pool", d, contentSeed % CONTENT_POOL));
        uint64 existing = _acceptedByHash[d][hash];
        if (existing == 0) {
            _contribute(user, d, hash, _size(sizeSeed));
            return;
        }
        // A copy of accepted content is refused outright.
        uint256 bond = _ghostParams.contributionBond;
        vm.deal(user, user.balance + bond);
        vm.prank(user);
        try datanets.contribute{value: bond}(d, contributionInput(hash, _size(sizeSeed))) returns (uint64 id) {
            _refusalSucceeded("contributed a copy of accepted content");
            // forge-lint: disable-next-line(unsafe-typecast)
            _ghostContribute(id, user, d, hash, _size(sizeSeed), uint128(bond));
            return;
        } catch (bytes memory reason) {
            _expectError(reason, abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryDuplicateContent.selector, d, hash, existing));
        }
        ++tally["copy of accepted content refused"];
    }

    function approve(uint256 datanetSeed, uint256 curatorSeed, uint256 countSeed, uint256 pickSeed) external {
        uint64 d = _pickDatanet(datanetSeed);
        address curator = _readyCurator(d, curatorSeed);
        uint64[] memory ids = _approvable(d, bound(countSeed, 1, MAX_BATCH), pickSeed);
        if (ids.length == 0) {
            ids = new uint64[](1);
            ids[0] = _contribute(_user(pickSeed), d, _freshHash(), _size(countSeed));
        }
        _approve(d, curator, ids);
        ++tally["approved batch"];
    }

    function reject(uint256 datanetSeed, uint256 curatorSeed, uint256 countSeed, uint256 pickSeed) external {
        uint64 d = _pickDatanet(datanetSeed);
        address curator = _readyCurator(d, curatorSeed);
        uint64[] memory ids = _pendingBatch(d, bound(countSeed, 1, MAX_BATCH), pickSeed);
        if (ids.length == 0) {
            ids = new uint64[](1);
            ids[0] = _contribute(_user(pickSeed), d, _freshHash(), _size(countSeed));
        }
        _reject(d, curator, ids);
        ++tally["rejected batch"];
    }

    /// @dev Proves a pending copy of earlier accepted content; if none exists, makes two pending copies (and
    /// approves the first, or not: an earlier pending submission is an original too) and proves the second.
    function proveDuplicate(uint256 proverSeed, uint256 pickSeed) external {
        address prover = _actors[proverSeed % _actors.length];
        (uint64 duplicate, uint64 original) = _findDuplicate(pickSeed);
        if (duplicate == 0) (duplicate, original) = _makeDuplicate(pickSeed);
        if (pickSeed % 5 == 0) {
            // An accepted contribution is not a duplicate of itself.
            vm.prank(prover);
            try datanets.proveDuplicate(original, original) {
                _refusalSucceeded("proved an original a duplicate");
            } catch (bytes memory reason) {
                _expectError(
                    reason, abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotADuplicate.selector, original, original)
                );
            }
        }
        _proveDuplicate(prover, duplicate, original);
        ++tally["duplicate proven"];
    }

    function releaseBonds(uint256 pickSeed, uint256 countSeed, uint256 modeSeed) external {
        if (modeSeed % 3 == 1 && _slashed.length != 0) {
            // A slashed bond never comes back.
            uint64 slashedId = _slashed[pickSeed % _slashed.length];
            try datanets.releaseBonds(one(slashedId)) {
                _refusalSucceeded("released a slashed bond");
            } catch (bytes memory reason) {
                _expectError(
                    reason, abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryContributionNotApproved.selector, slashedId)
                );
            }
        }
        if (_unreleased.length == 0) {
            uint64 d = _pickDatanet(pickSeed);
            uint64[] memory fresh = one(_contribute(_user(pickSeed), d, _freshHash(), _size(countSeed)));
            _approve(d, _readyCurator(d, modeSeed), fresh);
            if (_unreleased.length == 0) return; // the bond parameter is zero: nothing to hold
        }
        uint256 count = bound(countSeed, 1, Math.min(MAX_BATCH, _unreleased.length));
        uint64[] memory ids = new uint64[](count);
        uint256 latest;
        uint64 locked;
        for (uint256 i = 0; i < count; ++i) {
            ids[i] = _unreleased[_at(pickSeed, i, _unreleased.length)];
            uint256 releasableAt = uint256(_contrib[ids[i]].decidedAt) + _ghostParams.bondReleaseDelay;
            if (releasableAt > latest) latest = releasableAt;
            if (releasableAt > block.timestamp) locked = ids[i];
        }
        if (locked != 0) {
            if (modeSeed % 4 == 0) {
                uint256 at = uint256(_contrib[locked].decidedAt) + _ghostParams.bondReleaseDelay;
                try datanets.releaseBonds(one(locked)) {
                    _refusalSucceeded("released a bond before the delay");
                    return;
                } catch (bytes memory reason) {
                    _expectError(reason, abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryBondLocked.selector, locked, at));
                }
            }
            vm.warp(latest);
        }
        vm.prank(_actors[modeSeed % _actors.length]);
        datanets.releaseBonds(ids);
        for (uint256 i = 0; i < count; ++i) {
            GhostContribution storage c = _contrib[ids[i]];
            ghostDatanetCredited[c.contributor] += c.bond;
            ghostBondsHeld -= c.bond;
            c.bond = 0;
            _remove(_unreleased, ids[i]);
            ++tally["bond released"];
        }
        if (modeSeed % 5 == 2) {
            try datanets.releaseBonds(one(ids[0])) {
                _refusalSucceeded("released a bond twice");
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryBondAlreadyReleased.selector, ids[0]));
            }
        }
    }

    /**
     * @dev The contributor withdraws a pending contribution once the review timeout has passed (or at once when a
     * later copy was accepted first); its bond becomes the contributor's registry credit. Before the timeout the
     * withdrawal is tried and must be refused (a success is recorded as an early withdrawal), then time passes.
     * Sometimes another account tries first, or the contributor tries again afterwards: both must be refused.
     */
    function withdrawContribution(uint256 pickSeed, uint256 modeSeed) external {
        uint64 id = _findPending(pickSeed);
        if (id == 0) id = _contribute(_user(pickSeed), _pickDatanet(pickSeed), _freshHash(), _size(modeSeed));
        GhostContribution storage c = _contrib[id];
        address contributor = c.contributor;
        uint256 withdrawableAt = _submittedAt[id] + _ghostParams.reviewTimeout;
        bool laterCopyAccepted = _acceptedByHash[c.datanetId][c.contentHash] > id;
        if (block.timestamp < withdrawableAt && !laterCopyAccepted) {
            if (modeSeed % 2 == 0) {
                vm.prank(contributor);
                try datanets.withdrawContribution(id) {
                    ++ghostEarlyWithdrawals;
                    ++tally["withdrew a contribution before the review timeout"];
                    _ghostWithdraw(id);
                    return;
                } catch (bytes memory reason) {
                    _expectError(
                        reason,
                        abi.encodeWithSelector(
                            IDatanetRegistry.DatanetRegistryWithdrawalTooEarly.selector, id, withdrawableAt
                        )
                    );
                    ++earlyWithdrawalsRefused;
                    ++tally["early withdrawal refused"];
                }
            }
            vm.warp(withdrawableAt);
        }
        address other = _actors[(modeSeed >> 8) % _actors.length];
        if (modeSeed % 5 == 1 && other != contributor) {
            // Only the contributor may withdraw.
            vm.prank(other);
            try datanets.withdrawContribution(id) {
                _refusalSucceeded("withdrew another's contribution");
                _ghostWithdraw(id);
                return;
            } catch (bytes memory reason) {
                _expectError(
                    reason, abi.encodeWithSelector(IDatanetRegistry.DatanetRegistryNotContributor.selector, id, other)
                );
            }
        }
        vm.prank(contributor);
        datanets.withdrawContribution(id);
        _ghostWithdraw(id);
        ++tally[laterCopyAccepted ? "withdrawn after a later copy was accepted" : "contribution withdrawn"];
        if (modeSeed % 7 == 3) {
            // A withdrawn contribution is final.
            vm.prank(contributor);
            try datanets.withdrawContribution(id) {
                _refusalSucceeded("withdrew a contribution twice");
            } catch (bytes memory reason) {
                _expectError(
                    reason,
                    abi.encodeWithSelector(
                        IDatanetRegistry.DatanetRegistryContributionNotPending.selector,
                        id,
                        IDatanetRegistry.ContributionStatus.Withdrawn
                    )
                );
            }
        }
    }

    // ================================================================ internals: datanets

    /// @dev A pending contribution of any datanet, searching from `seed`; zero if there is none.
    function _findPending(uint256 seed) internal view returns (uint64) {
        uint256 count = ghostDatanetCount;
        for (uint256 i = 0; i < count; ++i) {
            uint64[] storage pending = _datanet[uint64(_at(seed, i, count) + 1)].pending;
            if (pending.length != 0) return pending[seed % pending.length];
        }
        return 0;
    }

    /// @dev The ghost of a withdrawal: the bond moves from held to the contributor's registry credit.
    function _ghostWithdraw(uint64 id) internal {
        GhostContribution storage c = _contrib[id];
        ghostDatanetCredited[c.contributor] += c.bond;
        ghostBondsHeld -= c.bond;
        c.bond = 0;
        c.status = IDatanetRegistry.ContributionStatus.Withdrawn;
        c.decidedAt = uint40(block.timestamp);
        _remove(_datanet[c.datanetId].pending, id);
    }

    /// @dev Records that a datanet action the registry must refuse went through.
    function _refusalSucceeded(string memory what) internal {
        ++ghostRefusalsSucceeded;
        ++tally[what];
    }

    function _createDatanet(address owner) internal returns (uint64 id) {
        id = createDatanetAs(owner);
        _expectId(id, ++ghostDatanetCount);
        _datanet[id].owner = owner;
    }

    function _pickDatanet(uint256 seed) internal override returns (uint64) {
        if (ghostDatanetCount == 0) return _createDatanet(_user(seed));
        return uint64(bound(seed, 1, ghostDatanetCount));
    }

    function _setCurator(uint64 d, address curator, bool appointed) internal {
        vm.prank(_datanet[d].owner);
        datanets.setCurator(d, curator, appointed);
        _isCurator[d][curator] = appointed;
    }

    function _appoint(uint64 d, address curator) internal {
        _topUpCurator(curator);
        _setCurator(d, curator, true);
    }

    function _topUpCurator(address curator) internal {
        uint256 required = _ghostParams.minCuratorStake;
        uint256 active = _stakes[curator].active;
        if (active < required) _stake(curator, required - active);
    }

    /// @dev An appointed curator of `d` with the minimum stake, appointing or topping up as needed.
    function _readyCurator(uint64 d, uint256 seed) internal override returns (address curator) {
        for (uint256 i = 0; i < _curators.length; ++i) {
            address c = _curators[_at(seed, i, _curators.length)];
            if (_isCurator[d][c]) {
                _topUpCurator(c);
                return c;
            }
        }
        curator = _curators[seed % _curators.length];
        _appoint(d, curator);
    }

    function _contribute(address user, uint64 d, bytes32 hash, uint64 size) internal override returns (uint64 id) {
        uint128 bond = _ghostParams.contributionBond;
        vm.deal(user, user.balance + bond);
        vm.prank(user);
        id = datanets.contribute{value: bond}(d, contributionInput(hash, size));
        _ghostContribute(id, user, d, hash, size, bond);
    }

    /// @dev The ghost of contribution `id`: pending, its bond held.
    function _ghostContribute(uint64 id, address user, uint64 d, bytes32 hash, uint64 size, uint128 bond)
        internal
        override
    {
        _expectId(id, ++ghostContributionCount);
        _contrib[id] = GhostContribution({
            contributor: user,
            datanetId: d,
            contentHash: hash,
            bond: bond,
            byteSize: size,
            status: IDatanetRegistry.ContributionStatus.Pending,
            acceptedSeq: 0,
            decidedAt: 0
        });
        _datanet[d].pending.push(id);
        _submittedAt[id] = block.timestamp;
        ghostBondsHeld += bond;
    }

    /// @dev Up to `count` pending contributions of `d` that can be approved together (distinct, new content).
    function _approvable(uint64 d, uint256 count, uint256 seed) internal view returns (uint64[] memory ids) {
        uint64[] storage pending = _datanet[d].pending;
        ids = new uint64[](count);
        uint256 found;
        for (uint256 i = 0; i < pending.length && found < count; ++i) {
            uint64 id = pending[_at(seed, i, pending.length)];
            bytes32 hash = _contrib[id].contentHash;
            if (_acceptedByHash[d][hash] != 0) continue;
            bool repeated;
            for (uint256 j = 0; j < found; ++j) {
                if (_contrib[ids[j]].contentHash == hash) repeated = true;
            }
            if (!repeated) ids[found++] = id;
        }
        assembly ("memory-safe") {
            mstore(ids, found)
        }
    }

    function _pendingBatch(uint64 d, uint256 count, uint256 seed) internal view returns (uint64[] memory ids) {
        uint64[] storage pending = _datanet[d].pending;
        count = Math.min(count, pending.length);
        ids = new uint64[](count);
        for (uint256 i = 0; i < count; ++i) {
            ids[i] = pending[_at(seed, i, pending.length)];
        }
    }

    function _approve(uint64 d, address curator, uint64[] memory ids) internal override {
        vm.prank(curator);
        uint32 version = datanets.approve(d, ids, "bafkreimanifest");
        GhostDatanet storage g = _datanet[d];
        for (uint256 i = 0; i < ids.length; ++i) {
            GhostContribution storage c = _contrib[ids[i]];
            c.status = IDatanetRegistry.ContributionStatus.Approved;
            c.acceptedSeq = uint32(g.accepted.length + 1);
            c.decidedAt = uint40(block.timestamp);
            _acceptedByHash[d][c.contentHash] = ids[i];
            g.accepted.push(ids[i]);
            g.acceptedBytes += c.byteSize;
            _remove(g.pending, ids[i]);
            if (c.bond != 0) _unreleased.push(ids[i]);
        }
        g.versionCounts.push(uint32(g.accepted.length));
        g.versionBytes.push(g.acceptedBytes);
        _expectId(version, g.versionCounts.length);
    }

    function _reject(uint64 d, address curator, uint64[] memory ids) internal {
        vm.prank(curator);
        datanets.reject(d, ids, "off-topic");
        for (uint256 i = 0; i < ids.length; ++i) {
            GhostContribution storage c = _contrib[ids[i]];
            ghostTreasuryIn += c.bond;
            ghostBondsHeld -= c.bond;
            c.bond = 0;
            c.status = IDatanetRegistry.ContributionStatus.Rejected;
            c.decidedAt = uint40(block.timestamp);
            _remove(_datanet[d].pending, ids[i]);
            _slashed.push(ids[i]);
        }
    }

    function _findDuplicate(uint256 seed) internal view returns (uint64 duplicate, uint64 original) {
        uint256 count = ghostDatanetCount;
        for (uint256 i = 0; i < count; ++i) {
            uint64 d = uint64(_at(seed, i, count) + 1);
            uint64[] storage pending = _datanet[d].pending;
            for (uint256 j = 0; j < pending.length; ++j) {
                uint64 id = pending[_at(seed, j, pending.length)];
                original = _acceptedByHash[d][_contrib[id].contentHash];
                // The earlier submission is the original: a pending one older than the accepted copy is none's
                // duplicate.
                if (original != 0 && original < id) return (id, original);
            }
        }
        return (0, 0);
    }

    /// @dev Two pending copies of new content by two users; the first is the original (approved, or left
    /// pending), the second the duplicate.
    function _makeDuplicate(uint256 seed) internal returns (uint64 duplicate, uint64 original) {
        uint64 d = _pickDatanet(seed);
        bytes32 hash = _freshHash();
        uint64 size = _size(seed >> 8);
        original = _contribute(_user(seed), d, hash, size);
        duplicate = _contribute(_user(seed >> 3), d, hash, size);
        if (seed % 2 == 0) _approve(d, _readyCurator(d, seed >> 5), one(original));
    }

    function _proveDuplicate(address prover, uint64 duplicate, uint64 original) internal {
        GhostContribution storage c = _contrib[duplicate];
        uint256 bond = c.bond;
        // No bounty for proving one's own copy.
        uint256 bounty = prover == c.contributor ? 0 : bond * _ghostParams.duplicateBountyBps / BPS;
        vm.prank(prover);
        datanets.proveDuplicate(duplicate, original);
        ghostDatanetCredited[prover] += bounty;
        ghostTreasuryIn += bond - bounty;
        ghostBondsHeld -= bond;
        c.bond = 0;
        c.status = IDatanetRegistry.ContributionStatus.Duplicate;
        c.decidedAt = uint40(block.timestamp);
        _remove(_datanet[c.datanetId].pending, duplicate);
        _slashed.push(duplicate);
    }

}
