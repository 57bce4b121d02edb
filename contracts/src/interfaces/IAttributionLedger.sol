// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IClaims} from "./IClaims.sol";
import {IStakerRewardSource} from "./IStaking.sol";

/**
 * @title IAttributionLedger
 * @notice Pays for answers: records each answer's attribution with its fee and splits the fee.
 */
interface IAttributionLedger is IClaims, IStakerRewardSource {
    /**
     * @notice One answer and the contributions it is attributed to.
     * @param modelId The model that answered.
     * @param adapterVersion The model's adapter version that answered and whose training set the attribution
     * was computed over; it must be the model's current version, so an adapter switched while the payment was
     * in flight cannot pay the wrong training set.
     * @param contributionIds The contributions to pay, in strictly increasing order; empty to pay the
     * model's whole training set by size (when no contribution clears the threshold).
     * @param weights Their attribution weights (same length).
     * @param totalWeight The answer's total attribution weight over all contributions, paid or not; the
     * threshold is a share of it.
     * @param outputCommitment keccak256 of the answer's token ids, so the record can be matched to the answer.
     * @param evidenceCid IPFS CID of the attribution evidence (spans, scores), which anyone can recompute.
     */
    struct Answer {
        uint64 modelId;
        uint32 adapterVersion;
        uint64[] contributionIds;
        uint64[] weights;
        uint64 totalWeight;
        bytes32 outputCommitment;
        string evidenceCid;
    }

    /**
     * @notice What a record with named contributions asserts, passed again to {finalize}, {dispute} and
     * `resolveDispute`; the ledger keeps only its hash (see {assertionHash}). Rebuilt from the
     * {InferenceRecorded} event.
     * @param payer Who paid and posted the assertion bond.
     * @param deadline When the challenge window closes (unix seconds): disputes before, finalisation from then.
     * @param modelId The model that answered.
     * @param adapterVersion Its adapter version that answered.
     * @param dataShare The data share held in escrow, in wei.
     * @param bond The payer's assertion bond, in wei.
     * @param contributionIds The contributions asserted, strictly increasing.
     * @param weights Their weights.
     * @param contributors Who each contribution pays (read from the registry when recorded).
     */
    struct Assertion {
        address payer;
        uint64 deadline;
        uint64 modelId;
        uint32 adapterVersion;
        uint128 dataShare;
        uint128 bond;
        uint64[] contributionIds;
        uint64[] weights;
        address[] contributors;
    }

    /// @notice How one fee was divided, in wei.
    struct FeeAmounts {
        uint256 data;
        uint256 modelOwner;
        uint256 stakers;
        uint256 treasury;
    }

    /**
     * @notice The OPEN sent is not exactly what the answers cost: each answer's fee (the model's fee, or the
     * protocol minimum if higher) plus, when it names contributions, the assertion bond. Exact, so nothing
     * overpaid is ever kept.
     * @param required The OPEN required, in wei.
     * @param sent The OPEN sent, in wei.
     */
    error AttributionLedgerWrongPayment(uint256 required, uint256 sent);

    /**
     * @notice The answer was computed for an adapter version that is not the model's current one.
     * @param modelId The model.
     * @param adapterVersion The version the answer names.
     * @param currentVersion The model's current version.
     */
    error AttributionLedgerStaleAdapterVersion(uint64 modelId, uint32 adapterVersion, uint32 currentVersion);

    /// @notice `recordId` was never recorded.
    /// @param recordId The record.
    error AttributionLedgerUnknownRecord(uint256 recordId);

    /**
     * @notice The assertion passed does not hash to what `recordId` recorded (or the record is settled, disputed,
     * or paid its pool).
     * @param recordId The record.
     */
    error AttributionLedgerAssertionMismatch(uint256 recordId);

    /**
     * @notice The record's challenge window has not closed, so it cannot be finalised yet.
     * @param recordId The record.
     * @param deadline When it closes (unix seconds).
     */
    error AttributionLedgerChallengeWindowOpen(uint256 recordId, uint256 deadline);

