// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDatanetRegistry} from "../../src/interfaces/IDatanetRegistry.sol";
import {IProtocolParams} from "../../src/interfaces/IProtocolParams.sol";
import {ProtocolFixture} from "../utils/ProtocolFixture.sol";
import {AdversarialHandler} from "./handlers/AdversarialHandler.sol";
import {DatanetHandler} from "./handlers/DatanetHandler.sol";
import {GovernanceHandler} from "./handlers/GovernanceHandler.sol";
import {LedgerHandler} from "./handlers/LedgerHandler.sol";
import {ModelHandler} from "./handlers/ModelHandler.sol";
import {ProtocolHandler} from "./handlers/ProtocolHandler.sol";
import {ProtocolHandlerBase} from "./handlers/ProtocolHandlerBase.sol";
import {StakingHandler} from "./handlers/StakingHandler.sol";

/**
 * @notice Invariants of the whole protocol under random sequences of everything its users, its adversaries and
 * governance do (see {ProtocolHandler}): no contract holds more or less OPEN than it owes (the ledger's open
 * escrows and bonds included), nobody is paid what was not credited or paid twice, a record is settled once and
 * never while disputed, disputes go to the truth and liars recover nothing, what must be refused is refused,
 * parameters change only through executed proposals, and a slashed bond never returns.
 * @dev Each `invariant_` function checks one property, so a failing campaign names the property that broke. The
 * handlers never assert: they record ghost facts (counters of unexpected successes, of unexpected revert data,
 * of settlements, ...) that the invariants below read.
 *
 * Every `invariant_` function is its own campaign (forge 1.7 runs one campaign per function), so with 55
 * properties the campaigns are kept shorter than foundry.toml's default (256 x 64): the lines below give this
 * contract 64 runs of 96 calls, about 6k handler calls per property and 338k in all, about two and a half minutes on two cores.
 * The `deep` profile is unchanged (1,000 runs of 200 calls per property).
 *
 * forge-config: default.invariant.runs = 64
 * forge-config: default.invariant.depth = 96
 */
