// What governance is asked to decide about a disputed record, built from what anyone can recompute: the asserted
// attribution, the disputing validator's, and this page's recomputation side by side (who is paid, with what weight,
// how much), the ruling the recomputation supports, the `resolveDispute` call that enacts it and a markdown
// description for voters. Pure: the Validate page shows it and hands the call to the proposal form.
import { encodeFunctionData, type Address } from 'viem';
import { attributionLedgerAbi } from '../chain/abis.ts';
import { assertionOf } from '../chain/attribution/assertionOf.ts';
import { getContractAddress } from '../chain/deployments/index.ts';
import { contributionPayouts } from '../attribution/ledgerAnswer.ts';
import type { ProposalAction } from '../governance/describeAction.ts';
import { formatOpen } from '../format.ts';
import { NothingToDisputeError } from '../chain/actions/disputeRecord.ts';
import type { LedgerRecord } from './ledgerRecords.ts';

/** A paid list: contributions with their weights, as evidence or a recomputation names them. */
export type PaidList = readonly { contribution: string; weight: number }[];

/** One side of the comparison: who it pays and how much of the escrowed data share each gets. */
export type AttributionSide = {
	label: string;
	evidenceCid?: string;
	rows: { contribution: string; weight: number; amount: bigint; contributor?: Address }[];
	/** True when it pays the training set's pool (no contribution named). */
	pool: boolean;
};

/** The ruling a recomputation supports. */
export type Ruling = {
	assertionUpheld: boolean;
	winningEvidenceCid: string;
	correctedIds: bigint[];
	correctedWeights: bigint[];
};

const samePaid = (a: PaidList, b: PaidList) => key(a) === key(b);
const key = (paid: PaidList) =>
	[...paid]
		.sort((x, y) => compareIds(x.contribution, y.contribution))
		.map((p) => `${p.contribution}:${p.weight}`)
		.join(' ');

