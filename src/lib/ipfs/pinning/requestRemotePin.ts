// Asks the user's remote pinning service to keep a CID alive after the tab closes, and follows the request until
// it is pinned or fails. Never throws for a service problem: the data is already pinned in this browser, so the
// page reports what happened and offers a retry instead of losing anything.
import { errorMessage } from '../../../../workers/shared/errors/errorMessage.ts';
import type { PinningClient, PinStatus } from './pinningClient.ts';

/** Where a remote pin ended up: pinned, failed (with why), or skipped because no service is configured. */
export type RemotePinOutcome =
	| { status: 'pinned'; requestid: string }
	| { status: 'failed'; requestid?: string; message: string }
	| { status: 'skipped'; message: string };

export type RequestRemotePinOptions = {
	/** The configured service, or undefined when the user has none. */
	client: PinningClient | undefined;
	cid: string;
	/** Shown in the service's dashboard, e.g. `provena datanet 3 contribution`. */
	name: string;
	meta?: Record<string, string>;
	/** Called with the service's status on every change (queued → pinning → pinned). */
	onStatus?: (status: PinStatus) => void;
	/** How long to wait for `pinned` before reporting a failure the user can retry. Default 120 s. */
	timeoutMs?: number;
	intervalMs?: number;
	signal?: AbortSignal;
};

/**
 * Requests a remote pin and waits for it.
 *
 * @example
 * const outcome = await requestRemotePin({ client: pinningSettings.client(), cid, name: 'provena datanet 1' });
 * if (outcome.status === 'failed') showRetry(outcome.message);
 */
export async function requestRemotePin(options: RequestRemotePinOptions): Promise<RemotePinOutcome> {
	const { client, cid } = options;
	if (!client)
		return {
			status: 'skipped',
			message:
				'No pinning service is set, so the data lives only in this browser and on peers that fetch it. Set one on the System page to keep it online after you close the tab.'
		};
	const timeout = AbortSignal.timeout(options.timeoutMs ?? 120_000);
	const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
	let requestid: string | undefined;
	try {
		const request = await client.addPin(
			{ cid, name: options.name.slice(0, 255), ...(options.meta ? { meta: options.meta } : {}) },
			{ signal }
		);
		requestid = request.requestid;
		options.onStatus?.(request);
		if (request.status === 'pinned') return { status: 'pinned', requestid };
		await client.waitForPinned(requestid, {
			signal,
			intervalMs: options.intervalMs ?? 500,
			...(options.onStatus ? { onStatus: options.onStatus } : {})
		});
		return { status: 'pinned', requestid };
	} catch (error) {
		options.signal?.throwIfAborted();
		const why = timeout.aborted
			? `The pinning service has not pinned ${cid} after ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s.`
			: errorMessage(error);
		return {
			status: 'failed',
			...(requestid ? { requestid } : {}),
			message: `${why} The data stays pinned in this browser; retry when the service is back.`
		};
	}
}
