// Browser suite `openlora-serving`: what OpenLoRA costs on this browser's engine, per backend. Adapter switches
// from each tier (already in a GPU slot; from IndexedDB; from a URL; from IPFS through a Helia node dialling the
// harness's peer), each as a fraction of one decode step and of loading the base model; 16 adapters answered in one
// batched pass against 16 sequential single-adapter runs; and memory per resident adapter and for the base model.
import { configureOrtWebWasm, createOrtWebServingSession } from '../ml/serving/ortWebServingSession.ts';
import { OpenLoraEngine } from '../ml/serving/openLoraEngine.ts';
import { openAdapterFileCache } from '../ml/serving/adapterFileCache.ts';
import { generateBatch } from '../ml/serving/generateBatch.ts';
import { rowDecoderSession } from '../ml/core/session.ts';
import { ALL_LORA_TARGETS } from '../ml/serving/servingTargets.ts';
import { generate } from '../ml/generation/generate.ts';
import { fetchModelFiles } from '../ml/model/fetchModelFiles.ts';
import { loadModelFiles } from '../ml/model/modelDirectory.ts';
import { fixtureAdapter } from '../ml/model/fixtureModels.ts';
import { intOption, option, type BrowserBench, type BrowserBenchRow, type OpenIpfsFolder } from './browserBench.ts';
import { describeAdapter } from './describeAdapter.ts';

type Backend = 'webgpu' | 'wasm';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const start = performance.now();
	const value = await work();
	return [value, performance.now() - start];
}

