// `provena verify --rpc URL --tx HASH`: re-checks a paid answer from nothing but the chain and IPFS, as the /verify/
// page does: the record(s) a transaction made (or one record by id), the adapter version the registry published, the
// payment rules in force at the record's block, the evidence the record names (or a copy handed over), and a
// recomputation of its attribution with the same engine (AttributionSession on jax-js Wasm), so the integers agree
// with every browser's. Prints "matches" or exactly what differs.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { multiaddr } from '@multiformats/multiaddr';
import { createPublicClient, http, isHash, type Hex } from 'viem';
import { CliUsageError, parseCommandArgs } from '../args.ts';
import { describeError } from '../describeError.ts';
import { directoryReader } from '../directoryReader.ts';
import { repoRoot } from '../paths.ts';
import { createNodeHelia, type NodeHelia } from '../peer/createNodeHelia.ts';
import { provenaDevnet } from '../../lib/chain/chains.ts';
import { getDeployments, registerDeployments } from '../../lib/chain/deployments/index.ts';
import type { Deployments } from '../../lib/chain/deployments/types.ts';
import { getAdapterRelease } from '../../lib/chain/actions/getAdapterRelease.ts';
import {
	getInferenceRecord,
	getInferenceRecordsOfTransaction,
	type InferenceRecord
} from '../../lib/chain/actions/getInferenceRecords.ts';
import { readProtocolParameters } from '../../lib/chain/actions/readProtocolParameters.ts';
import type { ReadClient } from '../../lib/chain/actions/readClient.ts';
import { readEvidenceFile } from '../../lib/attribution/evidenceFile.ts';
import { parseInferenceEvidence, type InferenceEvidence } from '../../lib/attribution/inferenceEvidence.ts';
import { verifyEvidence, verifyInference, type InferenceVerdict } from '../../lib/attribution/verifyInference.ts';
import { unixfsModelReader } from '../../lib/ipfs/unixfsModelReader.ts';
import type { AttributionRules } from '../../../workers/ml/attribution/attributeAnswer.ts';
import { AttributionSession } from '../../../workers/ml/attribution/attributionSession.ts';
import { errorMessage } from '../../../workers/shared/errors/errorMessage.ts';

/** Where `provena up` serves the chain and the IPFS peer by default. */
const DEFAULT_RPC = 'http://127.0.0.1:8545';
const DEFAULT_PEER = '/ip4/127.0.0.1/tcp/4011/ws';
const DEFAULT_MODEL = 'static/models/provena-tiny';

export const help = `Usage: provena verify --tx <hash> [options]
       provena verify --record <id> [options]

Re-checks a paid answer from the chain and IPFS alone, as the /verify/ page does: reads the record(s) the transaction
made (or record <id>), the adapter version the model registry published, and the attribution threshold and paid
maximum in force at the record's block; fetches the evidence the record names and the adapter folder over IPFS;
checks the evidence against the record; recomputes the attribution with the same engine the page runs (jax-js Wasm,
integer scores) and compares every contribution's span, gradient and weight. Prints "matches", or each difference
(contribution, field, expected, recorded), or why the record could not be checked.

Exit status: 0 when every record matches, 1 when one differs or cannot be checked, 2 for a usage mistake.

Options:
  --rpc <url>            the chain's JSON-RPC endpoint (default ${DEFAULT_RPC}, provena up's)
  --tx <hash>            the transaction that recorded the answer(s) (recordInference or recordInferences)
  --record <id>          one record by id (with --tx: that record of the transaction)
  --evidence <file>      check this copy of the evidence instead of the one the record's CID names (a copy someone
                         handed over, or one kept when the CID cannot be fetched)
  --model <dir>          the base model folder the adapter was trained on (default ${DEFAULT_MODEL})
  --peer <multiaddr>     an IPFS peer to fetch from; repeatable (default: PUBLIC_IPFS_PEERS, else provena up's
                         peer ${DEFAULT_PEER})
  --deployments <file>   the contract addresses (default src/lib/chain/deployments/<chain id>.json, as provena
                         deploy writes it)
  --timeout <seconds>    give up on IPFS content when no block of it arrives for this long (default 30)
  --json                 print the verdicts as one JSON object
  -h, --help             show this help

Example:
  provena verify --rpc http://127.0.0.1:8545 --tx 0x5c50…e1a4
  provena verify --record 12 --evidence ./evidence-12.json`;

type VerifyArgs = {
	rpc: string;
	tx: Hex | undefined;
	record: bigint | undefined;
	evidence: string | undefined;
	model: string;
	peers: string[];
	deployments: string | undefined;
	timeoutMs: number;
	json: boolean;
};

/** One record's outcome, as --json prints it. */
export type RecordVerdict = {
	recordId: string;
	transactionHash: Hex;
	blockNumber: string;
	modelId: string;
	adapterVersion: number;
	evidenceCid: string;
	verdict: InferenceVerdict['kind'];
	differences?: { subject: string; field: string; expected: string; recorded: string; message: string }[];
	reason?: string;
	recomputeError?: string;
};

