// A worker made of a MessageChannel, for Node tests of the real bridge against the real expose(): expose() serves a
// fresh API on one port (as a newly started worker would), the bridge talks to the other.
import { expose, type ExposePort } from '../../../workers/rpc/expose.ts';
import type { WorkerApi } from '../../../workers/rpc/protocol.ts';
import type { WorkerLike } from './workerBridge.ts';

/** How many workers a test's bridge started and terminated. */
export type WorkerCounts = { started: number; terminated: number };

/**
 * A `start` function for createBridge: each call makes a new channel and a new API from `makeApi`.
 *
 * @example
 * const counts = { started: 0, terminated: 0 };
 * const bridge = createBridge<Api>(channelWorkers(() => createIngestApi(count), counts));
 */
export function channelWorkers(makeApi: () => WorkerApi, counts: WorkerCounts = { started: 0, terminated: 0 }): () => WorkerLike {
	return () => {
		counts.started++;
		const { port1, port2 } = new MessageChannel();
		expose(makeApi(), port1 as unknown as ExposePort);
		return Object.assign(port2 as unknown as Omit<WorkerLike, 'terminate'>, {
			terminate() {
				counts.terminated++;
				port1.close();
				port2.close();
			}
		});
	};
}