    /**
     * @notice The record's challenge window has closed, so it can no longer be disputed.
     * @param recordId The record.
     * @param deadline When it closed (unix seconds).
     */
    error AttributionLedgerChallengeWindowClosed(uint256 recordId, uint256 deadline);

    /**
     * @notice Only a validator, an account whose active stake is at least the validator minimum, may dispute.
     * @param account The caller.
     * @param stake Its active stake, in wei.
     * @param required {IProtocolParams-minValidatorStake}, in wei.
     */
    error AttributionLedgerNotValidator(address account, uint256 stake, uint256 required);

    /// @notice A payer cannot dispute their own record.
    /// @param recordId The record.
    error AttributionLedgerSelfDispute(uint256 recordId);

    /**
     * @notice The dispute bond sent is not exactly {IProtocolParams-disputeBond}.
     * @param required The bond, in wei.
     * @param sent The OPEN sent, in wei.
     */
    error AttributionLedgerWrongDisputeBond(uint256 required, uint256 sent);

    /// @notice `recordId` is not disputed, or its dispute is already resolved.
    /// @param recordId The record.
    error AttributionLedgerNotDisputed(uint256 recordId);

    /// @notice Only governance (the Timelock) resolves disputes.
    /// @param caller The refused caller.
    error AttributionLedgerNotGovernance(address caller);

    /// @notice A dispute or resolution must cite an evidence CID.
    error AttributionLedgerMissingEvidence();

    /// @notice A contribution weight is zero.
    /// @param contributionId The contribution.
    error AttributionLedgerZeroWeight(uint64 contributionId);

    /**
     * @notice Two lists that must be the same length are not (contributions and weights, or answers and fees).
     * @param a The first list's length.
     * @param b The second list's length.
     */
    error AttributionLedgerLengthMismatch(uint256 a, uint256 b);

    /**
     * @notice An answer names more contributions than one answer may pay.
     * @param count The contributions named.
     * @param maximum {IProtocolParams-maxPaidContributions}.
     */
    error AttributionLedgerTooManyContributions(uint256 count, uint256 maximum);

    /// @notice Contribution ids must be strictly increasing; `contributionId` breaks the order (or repeats).
    /// @param contributionId The id out of order.
    error AttributionLedgerUnsortedContributions(uint64 contributionId);

    /**
     * @notice A contribution's weight is below the attribution threshold's share of the answer's total weight.
     * @param contributionId The contribution.
     * @param weight Its weight.
     * @param minimumWeight The smallest weight that is paid.
     */
    error AttributionLedgerWeightBelowThreshold(uint64 contributionId, uint256 weight, uint256 minimumWeight);

    /**
     * @notice The paid weights add up to more than the answer's total weight.
     * @param sum The sum of the paid weights.
     * @param totalWeight The answer's total weight.
     */
    error AttributionLedgerWeightsExceedTotal(uint256 sum, uint256 totalWeight);

    /// @notice `contributionId` has not been approved, so it cannot be paid.
    /// @param contributionId The contribution.
    error AttributionLedgerContributionNotApproved(uint64 contributionId);

    /**
     * @notice `contributionId` is not in the training set of `modelId`'s adapter version `adapterVersion`.
     * @param contributionId The contribution.
     * @param modelId The model.
     * @param adapterVersion The adapter version.
     */
    error AttributionLedgerContributionNotInTrainingSet(uint64 contributionId, uint64 modelId, uint32 adapterVersion);

    /// @notice Only the Staking contract can collect the stakers' rewards.
    /// @param caller The refused caller.
    error AttributionLedgerNotStaking(address caller);

    /// @notice The call names no answers or no contributions.
    error AttributionLedgerEmptyBatch();