/**
 * Runs `provena verify`; resolves to 0 when every record matches, 1 when one differs or cannot be verified (or the
 * chain cannot be read). Usage mistakes throw CliUsageError (exit 2).
 *
 * @example
 * const code = await run(['--rpc', rpcUrl, '--tx', hash, '--json']);
 */
export async function run(argv: string[]): Promise<number> {
	const args = parse(argv);
	if (!args) {
		console.log(help);
		return 0;
	}
	let verdicts: RecordVerdict[];
	try {
		verdicts = await verify(args);
	} catch (error) {
		console.error(`provena verify: ${describeError(error)}`);
		return 1;
	}
	const all = verdicts.every((v) => v.verdict === 'matches');
	const worst = all ? 'matches' : verdicts.some((v) => v.verdict === 'differs') ? 'differs' : 'unverifiable';
	console.log(
		args.json ? JSON.stringify({ verdict: worst, records: verdicts }) : verdicts.map(formatVerdict).join('\n\n')
	);
	return all ? 0 : 1;
}

function parse(argv: string[]): VerifyArgs | undefined {
	const parsed = parseCommandArgs(argv, {
		rpc: { type: 'string' },
		tx: { type: 'string' },
		record: { type: 'string' },
		evidence: { type: 'string' },
		model: { type: 'string' },
		peer: { type: 'string', multiple: true },
		deployments: { type: 'string' },
		timeout: { type: 'string' },
		json: { type: 'boolean' }
	});
	if (!parsed) return undefined;
	const { values, positionals } = parsed;
	if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}".`);
	if (values.tx === undefined && values.record === undefined)
		throw new CliUsageError('say which answer to verify: --tx <hash> or --record <id>.');
	if (values.tx !== undefined && !isHash(values.tx))
		throw new CliUsageError(`--tx must be a transaction hash (0x and 64 hex digits), got "${values.tx}".`);
	if (values.record !== undefined && !/^\d+$/.test(values.record))
		throw new CliUsageError(`--record must be a record id (a whole number), got "${values.record}".`);
	const timeout = Number(values.timeout ?? '30');
	if (!Number.isFinite(timeout) || timeout <= 0)
		throw new CliUsageError(`--timeout must be a positive number of seconds, got "${values.timeout}".`);
	const envPeers = (process.env.PUBLIC_IPFS_PEERS ?? '')
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	const peers = values.peer ?? (envPeers.length > 0 ? envPeers : [DEFAULT_PEER]);
	for (const peer of peers)
		try {
			multiaddr(peer);
		} catch {
			throw new CliUsageError(`--peer must be a multiaddr like ${DEFAULT_PEER}, got "${peer}".`);
		}
	return {
		rpc: values.rpc ?? DEFAULT_RPC,
		tx: values.tx as Hex | undefined,
		record: values.record === undefined ? undefined : BigInt(values.record),
		evidence: values.evidence,
		model: values.model ?? join(repoRoot, DEFAULT_MODEL),
		peers,
		deployments: values.deployments,
		timeoutMs: Math.round(timeout * 1000),
		json: values.json ?? false
	};
}

/** A read client on the RPC's chain, with the contracts' addresses registered for it. */
async function chainClient(args: VerifyArgs): Promise<ReadClient> {
	const probe = createPublicClient({ transport: http(args.rpc) });
	let chainId: number;
	try {
		chainId = await probe.getChainId();
	} catch (error) {
		throw new Error(
			`Cannot reach the chain at ${args.rpc} (${errorMessage(error)}). Check --rpc; is the node running?`
		);
	}
	if (args.deployments || !getDeployments(chainId)) {
		const file = args.deployments ?? join(repoRoot, `src/lib/chain/deployments/${chainId}.json`);
		let deployments: Deployments;
		try {
			deployments = JSON.parse(await readFile(file, 'utf8')) as Deployments;
		} catch (error) {
			throw new Error(
				`No contract addresses for chain ${chainId} (${errorMessage(error)}). Give the deployments file with --deployments, or run provena deploy --rpc ${args.rpc}.`
			);
		}
		if (deployments.chainId !== chainId)
			throw new Error(`${file} is for chain ${deployments.chainId}, but ${args.rpc} is chain ${chainId}.`);
		registerDeployments(deployments);
	}
	const chain = { ...provenaDevnet, id: chainId, rpcUrls: { default: { http: [args.rpc] } } };
	return createPublicClient({ chain, transport: http(args.rpc) });
}

async function recordsToVerify(client: ReadClient, args: VerifyArgs): Promise<InferenceRecord[]> {
	if (args.tx === undefined) return [await getInferenceRecord(client, { recordId: args.record! })];
	const records = await getInferenceRecordsOfTransaction(client, { hash: args.tx });
	if (args.record === undefined) return records;
	const one = records.filter((r) => r.args.recordId === args.record);
	if (one.length === 0)
		throw new Error(
			`Transaction ${args.tx} did not record #${args.record}; it recorded ${records.map((r) => `#${r.args.recordId}`).join(', ')}.`
		);
	return one;
}

