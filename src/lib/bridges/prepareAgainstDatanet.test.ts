// An upload to a datanet through the real bridge and the real ingest API (served by expose() over a MessageChannel):
// the worker keeps the datanet's index, so a retry or a second upload sends no contribution twice, and a worker
// restarted between "what do you lack?" and "prepare" is sent what it lost.
import { afterEach, describe, expect, it } from 'vitest';
import { createIngestApi, type IngestApi } from '../../../workers/ingest/ingestApi.ts';
import type { ContributionRecords, ContributionRef } from '../../../workers/ingest/dedupe/datanetIndex.ts';
import * as ingestErrors from '../../../workers/ingest/errors.ts';
import { prepareContribution } from '../../../workers/ingest/prepareContribution.ts';
import { CONTRACT_LAW, replaceWords } from '../../../workers/ingest/dedupe/testTexts.ts';
import { sampleSource, tinyTokenCount } from '../../../workers/ingest/testdata/samples.ts';
import { channelWorkers, type WorkerCounts } from './channelWorker.testing.ts';
import { prepareAgainstDatanet, type DatanetContributions } from './prepareAgainstDatanet.ts';
import { createBridge, type Bridge } from './workerBridge.ts';

const tokenCount = tinyTokenCount();
const jsonlOf = (texts: readonly string[]) => new TextEncoder().encode(texts.map((text) => JSON.stringify({ text }) + '\n').join(''));

async function contribution(contributionId: string, bytes: Uint8Array): Promise<ContributionRecords> {
	const source = { name: 'c.jsonl', size: bytes.byteLength, read: async () => bytes };
	const prepared = await prepareContribution([source], { tokenCount, redact: false, against: [], maxTokens: 2048 });
	return { contributionId, cid: `bafy-${contributionId}`, jsonl: prepared.jsonl };
}

const bridges: Bridge<IngestApi>[] = [];
afterEach(() => bridges.splice(0).forEach((b) => b.close()));

function ingestBridge(counts: WorkerCounts) {
	const bridge = createBridge<IngestApi>(
		channelWorkers(() => createIngestApi(async () => tokenCount), counts),
		{ idleMs: Infinity, errors: Object.values(ingestErrors) } // as ingestBridge.ts registers them
	);
	bridges.push(bridge);
	return bridge;
}

/** The datanet as the page sees it, with every read of contribution records logged. */
function datanet(all: ContributionRecords[], reads: string[][]): DatanetContributions {
	return {
		key: '31337/1',
		contributions: all.map(({ contributionId, cid }) => ({ contributionId, cid })),
		read: async (missing: ContributionRef[]) => {
			reads.push(missing.map((m) => m.contributionId));
			return all.filter((c) => missing.some((m) => m.cid === c.cid));
		}
	};
}

describe('prepareAgainstDatanet', () => {
	it('sends each contribution once across retries and uploads, and still finds the duplicates', async () => {
		const counts = { started: 0, terminated: 0 };
		const bridge = ingestBridge(counts);
		const law = await contribution('3', jsonlOf(CONTRACT_LAW));
		const animals = await contribution('1', (await prepareContribution([sampleSource('animal-care.txt')], { tokenCount, redact: false, against: [] })).jsonl);
		const edited = new File([jsonlOf([replaceWords(CONTRACT_LAW[1]!, [12, 70], 'pelican')])], 'edited.jsonl');
		const request = { files: [edited], redact: false, maxTokens: 2048, tokenizerUrl: '/models/tiny/' };
		const reads: string[][] = [];

		const first = await prepareAgainstDatanet(bridge, request, datanet([animals, law], reads), {});
		expect(first.collisions.map((c) => [c.where, c.contributionId])).toEqual([['datanet', '3']]);
		expect(reads).toEqual([['1', '3']]);

		// The same upload again (a retry): nothing is read or sent, the answer is the same.
		const retry = await prepareAgainstDatanet(bridge, request, datanet([animals, law], reads), {});
		expect(retry.collisions).toEqual(first.collisions);
		expect(reads).toEqual([['1', '3']]);

		// A new contribution joined: only it is read and sent.
		const fresh = await contribution('4', jsonlOf(['A record about bees and their hives, nothing like the others.']));
		const second = await prepareAgainstDatanet(bridge, request, datanet([animals, law, fresh], reads), {});
		expect(second.collisions).toEqual(first.collisions);
		expect(reads).toEqual([['1', '3'], ['4']]);
		expect(counts.started).toBe(1);
	});

	it('sends again what a worker restarted between the two calls lost', async () => {
		const counts = { started: 0, terminated: 0 };
		const bridge = ingestBridge(counts);
		const law = await contribution('3', jsonlOf(CONTRACT_LAW));
		const request = { files: [new File([jsonlOf([CONTRACT_LAW[2]!])], 'copy.jsonl')], redact: false, maxTokens: 2048, tokenizerUrl: '/m/' };
		const reads: string[][] = [];
		await prepareAgainstDatanet(bridge, request, datanet([law], reads), {});

		// The worker goes (as an idle stop would) after answering what it lacks and before the upload arrives.
		let stopped = false;
		const stopBeforePrepare: typeof bridge.call = (method, options, ...args) => {
			if (method === 'prepare' && !stopped) {
				stopped = true;
				bridge.close();
			}
			return bridge.call(method, options, ...args);
		};
		const again: string[][] = [];
		const prepared = await prepareAgainstDatanet({ call: stopBeforePrepare }, request, datanet([law], again), {});
		expect(prepared.collisions.map((c) => [c.exact, c.contributionId])).toEqual([[true, '3']]);
		expect(again).toEqual([['3']]);
		expect(counts.started).toBe(2);
	});
});
