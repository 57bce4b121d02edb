// Real Helia nodes on 127.0.0.1 over WebSockets: A adds contribution files, B reads them over bitswap. The CID
// must depend on the bytes alone, progress must be reported while a multi-block file is added and read, and a
// block nobody has must fail with a clear error within the block timeout instead of hanging.
import { randomBytes } from 'node:crypto';
import { unixfs } from '@helia/unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHelia, type NodeHelia } from '../../../cli/peer/createNodeHelia.ts';
import { startConnectedNodes } from '../../../cli/peer/connectedNodes.testing.ts';
import { rejectionOf } from '../../../../workers/testing/rejectionOf.ts';
import { IpfsContentUnavailableError } from '../../ipfs/unixfsModelReader.ts';
import {
	addContributionFile,
	isPinnedLocally,
	readContributionFile,
	type ByteProgress
} from './contributionContent.ts';

const MiB = 1_048_576;
const DAG_PB = 0x70;
let a: NodeHelia;
let b: NodeHelia;

beforeAll(async () => {
	({ publisher: a, reader: b } = await startConnectedNodes());
});
afterAll(async () => {
	await Promise.all([a?.stop(), b?.stop()]);
});

function jsonl(bytes: number): Uint8Array {
	const line = (i: number) => `{"prompt":"q${i} ${randomBytes(24).toString('hex')}","completion":"a${i}"}\n`;
	let text = '';
	for (let i = 0; text.length < bytes; i++) text += line(i);
	return new TextEncoder().encode(text.slice(0, bytes - 1) + '\n');
}