/** A Helia node that dials the peers (a peer that cannot be dialled is reported, not fatal). */
async function ipfsNode(peers: string[]): Promise<NodeHelia> {
	const helia = await createNodeHelia();
	await Promise.all(
		peers.map((peer) =>
			helia.libp2p
				.dial(multiaddr(peer), { signal: AbortSignal.timeout(10_000) })
				.catch((error: unknown) =>
					console.error(`provena verify: could not dial the IPFS peer ${peer} (${errorMessage(error)}).`)
				)
		)
	);
	return helia;
}

async function verify(args: VerifyArgs): Promise<RecordVerdict[]> {
	const client = await chainClient(args);
	const records = await recordsToVerify(client, args);
	const copy = args.evidence === undefined ? undefined : await readCopy(args.evidence);
	const modelDir = resolve(args.model);
	const helia = await ipfsNode(args.peers);
	const session = new AttributionSession();
	let openCid: string | undefined;
	try {
		const verdicts: RecordVerdict[] = [];
		for (const record of records) {
			const { answer } = record.args;
			const [release, parameters] = await Promise.all([
				getAdapterRelease(client, { modelId: answer.modelId, adapterVersion: answer.adapterVersion }),
				readProtocolParameters(client, { blockNumber: record.blockNumber })
			]);
			const recompute = async (evidence: InferenceEvidence, adapterCid: string, rules: AttributionRules) => {
				if (openCid !== adapterCid) {
					openCid = undefined;
					await session.open(
						directoryReader(modelDir),
						unixfsModelReader(helia, adapterCid, { blockTimeoutMs: args.timeoutMs }),
						{ model: modelDir }
					);
					openCid = adapterCid;
				}
				return session.attribute(evidence.attribution.example, rules);
			};
			const inputs = {
				chainId: client.chain.id,
				record,
				adapterCid: release.adapterCid,
				payment: { thresholdBps: parameters.attributionThresholdBps, maxPaid: parameters.maxPaidContributions },
				recompute
			};
			let verdict: InferenceVerdict;
			if (copy === undefined)
				verdict = await verifyInference({
					...inputs,
					readEvidence: (cid) => readEvidenceFile(helia, cid, { blockTimeoutMs: args.timeoutMs })
				});
			else if (copy.kind === 'unreadable') verdict = { kind: 'unverifiable', reason: copy.reason };
			else verdict = await verifyEvidence(inputs, copy.evidence);
			verdicts.push(recordVerdict(record, verdict));
		}
		return verdicts;
	} finally {
		session.close();
		await helia.stop();
	}
}

/** The evidence copy in `file`, or why it cannot be read (a verdict of its own, not a usage mistake). */
async function readCopy(
	file: string
): Promise<{ kind: 'read'; evidence: InferenceEvidence } | { kind: 'unreadable'; reason: string }> {
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(await readFile(resolve(file)));
	} catch (error) {
		throw new Error(`Cannot read the evidence file ${file} (${errorMessage(error)}).`);
	}
	try {
		return { kind: 'read', evidence: parseInferenceEvidence(bytes) };
	} catch (error) {
		return { kind: 'unreadable', reason: `The evidence file ${file} cannot be read: ${errorMessage(error)}` };
	}
}

function recordVerdict(record: InferenceRecord, verdict: InferenceVerdict): RecordVerdict {
	const { answer, recordId } = record.args;
	return {
		recordId: recordId.toString(),
		transactionHash: record.transactionHash,
		blockNumber: record.blockNumber.toString(),
		modelId: answer.modelId.toString(),
		adapterVersion: answer.adapterVersion,
		evidenceCid: answer.evidenceCid,
		verdict: verdict.kind,
		...(verdict.kind === 'differs' ? { differences: verdict.differences } : {}),
		...(verdict.kind === 'differs' && verdict.recomputeError ? { recomputeError: verdict.recomputeError } : {}),
		...(verdict.kind === 'unverifiable' ? { reason: verdict.reason } : {})
	};
}

/** One record's outcome for a person. */
function formatVerdict(v: RecordVerdict): string {
	const head = `record #${v.recordId} (model #${v.modelId}, adapter version ${v.adapterVersion}, evidence ${v.evidenceCid})`;
	if (v.verdict === 'matches')
		return `${head}: matches. The evidence agrees with the record and recomputes to the same scores.`;
	if (v.verdict === 'unverifiable') return `${head}: unverifiable. ${v.reason}`;
	const lines = [`${head}: differs (${v.differences!.length} difference${v.differences!.length === 1 ? '' : 's'})`];
	for (const d of v.differences!)
		lines.push(`  ${d.subject}, ${d.field}: expected ${d.expected}, recorded ${d.recorded}. ${d.message}`);
	if (v.recomputeError) lines.push(`  (not recomputed: ${v.recomputeError})`);
	return lines.join('\n');
}
