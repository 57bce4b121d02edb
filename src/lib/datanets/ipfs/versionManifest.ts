// The manifest of a datanet version: which contributions it holds, in acceptance order, with the Merkle root the
// registry publishes. DatanetRegistry.approve takes the manifest's CID in the same transaction that publishes the
// version, so the page builds and adds it before approving; anyone can later read it, check it against the chain
// and fetch the records.
//
// The encoding is canonical (fixed key order, no spaces, checksummed addresses, lowercase hashes, a trailing
// newline) so the same version gives the same bytes, hence the same CID, whoever builds it.
import type { Helia } from '@helia/interface';
import { CID } from 'multiformats/cid';
import { getAddress, isAddress } from 'viem';
import { datanetLeaf } from '../merkle/datanetLeaf.ts';
import { IncrementalMerkleTree } from '../merkle/incrementalMerkleTree.ts';
import { InvalidVersionManifestError } from './datanetIpfsErrors.ts';
import { addUnixfsFile, readUnixfsFile, type AddUnixfsFileOptions, type ReadUnixfsFileOptions } from './unixfsFile.ts';

export const VERSION_MANIFEST_SCHEMA = 'provena.datanet-version/1';

/** One accepted contribution, as the registry holds it. Integers beyond 2^53 are decimal strings. */
export type VersionManifestContribution = {
	/** The registry's contribution id (uint64, decimal). */
	id: string;
	/** The contribution file's CID (canonical string form). */
	cid: string;
	/** sha-256 of the contribution file's bytes (bytes32). */
	contentHash: `0x${string}`;
	/** The file's size in bytes (uint64, decimal). */
	byteSize: string;
	/** Its position in the datanet's acceptance order, from 1. */
	acceptedSeq: number;
	contributor: `0x${string}`;
};

export type VersionManifest = {
	schema: typeof VERSION_MANIFEST_SCHEMA;
	chainId: number;
	/** The DatanetRegistry's address. */
	registry: `0x${string}`;
	/** uint64, decimal. */
	datanetId: string;
	/** The version number the approve transaction publishes (from 1). */
	version: number;
	/** The Merkle root over the contributions' leaves (DatanetRegistry.leafOf), in acceptance order. */
	root: `0x${string}`;
	/** How many contributions the version holds: contributions.length. */
	acceptedCount: number;
	/** Their total size in bytes (uint64 as a decimal string). */
	acceptedBytes: string;
	/** Every accepted contribution, in acceptance order: the i-th has acceptedSeq i + 1. */
	contributions: VersionManifestContribution[];
};

const MANIFEST_KEYS = [
	'schema',
	'chainId',
	'registry',
	'datanetId',
	'version',
	'root',
	'acceptedCount',
	'acceptedBytes',
	'contributions'
] as const;
const CONTRIBUTION_KEYS = ['id', 'cid', 'contentHash', 'byteSize', 'acceptedSeq', 'contributor'] as const;
const UINT32_MAX = 2 ** 32 - 1;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Checks every field of `value` and returns the manifest in canonical form (checksummed addresses, lowercase
 * hashes, canonical CID strings). Throws InvalidVersionManifestError naming the first bad field.
 *
 * @example const manifest = validateVersionManifest(JSON.parse(text));
 */