    /**
     * @notice An answer of `modelId` was paid for by `payer` and its attribution recorded as record `recordId`.
     * @dev When `answer.contributionIds` is empty the data share went to the training set's pool at once;
     * otherwise it is held in escrow with the assertion until {finalize} (or a resolved dispute). The
     * {Assertion} is `(payer, deadline, answer.modelId, answer.adapterVersion, amounts.data, bond,
     * answer.contributionIds, answer.weights, contributors)`.
     * @param modelId The model.
     * @param payer Who paid.
     * @param recordId The record's id, counted from 1.
     * @param fee The fee paid, in wei.
     * @param amounts How the fee was divided, in wei.
     * @param bond The payer's assertion bond, in wei (zero for the pool).
     * @param deadline When the challenge window closes (zero for the pool).
     * @param answer The answer and its attribution, as recorded.
     * @param contributors Who each named contribution pays.
     */
    event InferenceRecorded(
        uint64 indexed modelId,
        address indexed payer,
        uint256 indexed recordId,
        uint256 fee,
        FeeAmounts amounts,
        uint256 bond,
        uint64 deadline,
        Answer answer,
        address[] contributors
    );

    /**
     * @notice Record `recordId`'s assertion survived its challenge window and its escrow was paid out.
     * @param recordId The record.
     * @param payer Whose assertion bond was returned (credited to {claim}).
     * @param bond The bond returned, in wei.
     */
    event AttributionFinalized(uint256 indexed recordId, address indexed payer, uint256 bond);

    /**
     * @notice A validator disputed record `recordId`; its escrow and both bonds wait for governance.
     * @param recordId The record.
     * @param disputer The validator.
     * @param bond The dispute bond, in wei.
     * @param evidenceCid IPFS CID of the validator's own recomputed evidence.
     */
    event AttributionDisputed(uint256 indexed recordId, address indexed disputer, uint256 bond, string evidenceCid);

    /**
     * @notice Governance resolved the dispute of record `recordId`.
     * @param recordId The record.
     * @param assertionUpheld Whether the payer's assertion stood (the disputer lost).
     * @param winner Who won the bonds (less the treasury's cut).
     * @param award What the winner was credited: their own bond back and the loser's less the treasury's cut, in wei.
     * @param toTreasury The treasury's cut of the loser's bond, in wei.
     * @param winningEvidenceCid The evidence governance found right.
     * @param toPool Whether the data share went to the training set's pool (no corrected weights).
     */
    event DisputeResolved(
        uint256 indexed recordId,
        bool assertionUpheld,
        address indexed winner,
        uint256 award,
        uint256 toTreasury,
        string winningEvidenceCid,
        bool toPool
    );

    /**
     * @notice A pool received the data share of answer record `recordId` (see {InferenceRecorded}).
     * @param recordId The record (its dispute found no contribution to pay).
     * @param modelId The model.
     * @param adapterVersion The adapter version whose pool was paid.
     * @param amount The data share, in wei.
     */
    event PoolPaid(uint256 indexed recordId, uint64 indexed modelId, uint32 adapterVersion, uint256 amount);

    /**
     * @notice `contributor` earned `amount` from an answer of `modelId` attributed to `contributionId`.
     * @param contributionId The contribution.
     * @param contributor Who is credited (to {claim}).
     * @param modelId The model that answered.
     * @param amount The credit, in wei.
     */
    event ContributionRewarded(
        uint64 indexed contributionId, address indexed contributor, uint64 indexed modelId, uint256 amount
    );

    /**
     * @notice `contributor` was credited `amount` from the pool of `modelId`'s adapter version `adapterVersion`.
     * @param contributionId The contribution.
     * @param contributor Who is credited (to {claim}).
     * @param modelId The model.
     * @param adapterVersion The adapter version whose pool paid.
     * @param amount The credit, in wei.
     */
    event PooledRewardSettled(
        uint64 indexed contributionId,
        address indexed contributor,
        uint64 indexed modelId,
        uint32 adapterVersion,
        uint256 amount
    );

    /// @notice `amount` of collected treasury fees was sent to the treasury.
    /// @param amount The OPEN sent, in wei.
    event TreasuryReleased(uint256 amount);

