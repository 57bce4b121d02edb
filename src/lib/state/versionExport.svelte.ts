// Taking a datanet version out of the page: its manifest is read from IPFS by CID, then every contribution's records
// (checked against their on-chain content hashes) are saved as one JSONL file, or the whole DAG as a CAR file that
// any IPFS node can import. Works in a fresh browser: the blocks come from whichever peer has them.
import { CID } from 'multiformats/cid';
import { readVersionManifest, type VersionManifest } from '$lib/datanets/ipfs/versionManifest.ts';
import { versionCar, versionRecordsJsonl } from '$lib/datanets/ipfs/exportVersion.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { ipfsNode } from './ipfsNode.svelte.ts';

export type ExportFormat = 'jsonl' | 'car';

export class VersionExport {
	status = $state<'idle' | 'working' | 'done' | 'failed'>('idle');
	format = $state<ExportFormat>();
	progress = $state<{ done: number; total: number }>();
	error = $state<string>();
	manifest = $state.raw<VersionManifest>();

	/** Reads the version and hands the file to the browser's downloads. */
	async download(manifestCid: string, format: ExportFormat, fileStem: string): Promise<void> {
		this.status = 'working';
		this.format = format;
		this.error = undefined;
		this.progress = undefined;
		try {
			const helia = await ipfsNode.ready();
			const cid = CID.parse(manifestCid);
			const manifest = await readVersionManifest(helia, cid, { blockTimeoutMs: 15_000 });
			this.manifest = manifest;
			let parts: BlobPart[];
			if (format === 'jsonl') {
				parts = [(await versionRecordsJsonl(helia, manifest, { onProgress: (p) => (this.progress = p) })) as BlobPart];
			} else {
				parts = [];
				for await (const chunk of await versionCar(helia, cid, manifest)) parts.push(chunk as BlobPart);
			}
			saveFile(
				new Blob(parts, { type: format === 'jsonl' ? 'application/jsonl' : 'application/vnd.ipld.car' }),
				`${fileStem}.${format}`
			);
			this.status = 'done';
		} catch (error) {
			this.status = 'failed';
			this.error = `${errorMessage(error)} Check the IPFS connection on the System page and try again.`;
		}
	}
}

function saveFile(blob: Blob, name: string) {
	const url = URL.createObjectURL(blob);
	const link = Object.assign(document.createElement('a'), { href: url, download: name });
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