export function validateVersionManifest(value: unknown): VersionManifest {
	const m = record(value, 'manifest', MANIFEST_KEYS);
	if (m.schema !== VERSION_MANIFEST_SCHEMA)
		fail('schema', `is ${JSON.stringify(m.schema)}, expected "${VERSION_MANIFEST_SCHEMA}"`);
	const chainId = integer(m.chainId, 'chainId', 1, Number.MAX_SAFE_INTEGER);
	const registry = address(m.registry, 'registry');
	const datanetId = uint64(m.datanetId, 'datanetId').toString();
	const version = integer(m.version, 'version', 1, UINT32_MAX);
	const root = bytes32(m.root, 'root');
	const acceptedCount = integer(m.acceptedCount, 'acceptedCount', 0, UINT32_MAX);
	const acceptedBytes = uint64(m.acceptedBytes, 'acceptedBytes');
	if (!Array.isArray(m.contributions)) fail('contributions', 'is not an array');
	let sum = 0n;
	const contributions = (m.contributions as unknown[]).map((item, i): VersionManifestContribution => {
		const at = `contributions[${i}]`;
		const c = record(item, at, CONTRIBUTION_KEYS);
		const byteSize = uint64(c.byteSize, `${at}.byteSize`);
		sum += byteSize;
		const acceptedSeq = integer(c.acceptedSeq, `${at}.acceptedSeq`, 1, UINT32_MAX);
		if (acceptedSeq !== i + 1)
			fail(
				`${at}.acceptedSeq`,
				`is ${acceptedSeq}, but contributions must be listed in acceptance order (expected ${i + 1})`
			);
		return {
			id: uint64(c.id, `${at}.id`).toString(),
			cid: cid(c.cid, `${at}.cid`),
			contentHash: bytes32(c.contentHash, `${at}.contentHash`),
			byteSize: byteSize.toString(),
			acceptedSeq,
			contributor: address(c.contributor, `${at}.contributor`)
		};
	});
	if (acceptedCount !== contributions.length)
		fail('acceptedCount', `is ${acceptedCount}, but ${contributions.length} contributions are listed`);
	if (acceptedBytes !== sum)
		fail('acceptedBytes', `is ${acceptedBytes}, but the listed contributions' byteSize add up to ${sum}`);
	return {
		schema: VERSION_MANIFEST_SCHEMA,
		chainId,
		registry,
		datanetId,
		version,
		root,
		acceptedCount,
		acceptedBytes: acceptedBytes.toString(),
		contributions
	};
}

/**
 * The manifest's canonical bytes: UTF-8 JSON, keys in the order of {@link VersionManifest}, one trailing newline.
 * Validates first, so a bad manifest never reaches IPFS.
 *
 * @example const bytes = encodeVersionManifest(manifest); // same manifest, same bytes, same CID
 */
export function encodeVersionManifest(manifest: VersionManifest): Uint8Array {
	const m = validateVersionManifest(manifest);
	// JSON.stringify keeps insertion order, and validateVersionManifest builds both levels in the canonical order.
	return new TextEncoder().encode(`${JSON.stringify(m)}\n`);
}

/**
 * Decodes and validates manifest bytes (as read from IPFS). Throws InvalidVersionManifestError naming the bad field.
 *
 * @example const manifest = parseVersionManifest(await readFile('manifest.json'));
 */
export function parseVersionManifest(bytes: Uint8Array): VersionManifest {
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (cause) {
		throw new InvalidVersionManifestError('manifest', 'is not UTF-8 JSON', { cause });
	}
	return validateVersionManifest(value);
}

/**
 * The Merkle root over the manifest's contributions (each one's DatanetRegistry leaf, in acceptance order):
 * what `root` must be, and what the registry computes when it approves them.
 *
 * @example manifest.root = versionManifestRoot(manifest);
 */
export function versionManifestRoot(manifest: Pick<VersionManifest, 'contributions'>): `0x${string}` {
	return IncrementalMerkleTree.from(
		manifest.contributions.map((c) =>
			datanetLeaf({
				contributionId: BigInt(c.id),
				contributor: c.contributor,
				contentHash: c.contentHash,
				byteSize: BigInt(c.byteSize)
			})
		)
	).root();
}

/**
 * A manifest for `contributions` (in acceptance order, `acceptedSeq` from 1), with the root, count and size they
 * imply: what the registry will publish for them.
 *
 * @example const manifest = versionManifestOf({ chainId, registry, datanetId: '3', version: 2, contributions });
 */
export function versionManifestOf(
	fields: Pick<VersionManifest, 'chainId' | 'registry' | 'datanetId' | 'version' | 'contributions'>
): VersionManifest {
	return {
		schema: VERSION_MANIFEST_SCHEMA,
		chainId: fields.chainId,
		registry: fields.registry,
		datanetId: fields.datanetId,
		version: fields.version,
		root: versionManifestRoot(fields),
		acceptedCount: fields.contributions.length,
		acceptedBytes: fields.contributions.reduce((sum, c) => sum + BigInt(c.byteSize), 0n).toString(),
		contributions: fields.contributions
	};
}