    /**
     * @notice Pays for one answer and records its attribution. The OPEN sent is exactly {paymentFor}: the fee,
     * plus the assertion bond when the answer names contributions.
     * @dev The model owner's, stakers' and treasury's shares are paid at once. With no contribution named the
     * data share goes to the training set's pool at once (nothing is asserted). Otherwise the data share and
     * the bond are held in escrow with the assertion until the challenge window closes ({finalize}) or a dispute
     * is resolved. Reverts with {AttributionLedgerWrongPayment}, {AttributionLedgerStaleAdapterVersion},
     * {AttributionLedgerLengthMismatch}, {AttributionLedgerTooManyContributions},
     * {AttributionLedgerUnsortedContributions}, {AttributionLedgerWeightBelowThreshold},
     * {AttributionLedgerWeightsExceedTotal}, {AttributionLedgerContributionNotApproved} or
     * {AttributionLedgerContributionNotInTrainingSet}, and as {IModelRegistry-inferenceTerms} for an unknown or
     * retired model. Emits an {InferenceRecorded} event.
     * @param answer The answer and its attribution.
     * @return recordId The record's id.
     */
    function recordInference(Answer calldata answer) external payable returns (uint256 recordId);

    /**
     * @notice Pays for several answers at once; the OPEN sent is the sum of their {paymentFor}.
     * @dev Reverts with {AttributionLedgerEmptyBatch} or {AttributionLedgerWrongPayment}, and as
     * {recordInference} for each answer. Emits as {recordInference}.
     * @param answers The answers.
     * @return firstRecordId The first answer's record id; the others follow in order.
     */
    function recordInferences(Answer[] calldata answers) external payable returns (uint256 firstRecordId);

    /**
     * @notice What recording `answer` costs now.
     * @param answer The answer (its model and how many contributions it names matter).
     * @return fee The fee, in wei.
     * @return bond The assertion bond, in wei (zero when no contribution is named).
     */
    function paymentFor(Answer calldata answer) external view returns (uint256 fee, uint256 bond);

    /**
     * @notice Pays out records whose challenge window has closed undisputed: each named contribution is
     * credited its share of the escrowed data share by weight (the rounding remainder goes to the treasury) and
     * the payer is credited their bond back.
     * @dev Anyone may call it. Records already settled, or disputed, are skipped, so racing finalisers never
     * make each other's batches fail. Reverts with {AttributionLedgerEmptyBatch},
     * {AttributionLedgerLengthMismatch}, {AttributionLedgerUnknownRecord}, {AttributionLedgerAssertionMismatch}
     * or {AttributionLedgerChallengeWindowOpen}. Emits a {ContributionRewarded} event per contribution and an
     * {AttributionFinalized} event per record.
     * @param recordIds The records.
     * @param assertions Their assertions, as recorded.
     * @return finalized How many records were paid out (the rest were skipped).
     */
    function finalize(uint256[] calldata recordIds, Assertion[] calldata assertions)
        external
        returns (uint256 finalized);

    /**
     * @notice Disputes a record's assertion within its challenge window, with the dispute bond and the CID of
     * the validator's own recomputed evidence. The escrow and both bonds then wait for governance.
     * @dev Validators only (active stake ≥ {IProtocolParams-minValidatorStake}); not the payer; one dispute per
     * record. Reverts with {AttributionLedgerNotValidator}, {AttributionLedgerWrongDisputeBond},
     * {AttributionLedgerMissingEvidence}, {AttributionLedgerUnknownRecord}, {AttributionLedgerAssertionMismatch}
     * (also when already disputed or settled), {AttributionLedgerSelfDispute} or
     * {AttributionLedgerChallengeWindowClosed}. Emits an {AttributionDisputed} event.
     * @param recordId The record.
     * @param assertion Its assertion, as recorded.
     * @param evidenceCid IPFS CID of the recomputed evidence.
     */
    function dispute(uint256 recordId, Assertion calldata assertion, string calldata evidenceCid) external payable;