function compareIds(a: string, b: string): number {
	const x = BigInt(a);
	const y = BigInt(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

/** What the record asserts, as a paid list. */
export function assertedPaid(record: LedgerRecord): PaidList {
	const { contributionIds, weights } = record.record.args.answer;
	return contributionIds.map((id, i) => ({ contribution: id.toString(), weight: Number(weights[i]!) }));
}

/** One side of the comparison: `paid` divided over the record's escrowed data share as the ledger would. */
export function attributionSide(
	record: LedgerRecord,
	label: string,
	paid: PaidList,
	evidenceCid?: string
): AttributionSide {
	const contributors = new Map(
		record.record.args.answer.contributionIds.map((id, i) => [id.toString(), record.record.args.contributors[i]])
	);
	const sorted = [...paid].sort((a, b) => compareIds(a.contribution, b.contribution));
	return {
		label,
		...(evidenceCid ? { evidenceCid } : {}),
		rows: contributionPayouts(record.record.args.amounts.data, sorted).map((row) => {
			const contributor = contributors.get(row.contribution);
			return contributor ? { ...row, contributor } : row;
		}),
		pool: sorted.length === 0
	};
}

/**
 * The ruling `recomputed` (this page's recomputation of the record's example) supports: the assertion stands when
 * it pays exactly what the record asserts; otherwise the disputer wins and the escrow is paid as recomputed (or to
 * the pool when the recomputation pays no contribution), citing the disputer's evidence.
 *
 * @example
 * const ruling = rulingFrom(record, recomputed.paid);
 */
export function rulingFrom(record: LedgerRecord, recomputed: PaidList): Ruling {
	const dispute = record.dispute;
	if (!dispute) throw new NothingToDisputeError(`Answer record #${record.id} is not disputed.`);
	if (samePaid(assertedPaid(record), recomputed))
		return {
			assertionUpheld: true,
			winningEvidenceCid: record.record.args.answer.evidenceCid,
			correctedIds: [],
			correctedWeights: []
		};
	const sorted = [...recomputed].sort((a, b) => compareIds(a.contribution, b.contribution));
	return {
		assertionUpheld: false,
		winningEvidenceCid: dispute.evidenceCid,
		correctedIds: sorted.map((p) => BigInt(p.contribution)),
		correctedWeights: sorted.map((p) => BigInt(p.weight))
	};
}

/** The proposal action that resolves `record`'s dispute with `ruling` (the Timelock calls the AttributionLedger). */
export function resolveDisputeAction(chainId: number, record: LedgerRecord, ruling: Ruling): ProposalAction {
	const assertion = assertionOf(record.record.args);
	if (!assertion) throw new NothingToDisputeError(`Answer record #${record.id} asserts nothing, so it has no dispute.`);
	return {
		target: getContractAddress(chainId, 'AttributionLedger'),
		value: 0n,
		calldata: encodeFunctionData({
			abi: attributionLedgerAbi,
			functionName: 'resolveDispute',
			args: [
				record.id,
				assertion,
				ruling.assertionUpheld,
				ruling.winningEvidenceCid,
				ruling.correctedIds,
				ruling.correctedWeights
			]
		})
	};
}

const open = (wei: bigint) => formatOpen(wei, { decimals: 18 });

function sideTable(side: AttributionSide): string {
	if (side.pool) return `- pays the training set's pool (no contribution clears the threshold)`;
	return side.rows
		.map(
			(r) =>
				`- contribution #${r.contribution}: weight ${r.weight}, ${open(r.amount)}${r.contributor ? ` to ${r.contributor}` : ''}`
		)
		.join('\n');
}

/** The proposal's title and markdown description: the ruling, both sides, and how a voter checks it. */
export function resolutionProposal(
	record: LedgerRecord,
	ruling: Ruling,
	sides: { asserted: AttributionSide; disputing?: AttributionSide; recomputed: AttributionSide }
): { title: string; body: string } {
	const args = record.record.args;
	const verdict = ruling.assertionUpheld
		? `Uphold the payer's assertion: recomputed, the answer pays exactly what the record asserts, so the payer ${args.payer} wins both bonds (less the treasury's 10 % cut of the disputer's).`
		: `Reject the payer's assertion: recomputed, the answer pays ${ruling.correctedIds.length ? ruling.correctedIds.map((id, i) => `#${id} (weight ${ruling.correctedWeights[i]})`).join(', ') : "the training set's pool"}, not what the record asserts; the disputer ${record.dispute?.disputer} wins both bonds (less the treasury's 10 % cut of the payer's).`;
	const body = [
		`Resolves the dispute of answer record #${record.id} (model #${args.modelId}, adapter version ${args.answer.adapterVersion}, paid by ${args.payer}).`,
		'',
		verdict,
		'',
		`Escrowed data share: ${open(args.amounts.data)}. Payer's bond: ${open(args.bond)}. Dispute bond: ${open(record.dispute?.bond ?? 0n)}.`,
		'',
		`### Asserted by the payer (evidence \`${args.answer.evidenceCid}\`)`,
		sideTable(sides.asserted),
		...(sides.disputing
			? [
					'',
					`### Disputing validator's evidence (\`${sides.disputing.evidenceCid ?? record.dispute?.evidenceCid}\`)`,
					sideTable(sides.disputing)
				]
			: []),
		'',
		"### Recomputed from the record's evidence",
		sideTable(sides.recomputed),
		'',
		`Winning evidence: \`${ruling.winningEvidenceCid}\`.`,
		'',
		`To check: open /validate/ (or run \`provena verify\`) on record #${record.id}; both evidence files are on IPFS under the CIDs above, and the recomputation uses only them, the adapter the registry published and the protocol's rules at the record's block.`
	].join('\n');
	return {
		title: `Resolve the dispute of answer record #${record.id}: ${ruling.assertionUpheld ? 'uphold' : 'reject'} the assertion`,
		body
	};
}
