// The protocol terms an answer's attribution and fee preview were computed under, and what changed in them: the page
// recomputes and asks again before paying when governance moved the threshold or the split in between.
import type { FeeSplitBps } from '../attribution/ledgerAnswer.ts';
import type { PaymentRules } from '../../../workers/ml/attribution/paidContributions.ts';

/** The rules an attribution was computed under, and the split its preview used. */
export type AttributionTerms = { payment: PaymentRules; split: FeeSplitBps; challengeWindow: number };

/** What governance changed between `before` and `now` that changes who is paid or how much, in words. */
export function describeChange(before: AttributionTerms, now: AttributionTerms): string | undefined {
	const changes: string[] = [];
	if (before.payment.thresholdBps !== now.payment.thresholdBps)
		changes.push(`the attribution threshold (${pct(before.payment.thresholdBps)} → ${pct(now.payment.thresholdBps)})`);
	if (before.payment.maxPaid !== now.payment.maxPaid)
		changes.push(`the most contributions paid (${before.payment.maxPaid} → ${now.payment.maxPaid})`);
	const s = (x: FeeSplitBps) => [x.dataBps, x.modelOwnerBps, x.stakersBps, x.treasuryBps].map(pct).join(' / ');
	if (s(before.split) !== s(now.split)) changes.push(`the fee split (${s(before.split)} → ${s(now.split)})`);
	return changes.length === 0 ? undefined : changes.join(' and ');
}

const pct = (bps: number) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')} %`;
