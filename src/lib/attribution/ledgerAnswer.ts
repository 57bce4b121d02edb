// From evidence to what the AttributionLedger is sent and what it will pay: the `Answer` struct of recordInference
// and the fee split, computed with the ledger's own integer arithmetic so the page shows to the wei what the
// contract will credit.
import type { ContractFunctionArgs } from 'viem';
import type { attributionLedgerAbi } from '../chain/abis.ts';
import type { InferenceEvidence } from './inferenceEvidence.ts';

/** The `Answer` struct recordInference takes. */
export type LedgerAnswer = ContractFunctionArgs<typeof attributionLedgerAbi, 'payable', 'recordInference'>[0];

/** ProtocolParams' fee split, in basis points. */
export type FeeSplitBps = { dataBps: number; modelOwnerBps: number; stakersBps: number; treasuryBps: number };

/** How a fee divides, in wei (the ledger's FeeAmounts). */
export type FeeAmounts = { data: bigint; modelOwner: bigint; stakers: bigint; treasury: bigint };

/** A paid contribution's cut of the data share, in wei. */
export type ContributionPayout = { contribution: string; weight: number; amount: bigint };

const BPS = 10_000n;

/**
 * The Answer recording `evidence` under `evidenceCid`: contributions by id ascending, as the ledger wants them.
 * Throws a RangeError for a contribution key that is not an on-chain id (an offline training run's file path).
 *
 * @example
 * const answer = ledgerAnswerOf(evidence, cid.toString());
 * const [fee, bond] = await readContract(client, { ...ledger, functionName: 'paymentFor', args: [answer] });
 */
export function ledgerAnswerOf(evidence: InferenceEvidence, evidenceCid: string): LedgerAnswer {
	const paid = evidence.paid.map(({ contribution, weight }) => {
		if (!/^\d+$/.test(contribution))
			throw new RangeError(`Contribution "${contribution}" is not an on-chain contribution id; it cannot be paid.`);
		return { id: BigInt(contribution), weight: BigInt(weight) };
	});
	paid.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return {
		modelId: BigInt(evidence.modelId),
		adapterVersion: evidence.adapterVersion,
		contributionIds: paid.map((p) => p.id),
		weights: paid.map((p) => p.weight),
		totalWeight: BigInt(evidence.totalWeight),
		outputCommitment: evidence.outputCommitment,
		evidenceCid
	};
}

/** `fee` divided as the ledger divides it: each share rounded down, the remainder to the treasury. */
export function feeAmountsOf(fee: bigint, split: FeeSplitBps): FeeAmounts {
	const data = (fee * BigInt(split.dataBps)) / BPS;
	const modelOwner = (fee * BigInt(split.modelOwnerBps)) / BPS;
	const stakers = (fee * BigInt(split.stakersBps)) / BPS;
	return { data, modelOwner, stakers, treasury: fee - data - modelOwner - stakers };
}

/** The data share divided by weight, as finalisation credits it (each rounded down; the rest to the treasury). */
export function contributionPayouts(
	dataShare: bigint,
	paid: readonly { contribution: string; weight: number }[]
): ContributionPayout[] {
	const weightSum = paid.reduce((sum, p) => sum + BigInt(p.weight), 0n);
	if (weightSum === 0n) return [];
	return paid.map(({ contribution, weight }) => ({
		contribution,
		weight,
		amount: (dataShare * BigInt(weight)) / weightSum
	}));
}
