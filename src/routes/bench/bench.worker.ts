// The bench worker: runs one browser benchmark suite (workers/bench/) off the main thread, where the app's engines
// run, and streams its progress lines to the /bench page. Its entry lives with the page, not in workers/, because
// it hands the suites the app's own Helia node (src/lib/ipfs/) for the IPFS tier: workers/ never imports src/.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { expose, reportProgress } from '$workers/rpc/expose.ts';
import type { ProgressSignal } from '$workers/rpc/protocol.ts';
import {
	BrowserBenchError,
	type AttributionWorkerClient,
	type BrowserBenchResult,
	type OpenIpfsFolder
} from '$workers/bench/browserBench.ts';
import { attributionWorker } from '$lib/bridges/attributionBridge.ts';
import { browserBenches, isBrowserBenchName } from '$workers/bench/browserBenches.ts';

/** A throwaway in-memory Helia node that dials the harness's peer, reading the folder `cid`. */
const openIpfsFolder: OpenIpfsFolder = async (peer, cid) => {
	const [{ createBrowserNode }, { unixfsModelReader }] = await Promise.all([
		import('$lib/ipfs/browserNode.ts'),
		import('$lib/ipfs/unixfsModelReader.ts')
	]);
	const node = await createBrowserNode({ peers: [peer], persistent: false, dbName: 'provena-bench-ipfs' });
	if (node.unreachablePeers.length) {
		await node.stop();
		throw new BrowserBenchError(`The bench's IPFS peer is unreachable: ${node.unreachablePeers[0]!.reason}`);
	}
	return { read: unixfsModelReader(node.helia, cid), stop: () => node.stop() };
};

/** The app's attribution worker, through its bridge, for the attribution bench (and the e2e test that Node agrees). */
function attributionWorkerClient(signal: AbortSignal): AttributionWorkerClient {
	return {
		open: (model, adapter) => attributionWorker.call('open', { signal }, model, adapter),
		attributeText: (input) => attributionWorker.call('attributeText', { signal }, input),
		indexBytesFetched: () => attributionWorker.call('indexBytesFetched', { signal }),
		close: () => attributionWorker.close()
	};
}

const api = {
	/** Runs the suite `name` with the page's query options; progress values are strings. */
	run: async (
		signal: ProgressSignal<string>,
		name: string,
		options: Record<string, string>
	): Promise<BrowserBenchResult> => {
		if (!isBrowserBenchName(name)) {
			throw new BrowserBenchError(
				`There is no browser benchmark "${name}"; use one of: ${Object.keys(browserBenches).join(', ')}.`
			);
		}
		return browserBenches[name].run({
			options,
			ortWasmUrl: wasmUrl,
			gpu: (self.navigator as Navigator & { gpu?: GPU }).gpu,
			log: (line) => reportProgress(signal, line),
			signal,
			openIpfsFolder,
			attributionWorker: attributionWorkerClient(signal)
		});
	}
};

export type BenchApi = typeof api;

expose(api);
