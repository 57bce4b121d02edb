// The version manifest's canonical encoding and its validation, and a round trip through two real Helia nodes on
// 127.0.0.1: the CID DatanetRegistry.approve records must resolve, on another node, to the same manifest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHelia, type NodeHelia } from '../../../cli/peer/createNodeHelia.ts';
import { startConnectedNodes } from '../../../cli/peer/connectedNodes.testing.ts';
import { rejectionOf } from '../../../../workers/testing/rejectionOf.ts';
import { addContributionFile } from './contributionContent.ts';
import { InvalidVersionManifestError } from './datanetIpfsErrors.ts';
import {
	addVersionManifest,
	checkVersionManifestRoot,
	encodeVersionManifest,
	parseVersionManifest,
	readVersionManifest,
	versionManifestRoot,
	type VersionManifest
} from './versionManifest.ts';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

function sampleManifest(): VersionManifest {
	const contributions: VersionManifest['contributions'] = [
		{
			id: '3',
			cid: 'bafkreignd3es3hlpruozeffv7zkl4a7nxdmehohzdc55k7d5con3rowzoi',
			contentHash: `0x${'ab'.repeat(32)}`,
			byteSize: '1200',
			acceptedSeq: 1,
			contributor: ALICE
		},
		{
			id: '18446744073709551615',
			cid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
			contentHash: `0x${'cd'.repeat(32)}`,
			byteSize: '9007199254740993',
			acceptedSeq: 2,
			contributor: BOB
		}
	];
	return {
		schema: 'provena.datanet-version/1',
		chainId: 31337,
		registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
		datanetId: '1',
		version: 2,
		root: versionManifestRoot({ contributions }),
		acceptedCount: 2,
		acceptedBytes: (1200n + 9007199254740993n).toString(),
		contributions
	};
}

/** The manifest as JSON, with `edit` applied: for writing invalid manifests. */
function bytesWith(edit: (m: Record<string, any>) => void): Uint8Array {
	const m = JSON.parse(new TextDecoder().decode(encodeVersionManifest(sampleManifest())));
	edit(m);
	return new TextEncoder().encode(JSON.stringify(m));
}

function invalidField(bytes: Uint8Array): string {
	try {
		parseVersionManifest(bytes);
	} catch (error) {
		expect(error).toBeInstanceOf(InvalidVersionManifestError);
		return (error as InvalidVersionManifestError).field;
	}
	throw new Error('expected the manifest to be rejected');
}

