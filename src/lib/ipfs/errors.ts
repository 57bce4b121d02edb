// Errors raised by the IPFS layer (browser node, pinning client). Each message says what happened and
// what to do next; `shortMessage` and `details` survive a worker boundary as plain strings.

import { ProvenaError, type ProvenaErrorOptions } from '../../../workers/shared/errors/ProvenaError.ts';

export type IpfsErrorOptions = ProvenaErrorOptions;

/** Base class of every error this layer throws. */
export class IpfsError extends ProvenaError {
	override name = 'IpfsError';
}

/** Opening the IndexedDB stores failed: private browsing, storage disabled, or quota exhausted. */
export class IndexedDbUnavailableError extends IpfsError {
	override name = 'IndexedDbUnavailableError';
	constructor(options: IpfsErrorOptions = {}) {
		super(
			'IndexedDB is not available (private browsing, or site storage blocked?). Allow site data for this ' +
				'page or leave private browsing, then reload; or start the node in memory ({ persistent: false }), ' +
				'which forgets everything on reload.',
			options
		);
	}
}

/** A configured peer could not be dialled; the node itself keeps running. */
export class PeerDialError extends IpfsError {
	override name = 'PeerDialError';
	readonly addr: string;
	constructor(addr: string, options: IpfsErrorOptions = {}) {
		super(
			`Could not connect to the IPFS peer ${addr}. Is it running (\`npm run peer\`) and is the multiaddr ` +
				'(port and /p2p/ peer id) the one it printed?',
			options
		);
		this.addr = addr;
	}
}

/** The pinning service rejected the access token (HTTP 401). */
export class PinningUnauthorizedError extends IpfsError {
	override name = 'PinningUnauthorizedError';
	constructor(endpoint: string, options: IpfsErrorOptions = {}) {
		super(
			`The pinning service at ${endpoint} refused the access token (401). Check the access token ` +
				'configured for it (for the local peer: the value of the env variable named by --token).',
			options
		);
	}
}

/** The pinning service could not be reached at all (network error, CORS, wrong URL). */
export class PinningServiceUnreachableError extends IpfsError {
	override name = 'PinningServiceUnreachableError';
	constructor(endpoint: string, options: IpfsErrorOptions = {}) {
		super(
			`Could not reach the pinning service at ${endpoint}. Is it running (\`npm run peer\` for the local ` +
				'one) and is the URL correct?',
			options
		);
	}
}

/** The pinning service answered with an error (400, 404, 5xx …); `reason` is the spec's error code. */
export class PinningRequestError extends IpfsError {
	override name = 'PinningRequestError';
	readonly status: number;
	readonly reason: string;
	constructor(status: number, reason: string, options: IpfsErrorOptions = {}) {
		super(
			status === 404
				? `The pinning service has no such pin request (${reason}). It may have been removed; list the pins to see what is there.`
				: status >= 500
					? `The pinning service failed (${status} ${reason}). Try again; if it persists, check the service's log.`
					: `The pinning service rejected the request (${status} ${reason}). Fix the request and try again.`,
			options
		);
		this.status = status;
		this.reason = reason;
	}
}

/** A pin request ended in `failed` (typically: no connected peer had the data in time). */
export class PinFailedError extends IpfsError {
	override name = 'PinFailedError';
	readonly requestid: string;
	constructor(requestid: string, cid: string, options: IpfsErrorOptions = {}) {
		super(
			`The pinning service could not pin ${cid}. Keep a node that has the data connected to the service ` +
				'(or pass it in `origins`) and pin again.',
			options
		);
		this.requestid = requestid;
	}
}
