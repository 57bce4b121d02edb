// Loading a version for training on a real Helia node: records counted by kind with progress to the end, a
// manifest that disagrees with the chain refused, a contribution failing its hash refused, an empty version refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, type Hex } from 'viem';
import { sha256 } from 'multiformats/hashes/sha2';
import { createNodeHelia, type NodeHelia } from '../../cli/peer/createNodeHelia.ts';
import { addContributionFile } from '../datanets/ipfs/contributionContent.ts';
import { addVersionManifest, versionManifestOf, type VersionManifest } from '../datanets/ipfs/versionManifest.ts';
import { ContributionContentMismatchError } from '../datanets/ipfs/datanetIpfsErrors.ts';
import type { ContributionView, VersionView } from '../datanets/state/datanetState.ts';
import { rejectionOf } from '../../../workers/testing/rejectionOf.ts';
import { loadTrainingVersion, type TrainingDataProgress } from './loadTrainingVersion.ts';
import { EmptyTrainingVersionError, ManifestChainMismatchError } from './trainingDataErrors.ts';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

let node: NodeHelia;
beforeAll(async () => {
	node = await createNodeHelia();
});
afterAll(async () => {
	await node?.stop();
});

const jsonl = (lines: object[]) => new TextEncoder().encode(lines.map((l) => JSON.stringify(l) + '\n').join(''));

/** Adds the files, and returns the manifest, its CID and the chain's view of the version. */
async function publish(files: Uint8Array[], options: { chainHash?: Hex } = {}) {
	const contributions: VersionManifest['contributions'] = [];
	const onChain = new Map<string, ContributionView>();
	for (const [i, bytes] of files.entries()) {
		const { cid } = await addContributionFile(node, bytes);
		const hash = bytesToHex((await sha256.digest(bytes)).digest);
		const id = String(i + 1);
		contributions.push({
			id,
			cid: cid.toString(),
			contentHash: hash,
			byteSize: String(bytes.length),
			acceptedSeq: i + 1,
			contributor: ALICE
		});
		onChain.set(id, {
			id,
			datanetId: '1',
			contributor: ALICE,
			contentCid: cid.toString(),
			contentHash: options.chainHash ?? hash,
			byteSize: BigInt(bytes.length),
			tokenCount: 1n,
			recordCount: 1n,
			bond: 0n,
			bondPosted: 0n,
			status: 'approved',
			acceptedSeq: i + 1,
			bondReleased: true,
			rewardsEarned: 0n,
			submittedBlock: 1,
			submittedTx: '0x00'
		});
	}
	const manifest = versionManifestOf({
		chainId: 31337,
		registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
		datanetId: '1',
		version: 1,
		contributions
	});
	const manifestCid = (await addVersionManifest(node, manifest)).toString();
	const version: VersionView = {
		version: 1,
		root: manifest.root,
		acceptedCount: files.length,
		acceptedBytes: BigInt(manifest.acceptedBytes),
		manifestCid,
		blockNumber: 1,
		transactionHash: '0x00',
		contributionIds: contributions.map((c) => c.id)
	};
	const ref = { datanetId: '1', version: 1, manifestCid, licence: 'CC0-1.0' };
	return { ref, chain: { label: 'version 1 of “Law”', version, contributions: onChain } };
}

describe('loadTrainingVersion', () => {
	it('loads and counts pairs, texts and tokens, reporting progress to the end', async () => {
		const { ref, chain } = await publish([
			jsonl([{ id: 'a', kind: 'text', text: 'A contract is an agreement.', tokens: 6 }]),
			jsonl([
				{ id: 'b', kind: 'pair', prompt: 'What is consideration?', response: 'Something of value.', tokens: 9 },
				{ id: 'c', kind: 'text', text: 'No token count here.' }
			])
		]);
		const events: TrainingDataProgress[] = [];
		const data = await loadTrainingVersion(node, ref, chain, { onProgress: (p) => events.push(p) });
		expect(data.records.map((r) => r.id)).toEqual(['a', 'b', 'c']);
		expect(data.counts).toEqual({ records: 3, pairs: 1, texts: 2, tokens: 15, withoutTokens: 1 });
		expect(events.at(-1)).toMatchObject({ done: events.at(-1)!.total, etaSeconds: 0 });
	});

	it('refuses a manifest whose hashes are not the ones on chain, before training on it', async () => {
		const { ref, chain } = await publish([jsonl([{ id: 'a', text: 'Some text.', tokens: 2 }])], {
			chainHash: `0x${'ab'.repeat(32)}`
		});
		const error = await rejectionOf(loadTrainingVersion(node, ref, chain));
		expect(error).toBeInstanceOf(ManifestChainMismatchError);
		expect((error as Error & { shortMessage: string }).shortMessage).toMatch(
			/^The manifest of version 1 of “Law” gives contribution #1 the hash 0x[0-9a-f]{64}, but the registry holds 0x(ab){32}, .*pick another version/
		);
	});

	it('refuses a manifest that lists other contributions than the version', async () => {
		const { ref, chain } = await publish([jsonl([{ id: 'a', text: 'Some text.', tokens: 2 }])]);
		const error = await rejectionOf(
			loadTrainingVersion(node, ref, { ...chain, version: { ...chain.version, contributionIds: ['1', '2'] } })
		);
		expect((error as Error).message).toMatch(/lists contributions \[1\], but the registry accepted \[1, 2\]/);
	});

	it('refuses records that fail their hash (the bytes on IPFS are not what was anchored)', async () => {
		const { ref, chain } = await publish([jsonl([{ id: 'a', text: 'Original.', tokens: 1 }])]);
		// A manifest pointing at other bytes under the same recorded hash.
		const other = await publish([jsonl([{ id: 'x', text: 'Replaced!', tokens: 1 }])]);
		const manifest = versionManifestOf({
			chainId: 31337,
			registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
			datanetId: '1',
			version: 1,
			contributions: [
				{
					id: '1',
					cid: other.chain.contributions.get('1')!.contentCid,
					contentHash: chain.contributions.get('1')!.contentHash,
					byteSize: String(chain.contributions.get('1')!.byteSize),
					acceptedSeq: 1,
					contributor: ALICE
				}
			]
		});
		const manifestCid = (await addVersionManifest(node, manifest)).toString();
		const error = await rejectionOf(loadTrainingVersion(node, { ...ref, manifestCid }, chain));
		expect(error).toBeInstanceOf(ContributionContentMismatchError);
	});

	it('refuses a version with no records, saying what to do', async () => {
		const { ref, chain } = await publish([new TextEncoder().encode('not json\n{"no":"id"}\n')]);
		const error = await rejectionOf(loadTrainingVersion(node, ref, chain));
		expect(error).toBeInstanceOf(EmptyTrainingVersionError);
		expect((error as Error & { shortMessage: string }).shortMessage).toBe(
			'Version 1 of “Law” holds no records to train on (2 lines were not records). Pick another version, or contribute data to the datanet and ask its curators to publish a new version.'
		);
	});
});
