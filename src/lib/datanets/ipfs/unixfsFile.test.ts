// The fixed chunker and balanced layout that keep datanet CIDs stable. Files big enough to need a second level of
// the DAG (over 1 GiB) are too slow to add in a test, so the layout is driven directly with a recording reducer;
// chunk boundaries are checked against @helia/unixfs's own defaults on a real node.
import { randomBytes } from 'node:crypto';
import { unixfs } from '@helia/unixfs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHelia, type NodeHelia } from '../../../cli/peer/createNodeHelia.ts';
import { DATANET_UNIXFS_OPTIONS, UNIXFS_CHUNK_SIZE, UNIXFS_MAX_LINKS, addUnixfsFile } from './unixfsFile.ts';

type Layout = typeof DATANET_UNIXFS_OPTIONS.layout;
type Node = Parameters<Parameters<Layout>[1]>[0][number];

describe('DATANET_UNIXFS_OPTIONS.layout', () => {
	it('groups 1024 links per node, level by level, like a balanced DAG', async () => {
		const reductions: number[][] = [];
		let next = 0;
		const node = (n: number) => ({ id: n }) as unknown as Node;
		const reduce = async (leaves: Node[]) => {
			reductions.push(leaves.map((leaf) => (leaf as unknown as { id: number }).id));
			return node(next++);
		};
		const leaves = Array.from({ length: 2 * UNIXFS_MAX_LINKS + 2 }, (_, i) => node(-1 - i));
		const root = await DATANET_UNIXFS_OPTIONS.layout(leaves, reduce);
		expect(reductions.map((r) => r.length)).toStrictEqual([UNIXFS_MAX_LINKS, UNIXFS_MAX_LINKS, 2, 3]);
		expect(reductions[3]).toStrictEqual([0, 1, 2]);
		expect((root as unknown as { id: number }).id).toBe(3);

		reductions.length = 0;
		await DATANET_UNIXFS_OPTIONS.layout([node(-1)], reduce);
		expect(reductions.map((r) => r.length)).toStrictEqual([1]);
	});
});

describe('DATANET_UNIXFS_OPTIONS.chunker', () => {
	it('cuts 1 MiB chunks whatever the input slices, and one empty chunk for an empty input', async () => {
		async function sizes(slices: number[]): Promise<number[]> {
			async function* source() {
				for (const size of slices) yield new Uint8Array(size).fill(7);
			}
			const out: number[] = [];
			for await (const chunk of DATANET_UNIXFS_OPTIONS.chunker(source())) out.push(chunk.length);
			return out;
		}
		expect(await sizes([])).toStrictEqual([0]);
		expect(await sizes([UNIXFS_CHUNK_SIZE])).toStrictEqual([UNIXFS_CHUNK_SIZE]);
		expect(await sizes([300_000, 900_000, 1_000_000])).toStrictEqual([
			UNIXFS_CHUNK_SIZE,
			UNIXFS_CHUNK_SIZE,
			2_200_000 - 2 * UNIXFS_CHUNK_SIZE
		]);
	});
});

describe('addUnixfsFile', () => {
	let node: NodeHelia;
	beforeAll(async () => {
		node = await createNodeHelia();
	});
	afterAll(async () => {
		await node?.stop();
	});

	it('gives the CIDs of @helia/unixfs defaults at chunk boundaries', async () => {
		for (const size of [1, UNIXFS_CHUNK_SIZE - 1, UNIXFS_CHUNK_SIZE, UNIXFS_CHUNK_SIZE + 1, 2 * UNIXFS_CHUNK_SIZE]) {
			const bytes = new Uint8Array(randomBytes(size));
			const ours = await addUnixfsFile(node, bytes);
			expect(ours.cid.equals(await unixfs(node).addBytes(bytes)), `size ${size}`).toBe(true);
			expect(ours.blocks).toBe(size <= UNIXFS_CHUNK_SIZE ? 1 : Math.ceil(size / UNIXFS_CHUNK_SIZE) + 1);
		}
	});
});
