// The memory store behind the same interface as the IndexedDB one (which the e2e tests exercise in Chromium), and
// the keys that keep one account's runs from another's.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FINE_TUNE_SETTINGS } from '../../../workers/ml/factory/fineTuneSettings.ts';
import {
	memoryCheckpointStore,
	openCheckpointStore,
	runKey,
	scopePrefix,
	type FineTuneRun,
	type RunScope
} from './checkpointStore.ts';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

function run(
	scope: RunScope,
	runId: string,
	updatedAt: number,
	status: FineTuneRun['status'] = 'training'
): FineTuneRun {
	return {
		key: runKey({ ...scope, runId }),
		chainId: scope.chainId,
		account: scope.account?.toLowerCase(),
		runId,
		baseModel: { address: 'http://127.0.0.1/models/provena-tiny/', label: 'Provena Tiny' },
		data: [{ datanetId: '1', version: 2, manifestCid: 'bafy-manifest', licence: 'CC0-1.0' }],
		settings: DEFAULT_FINE_TUNE_SETTINGS,
		checkpoint: { step: 40, bytes: Uint8Array.of(1, 2, 3) },
		lossLog: [{ step: 20, trainLoss: 2.1, validationLoss: 2.3 }],
		status,
		createdAt: 0,
		updatedAt
	};
}

describe('checkpoint store keys', () => {
	it('keys runs by chain, account (any case) and run id', () => {
		const a = runKey({ chainId: 31337, account: ALICE, runId: 'r1' });
		expect(a).toBe(`31337:${ALICE.toLowerCase()}:r1`);
		expect(runKey({ chainId: 31337, account: ALICE.toLowerCase(), runId: 'r1' })).toBe(a);
		expect(runKey({ chainId: 1612, account: ALICE, runId: 'r1' })).not.toBe(a);
		expect(a.startsWith(scopePrefix({ chainId: 31337, account: ALICE }))).toBe(true);
	});

	it('gives runs started without a wallet their own scope', () => {
		expect(scopePrefix({ chainId: 31337, account: undefined })).toBe('31337:no-account:');
	});

	it('does not let one chain id prefix another (31337 is not 313370)', () => {
		expect(
			runKey({ chainId: 313370, account: ALICE, runId: 'r' }).startsWith(
				scopePrefix({ chainId: 31337, account: ALICE })
			)
		).toBe(false);
	});
});

describe('memory checkpoint store', () => {
	const alice = { chainId: 31337, account: ALICE };
	const bob = { chainId: 31337, account: BOB };

	it('saves, reads back the checkpoint bytes, lists a scope newest first and deletes', async () => {
		const store = memoryCheckpointStore();
		await store.put(run(alice, 'old', 1));
		await store.put(run(alice, 'new', 2));
		await store.put(run(bob, 'bobs', 3));
		const saved = await store.get(runKey({ ...alice, runId: 'old' }));
		expect(saved?.checkpoint?.bytes).toEqual(Uint8Array.of(1, 2, 3));
		expect(saved?.lossLog).toEqual([{ step: 20, trainLoss: 2.1, validationLoss: 2.3 }]);
		expect((await store.list(alice)).map((r) => r.runId)).toEqual(['new', 'old']);
		expect((await store.list(bob)).map((r) => r.runId)).toEqual(['bobs']);
		await store.delete(runKey({ ...alice, runId: 'old' }));
		expect((await store.list(alice)).map((r) => r.runId)).toEqual(['new']);
	});

	it('offers runs with training left, and trained adapters until they are registered', async () => {
		const store = memoryCheckpointStore();
		const trained = {
			files: [],
			evaluation: { validationCount: 0, base: null, adapter: null, samples: [], maxNewTokens: 0 },
			totalSteps: 4,
			seconds: 1,
			tokensPerSecond: 10
		};
		const pinned = { folderCid: 'bafy-folder', fileCids: {} };
		await store.put(run(alice, 'training', 1, 'training'));
		await store.put(run(alice, 'paused', 2, 'paused'));
		await store.put(run(alice, 'stopped', 3, 'stopped'));
		await store.put(run(alice, 'finished', 4, 'finished'));
		await store.put({ ...run(alice, 'unregistered', 5, 'finished'), trained, publication: pinned });
		await store.put({ ...run(alice, 'registered', 6, 'finished'), trained, publication: { ...pinned, modelId: '3' } });
		expect((await store.listUnfinished(alice)).map((r) => r.runId)).toEqual([
			'unregistered',
			'stopped',
			'paused',
			'training'
		]);
	});

	it('replaces a run saved again under its key (a later checkpoint)', async () => {
		const store = memoryCheckpointStore();
		await store.put(run(alice, 'r', 1));
		await store.put({ ...run(alice, 'r', 2), checkpoint: { step: 60, bytes: Uint8Array.of(7) } });
		const runs = await store.list(alice);
		expect(runs).toHaveLength(1);
		expect(runs[0]!.checkpoint).toEqual({ step: 60, bytes: Uint8Array.of(7) });
	});

	it('falls back to memory where there is no IndexedDB (Node)', async () => {
		expect((await openCheckpointStore(undefined)).kind).toBe('memory');
	});
});
