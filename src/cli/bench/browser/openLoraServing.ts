// Node side of the `openlora-serving` browser suite: serves the default model folder (with its demo adapters) beside
// the site, and starts a local IPFS peer holding one adapter folder so the browser can time the IPFS tier too; the
// measuring happens in the browser (workers/bench/openLoraServing.ts).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unixfs } from '@helia/unixfs';
import type { CID } from 'multiformats/cid';
import { startPeer } from '../../peer/startPeer.ts';
import { browserBenchSuite } from './browserBenchSuite.ts';
import { defaultBenchModelDir } from './decodeVsTransformers.ts';
import { benchAssetsUrl } from './runBrowserBench.ts';

const suite = 'openlora-serving';

export const openLoraServing = browserBenchSuite(
	suite,
	'OpenLoRA in Chromium: adapter switch by tier (GPU slot, IndexedDB, URL, IPFS), 16-adapter batched arena vs sequential, memory',
	async (log) => {
		const modelDir = process.env.PROVENA_BENCH_MODEL ?? defaultBenchModelDir;
		const adapters = (await readdir(join(modelDir, 'adapters'))).sort();
		if (adapters.length < 2) throw new Error(`The benchmark needs two adapters in ${join(modelDir, 'adapters')}; found ${adapters.length}.`);
		const dataDir = await mkdtemp(join(tmpdir(), 'provena-bench-peer-'));
		const peer = await startPeer({ dataDir });
		const adapterDir = join(modelDir, 'adapters', adapters[0]!);
		const files = await Promise.all(
			['adapter_config.json', 'adapter_model.safetensors'].map(async (name) => ({
				path: name,
				content: new Uint8Array(await readFile(join(adapterDir, name)))
			}))
		);
		let cid: CID | undefined;
		for await (const entry of unixfs(peer.helia).addAll(files, { wrapWithDirectory: true })) cid = entry.cid;
		log(`ipfs: ${adapters[0]} added as ${cid} on ${peer.multiaddrs[0]}`);
		return {
			options: {
				model: `${benchAssetsUrl(suite)}model/`,
				adapters: adapters.join(','),
				arenaRows: process.env.PROVENA_BENCH_ARENA_ROWS ?? '16',
				tokens: process.env.PROVENA_BENCH_TOKENS ?? '16',
				repeats: process.env.PROVENA_BENCH_REPEATS ?? '3',
				backends: process.env.PROVENA_BENCH_BACKENDS ?? 'webgpu,wasm',
				ipfsPeer: peer.multiaddrs[0]!,
				ipfsCid: String(cid)
			},
			assets: [{ to: 'model', from: modelDir }],
			cleanup: async () => {
				await peer.stop();
				await rm(dataDir, { recursive: true, force: true });
			}
		};
	}
);
