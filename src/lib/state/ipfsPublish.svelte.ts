// Putting bytes on IPFS as the user lives it: added to the page's node and pinned there (progress shown), then a
// remote pin requested from the user's pinning service. A service that is down or refuses is not a dead end: the
// bytes stay pinned here, the CID is kept, and `retryRemotePin` asks again.
import { addContributionFile } from '$lib/datanets/ipfs/contributionContent.ts';
import { requestRemotePin, type RemotePinOutcome } from '$lib/ipfs/pinning/requestRemotePin.ts';
import type { PinState } from '$lib/ipfs/pinning/pinningClient.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { ipfsNode } from './ipfsNode.svelte.ts';
import { pinningSettings } from './pinningSettings.svelte.ts';

export type IpfsPublishStatus = 'idle' | 'adding' | 'pinning' | 'done' | 'failed';

export class IpfsPublish {
	status = $state<IpfsPublishStatus>('idle');
	/** Bytes added to the local node so far. */
	progress = $state<{ bytesDone: number; bytesTotal: number }>();
	cid = $state<string>();
	/** The remote service's latest status while it works. */
	remoteState = $state<PinState>();
	remote = $state<RemotePinOutcome>();
	error = $state<string>();

	readonly #name: string;

	/** `name` labels the pin in the service's dashboard. */
	constructor(name: string) {
		this.#name = name;
	}

	get busy(): boolean {
		return this.status === 'adding' || this.status === 'pinning';
	}

	/** Back to nothing published (the content changed). */
	reset(): void {
		this.status = 'idle';
		this.cid = undefined;
		this.remote = undefined;
		this.remoteState = undefined;
		this.error = undefined;
	}

	/** Resumes from a CID added before (a reload): nothing is added again, the remote state is what was saved. */
	restore(cid: string, remote: RemotePinOutcome | undefined): void {
		this.cid = cid;
		this.remote = remote;
		this.status = 'done';
	}

	/** Adds `bytes`, pins them here, then asks the pinning service; resolves to the CID, or undefined on failure. */
	async publish(bytes: Uint8Array, signal?: AbortSignal): Promise<string | undefined> {
		this.status = 'adding';
		this.error = undefined;
		this.remote = undefined;
		this.progress = { bytesDone: 0, bytesTotal: bytes.byteLength };
		try {
			const helia = await ipfsNode.ready();
			const { cid } = await addContributionFile(helia, bytes, {
				...(signal ? { signal } : {}),
				onProgress: (p) => (this.progress = p)
			});
			this.cid = cid.toString();
		} catch (error) {
			this.status = 'failed';
			this.error = `Could not add the data to this browser's IPFS node: ${errorMessage(error)}`;
			return undefined;
		}
		await this.retryRemotePin(signal);
		return this.cid;
	}

	/** Asks the pinning service (again) to keep the CID; the outcome is in `remote`, never thrown. */
	async retryRemotePin(signal?: AbortSignal): Promise<RemotePinOutcome | undefined> {
		const cid = this.cid;
		if (!cid) return undefined;
		this.status = 'pinning';
		this.remoteState = undefined;
		this.remote = await requestRemotePin({
			client: pinningSettings.client(),
			cid,
			name: this.#name,
			onStatus: (s) => (this.remoteState = s.status),
			...(signal ? { signal } : {})
		});
		this.status = 'done';
		return this.remote;
	}
}