describe('addContributionFile / readContributionFile', () => {
	it('adds a 3 MB file on A with progress, and B reads identical bytes over bitswap with progress', async () => {
		const bytes = jsonl(3 * MiB + 12_345);
		const added: ByteProgress[] = [];
		const { cid, blocks } = await addContributionFile(a, bytes, { onProgress: (p) => added.push({ ...p }) });
		expect(cid.version).toBe(1);
		expect(cid.code).toBe(DAG_PB);
		expect(blocks).toBe(5); // four 1 MiB-or-less raw leaves and the root
		expect(added.length).toBeGreaterThan(2);
		expect(added.at(-1)).toStrictEqual({ bytesDone: bytes.length, bytesTotal: bytes.length });
		expect(added.some((p) => p.bytesDone > 0 && p.bytesDone < bytes.length)).toBe(true);
		for (let i = 1; i < added.length; i++) expect(added[i]!.bytesDone).toBeGreaterThanOrEqual(added[i - 1]!.bytesDone);
		expect(await isPinnedLocally(a, cid)).toBe(true);

		const read: ByteProgress[] = [];
		const back = await readContributionFile(b, cid, { blockTimeoutMs: 10_000, onProgress: (p) => read.push({ ...p }) });
		expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
		expect(read.length).toBeGreaterThan(1);
		expect(read.at(-1)).toStrictEqual({ bytesDone: bytes.length, bytesTotal: bytes.length });
		// Fetched blocks are cached, not pinned: B keeps them only once it adds (pins) the file itself.
		expect(await isPinnedLocally(b, cid)).toBe(false);
		const again = await addContributionFile(b, back);
		expect(again.cid.equals(cid)).toBe(true);
		expect(await isPinnedLocally(b, cid)).toBe(true);
	});

	it('gives the same CID for the same bytes, twice on one node and with @helia/unixfs defaults', async () => {
		const bytes = jsonl(2 * MiB + 7);
		const first = await addContributionFile(a, bytes);
		const second = await addContributionFile(a, new Uint8Array(bytes)); // already pinned: not an error
		expect(second.cid.equals(first.cid)).toBe(true);
		expect(second.blocks).toBe(first.blocks);
		// The second add found the pin there: whoever cancels it must leave the first one's pin alone.
		expect([first.pinnedBefore, second.pinnedBefore]).toEqual([false, true]);
		// Our explicit settings pin today's defaults (CIDv1, raw leaves, 1 MiB chunks, balanced 1024).
		expect((await unixfs(b).addBytes(bytes)).equals(first.cid)).toBe(true);
		const other = bytes.slice();
		other[100] = other[100]! ^ 1;
		expect((await addContributionFile(a, other)).cid.equals(first.cid)).toBe(false);
	});

	it('stores a file of one chunk as a single raw block whose CID is its sha-256, and an empty file too', async () => {
		const small = new TextEncoder().encode('{"prompt":"hi","completion":"hello"}\n');
		const { cid, blocks } = await addContributionFile(a, small);
		expect(blocks).toBe(1);
		expect(cid.equals(CID.createV1(raw.code, await sha256.digest(small)))).toBe(true);
		const exactlyOneChunk = jsonl(MiB);
		expect((await addContributionFile(a, exactlyOneChunk)).cid.code).toBe(raw.code);
		const empty = await addContributionFile(a, new Uint8Array(0));
		expect(empty.cid.equals(await unixfs(b).addBytes(new Uint8Array(0)))).toBe(true);
		expect(await readContributionFile(a, empty.cid)).toStrictEqual(new Uint8Array(0));
	});

	it('does not alias the caller buffer: changing it after adding leaves the stored file intact', async () => {
		const bytes = jsonl(64 * 1024);
		const copy = bytes.slice();
		const { cid } = await addContributionFile(a, bytes);
		bytes.fill(0);
		expect(Buffer.from(await readContributionFile(a, cid)).equals(Buffer.from(copy))).toBe(true);
	});

	it('fails with a clear error, within the block timeout, on a CID nobody has', async () => {
		const nobody = CID.createV1(raw.code, await sha256.digest(randomBytes(32)));
		const started = Date.now();
		const error = await rejectionOf(readContributionFile(b, nobody, { blockTimeoutMs: 1000 }));
		expect(Date.now() - started).toBeLessThan(5000);
		expect(error).toBeInstanceOf(IpfsContentUnavailableError);
		expect((error as IpfsContentUnavailableError).shortMessage).toBe(
			`Contribution file ${nobody} could not be found on the IPFS network within 1 s; check that this node is ` +
				'connected to a peer that has it (for the local peer: `npm run peer`) or that the pinning service ' +
				'holding it is reachable, then try again.'
		);
	});

	it('names the leaf no peer has when only part of a file is reachable', async () => {
		const bytes = jsonl(2 * MiB + 500);
		const { cid } = await addContributionFile(a, bytes);
		const tail = Buffer.from(bytes.subarray(2 * MiB));
		const partial = await createNodeHelia({ listen: ['/ip4/127.0.0.1/tcp/0/ws'] });
		const client = await createNodeHelia();
		try {
			let missing: CID | undefined;
			for await (const { cid: block, bytes: chunks } of a.blockstore.getAll()) {
				const parts: Uint8Array[] = [];
				for await (const chunk of chunks) parts.push(chunk);
				const data = Buffer.concat(parts);
				if (block.code === raw.code && data.equals(tail)) missing = block;
				else await partial.blockstore.put(block, data);
			}
			expect(missing).toBeDefined();
			await client.libp2p.dial(partial.libp2p.getMultiaddrs()[0]!);
			const progress: ByteProgress[] = [];
			const error = await rejectionOf(
				readContributionFile(client, cid, { blockTimeoutMs: 1500, onProgress: (p) => progress.push(p) })
			);
			expect(error).toBeInstanceOf(IpfsContentUnavailableError);
			expect((error as IpfsContentUnavailableError).block).toBe(missing!.toString());
			expect((error as IpfsContentUnavailableError).shortMessage).toMatch(
				new RegExp(
					`^Block ${missing} of contribution file ${cid} could not be found .* within 1\\.5 s \\(after ${2 * MiB} of ${bytes.length} bytes\\)`
				)
			);
			expect(progress.at(-1)?.bytesDone).toBe(2 * MiB);
		} finally {
			await Promise.all([partial.stop(), client.stop()]);
		}
	});

	it('rejects with the signal reason when aborted', async () => {
		const nobody = CID.createV1(raw.code, await sha256.digest(randomBytes(32)));
		const controller = new AbortController();
		const reason = new Error('user left the page');
		setTimeout(() => controller.abort(reason), 200);
		expect(await rejectionOf(readContributionFile(b, nobody, { signal: controller.signal }))).toBe(reason);
		const aborted = AbortSignal.abort(reason);
		expect(await rejectionOf(addContributionFile(a, jsonl(1000), { signal: aborted }))).toBe(reason);
	});
});
