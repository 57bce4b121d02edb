// The verify page's work, in the page: read a record and what it is checked against from the chain (the model's
// base model, the adapter release, the payment rules at the record's block, the record's state), then fetch its
// evidence through the page's Helia node and recompute it in the attribution worker, saying at each step what is
// happening. The checking itself is verifyInference's, the same code `provena verify` runs in Node.
import type { Hex } from 'viem';
import { getAdapterRelease, type AdapterRelease } from '../chain/actions/getAdapterRelease.ts';
import {
	getInferenceRecord,
	getInferenceRecordsOfTransaction,
	type InferenceRecord
} from '../chain/actions/getInferenceRecords.ts';
import { getModelRegistration, type ModelRegistration } from '../chain/actions/getModelRegistration.ts';
import { getRecordState, type RecordState } from '../chain/actions/getRecordState.ts';
import { readProtocolParameters } from '../chain/actions/readProtocolParameters.ts';
import type { ReadClient } from '../chain/actions/readClient.ts';
import { ipfsNode } from '../state/ipfsNode.svelte.ts';
import { readEvidenceFile } from './evidenceFile.ts';
import type { InferenceEvidence } from './inferenceEvidence.ts';
import { attributeExampleInPage, openAttribution, type AttributionTarget } from './pageAttribution.ts';
import { verifyEvidence, verifyInference, type InferenceVerdict } from './verifyInference.ts';
import type { AttributionRules } from '../../../workers/ml/attribution/attributeAnswer.ts';

/** How long the page waits for a block of evidence before saying nobody serves it. */
export const EVIDENCE_TIMEOUT_MS = 20_000;

/** What the page looks a record up by (the URL's ?tx= or ?record=). */
export type RecordLookup = { tx: Hex } | { recordId: bigint };

/** A record with what it is checked against. */
export type RecordContext = {
	record: InferenceRecord;
	registration: ModelRegistration;
	release: AdapterRelease;
	/** ProtocolParams' threshold and most paid at the record's block. */
	payment: AttributionRules['payment'];
	state: RecordState;
};

/** The records `lookup` names: one by id, or every record a transaction made. */
export async function recordsOf(client: ReadClient, lookup: RecordLookup): Promise<InferenceRecord[]> {
	return 'tx' in lookup
		? getInferenceRecordsOfTransaction(client, { hash: lookup.tx })
		: [await getInferenceRecord(client, { recordId: lookup.recordId })];
}

/** Reads what `record` is checked against. */
export async function recordContext(client: ReadClient, record: InferenceRecord): Promise<RecordContext> {
	const { modelId, adapterVersion } = record.args.answer;
	const [registration, release, parameters, state] = await Promise.all([
		getModelRegistration(client, { modelId }),
		getAdapterRelease(client, { modelId, adapterVersion }),
		readProtocolParameters(client, { blockNumber: record.blockNumber }),
		getRecordState(client, { record })
	]);
	return {
		record,
		registration,
		release,
		payment: { thresholdBps: parameters.attributionThresholdBps, maxPaid: parameters.maxPaidContributions },
		state
	};
}

/**
 * Verifies the record in `context`: with the evidence its CID names, or with `copy` (evidence handed over).
 * `onProgress` is told each step in words.
 */
export async function verifyRecordInPage(
	context: RecordContext,
	{ copy, onProgress, chainId }: { copy?: InferenceEvidence; onProgress: (text: string) => void; chainId: number }
): Promise<InferenceVerdict> {
	const target: AttributionTarget = {
		baseModelId: context.registration.baseModelId,
		adapterCid: context.release.adapterCid
	};
	const inputs = {
		chainId,
		record: context.record,
		adapterCid: context.release.adapterCid,
		payment: context.payment,
		recompute: async (evidence: InferenceEvidence, _adapterCid: string, rules: AttributionRules) => {
			onProgress(
				`Fetching adapter ${shortCid(target.adapterCid)} from IPFS and opening ${target.baseModelId} in the attribution worker…`
			);
			await openAttribution(target);
			onProgress(
				`Recomputing the attribution of ${evidence.answerTokenIds.length} answer tokens (spans and gradients, integers)…`
			);
			return attributeExampleInPage(target, evidence.attribution.example, rules);
		}
	};
	if (copy) {
		onProgress('Checking the copy of the evidence against the record…');
		return verifyEvidence(inputs, copy);
	}
	return verifyInference({
		...inputs,
		readEvidence: async (cid) => {
			onProgress(`Starting this page's IPFS node…`);
			const helia = await ipfsNode.ready();
			onProgress(`Fetching the evidence ${shortCid(cid)} from IPFS…`);
			return readEvidenceFile(helia, cid, { blockTimeoutMs: EVIDENCE_TIMEOUT_MS });
		}
	});
}

const shortCid = (cid: string) => (cid.length > 16 ? `${cid.slice(0, 8)}…${cid.slice(-6)}` : cid);