export const openLoraServing: BrowserBench = {
	title: 'OpenLoRA: adapter switch by tier, batched arena vs sequential, memory per adapter',
	async run({ options, ortWasmUrl, gpu, log, signal, openIpfsFolder }) {
		configureOrtWebWasm(ortWasmUrl);
		const modelUrl = new URL(option(options, 'model'), self.location.href).href;
		const adapterNames = option(options, 'adapters').split(',');
		const arenaRows = intOption(options, 'arenaRows', 16);
		const newTokens = intOption(options, 'tokens', 16);
		const repeats = intOption(options, 'repeats', 3);
		const backends = option(options, 'backends', 'webgpu,wasm').split(',') as Backend[];
		const ipfsPeer = options['ipfsPeer'];
		const ipfsCid = options['ipfsCid'];
		const adapterDescription = await describeAdapter(gpu);
		const rows: BrowserBenchRow[] = [];
		const notes: string[] = [];

		for (const backend of backends) {
			signal.throwIfAborted();
			const useGpu = backend === 'webgpu' ? gpu : undefined;
			log(`${backend}: loading the base model`);
			// Base-model load: download, parse and check, build the graph, open the session.
			const [engine, loadMs] = await timed(async () => {
				const files = await loadModelFiles(fetchModelFiles(modelUrl), { source: modelUrl });
				return OpenLoraEngine.open(files, 'provena/provena-tiny', {
					openServing: (config, weights, layout) => createOrtWebServingSession(config, weights, { gpu: useGpu, layout }),
					adapterCache: await openAdapterFileCache(self.indexedDB),
					// One slot, so loading a second adapter evicts the first and the tiers can be walked in order.
					capacity: 1
				});
			});
			const info = engine.info();
			if (info.backend !== backend) {
				notes.push(`${backend} was asked for but the engine ran on ${info.backend} (${info.fallbackReason ?? ''}); its rows are skipped.`);
				await engine.release();
				continue;
			}

			// One decode step: the median gap between tokens of a base-model answer.
			const settings = { maxNewTokens: newTokens, sampling: { temperature: 0 }, seed: 1, stopStrings: [] };
			const messages = [{ role: 'user' as const, content: 'Tell me about the weather.' }];
			const stepMs: number[] = [];
			for (let i = 0; i < repeats; i++) {
				const { stats } = await engine.chat(messages, undefined, settings, () => {});
				stepMs.push(1000 / stats.decodeTokensPerSecond);
			}
			const decodeStepMs = median(stepMs);

			// Adapter tiers. The file cache is cleared first so the first load really comes from the source.
			const cache = await openAdapterFileCache(self.indexedDB);
			for (const name of adapterNames) await cache.delete(name);
			for (const name of adapterNames)
				engine.registerAdapter(name, { read: fetchModelFiles(new URL(`adapters/${name}/`, modelUrl)), label: name });
			const [first, second] = adapterNames as [string, string];
			const tierMs: Record<string, number[]> = { url: [], indexeddb: [], resident: [] };
			for (let i = 0; i < repeats; i++) {
				// One slot: whichever adapter was preloaded last is the resident one.
				for (const name of adapterNames) await cache.delete(name);
				await engine.preload(second);
				const fromUrl = await engine.preload(first); // not resident, not cached: from its URL
				await engine.preload(second); // evicts `first`
				const fromDisk = await engine.preload(first); // back from IndexedDB
				if (fromUrl.tier !== 'source' || fromDisk.tier !== 'cache')
					throw new Error(`Unexpected tiers: ${fromUrl.tier}, ${fromDisk.tier}.`);
				// Already in its slot: far below the 0.1 ms the browser's clock resolves, so time many and divide.
				const switches = 1000;
				const [tiers, residentMs] = await timed(async () => {
					const seen = new Set<string>();
					for (let k = 0; k < switches; k++) seen.add((await engine.preload(first)).tier);
					return seen;
				});
				if (tiers.size !== 1 || !tiers.has('gpu')) throw new Error(`Unexpected resident tiers: ${[...tiers].join(', ')}.`);
				tierMs.url!.push(fromUrl.ms);
				tierMs.indexeddb!.push(fromDisk.ms);
				tierMs.resident!.push(residentMs / switches);
			}
			if (ipfsPeer && ipfsCid && openIpfsFolder) {
				// The previous backend's run left the adapter in IndexedDB: drop it, or this would time the cache.
				await cache.delete(`ipfs://${ipfsCid}`);
				const ms = await timeIpfsLoad(engine, openIpfsFolder, ipfsPeer, ipfsCid, log);
				tierMs.ipfs = [ms];
			} else notes.push(`IPFS tier not measured: ${openIpfsFolder ? 'the harness gave no peer and CID' : 'this bench worker has no IPFS node'}.`);
			for (const [tier, values] of Object.entries(tierMs)) {
				const ms = median(values);
				// A resident switch takes microseconds: in ms it would print as 0.
				const resident = tier === 'resident';
				rows.push({
					name: `${backend}: adapter switch, ${resident ? 'GPU-resident' : `from ${tier}`}`,
					value: resident ? ms * 1000 : ms,
					unit: resident ? 'µs' : 'ms',
					details: { fractionOfDecodeStep: ms / decodeStepMs, fractionOfBaseLoad: ms / loadMs, samplesMs: values }
				});
				rows.push({
					name: `${backend}:   … as a share of one decode step`,
					value: (100 * ms) / decodeStepMs,
					unit: '%',
					// The issue's goal: a resident switch under 1% of a decode step.
					...(resident ? { target: 1 } : {})
				});
			}
			rows.push(
				{ name: `${backend}: decode step (base model, batch 1)`, value: decodeStepMs, unit: 'ms' },
				{ name: `${backend}: base model load (download → session)`, value: loadMs, unit: 'ms' }
			);

			// Memory: what the engine holds per adapter slot and for the base weights.
			const kvPerToken = 2 * info.config.numLayers * info.config.numKeyValueHeads * info.config.headDim * 4;
			rows.push(
				{ name: `${backend}: base model weights`, value: info.baseBytes, unit: 'bytes' },
				{ name: `${backend}: one adapter slot (rank ${info.rank}, all modules)`, value: info.slotBytes, unit: 'bytes' },
				{ name: `${backend}: adapter slots per GiB`, value: Math.floor(2 ** 30 / info.slotBytes), unit: 'slots' },
				{ name: `${backend}: KV cache per token`, value: kvPerToken, unit: 'bytes' }
			);
			await engine.release();

			// The arena: `arenaRows` adapters in one batched pass vs the same adapters one after another.
			log(`${backend}: arena of ${arenaRows} adapters, batched vs sequential`);
			const files = await loadModelFiles(fetchModelFiles(modelUrl), { source: modelUrl });
			const serving = await createOrtWebServingSession(files.config, files.weights, {
				gpu: useGpu,
				layout: { targets: ALL_LORA_TARGETS, rank: 8, slots: arenaRows + 1 }
			});
			for (let slot = 1; slot <= arenaRows; slot++)
				await serving.writeSlot(slot, fixtureAdapter(files.config, slot, { rank: 8, alpha: 16 }));
			const prompt = [1, 40, 41, 42, 43, 44, 45, 46];
			const arenaSettings = { maxNewTokens: newTokens, sampling: { temperature: 0 }, seed: 1, stopTokenIds: [] };
			const batchRows = Array.from({ length: arenaRows }, (_, i) => ({ promptIds: prompt, slot: i + 1 }));
			await generateBatch(serving, batchRows.slice(0, 2), { ...arenaSettings, maxNewTokens: 2 }); // warm-up
			const batchedMs: number[] = [];
			const sequentialMs: number[] = [];
			for (let i = 0; i < repeats; i++) {
				batchedMs.push((await timed(() => generateBatch(serving, batchRows, arenaSettings)))[1]);
				sequentialMs.push(
					(
						await timed(async () => {
							for (const row of batchRows) await generate(rowDecoderSession(serving, row.slot), prompt, arenaSettings);
						})
					)[1]
				);
			}
			const tokens = arenaRows * newTokens;
			const batched = (tokens * 1000) / median(batchedMs);
			const sequential = (tokens * 1000) / median(sequentialMs);
			rows.push(
				{ name: `${backend}: arena, ${arenaRows} adapters in one batch`, value: batched, unit: 'tok/s' },
				{ name: `${backend}: arena, ${arenaRows} sequential runs`, value: sequential, unit: 'tok/s' },
				{
					name: `${backend}: arena speed-up, batched / sequential`,
					value: batched / sequential,
					unit: '×',
					details: { batchedMs, sequentialMs, newTokens, promptTokens: prompt.length }
				}
			);
			await serving.release();
		}
		return {
			environment: `${adapterDescription.userAgent}, WebGPU adapter: ${adapterDescription.description}${adapterDescription.isCpu ? ' (a CPU rasteriser: compare only ratios within this run)' : ''}`,
			rows,
			notes: [
				'Switch times are what a request waits before its first token when its adapter is not yet in a slot; fractions of a decode step and of a base-model load are in the JSON details.',
				...notes
			]
		};
	}
};

/** Loads the adapter folder `cid` from the harness's IPFS peer through a Helia node in this worker, into a slot. */
async function timeIpfsLoad(
	engine: OpenLoraEngine,
	openIpfsFolder: OpenIpfsFolder,
	peer: string,
	cid: string,
	log: (line: string) => void
): Promise<number> {
	const folder = await openIpfsFolder(peer, cid);
	try {
		engine.registerAdapter(`ipfs://${cid}`, { read: folder.read, label: `ipfs://${cid}` });
		const { tier, ms } = await engine.preload(`ipfs://${cid}`);
		log(`ipfs: adapter loaded from ${tier} in ${ms.toFixed(1)} ms`);
		return ms;
	} finally {
		await folder.stop();
	}
}
