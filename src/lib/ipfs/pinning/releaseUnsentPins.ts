// Undoing a publish whose transaction was never sent: content pinned only so that a transaction could point at it
// (a datanet's description, a contribution's records, a version manifest) has no reason to stay pinned when the
// user cancels that transaction. Only what this publish made is released: a local pin the node already had before
// stays, and on the pinning service only our own request is deleted (other requests for the same CID keep theirs).
import type { Helia } from '@helia/interface';
import { CID } from 'multiformats/cid';
import { errorMessage } from '../../../../workers/shared/errors/errorMessage.ts';
import { PinningRequestError } from '../errors.ts';
import type { PinningClient } from './pinningClient.ts';

/** The pins one publish made for a transaction. */
export type PinsMadeForCall = {
	cid: string;
	/** True when the publish added the local pin (false: the node had pinned this CID before, so it stays). */
	pinnedHere: boolean;
	/** The pinning service request the publish created, if it got that far. */
	requestid?: string | undefined;
};

/** What was undone; `problem` says what could not be, in words (never thrown: cancelling must always work). */
export type ReleasedPins = { local: 'unpinned' | 'kept'; remote: 'removed' | 'none'; problem?: string };

/**
 * Unpins the content here (when this publish pinned it) and deletes this publish's request on the pinning service.
 *
 * @example
 * const released = await releaseUnsentPins(helia, pinningSettings.client(), { cid, pinnedHere: true, requestid });
 */
export async function releaseUnsentPins(
	helia: Helia,
	client: PinningClient | undefined,
	made: PinsMadeForCall,
	options: { signal?: AbortSignal } = {}
): Promise<ReleasedPins> {
	const problems: string[] = [];
	let local: ReleasedPins['local'] = 'kept';
	if (made.pinnedHere) {
		try {
			await unpinLocally(helia, CID.parse(made.cid), options.signal);
			local = 'unpinned';
		} catch (error) {
			problems.push(`Could not unpin ${made.cid} in this browser: ${errorMessage(error)}`);
		}
	}
	let remote: ReleasedPins['remote'] = 'none';
	if (made.requestid) {
		if (!client) problems.push(`The pinning service request ${made.requestid} is still there: no pinning service is set any more.`);
		else
			try {
				await client.removePin(made.requestid, options);
				remote = 'removed';
			} catch (error) {
				// Already gone (removed by hand, or expired) is what we wanted.
				if (error instanceof PinningRequestError && error.status === 404) remote = 'removed';
				else problems.push(`The pinning service still keeps ${made.cid}: ${errorMessage(error)} Remove it in the service's dashboard.`);
			}
	}
	return { local, remote, ...(problems.length ? { problem: problems.join(' ') } : {}) };
}

/** Removes this node's pin of `cid` (its blocks go at the next garbage collection); a missing pin is not an error. */
async function unpinLocally(helia: Helia, cid: CID, signal?: AbortSignal): Promise<void> {
	try {
		for await (const _ of helia.pins.rm(cid, { signal }));
	} catch (error) {
		if ((error as Error | null)?.name !== 'NotFoundError') throw error;
	}
}