describe('encodeVersionManifest / parseVersionManifest', () => {
	it('encodes canonically (fixed key order, trailing newline) and parses back to the same manifest', () => {
		const manifest = sampleManifest();
		const bytes = encodeVersionManifest(manifest);
		const text = new TextDecoder().decode(bytes);
		expect(text.endsWith('}\n')).toBe(true);
		expect(text.indexOf('\n')).toBe(text.length - 1);
		expect(text.startsWith('{"schema":"provena.datanet-version/1","chainId":31337,"registry":"0x5FbDB')).toBe(true);
		expect(text).toContain('"contributions":[{"id":"3","cid":"bafkrei');
		expect(parseVersionManifest(bytes)).toStrictEqual(manifest);

		// Key order, address case and hash case of the input do not change the bytes.
		const shuffled = {
			contributions: manifest.contributions.map((c) => ({
				contributor: c.contributor.toLowerCase() as `0x${string}`,
				acceptedSeq: c.acceptedSeq,
				byteSize: c.byteSize,
				contentHash: c.contentHash.toUpperCase().replace('0X', '0x') as `0x${string}`,
				cid: c.cid,
				id: c.id
			})),
			acceptedBytes: manifest.acceptedBytes,
			acceptedCount: manifest.acceptedCount,
			root: manifest.root,
			version: manifest.version,
			datanetId: manifest.datanetId,
			registry: manifest.registry.toLowerCase() as `0x${string}`,
			chainId: manifest.chainId,
			schema: manifest.schema
		} satisfies VersionManifest;
		expect(Buffer.from(encodeVersionManifest(shuffled)).equals(Buffer.from(bytes))).toBe(true);
	});

	it('names the bad field of an invalid manifest', () => {
		expect(invalidField(bytesWith((m) => (m.schema = 'provena.datanet-version/2')))).toBe('schema');
		expect(invalidField(bytesWith((m) => (m.root = '0x1234')))).toBe('root');
		expect(invalidField(bytesWith((m) => (m.root = `0x${'zz'.repeat(32)}`)))).toBe('root');
		expect(invalidField(bytesWith((m) => (m.contributions[1].contentHash = 'abab')))).toBe(
			'contributions[1].contentHash'
		);
		expect(invalidField(bytesWith((m) => delete m.contributions[0].cid))).toBe('contributions[0].cid');
		expect(invalidField(bytesWith((m) => delete m.registry))).toBe('registry');
		expect(invalidField(bytesWith((m) => (m.contributions[0].cid = 'not-a-cid')))).toBe('contributions[0].cid');
		expect(invalidField(bytesWith((m) => (m.contributions[0].extra = 1)))).toBe('contributions[0].extra');
		expect(invalidField(bytesWith((m) => (m.chainId = '31337')))).toBe('chainId');
		expect(invalidField(bytesWith((m) => (m.version = 0)))).toBe('version');
		expect(invalidField(bytesWith((m) => (m.datanetId = '01')))).toBe('datanetId');
		expect(invalidField(bytesWith((m) => (m.contributions[0].byteSize = 1200)))).toBe('contributions[0].byteSize');
		expect(invalidField(bytesWith((m) => (m.contributions[1].id = '18446744073709551616')))).toBe(
			'contributions[1].id'
		);
		// A mixed-case address with a wrong checksum is a typo, not an address.
		expect(invalidField(bytesWith((m) => (m.contributions[0].contributor = ALICE.replace('C5', 'c5'))))).toBe(
			'contributions[0].contributor'
		);
		expect(invalidField(bytesWith((m) => m.contributions.reverse()))).toBe('contributions[0].acceptedSeq');
		expect(invalidField(bytesWith((m) => (m.acceptedCount = 3)))).toBe('acceptedCount');
		expect(invalidField(bytesWith((m) => (m.acceptedBytes = '1200')))).toBe('acceptedBytes');
		expect(invalidField(bytesWith((m) => (m.contributions = {})))).toBe('contributions');
		expect(invalidField(new TextEncoder().encode('[1,2]'))).toBe('manifest');
		expect(invalidField(new TextEncoder().encode('{"schema":'))).toBe('manifest');
		expect(invalidField(Uint8Array.of(0xff, 0xfe))).toBe('manifest');
	});

	it('explains the problem in the message', () => {
		const error = (() => {
			try {
				return parseVersionManifest(bytesWith((m) => (m.root = '0xnope')));
			} catch (error) {
				return error as InvalidVersionManifestError;
			}
		})() as InvalidVersionManifestError;
		expect(error.shortMessage).toBe(
			'The datanet version manifest is invalid: root is "0xnope", expected 0x followed by 64 hex digits. It was ' +
				'not written by Provena or was altered; rebuild it from the registry (or ask the datanet curator for the ' +
				'right manifest CID).'
		);
	});

	it('refuses to encode an invalid manifest', () => {
		expect(() => encodeVersionManifest({ ...sampleManifest(), acceptedCount: 5 })).toThrow(InvalidVersionManifestError);
	});

	it('checks the Merkle root against the listed contributions', () => {
		const manifest = sampleManifest();
		expect(() => checkVersionManifestRoot(manifest)).not.toThrow();
		const swapped = { ...manifest, contributions: manifest.contributions.map((c) => ({ ...c })) };
		swapped.contributions[0]!.byteSize = '1201';
		expect(() => checkVersionManifestRoot(swapped)).toThrow(
			/root is 0x[0-9a-f]{64}, but the listed contributions give/
		);
	});
});

describe('addVersionManifest / readVersionManifest', () => {
	let a: NodeHelia;
	let b: NodeHelia;
	beforeAll(async () => {
		({ publisher: a, reader: b } = await startConnectedNodes());
	});
	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
	});

	it('adds the manifest on A, pinned, and B reads the same manifest by its CID string', async () => {
		const manifest = sampleManifest();
		const cid = await addVersionManifest(a, manifest);
		expect(await a.pins.isPinned(cid)).toBe(true);
		expect((await addContributionFile(b, encodeVersionManifest(manifest))).cid.equals(cid)).toBe(true);
		const c = await createNodeHelia();
		try {
			await c.libp2p.dial(a.libp2p.getMultiaddrs()[0]!);
			expect(await readVersionManifest(c, cid.toString(), { blockTimeoutMs: 5000 })).toStrictEqual(manifest);
		} finally {
			await c.stop();
		}
	});

	it('rejects a CID that holds something other than a manifest, and a bad CID string', async () => {
		const { cid } = await addContributionFile(a, new TextEncoder().encode('{"prompt":"x","completion":"y"}\n'));
		const error = await rejectionOf(readVersionManifest(b, cid, { blockTimeoutMs: 5000 }));
		expect(error).toBeInstanceOf(InvalidVersionManifestError);
		expect((error as InvalidVersionManifestError).field).toBe('schema');
		expect(((await rejectionOf(readVersionManifest(b, 'bafy-nope'))) as InvalidVersionManifestError).field).toBe(
			'manifestCid'
		);
	});
});
