// A version's records as ModelFactory will read them: on a real Helia node, two contributions in acceptance order,
// and a manifest whose content hash no longer matches its file refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from 'viem';
import { sha256 } from 'multiformats/hashes/sha2';
import { createNodeHelia, type NodeHelia } from '../../../cli/peer/createNodeHelia.ts';
import { addContributionFile } from '../ipfs/contributionContent.ts';
import { addVersionManifest, versionManifestOf, type VersionManifest } from '../ipfs/versionManifest.ts';
import { loadVersionRecords } from './loadVersionRecords.ts';

let node: NodeHelia;
beforeAll(async () => {
	node = await createNodeHelia();
});
afterAll(async () => {
	await node?.stop();
});

const file = (lines: object[]) => new TextEncoder().encode(lines.map((l) => JSON.stringify(l) + '\n').join(''));

async function manifestOf(contents: Uint8Array[], tamper = false): Promise<VersionManifest> {
	const contributions: VersionManifest['contributions'] = [];
	for (const [i, bytes] of contents.entries()) {
		const { cid } = await addContributionFile(node, bytes);
		const hash = bytesToHex((await sha256.digest(bytes)).digest);
		contributions.push({
			id: String(i + 1),
			cid: cid.toString(),
			contentHash: tamper ? `0x${'0'.repeat(64)}` : hash,
			byteSize: String(bytes.length),
			acceptedSeq: i + 1,
			contributor: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
		});
	}
	return versionManifestOf({
		chainId: 31337,
		registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
		datanetId: '1',
		version: 1,
		contributions
	});
}

describe('loadVersionRecords', () => {
	it('gives every record of the version in acceptance order', async () => {
		const first = file([{ id: 'a', kind: 'text', text: 'First contribution.', tokens: 3 }]);
		const second = file([
			{ id: 'b', kind: 'pair', prompt: 'Q?', response: 'A.', tokens: 4 },
			{ id: 'c', kind: 'text', text: 'More.', tokens: 2 }
		]);
		const manifestCid = await addVersionManifest(node, await manifestOf([first, second]));
		const { manifest, jsonl, records } = await loadVersionRecords(node, manifestCid.toString());
		expect(manifest.contributions.map((c) => c.id)).toEqual(['1', '2']);
		expect(records.map((r) => r.id)).toEqual(['a', 'b', 'c']);
		expect(new TextDecoder().decode(jsonl)).toBe(new TextDecoder().decode(first) + new TextDecoder().decode(second));
	});

	it('refuses a contribution whose bytes are not what the registry anchored', async () => {
		const manifestCid = await addVersionManifest(
			node,
			await manifestOf([file([{ id: 'x', text: 'Tampered.' }])], true)
		);
		await expect(loadVersionRecords(node, manifestCid)).rejects.toThrow(/contribution 1/i);
	});
});
