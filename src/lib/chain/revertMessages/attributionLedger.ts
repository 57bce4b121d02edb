// AttributionLedger's refusals (contracts/src/interfaces/IAttributionLedger.sol) in words and units.
import type { RevertSentences } from './types.ts';
import { addr, num, open, plural } from './units.ts';

export const attributionLedgerSentences: RevertSentences = {
	AttributionLedgerFeeTooLow: ([required, sent]) =>
		`This answer costs ${open(required)}; ${open(sent)} was paid. Pay at least ${open(required)} (the model's fee, or the protocol minimum if higher).`,
	AttributionLedgerFeeMismatch: ([sum, sent]) =>
		`The answers' fees add up to ${open(sum)}, but ${open(sent)} was sent. Send exactly the sum of the fees.`,
	AttributionLedgerLengthMismatch: ([a, b]) =>
		`Two lists that must match have ${num(a)} and ${num(b)} entries (contributions and weights, or answers and fees). Recompute the attribution, then try again.`,
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
