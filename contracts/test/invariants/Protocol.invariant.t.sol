// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDatanetRegistry} from "../../src/interfaces/IDatanetRegistry.sol";
import {IProtocolParams} from "../../src/interfaces/IProtocolParams.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {AdversarialHandler} from "./handlers/AdversarialHandler.sol";
import {DatanetHandler} from "./handlers/DatanetHandler.sol";
import {GovernanceHandler} from "./handlers/GovernanceHandler.sol";
import {ModelHandler} from "./handlers/ModelHandler.sol";
import {ProtocolHandler} from "./handlers/ProtocolHandler.sol";
import {StakingHandler} from "./handlers/StakingHandler.sol";

/**
 * @notice Invariants of the whole protocol under random sequences of everything its users and governance do
 * (see {ProtocolHandler}): no contract holds more or less OPEN than it owes, nobody is paid what was not
 * credited or paid twice, parameters change only through executed proposals, and a slashed bond never returns.
 */
contract ProtocolInvariantTest is ProtocolFixture {
    ProtocolHandler internal handler;

    function setUp() public {
        deployProtocol();
        handler = new ProtocolHandler(openVotes, timelock, governor, params, staking, datanets, models, ledger);

        // What each concern of the handler drives, in one list: the handler is one contract (so the actions share
        // one ghost state), split by concern into the files named here.
        bytes4[] memory selectors = new bytes4[](27);
        // Datanets and curation.
        selectors[0] = DatanetHandler.createDatanet.selector;
        selectors[1] = DatanetHandler.setCurator.selector;
        selectors[2] = DatanetHandler.contribute.selector;
        selectors[3] = DatanetHandler.approve.selector;
        selectors[4] = DatanetHandler.reject.selector;
        selectors[5] = DatanetHandler.proveDuplicate.selector;
        selectors[6] = DatanetHandler.releaseBonds.selector;
        // Models and attribution.
        selectors[7] = ModelHandler.registerModel.selector;
        selectors[8] = ModelHandler.publishAdapter.selector;
        selectors[9] = ModelHandler.recordInference.selector;
        selectors[10] = ModelHandler.settlePooledRewards.selector;
        // Claims, staking and rewards.
        selectors[11] = StakingHandler.claimLedger.selector;
        selectors[12] = StakingHandler.claimDatanets.selector;
        selectors[13] = StakingHandler.claimStaking.selector;
        selectors[14] = StakingHandler.stake.selector;
        selectors[15] = StakingHandler.requestUnstake.selector;
        selectors[16] = StakingHandler.cancelUnstake.selector;
        selectors[17] = StakingHandler.withdraw.selector;
        selectors[18] = StakingHandler.slash.selector;
        // Governance, treasury and time.
        selectors[19] = GovernanceHandler.releaseTreasury.selector;
        selectors[20] = GovernanceHandler.warp.selector;
        selectors[21] = GovernanceHandler.govPropose.selector;
        selectors[22] = GovernanceHandler.govVote.selector;
        selectors[23] = GovernanceHandler.govQueue.selector;
        selectors[24] = GovernanceHandler.govExecute.selector;
        // Adversarial actors.
        selectors[25] = AdversarialHandler.unauthorizedCall.selector;
        // Answers are the protocol's main flow: give them a second slot.
        selectors[26] = ModelHandler.recordInference.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    // ================================================================ the invariants
    // Each invariant_ function is its own campaign of runs x depth handler calls, which cost far more than
    // the checks, so the checks are grouped by property, one campaign each.

    /// @custom:invariant (a) Value is conserved: every contract holds exactly what it owes.
    function invariant_valueIsConserved() public view {
        _checkLedgerHoldsExactlyWhatItOwes();
        _checkDatanetsHoldExactlyBondsAndCredits();
        _checkStakingCoversRewardsUpToDust();
        _checkStakesAreBackedByVaults();
        _checkTreasuryHoldsInflowsMinusSpending();
    }

    /// @custom:invariant (b) Nobody claims twice or what was not credited, and no pool owes more than it holds.
    function invariant_claimsNeverExceedCredits() public view {
        _checkClaimsNeverExceedCredits();
        _checkPoolsNeverOweMoreThanPaidIn();
    }

    // ================================================================ (a) value conservation

    /// @dev The ledger holds exactly what it owes: claimable credits, both pots and unsettled pools.
    function _checkLedgerHoldsExactlyWhatItOwes() internal view {
        address[] memory actors = handler.actors();
        uint256 owed;
        for (uint256 i = 0; i < actors.length; ++i) {
            owed += ledger.claimable(actors[i]);
        }
        assertEq(ledger.pendingStakerRewards(), handler.ghostStakerPot(), "stakers' pot != ghost");
        assertEq(ledger.pendingTreasury(), handler.ghostTreasuryPot(), "treasury pot != ghost");
        assertEq(
            address(ledger).balance,
            owed + ledger.pendingStakerRewards() + ledger.pendingTreasury() + handler.ghostPoolUnsettled(),
            "ledger balance != claimable + pots + unsettled pools"
        );
    }

    /// @dev The registry holds exactly the bonds it still holds plus what its claimants can claim.
    function _checkDatanetsHoldExactlyBondsAndCredits() internal view {
        address[] memory actors = handler.actors();
        uint256 owed;
        for (uint256 i = 0; i < actors.length; ++i) {
            owed += datanets.claimable(actors[i]);
        }
        uint256 bonds;
        uint64 count = datanets.contributionCount();
        for (uint64 id = 1; id <= count; ++id) {
            bonds += datanets.contribution(id).bond;
        }
        assertEq(bonds, handler.ghostBondsHeld(), "bonds recorded != ghost bonds held");
        assertEq(address(datanets).balance, handler.ghostBondsHeld() + owed, "registry balance != bonds + claimable");
    }

    /**
     * @dev Staking holds the rewards it received minus what was claimed; that covers every
     * staker's claimable amount, and what is left over is rounding dust (under a wei per settlement, plus
     * the accumulator's carried remainder).
     */
    function _checkStakingCoversRewardsUpToDust() internal view {
        assertEq(
            address(staking).balance,
            handler.ghostStakingIn() - handler.ghostStakingClaimedTotal(),
            "staking balance != rewards received - claimed"
        );
        address[] memory actors = handler.actors();
        uint256 owed;
        for (uint256 i = 0; i < actors.length; ++i) {
            owed += staking.claimable(actors[i]);
        }
        uint256 total = staking.totalStaked();
        // claimable() counts the ledger's pot while anyone is staked (otherwise it will go to the treasury).
        uint256 available = address(staking).balance + (total == 0 ? 0 : ledger.pendingStakerRewards());
        assertLe(owed, available, "stakers are owed more than staking holds");
        // The carry (scaled, below the total it was divided by) is at most one wei per OPEN ever staked.
        uint256 dust = handler.ghostSettlements() + handler.stakers().length + (handler.ghostCarry() + total) / 1e18 + 2;
        assertLe(available - owed, dust, "staking keeps more than rounding dust");
    }

    /// @dev Every stake is in its vault as vOPEN, and all vOPEN is backed by native OPEN.
    function _checkStakesAreBackedByVaults() internal view {
        address[] memory stakers = handler.stakers();
        uint256 active;
        uint256 inVaults;
        for (uint256 i = 0; i < stakers.length; ++i) {
            (uint256 ghostActive, uint256 ghostUnbonding, uint256 releaseAt) = handler.ghostStake(stakers[i]);
            (uint256 unbonding, uint256 unbondingReleaseAt) = staking.unbondingOf(stakers[i]);
            assertEq(staking.stakeOf(stakers[i]), ghostActive, "active stake != ghost");
            assertEq(unbonding, ghostUnbonding, "unbonding stake != ghost");
            if (unbonding != 0) assertEq(unbondingReleaseAt, releaseAt, "release time != ghost");
            address vault = staking.vaultOf(stakers[i]);
            uint256 held = vault == address(0) ? 0 : openVotes.balanceOf(vault);
            assertEq(held, ghostActive + ghostUnbonding, "vault vOPEN != active + unbonding");
            active += ghostActive;
            inVaults += held;
        }
        assertEq(staking.totalStaked(), active, "totalStaked != sum of active stakes");
        address[] memory voters = handler.voters();
        uint256 held_;
        for (uint256 i = 0; i < voters.length; ++i) {
            held_ += openVotes.balanceOf(voters[i]);
        }
        assertEq(openVotes.totalSupply(), inVaults + held_, "vOPEN supply != vaults + voters");
        assertEq(address(openVotes).balance, openVotes.totalSupply(), "vOPEN not backed 1:1");
    }

    /// @dev The treasury holds everything sent to it minus what executed proposals spent.
    function _checkTreasuryHoldsInflowsMinusSpending() internal view {
        assertEq(
            address(timelock).balance,
            handler.ghostTreasuryIn() - handler.ghostTreasurySpent(),
            "treasury balance != inflows - proposal spending"
        );
    }

    // ================================================================ (b) claims

    /**
     * @dev Nobody claims twice or what was not credited: for each actor and each claim contract,
     * claimed <= credited (credits computed by the handler from the fee split, the pool and staking
     * accumulators, bond releases and bounties), and claimable is exactly credited - claimed.
     */
    function _checkClaimsNeverExceedCredits() internal view {
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; ++i) {
            address a = actors[i];
            uint256 credited = handler.ghostLedgerCredited(a);
            uint256 claimed = handler.ghostLedgerClaimed(a);
            assertLe(claimed, credited, "ledger: claimed more than credited");
            assertEq(ledger.claimable(a), credited - claimed, "ledger: claimable != credited - claimed");

            credited = handler.ghostDatanetCredited(a);
            claimed = handler.ghostDatanetClaimed(a);
            assertLe(claimed, credited, "datanets: claimed more than credited");
            assertEq(datanets.claimable(a), credited - claimed, "datanets: claimable != credited - claimed");

            assertLe(handler.ghostStakingClaimed(a), handler.ghostStakingCredited(a), "staking: claimed > credited");
            assertEq(staking.claimable(a), handler.ghostStakingClaimable(a), "staking: claimable != replica");
        }
    }

    /**
     * @dev A pool never owes more than was paid into it: what each member can still settle plus
     * what was settled is at most the pool's paid-in data shares, short only by rounding dust.
     */
    function _checkPoolsNeverOweMoreThanPaidIn() internal view {
        uint256[] memory keys = handler.poolKeys();
        for (uint256 k = 0; k < keys.length; ++k) {
            (
                uint64 modelId,
                uint32 version,
                uint256 rewardPerByte,
                uint256 paidIn,
                uint256 settled,
                uint256 settlements
            ) = handler.ghostPool(keys[k]);
            assertEq(ledger.poolRewardPerByte(modelId, version), rewardPerByte, "pool accumulator != replica");
            if (paidIn == 0) continue;
            uint64[] memory members = handler.poolMembers(keys[k]);
            uint256 owed = settled;
            for (uint256 i = 0; i < members.length; ++i) {
                owed += ledger.pooledRewardOf(modelId, version, members[i]);
            }
            assertLe(owed, paidIn, "pool owes more than was paid in");
            assertLe(paidIn - owed, members.length + settlements + 1, "pool keeps more than rounding dust");
        }
    }

    // ================================================================ (c) parameters

    /// @custom:invariant Parameters change only when a proposal executes, and the Timelock still owns them.
    function invariant_parametersChangeOnlyThroughProposals() public view {
        IProtocolParams.Parameters memory actual = params.parameters();
        IProtocolParams.Parameters memory ghost = handler.ghostParameters();
        assertEq(abi.encode(actual), abi.encode(ghost), "parameters changed outside an executed proposal");
        assertEq(params.owner(), address(timelock), "ProtocolParams changed hands");
    }

    // ================================================================ (d) bonds

    /**
     * @custom:invariant A slashed bond never returns: every rejected or proven-duplicate contribution keeps a
     * zero bond and its final status, and (checked with the claims) no registry credit was ever made for it.
     * Every other contribution matches the handler's record too.
     */
    function invariant_slashedBondsNeverReturn() public view {
        uint64[] memory slashed = handler.slashedIds();
        for (uint256 i = 0; i < slashed.length; ++i) {
            IDatanetRegistry.Contribution memory c = datanets.contribution(slashed[i]);
            assertEq(c.bond, 0, "a slashed bond is held again");
            assertTrue(
                c.status == IDatanetRegistry.ContributionStatus.Rejected
                    || c.status == IDatanetRegistry.ContributionStatus.Duplicate,
                "a slashed contribution left its final status"
            );
            assertEq(uint256(c.status), uint256(handler.ghostContribution(slashed[i]).status), "slashed status");
            assertEq(c.acceptedSeq, 0, "a slashed contribution was accepted");
        }
        uint64 count = datanets.contributionCount();
        assertEq(count, handler.ghostContributionCount(), "contribution count");
        for (uint64 id = 1; id <= count; ++id) {
            IDatanetRegistry.Contribution memory c = datanets.contribution(id);
            ProtocolHandler.GhostContribution memory g = handler.ghostContribution(id);
            assertEq(uint256(c.status), uint256(g.status), "contribution status != ghost");
            assertEq(c.bond, g.bond, "contribution bond != ghost");
            assertEq(c.acceptedSeq, g.acceptedSeq, "accepted sequence != ghost");
            assertEq(c.contributor, g.contributor, "contributor != ghost");
        }
    }
}