contract ProtocolInvariantTest is ProtocolFixture {
    ProtocolHandler internal handler;

    function setUp() public {
        deployProtocol();
        handler = new ProtocolHandler(openVotes, timelock, governor, params, staking, datanets, models, ledger);

        // What each concern of the handler drives, in one list: the handler is one contract (so the actions share
        // one ghost state), split by concern into the files named here.
        bytes4[] memory selectors = new bytes4[](35);
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
        // Optimistic attribution and its adversaries.
        selectors[27] = LedgerHandler.finalizeRecords.selector;
        selectors[28] = LedgerHandler.disputeRecord.selector;
        selectors[29] = LedgerHandler.resolveDispute.selector;
        selectors[30] = LedgerHandler.selfAttribute.selector;
        selectors[31] = LedgerHandler.claimAsContract.selector;
        selectors[32] = LedgerHandler.finalizeRecords.selector;
        selectors[33] = LedgerHandler.sybilContribute.selector;
        // A contributor withdrawing a pending contribution after the review timeout.
        selectors[34] = DatanetHandler.withdrawContribution.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    // ================================================================ the ledger's money

    /**
     * @custom:invariant The ledger is solvent, exactly: its balance is every claimable credit, the stakers' and
     * treasury's pots, the open records' escrowed data shares and assertion bonds, the open disputes' bonds and the
     * pools' money not yet settled. The pools' rounding dust (under a wei per settlement) is part of the last term,
     * which the handler keeps as paid-in minus settled, so the equality is exact.
     */
    function invariant_ledgerIsSolvent() public view {
        uint256 owed = ledger.pendingStakerRewards() + ledger.pendingTreasury();
        address[] memory all = handler.accounts();
        for (uint256 i = 0; i < all.length; ++i) {
            owed += ledger.claimable(all[i]);
        }
        owed += handler.ghostOpenEscrow() + handler.ghostOpenAssertionBonds() + handler.ghostOpenDisputeBonds();
        assertEq(address(ledger).balance, owed + handler.ghostPoolUnsettled(), "ledger balance != what it owes");
    }

    /// @custom:invariant The stakers' pot is what the fee splits put in, less what Staking pulled.
    function invariant_ledgerStakerPotMatchesGhost() public view {
        assertEq(ledger.pendingStakerRewards(), handler.ghostStakerPot(), "stakers' pot != ghost");
    }

    /// @custom:invariant The treasury pot is the fee splits' share, rounding remainders and dispute cuts, less
    /// what was released.
    function invariant_ledgerTreasuryPotMatchesGhost() public view {
        assertEq(ledger.pendingTreasury(), handler.ghostTreasuryPot(), "treasury pot != ghost");
    }

    /// @custom:invariant Nobody claims from the ledger twice or what was not credited: claimable is exactly what
    /// the handler credited (fee splits, finalized and ruled escrows, returned bonds, awards, pool settlements) less
    /// what was claimed.
    function invariant_ledgerClaimableIsCreditedMinusClaimed() public view {
        address[] memory all = handler.accounts();
        for (uint256 i = 0; i < all.length; ++i) {
            address a = all[i];
            uint256 credited = handler.ghostLedgerCredited(a);
            uint256 claimed = handler.ghostLedgerClaimed(a);
            assertLe(claimed, credited, "ledger: claimed more than credited");
            assertEq(ledger.claimable(a), credited - claimed, "ledger: claimable != credited - claimed");
        }
    }

    /// @custom:invariant Each pool's reward-per-byte accumulator equals the handler's replica.
    function invariant_poolAccumulatorsMatchReplica() public view {
        uint256[] memory keys = handler.poolKeys();
        for (uint256 k = 0; k < keys.length; ++k) {
            (uint64 modelId, uint32 version, uint256 rewardPerByte,,,) = handler.ghostPool(keys[k]);
            assertEq(ledger.poolRewardPerByte(modelId, version), rewardPerByte, "pool accumulator != replica");
        }
    }

    /**
     * @custom:invariant A pool never owes more than was paid into it: what its members can still settle plus what
     * was settled is at most the pool's paid-in data shares, short only by rounding dust (a wei per member and
     * per settlement).
     */
    function invariant_poolsOweWhatWasPaidInUpToDust() public view {
        uint256[] memory keys = handler.poolKeys();
        for (uint256 k = 0; k < keys.length; ++k) {
            (uint64 modelId, uint32 version,, uint256 paidIn, uint256 settled, uint256 settlements) =
                handler.ghostPool(keys[k]);
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

    // ================================================================ records, disputes and rulings

    /// @custom:invariant Each record's stored state is the handler's: an open record holds its assertion's hash,
    /// a disputed one DISPUTED with its disputer and bond, a settled or pooled one nothing.
    function invariant_recordStatesMatchGhost() public view {
        uint256 count = ledger.recordCount();
        assertEq(count, handler.ghostRecordCount(), "record count != ghost");
        for (uint256 id = 1; id <= count; ++id) {
            (ProtocolHandlerBase.RecordState state, address disputer, uint256 disputeBond) = handler.ghostRecord(id);
            bytes32 stored = ledger.assertionHash(id);
            (address actualDisputer, uint256 actualBond) = ledger.disputeOf(id);
            if (state == ProtocolHandlerBase.RecordState.Open) {
                assertEq(stored, handler.ghostAssertionHash(id), "open record: stored hash != assertion's");
            } else if (state == ProtocolHandlerBase.RecordState.Disputed) {
                assertEq(stored, ledger.DISPUTED(), "disputed record not frozen");
                assertEq(actualDisputer, disputer, "disputer != ghost");
                assertEq(actualBond, disputeBond, "dispute bond != ghost");
                continue;
            } else {
                assertEq(stored, bytes32(0), "settled or pooled record still holds a hash");
            }
            assertEq(actualDisputer, address(0), "an undisputed record has a disputer");
        }
    }

    /// @custom:invariant A finalized or resolved record is never settled (paid) a second time, whatever the batch
    /// repeats, races or re-rulings.
    function invariant_recordsAreSettledAtMostOnce() public view {
        assertEq(handler.ghostRecordsSettledTwice(), 0, "a record was settled twice");
    }

    /// @custom:invariant A disputed record is never finalized.
    function invariant_disputedRecordsAreNeverFinalized() public view {
        assertEq(handler.ghostDisputedFinalized(), 0, "a disputed record was finalized");
    }

    /// @custom:invariant No record is finalized before its challenge window closes.
    function invariant_noFinalizationInsideTheWindow() public view {
        assertEq(handler.ghostEarlyFinalizations(), 0, "finalized inside the challenge window");
    }

    /// @custom:invariant Only accounts with the validator stake can dispute.
    function invariant_onlyValidatorsDispute() public view {
        assertEq(handler.ghostNonValidatorDisputes(), 0, "a non-validator disputed");
    }

    /// @custom:invariant No dispute is accepted once the challenge window has closed.
    function invariant_noDisputeAfterTheWindow() public view {
        assertEq(handler.ghostLateDisputes(), 0, "disputed after the challenge window");
    }

    /// @custom:invariant A dispute with the wrong bond, without evidence, with a tampered assertion or of a record
    /// already disputed is refused.
    function invariant_malformedDisputesAreRefused() public view {
        assertEq(handler.ghostInvalidDisputes(), 0, "a malformed dispute was accepted");
    }

    /// @custom:invariant Both bonds go to the side governance ruled for: the griefer who disputed an honest record
    /// loses to the payer, the validator who disputed a lie wins the liar's bond.
    function invariant_rulingsPayTheSideRuledFor() public view {
        assertEq(handler.ghostWrongWinners(), 0, "the bonds went to the side ruled against");
    }

    /// @custom:invariant A ruling's award is both bonds less the treasury's 10% cut of the loser's, and the cut is
    /// exactly that 10%.
    function invariant_disputeAwardsAreExact() public view {
        assertEq(handler.ghostWrongAwards(), 0, "award or cut != both bonds less 10% of the loser's");
    }

    /// @custom:invariant A payer whose assertion is ruled against (a self-attribution caught by a validator)
    /// gets nothing back from the record: neither their bond nor any of the data share.
    function invariant_liarsRuledAgainstRecoverNothing() public view {
        assertEq(handler.ghostLiarRefunds(), 0, "a liar ruled against got something back");
    }

    /// @custom:invariant A payer never gets more back from a settled record than they paid for it (bond and their
    /// own credits from it), unless they won a griefer's bond.
    function invariant_payersNeverRecoverMoreThanTheyPaid() public view {
        assertEq(handler.ghostPayerOverRefunds(), 0, "a payer got back more than they paid");
    }

    /**
     * @custom:invariant No contribution receives more than the escrowed data shares of the records whose
     * assertion or ruling named it plus what the pool replica owed it (both measured from the ledger's
     * ContributionRewarded and PooledRewardSettled events).
     */
    function invariant_contributionsReceiveAtMostTheirShares() public view {
        uint64 count = datanets.contributionCount();
        for (uint64 id = 1; id <= count; ++id) {
            assertLe(
                handler.measuredByWeight(id) + handler.measuredFromPool(id),
                handler.ghostEscrowNaming(id) + handler.ghostPoolEntitled(id),
                "a contribution received more than its escrowed and pooled shares"
            );
        }
    }

    /// @custom:invariant Every finalize, dispute, ruling and claim the handler built to be valid is accepted.
    function invariant_validSettlementsAreAccepted() public view {
        assertEq(handler.ghostValidCallsRefused(), 0, "a valid finalize, dispute, ruling or claim was refused");
    }

    // ================================================================ claims by contracts

    /// @custom:invariant A claimant that re-enters claim or claimTo from its receive hook never gets a second payment.
    function invariant_reentrantClaimsNeverPayTwice() public view {
        assertEq(handler.reenteringClaimant().reentriesSucceeded(), 0, "a re-entrant claim succeeded");
    }

    /// @custom:invariant A claim pays exactly the claimable credit, once.
    function invariant_claimsPayExactlyTheCredit() public view {
        assertEq(handler.ghostClaimMismatches(), 0, "a claim paid other than the credit");
    }

    /// @custom:invariant A receiver that refuses OPEN keeps its whole credit when its claim fails, and gets it out
    /// with claimTo.
    function invariant_refusingReceiversKeepTheirCredit() public view {
        assertEq(handler.ghostRevertingCreditLost(), 0, "a refusing receiver lost its credit");
    }

    /// @custom:invariant claimTo(vOPEN) is always refused (the OPEN would be stranded in the token).
    function invariant_claimToVotesTokenIsRefused() public view {
        assertEq(handler.ghostClaimToVotesAccepted(), 0, "claimTo(vOPEN) was accepted");
    }

    /// @custom:invariant No contribution declaring zero bytes or more than maxContributionBytes is accepted (the
    /// sybil tries sizes over the whole uint64 range).
    function invariant_oversizedContributionsAreRefused() public view {
        assertEq(handler.ghostOversizeAccepted(), 0, "a contribution above the byte cap was accepted");
    }

    // ================================================================ refusals

    /// @custom:invariant Anyone but the Timelock calling a privileged function is refused.
    function invariant_unauthorisedCallsAreRefused() public view {
        assertEq(handler.ghostUnauthorizedSucceeded(), 0, "an unauthorised call succeeded");
    }

    /// @custom:invariant Every refusal carries the revert data the handler expected.
    function invariant_refusalsCarryTheExpectedError() public view {
        if (handler.ghostWrongRevertData() == 0) return;
        // The last mismatch, so the failure shows both.
        assertEq(handler.lastWrongRevertData(), handler.lastExpectedRevertData(), "a refusal carried unexpected revert data");
    }

    /// @custom:invariant A datanet action the registry must refuse (curator below stake, copy of accepted content,
    /// original as its own duplicate, slashed, early or repeated bond release, withdrawing another's contribution
    /// or a withdrawn one) is refused.
    function invariant_refusedDatanetActionsStayRefused() public view {
        assertEq(handler.ghostRefusalsSucceeded(), 0, "a datanet action that must fail succeeded");
    }

    /// @custom:invariant The contracts number datanets, contributions, versions, models, adapters and records as
    /// the handler does.
    function invariant_idsMatchGhost() public view {
        assertEq(handler.ghostIdMismatches(), 0, "an id differs from the ghost");
    }

    /// @custom:invariant A staking action that must fail (a first stake below the minimum, cancelling or
    /// withdrawing with nothing unbonding, withdrawing before the unbonding period, a slash above the cap) is refused.
    function invariant_refusedStakingActionsStayRefused() public view {
        assertEq(handler.ghostStakingRefusalsSucceeded(), 0, "a staking action that must fail succeeded");
    }

    /// @custom:invariant A claim with nothing claimable, from the ledger, the registry or Staking, is refused.
    function invariant_emptyClaimsAreRefused() public view {
        assertEq(handler.ghostEmptyClaimsAccepted(), 0, "a claim of nothing was accepted");
    }

    /// @custom:invariant A proposal whose call fails (an out-of-bounds parameter, a slash above the cap) does not
    /// execute, though its vote passed.
    function invariant_failingProposalsDoNotExecute() public view {
        assertEq(handler.ghostFailingProposalsExecuted(), 0, "a proposal whose call must fail executed");
    }

    /// @custom:invariant No contributor withdraws a pending contribution before the review timeout (unless a later
    /// copy of it was accepted first).
    function invariant_noWithdrawalBeforeTheReviewTimeout() public view {
        assertEq(handler.ghostEarlyWithdrawals(), 0, "a contribution was withdrawn before the review timeout");
    }

    // ================================================================ amounts and states at the moment of a call

    /// @custom:invariant When an account claims, the contract's claimable amount is the ghost's owed amount
    /// (ledger and registry credits less claims, Staking's replica).
    function invariant_claimableMatchesGhostAtEachClaim() public view {
        (uint256 count, string memory what, uint256 expected, uint256 actual) = handler.ghostClaimableAtClaim();
        _assertNoMismatch(count, what, expected, actual, "claimable at a claim != ghost");
    }

    /// @custom:invariant A claim or claimTo returns and delivers to its receiver exactly the owed amount, and
    /// leaves nothing claimable.
    function invariant_claimsPayTheOwedAmountToTheReceiver() public view {
        (uint256 count, string memory what, uint256 expected, uint256 actual) = handler.ghostClaimPayment();
        _assertNoMismatch(count, what, expected, actual, "a claim paid other than the owed amount");
    }

    /// @custom:invariant A Staking claim settles, in the replica, exactly what the replica predicted was claimable.
    function invariant_stakingReplicaSettlesWhatItPredicted() public view {
        (uint256 count, string memory what, uint256 expected, uint256 actual) = handler.ghostStakingSettlement();
        _assertNoMismatch(count, what, expected, actual, "staking replica settled other than it predicted");
    }

    /// @custom:invariant An unstake request leaves the staker's whole unbonding amount unbonding until one full
    /// unbonding period from the request.
    function invariant_unstakeRequestsStartTheUnbonding() public view {
        (uint256 count, string memory what, uint256 expected, uint256 actual) = handler.ghostUnbondingRequest();
        _assertNoMismatch(count, what, expected, actual, "an unstake request's unbonding != ghost");
    }

    /// @custom:invariant A withdrawal returns, and delivers to its receiver, exactly the unbonding stake.
    function invariant_withdrawalsPayTheUnbondingStake() public view {
        (uint256 count, string memory what, uint256 expected, uint256 actual) = handler.ghostWithdrawal();
        _assertNoMismatch(count, what, expected, actual, "a withdrawal paid other than the unbonding stake");
    }

    /// @custom:invariant releaseTreasury releases exactly the ledger's treasury pot.
    function invariant_treasuryReleasesPayThePot() public view {
        (uint256 count, string memory what, uint256 expected, uint256 actual) = handler.ghostTreasuryRelease();
        _assertNoMismatch(count, what, expected, actual, "treasury release != the treasury pot");
    }

    /// @custom:invariant A proposal nobody voted on or voted down is Defeated, one voted for is Succeeded, and an
    /// executed one Executed (states as IGovernor.ProposalState numbers).
    function invariant_proposalsFollowTheVote() public view {
        (uint256 count, string memory what, uint256 expected, uint256 actual) = handler.ghostProposalState();
        _assertNoMismatch(count, what, expected, actual, "a proposal's state != what its votes decide");
    }

    /// @custom:invariant An executed spending proposal delivers exactly its value to its target.
    function invariant_treasurySpendsReachTheirTarget() public view {
        (uint256 count, string memory what, uint256 expected, uint256 actual) = handler.ghostTreasurySpend();
        _assertNoMismatch(count, what, expected, actual, "a treasury spend delivered other than its value");
    }

    /// @dev Fails with the last recorded mismatch (what, expected, actual) if there was any.
    function _assertNoMismatch(
        uint256 count,
        string memory what,
        uint256 expected,
        uint256 actual,
        string memory property
    ) internal pure {
        if (count == 0) return;
        assertEq(actual, expected, string.concat(property, ": ", what, " (", vm.toString(count), " mismatches)"));
    }

    // ================================================================ the registry

    /// @custom:invariant The bonds the registry records are the bonds the handler says it still holds.
    function invariant_contributionBondsMatchGhost() public view {
        uint256 bonds;
        uint64 count = datanets.contributionCount();
        for (uint64 id = 1; id <= count; ++id) {
            bonds += datanets.contribution(id).bond;
        }
        assertEq(bonds, handler.ghostBondsHeld(), "bonds recorded != ghost bonds held");
    }

    /// @custom:invariant The registry holds exactly the bonds it still holds plus what its claimants can claim.
    function invariant_registryHoldsBondsAndCredits() public view {
        address[] memory all = handler.accounts();
        uint256 owed;
        for (uint256 i = 0; i < all.length; ++i) {
            owed += datanets.claimable(all[i]);
        }
        assertEq(address(datanets).balance, handler.ghostBondsHeld() + owed, "registry balance != bonds + claimable");
    }

    /// @custom:invariant Nobody claims from the registry twice or what was not credited.
    function invariant_registryClaimableIsCreditedMinusClaimed() public view {
        address[] memory all = handler.accounts();
        for (uint256 i = 0; i < all.length; ++i) {
            uint256 credited = handler.ghostDatanetCredited(all[i]);
            uint256 claimed = handler.ghostDatanetClaimed(all[i]);
            assertLe(claimed, credited, "datanets: claimed more than credited");
            assertEq(datanets.claimable(all[i]), credited - claimed, "datanets: claimable != credited - claimed");
        }
    }

    /// @custom:invariant Every contribution's status, bond, accepted sequence and contributor match the handler's.
    function invariant_contributionsMatchGhost() public view {
        uint64 count = datanets.contributionCount();
        assertEq(count, handler.ghostContributionCount(), "contribution count");
        for (uint64 id = 1; id <= count; ++id) {
            IDatanetRegistry.Contribution memory c = datanets.contribution(id);
            ProtocolHandlerBase.GhostContribution memory g = handler.ghostContribution(id);
            assertEq(uint256(c.status), uint256(g.status), "contribution status != ghost");
            assertEq(c.bond, g.bond, "contribution bond != ghost");
            assertEq(c.acceptedSeq, g.acceptedSeq, "accepted sequence != ghost");
            assertEq(c.contributor, g.contributor, "contributor != ghost");
        }
    }

    /// @custom:invariant A slashed bond never returns: every rejected or proven-duplicate contribution keeps a zero
    /// bond, its final status, and no accepted sequence.
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
            assertEq(c.acceptedSeq, 0, "a slashed contribution was accepted");
        }
    }

    // ================================================================ staking and vOPEN

    /// @custom:invariant Staking holds the rewards it received minus what was claimed.
    function invariant_stakingBalanceIsRewardsInMinusClaimed() public view {
        assertEq(
            address(staking).balance,
            handler.ghostStakingIn() - handler.ghostStakingClaimedTotal(),
            "staking balance != rewards received - claimed"
        );
    }

    /**
     * @custom:invariant What Staking holds (plus the ledger's stakers' pot while anyone is staked) covers every
     * staker's claimable amount, and what is left over is rounding dust: under a wei per settlement, plus the
     * accumulator's carried remainder.
     */
    function invariant_stakingCoversRewardsUpToDust() public view {
        address[] memory all = handler.accounts();
        uint256 owed;
        for (uint256 i = 0; i < all.length; ++i) {
            owed += staking.claimable(all[i]);
        }
        uint256 total = staking.totalStaked();
        uint256 available = address(staking).balance + (total == 0 ? 0 : ledger.pendingStakerRewards());
        assertLe(owed, available, "stakers are owed more than staking holds");
        uint256 dust = handler.ghostSettlements() + handler.stakers().length + (handler.ghostCarry() + total) / 1e18 + 2;
        assertLe(available - owed, dust, "staking keeps more than rounding dust");
    }

    /// @custom:invariant Nobody claims from Staking twice or what was not credited: claimable equals the replica.
    function invariant_stakingClaimableMatchesReplica() public view {
        address[] memory all = handler.accounts();
        for (uint256 i = 0; i < all.length; ++i) {
            address a = all[i];
            assertLe(handler.ghostStakingClaimed(a), handler.ghostStakingCredited(a), "staking: claimed > credited");
            assertEq(staking.claimable(a), handler.ghostStakingClaimable(a), "staking: claimable != replica");
        }
    }

    /// @custom:invariant Every staker's active and unbonding stake (and release time) is the handler's, and
    /// totalStaked is their sum.
    function invariant_stakesMatchGhost() public view {
        address[] memory stakers = handler.stakers();
        uint256 active;
        for (uint256 i = 0; i < stakers.length; ++i) {
            (uint256 ghostActive, uint256 ghostUnbonding, uint256 releaseAt) = handler.ghostStake(stakers[i]);
            (uint256 unbonding, uint256 unbondingReleaseAt) = staking.unbondingOf(stakers[i]);
            assertEq(staking.stakeOf(stakers[i]), ghostActive, "active stake != ghost");
            assertEq(unbonding, ghostUnbonding, "unbonding stake != ghost");
            if (unbonding != 0) assertEq(unbondingReleaseAt, releaseAt, "release time != ghost");
            active += ghostActive;
        }
        assertEq(staking.totalStaked(), active, "totalStaked != sum of active stakes");
    }

    /// @custom:invariant Every stake, active or unbonding, is in its staker's vault as vOPEN.
    function invariant_vaultsHoldEveryStake() public view {
        address[] memory stakers = handler.stakers();
        for (uint256 i = 0; i < stakers.length; ++i) {
            (uint256 ghostActive, uint256 ghostUnbonding,) = handler.ghostStake(stakers[i]);
            address vault = staking.vaultOf(stakers[i]);
            uint256 held = vault == address(0) ? 0 : openVotes.balanceOf(vault);
            assertEq(held, ghostActive + ghostUnbonding, "vault vOPEN != active + unbonding");
        }
    }

    /// @custom:invariant All vOPEN is in the stakers' vaults or the voters' hands.
    function invariant_votesSupplyIsVaultsPlusVoters() public view {
        address[] memory stakers = handler.stakers();
        uint256 held;
        for (uint256 i = 0; i < stakers.length; ++i) {
            address vault = staking.vaultOf(stakers[i]);
            if (vault != address(0)) held += openVotes.balanceOf(vault);
        }
        address[] memory voters = handler.voters();
        for (uint256 i = 0; i < voters.length; ++i) {
            held += openVotes.balanceOf(voters[i]);
        }
        assertEq(openVotes.totalSupply(), held, "vOPEN supply != vaults + voters");
    }

    /// @custom:invariant vOPEN is backed 1:1 by native OPEN.
    function invariant_votesTokenIsFullyBacked() public view {
        assertEq(address(openVotes).balance, openVotes.totalSupply(), "vOPEN not backed 1:1");
    }

    // ================================================================ treasury and parameters

    /// @custom:invariant The treasury holds everything sent to it minus what executed proposals spent.
    function invariant_treasuryHoldsInflowsMinusSpending() public view {
        assertEq(
            address(timelock).balance,
            handler.ghostTreasuryIn() - handler.ghostTreasurySpent(),
            "treasury balance != inflows - proposal spending"
        );
    }

    /// @custom:invariant Parameters change only when a proposal executes.
    function invariant_parametersChangeOnlyThroughProposals() public view {
        IProtocolParams.Parameters memory actual = params.parameters();
        IProtocolParams.Parameters memory ghost = handler.ghostParameters();
        assertEq(abi.encode(actual), abi.encode(ghost), "parameters changed outside an executed proposal");
    }

    /// @custom:invariant The Timelock still owns the parameters.
    function invariant_timelockOwnsTheParameters() public view {
        assertEq(params.owner(), address(timelock), "ProtocolParams changed hands");
    }
}