/**
 * Throws InvalidVersionManifestError when `root` is not the Merkle root of the listed contributions (a manifest
 * that lists other contributions than the version it names). Costs about two keccak hashes per contribution.
 */
export function checkVersionManifestRoot(manifest: VersionManifest): void {
	const expected = versionManifestRoot(manifest);
	if (expected !== manifest.root.toLowerCase())
		fail('root', `is ${manifest.root}, but the listed contributions give ${expected}`);
}

/**
 * Adds the manifest's canonical bytes as a UnixFS file (the settings of contribution files) and pins it locally.
 * Its CID is what DatanetRegistry.approve takes as `manifestCid`.
 *
 * @example const manifestCid = await addVersionManifest(node.helia, manifest); await approve(id, ids, manifestCid.toString());
 */
export async function addVersionManifest(
	helia: Helia,
	manifest: VersionManifest,
	options: Pick<AddUnixfsFileOptions, 'signal'> = {}
): Promise<CID> {
	return (await addUnixfsFile(helia, encodeVersionManifest(manifest), options)).cid;
}

/**
 * Reads and validates the manifest `cid` (a CID or its string, as the VersionPublished event holds it).
 * A block that does not arrive in time throws IpfsContentUnavailableError.
 */
export async function readVersionManifest(
	helia: Helia,
	manifestCid: CID | string,
	options: ReadUnixfsFileOptions = {}
): Promise<VersionManifest> {
	let root: CID;
	try {
		root = typeof manifestCid === 'string' ? CID.parse(manifestCid) : manifestCid;
	} catch (cause) {
		throw new InvalidVersionManifestError('manifestCid', `"${String(manifestCid)}" is not a valid CID`, { cause });
	}
	return parseVersionManifest(await readUnixfsFile(helia, root, `version manifest ${root}`, options));
}

function fail(field: string, problem: string): never {
	throw new InvalidVersionManifestError(field, problem);
}

function record<K extends string>(value: unknown, field: string, keys: readonly K[]): Record<K, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'is not a JSON object');
	const object = value as Record<string, unknown>;
	for (const key of keys)
		if (!(key in object) || object[key] === undefined) fail(`${prefix(field)}${key}`, 'is missing');
	for (const key of Object.keys(object))
		if (!(keys as readonly string[]).includes(key)) fail(`${prefix(field)}${key}`, 'is not a field of the schema');
	return object as Record<K, unknown>;
}

function prefix(field: string): string {
	return field === 'manifest' ? '' : `${field}.`;
}

function integer(value: unknown, field: string, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
		fail(field, `is ${JSON.stringify(value)}, expected an integer from ${min} to ${max}`);
	return value as number;
}

function uint64(value: unknown, field: string): bigint {
	// Leading zeros would give one number two spellings, and so one version two CIDs.
	if (typeof value !== 'string' || !/^(0|[1-9]\d*)$/.test(value) || BigInt(value) > UINT64_MAX)
		fail(field, `is ${JSON.stringify(value)}, expected a uint64 as a decimal string`);
	return BigInt(value as string);
}

function bytes32(value: unknown, field: string): `0x${string}` {
	if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(value))
		fail(field, `is ${JSON.stringify(value)}, expected 0x followed by 64 hex digits`);
	return (value as string).toLowerCase() as `0x${string}`;
}

function address(value: unknown, field: string): `0x${string}` {
	// isAddress rejects a mixed-case address whose checksum is wrong: likely a typo.
	if (typeof value !== 'string' || !isAddress(value))
		fail(field, `is ${JSON.stringify(value)}, expected an address (0x followed by 40 hex digits, valid checksum)`);
	return getAddress(value as string);
}

function cid(value: unknown, field: string): string {
	if (typeof value === 'string')
		try {
			return CID.parse(value).toString();
		} catch {
			// reported below
		}
	return fail(field, `is ${JSON.stringify(value)}, expected a CID`);
}
