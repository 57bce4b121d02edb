// Putting bytes (one file, or a folder) on IPFS as the user lives it: added to the page's node and pinned there (progress shown), then a
// remote pin requested from the user's pinning service. A service that is down or refuses is not a dead end: the
// bytes stay pinned here, the CID is kept, and `retryRemotePin` asks again. When the transaction the content was
// published for is cancelled before it is sent, `release` undoes what this publish pinned (see releaseUnsentPins).
import type { Helia } from '@helia/interface';
import type { CID } from 'multiformats/cid';
import { addContributionFile } from '$lib/datanets/ipfs/contributionContent.ts';
import { addUnixfsFolder, type FolderFile } from '$lib/ipfs/unixfsFolder.ts';
import { requestRemotePin, type RemotePinOutcome } from '$lib/ipfs/pinning/requestRemotePin.ts';
import { releaseUnsentPins, type ReleasedPins } from '$lib/ipfs/pinning/releaseUnsentPins.ts';
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
	/** What the last `release` undid (shown after a cancelled transaction). */
	released = $state<ReleasedPins>();

	readonly #name: string;
	/** Whether this publish added the local pin (false: the node had it pinned before, so it is not ours to remove). */
	#pinnedHere = false;
	/** A release still unpinning: a new publish of the same bytes waits for it, or it would unpin the new one's pin. */
	#releasing: Promise<void> = Promise.resolve();

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
		this.released = undefined;
		this.#pinnedHere = false;
	}

	/**
	 * Resumes from a CID added before (a reload): nothing is added again, the remote state is what was saved. The
	 * local pin counts as this publish's own: a draft's records were pinned for that draft.
	 */
	restore(cid: string, remote: RemotePinOutcome | undefined): void {
		this.cid = cid;
		this.remote = remote;
		this.status = 'done';
		this.#pinnedHere = true;
	}

	/**
	 * Undoes this publish because the transaction it was for will not be sent: unpins here (if this publish pinned it)
	 * and deletes its request on the pinning service, then returns to nothing published. Never throws.
	 */
	async release(): Promise<void> {
		const cid = this.cid;
		if (!cid || this.busy) return;
		const requestid = this.remote && 'requestid' in this.remote ? this.remote.requestid : undefined;
		const pinnedHere = this.#pinnedHere;
		this.reset();
		this.#releasing = (async () => {
			try {
				const helia = await ipfsNode.ready();
				this.released = await releaseUnsentPins(helia, pinningSettings.client(), { cid, pinnedHere, requestid });
			} catch (error) {
				this.released = { local: 'kept', remote: 'none', problem: `Could not unpin ${cid}: ${errorMessage(error)}` };
			}
		})();
		await this.#releasing;
	}

	/** Adds `bytes`, pins them here, then asks the pinning service; resolves to the CID, or undefined on failure. */
	async publish(bytes: Uint8Array, signal?: AbortSignal): Promise<string | undefined> {
		const added = await this.#add(bytes.byteLength, signal, (helia, onProgress) =>
			addContributionFile(helia, bytes, { ...(signal ? { signal } : {}), onProgress })
		);
		if (!added) return undefined;
		await this.retryRemotePin(signal);
		return this.cid;
	}

	/**
	 * Adds `files` as one UnixFS folder and pins its root here, then asks the pinning service to keep the root;
	 * resolves to the root's CID and each file's CID by path, or undefined on failure (`error` says why).
	 */
	async publishFolder(
		files: readonly FolderFile[],
		signal?: AbortSignal
	): Promise<{ cid: string; fileCids: Record<string, string> } | undefined> {
		const total = files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
		const added = await this.#add(total, signal, (helia, onProgress) =>
			addUnixfsFolder(helia, files, { ...(signal ? { signal } : {}), onProgress })
		);
		if (!added) return undefined;
		await this.retryRemotePin(signal);
		return { cid: added.cid.toString(), fileCids: added.fileCids };
	}

	async #add<T extends { cid: CID; pinnedBefore: boolean }>(
		bytesTotal: number,
		signal: AbortSignal | undefined,
		add: (helia: Helia, onProgress: (p: { bytesDone: number; bytesTotal: number }) => void) => Promise<T>
	): Promise<T | undefined> {
		this.status = 'adding';
		this.error = undefined;
		this.remote = undefined;
		this.released = undefined;
		this.#pinnedHere = false;
		this.progress = { bytesDone: 0, bytesTotal };
		try {
			await this.#releasing;
			signal?.throwIfAborted();
			const added = await add(await ipfsNode.ready(), (p) => (this.progress = p));
			this.cid = added.cid.toString();
			this.#pinnedHere = !added.pinnedBefore;
			return added;
		} catch (error) {
			this.status = 'failed';
			this.error = `Could not add the data to this browser's IPFS node: ${errorMessage(error)}`;
			return undefined;
		}
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
