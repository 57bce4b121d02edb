// AttributionLedger's refusals (contracts/src/interfaces/IAttributionLedger.sol) in words and units.
import type { RevertSentences } from './types.ts';
import { addr, num, open, plural, when } from './units.ts';

export const attributionLedgerSentences: RevertSentences = {
	AttributionLedgerWrongPayment: ([required, sent]) =>
		`Recording costs exactly ${open(required)} (the fee, plus the assertion bond when contributions are named); ${open(sent)} was sent. The fee or the bond may have changed: reload the price, then try again.`,
	AttributionLedgerStaleAdapterVersion: ([modelId, adapterVersion, currentVersion]) =>
		`The answer came from adapter version ${num(adapterVersion)} of model #${num(modelId)}, but the model now serves version ${num(currentVersion)}. Reload the model and ask again.`,
	AttributionLedgerUnknownRecord: ([recordId]) =>
		`No answer was recorded as record #${num(recordId)}. Check the record number.`,
	AttributionLedgerAssertionMismatch: ([recordId]) =>
		`Record #${num(recordId)}'s attribution does not match what was recorded, or the record is already settled or disputed. Reload the record from its InferenceRecorded event, then try again.`,
	AttributionLedgerChallengeWindowOpen: ([recordId, deadline], context) =>
		`Record #${num(recordId)} can still be disputed until ${when(deadline, context)}. Finalise it after that.`,
	AttributionLedgerChallengeWindowClosed: ([recordId, deadline], context) =>
		`Record #${num(recordId)}'s challenge window closed on ${when(deadline, context)}, so it can no longer be disputed. It can be finalised.`,
	AttributionLedgerNotValidator: ([account, stake, required]) =>
		`${addr(account)} has ${open(stake)} staked; disputing needs the validator stake of ${open(required)}. Stake more on the Staking page, then dispute.`,
	AttributionLedgerSelfDispute: ([recordId]) =>
		`You paid for record #${num(recordId)}, so you cannot dispute it. Another validator can.`,
	AttributionLedgerWrongDisputeBond: ([required, sent]) =>
		`A dispute needs a bond of exactly ${open(required)}; ${open(sent)} was sent. Reload the bond, then try again.`,
	AttributionLedgerNotDisputed: ([recordId]) =>
		`Record #${num(recordId)} has no open dispute to resolve. Check the record number, or whether it was already resolved.`,
	AttributionLedgerNotGovernance: ([caller]) =>
		`Only governance (the Timelock) resolves disputes; ${addr(caller)} cannot. Propose the resolution through governance.`,
	AttributionLedgerMissingEvidence: () =>
		'A dispute or a resolution must cite the IPFS CID of its evidence. Pin the recomputed evidence first, then try again.',
	AttributionLedgerZeroWeight: ([contributionId]) =>
		`Contribution #${num(contributionId)} has a weight of zero. Leave it out of the corrected weights.`,
	AttributionLedgerLengthMismatch: ([a, b]) =>
		`Two lists that must match have ${num(a)} and ${num(b)} entries (contributions and weights, or records and their attributions). Recompute the attribution, then try again.`,
	AttributionLedgerTooManyContributions: ([count, maximum]) =>
		`The answer names ${plural(count, 'contribution')}; one answer may pay at most ${plural(maximum, 'contribution')}. Keep only the strongest ${num(maximum)}.`,
	AttributionLedgerUnsortedContributions: ([contributionId]) =>
		`Contribution #${num(contributionId)} is out of order or repeated: contribution ids must be strictly increasing. Recompute the attribution, then try again.`,
	AttributionLedgerWeightBelowThreshold: ([contributionId, weight, minimumWeight]) =>
		`Contribution #${num(contributionId)} has weight ${weight}, below the ${minimumWeight} the attribution threshold requires. Leave it out of the paid contributions.`,
	AttributionLedgerWeightsExceedTotal: ([sum, totalWeight]) =>
		`The paid weights add up to ${sum}, more than the answer's total weight of ${totalWeight}. Recompute the attribution, then try again.`,
	AttributionLedgerContributionNotApproved: ([contributionId]) =>
		`Contribution #${num(contributionId)} is not approved, so it cannot be paid. Leave it out.`,
	AttributionLedgerContributionNotInTrainingSet: ([contributionId, modelId, adapterVersion]) =>
		`Contribution #${num(contributionId)} is not in the training data of model #${num(modelId)}'s adapter version ${num(adapterVersion)}. Leave it out, or reload the page if the model has a new version.`,
	AttributionLedgerNotStaking: ([caller]) =>
		`Only the Staking contract collects the stakers' rewards; ${addr(caller)} cannot. Stakers claim from the Staking page.`,
	AttributionLedgerEmptyBatch: () => 'Nothing was selected. Select at least one answer or contribution, then try again.'
};
