// Exporting a version with real Helia nodes on 127.0.0.1: A holds the contributions and the manifest; B exports
// the records over bitswap; a CAR exported on A and imported into a fresh, unconnected node C must give the same
// manifest and records without any network.
import { randomBytes } from 'node:crypto';
import { CarBlockIterator } from '@ipld/car';
import type { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { bytesToHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHelia, type NodeHelia } from '../../../cli/peer/createNodeHelia.ts';
import { startConnectedNodes } from '../../../cli/peer/connectedNodes.testing.ts';
import { rejectionOf } from '../../../../workers/testing/rejectionOf.ts';
import { IpfsContentUnavailableError } from '../../ipfs/unixfsModelReader.ts';
import { addContributionFile } from './contributionContent.ts';
import { ContributionContentMismatchError, InvalidCarError } from './datanetIpfsErrors.ts';
import { importCar, versionCar, versionRecordsJsonl } from './exportVersion.ts';
import { addVersionManifest, readVersionManifest, versionManifestOf, type VersionManifest } from './versionManifest.ts';

const CONTRIBUTORS = [
	'0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
	'0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
] as const;

let a: NodeHelia;
let b: NodeHelia;
let files: Uint8Array[];
let manifest: VersionManifest;
let manifestCid: CID;

function records(count: number, tag: string): Uint8Array {
	let text = '';
	for (let i = 0; i < count; i++)
		text += `${JSON.stringify({ prompt: `${tag} ${i} ${randomBytes(16).toString('hex')}`, completion: `answer ${i}` })}\n`;
	return new TextEncoder().encode(text);
}

async function buildManifest(node: NodeHelia, contents: Uint8Array[]): Promise<VersionManifest> {
	const contributions: VersionManifest['contributions'] = [];
	for (const [i, bytes] of contents.entries()) {
		const { cid } = await addContributionFile(node, bytes);
		contributions.push({
			id: String(10 + i),
			cid: cid.toString(),
			contentHash: bytesToHex((await sha256.digest(bytes)).digest),
			byteSize: String(bytes.length),
			acceptedSeq: i + 1,
			contributor: CONTRIBUTORS[i % 2]!
		});
	}
	return versionManifestOf({
		chainId: 31337,
		registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
		datanetId: '7',
		version: 1,
		contributions
	});
}

function concat(parts: Uint8Array[]): Uint8Array {
	return new Uint8Array(Buffer.concat(parts));
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
	const parts: Uint8Array[] = [];
	for await (const part of stream) parts.push(part);
	return concat(parts);
}

beforeAll(async () => {
	({ publisher: a, reader: b } = await startConnectedNodes());
	// A multi-block contribution (~1.6 MB: two leaves), two small ones, and a repeat of the first small one's bytes.
	const small = records(20, 'small');
	files = [records(20_000, 'big'), small, records(3, 'tiny'), small];
	manifest = await buildManifest(a, files);
	manifestCid = await addVersionManifest(a, manifest);
});
afterAll(async () => {
	await Promise.all([a?.stop(), b?.stop()]);
});

describe('versionRecordsJsonl', () => {
	it('concatenates the contributions in acceptance order, fetched over bitswap, with byte progress', async () => {
		expect(files[0]!.length).toBeGreaterThan(1_048_576);
		const progress: { done: number; total: number }[] = [];
		const jsonl = await versionRecordsJsonl(b, manifest, {
			blockTimeoutMs: 10_000,
			onProgress: (p) => progress.push(p)
		});
		expect(Buffer.from(jsonl).equals(Buffer.concat(files))).toBe(true);
		const total = Number(manifest.acceptedBytes);
		expect(progress.at(-1)).toStrictEqual({ done: total, total });
		expect(progress.some((p) => p.done > 0 && p.done < total)).toBe(true);
		for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
	});

	it('catches a contentHash that does not match the bytes', async () => {
		const tampered = structuredClone(manifest);
		tampered.contributions[2]!.contentHash = bytesToHex((await sha256.digest(files[1]!)).digest);
		const error = await rejectionOf(versionRecordsJsonl(b, tampered, { blockTimeoutMs: 10_000 }));
		expect(error).toBeInstanceOf(ContributionContentMismatchError);
		expect((error as ContributionContentMismatchError).contributionId).toBe('12');
		expect((error as ContributionContentMismatchError).shortMessage).toMatch(
			new RegExp(`^Contribution 12 \\(${manifest.contributions[2]!.cid}\\) has sha-256 0x[0-9a-f]{64}, not 0x`)
		);
		const resized = structuredClone(manifest);
		resized.contributions[1]!.byteSize = String(files[1]!.length + 1);
		expect(
			((await rejectionOf(versionRecordsJsonl(b, resized))) as ContributionContentMismatchError).shortMessage
		).toMatch(/^Contribution 11 .* holds \d+ bytes, not \d+/);
	});

	it('ends a contribution that lacks a final newline with one, so records never run together', async () => {
		const noNewline = new TextEncoder().encode('{"prompt":"p","completion":"c"}');
		const m = await buildManifest(a, [noNewline, files[2]!]);
		const jsonl = await versionRecordsJsonl(a, m);
		expect(new TextDecoder().decode(jsonl)).toBe(
			`{"prompt":"p","completion":"c"}\n${new TextDecoder().decode(files[2]!)}`
		);
	});

	it('names the contribution no peer has, within the block timeout', async () => {
		const lonely = await createNodeHelia();
		try {
			const error = await rejectionOf(versionRecordsJsonl(lonely, manifest, { blockTimeoutMs: 800 }));
			expect(error).toBeInstanceOf(IpfsContentUnavailableError);
			expect((error as IpfsContentUnavailableError).shortMessage).toMatch(
				new RegExp(`^Contribution 10 \\(${manifest.contributions[0]!.cid}\\) could not be found .* within 0\\.8 s`)
			);
		} finally {
			await lonely.stop();
		}
	});
});

describe('versionCar / importCar', () => {
	it('round-trips a version through a CAR into a fresh node with no connections', async () => {
		const car = await collect(versionCar(a, manifestCid, manifest));
		const reader = await CarBlockIterator.fromBytes(car);
		expect((await reader.getRoots()).map(String)).toStrictEqual([manifestCid.toString()]);
		const inCar = new Set<string>();
		for await (const block of reader) {
			expect(inCar.has(block.cid.toString())).toBe(false); // the repeated contribution is written once
			inCar.add(block.cid.toString());
		}
		for (const c of manifest.contributions) expect(inCar.has(c.cid)).toBe(true);

		const c = await createNodeHelia();
		try {
			const imported = await importCar(c, car);
			expect(imported.roots.map(String)).toStrictEqual([manifestCid.toString()]);
			expect(imported.blocks).toBe(inCar.size);
			expect(c.libp2p.getConnections()).toHaveLength(0);
			const read = await readVersionManifest(c, imported.roots[0]!, { blockTimeoutMs: 1000 });
			expect(read).toStrictEqual(manifest);
			const jsonl = await versionRecordsJsonl(c, read, { blockTimeoutMs: 1000 });
			expect(Buffer.from(jsonl).equals(Buffer.concat(files))).toBe(true);
			// The CAR is deterministic: C, holding only what it imported, exports the same bytes.
			expect(
				Buffer.from(await collect(versionCar(c, manifestCid, read, { offline: true }))).equals(Buffer.from(car))
			).toBe(true);
		} finally {
			await c.stop();
		}
	});

	it('accepts a CAR as a stream of chunks', async () => {
		const car = await collect(versionCar(a, manifestCid, manifest));
		async function* chunks() {
			for (let i = 0; i < car.length; i += 10_000) yield car.subarray(i, i + 10_000);
		}
		const c = await createNodeHelia();
		try {
			expect((await importCar(c, chunks())).roots.map(String)).toStrictEqual([manifestCid.toString()]);
			expect(await readVersionManifest(c, manifestCid, { blockTimeoutMs: 1000 })).toStrictEqual(manifest);
		} finally {
			await c.stop();
		}
	});

	it('refuses a CAR whose block does not hash to its CID, and one that is not a CAR', async () => {
		const car = await collect(versionCar(a, manifestCid, manifest));
		const tampered = car.slice();
		tampered[tampered.length - 1] = tampered.at(-1)! ^ 0xff; // inside the last block's data
		const c = await createNodeHelia();
		try {
			const error = await rejectionOf(importCar(c, tampered));
			expect(error).toBeInstanceOf(InvalidCarError);
			expect(error.message).toMatch(/^Block \S+ in the CAR file does not hash to its CID/);
			expect(await rejectionOf(importCar(c, new TextEncoder().encode('not a car')))).toBeInstanceOf(InvalidCarError);
			expect(await rejectionOf(importCar(c, car.subarray(0, car.length - 10)))).toBeInstanceOf(InvalidCarError);
		} finally {
			await c.stop();
		}
	});

	it('fails naming the missing contribution when a node has only the manifest', async () => {
		const d = await createNodeHelia();
		try {
			expect((await addVersionManifest(d, manifest)).equals(manifestCid)).toBe(true);
			const started = Date.now();
			const error = await rejectionOf(collect(versionCar(d, manifestCid, manifest, { blockTimeoutMs: 800 })));
			expect(Date.now() - started).toBeLessThan(5000);
			expect(error).toBeInstanceOf(IpfsContentUnavailableError);
			expect((error as IpfsContentUnavailableError).block).toBe(manifest.contributions[0]!.cid);
			expect((error as IpfsContentUnavailableError).shortMessage).toMatch(
				new RegExp(
					`^Block ${manifest.contributions[0]!.cid} of datanet 7 version 1 \\(manifest ${manifestCid}\\) could not be found`
				)
			);
		} finally {
			await d.stop();
		}
	});
});
