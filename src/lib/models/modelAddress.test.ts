import { describe, expect, it } from 'vitest';
import { parseFolderAddress, readFolderFiles } from './modelAddress.ts';

describe('parseFolderAddress', () => {
	it('accepts URLs and CIDs, with or without ipfs://', () => {
		expect(parseFolderAddress(' https://example.org/adapters/weather/ ')).toEqual({ kind: 'url', url: 'https://example.org/adapters/weather/' });
		const cid = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
		expect(parseFolderAddress(cid)).toEqual({ kind: 'ipfs', cid });
		expect(parseFolderAddress(`ipfs://${cid}/`)).toEqual({ kind: 'ipfs', cid });
		expect(parseFolderAddress('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG')).toEqual({
			kind: 'ipfs',
			cid: 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG'
		});
	});

	it('says what it accepts when given something else', () => {
		expect(() => parseFolderAddress('my-adapter')).toThrow(/neither an http\(s\) URL nor an IPFS CID/);
		expect(() => parseFolderAddress('ftp://x/y')).toThrow(/neither/);
	});
});

describe('readFolderFiles', () => {
	it('reads the files a folder has and leaves out the rest', async () => {
		const folder: Record<string, Uint8Array> = { 'a.json': Uint8Array.of(1) };
		expect(await readFolderFiles(async (name) => folder[name], ['a.json', 'b.json'])).toEqual({ 'a.json': Uint8Array.of(1) });
	});
});