    /**
     * @notice Governance's ruling on a disputed record. When the assertion is upheld the escrow is paid as
     * asserted and the payer wins; otherwise the disputer wins and the escrow is paid by `correctedIds` and
     * `correctedWeights`, or to the training set's pool when none are given. The winner gets their bond back
     * and the loser's, less {DISPUTE_TREASURY_CUT_BPS} to the treasury.
     * @dev The Timelock only. Reverts with {AttributionLedgerNotGovernance}, {AttributionLedgerNotDisputed},
     * {AttributionLedgerAssertionMismatch}, {AttributionLedgerMissingEvidence}, and for corrected weights as
     * {recordInference} checks a paid list (sorted, within the maximum, non-zero, approved, in the training set).
     * Emits {DisputeResolved}, then {ContributionRewarded} per paid contribution or {PoolPaid}.
     * @param recordId The record.
     * @param assertion Its assertion, as recorded.
     * @param assertionUpheld Whether the payer's assertion stands.
     * @param winningEvidenceCid The evidence governance found right.
     * @param correctedIds When not upheld: the contributions to pay instead (empty: the pool).
     * @param correctedWeights Their weights.
     */
    function resolveDispute(
        uint256 recordId,
        Assertion calldata assertion,
        bool assertionUpheld,
        string calldata winningEvidenceCid,
        uint64[] calldata correctedIds,
        uint64[] calldata correctedWeights
    ) external;

    /**
     * @notice The hash the ledger keeps of record `recordId`'s assertion: keccak256 of its ABI encoding while it
     * waits for its window; {DISPUTED} while disputed; zero once settled (or for a pool record).
     * @param recordId The record.
     * @return The stored value.
     */
    function assertionHash(uint256 recordId) external view returns (bytes32);

    /**
     * @notice The open dispute of a record.
     * @param recordId The record.
     * @return disputer The validator (zero if none open).
     * @return bond Their bond, in wei.
     */
    function disputeOf(uint256 recordId) external view returns (address disputer, uint256 bond);

    /// @notice How many answers were recorded; record ids run from 1 to this.
    /// @return The count.
    function recordCount() external view returns (uint256);

    /**
     * @notice Credits contributions with what the pool of a model's adapter version owes them.
     * @dev Anyone may call it; credits go to the contributors, who then {claim}. Reverts with
     * {AttributionLedgerEmptyBatch}, {AttributionLedgerContributionNotApproved} or
     * {AttributionLedgerContributionNotInTrainingSet}. Emits a {PooledRewardSettled} event per contribution
     * that was owed something.
     * @param modelId The model.
     * @param adapterVersion The adapter version whose pool pays.
     * @param contributionIds The contributions to settle.
     */
    function settlePooledRewards(uint64 modelId, uint32 adapterVersion, uint64[] calldata contributionIds) external;

    /**
     * @notice What `contributionId` can still collect from the pool of `modelId`'s adapter version `adapterVersion`.
     * @param modelId The model.
     * @param adapterVersion The adapter version.
     * @param contributionId The contribution.
     * @return The amount {settlePooledRewards} would credit now, in wei.
     */
    function pooledRewardOf(uint64 modelId, uint32 adapterVersion, uint64 contributionId)
        external
        view
        returns (uint256);

    /**
     * @notice The pool accumulator of a model's adapter version.
     * @param modelId The model.
     * @param adapterVersion The adapter version.
     * @return OPEN per byte of training data paid into the pool so far, in wei scaled by 1e18.
     */
    function poolRewardPerByte(uint64 modelId, uint32 adapterVersion) external view returns (uint256);

    /// @notice Treasury fees collected and not yet sent.
    /// @return The amount, in wei.
    function pendingTreasury() external view returns (uint256);

    /**
     * @notice Sends the collected treasury fees to the treasury (anyone may).
     * @dev Emits a {TreasuryReleased} event when there was something to send.
     * @return amount The OPEN sent, in wei.
     */
    function releaseTreasury() external returns (uint256 amount);
}
