// The Chromium half of the attribution bench (`attribution-browser`): the fixture adapter (attributionFixture.ts)
// attributed in Node and in headless Chromium (the AttributionSession the attribution worker runs, in a Web Worker,
// fetching the folder over HTTP), with the time per answer in each, their ratio, the span index each fetched, and how
// many answers gave identical integers (all of them, or the engine is broken); then the `attribution` suite's costs
// in Chromium (SA-IS, span index and query with bytes read, gradient scoring) at PROVENA_BENCH_ATTRIBUTION_BROWSER_SIZES
// (default 1e6,1e7), to compare with the Node suite's rows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { AttributionSession } from '../../../../workers/ml/attribution/attributionSession.ts';
import type { AttributionReport } from '../../../../workers/ml/attribution/attributionReport.ts';
import { spanQueryRows, suffixArrayBuild } from '../../../../workers/bench/attributionCosts.ts';
import { attributionFixture } from '../../attributionQuality/attributionFixture.ts';
import { directoryReader } from '../../directoryReader.ts';
import { repoRoot } from '../../paths.ts';
import type { BenchRow, BenchSuite } from '../types.ts';
import { benchAssetsUrl, runBrowserBench } from './runBrowserBench.ts';

const suite = 'attribution';
const MODEL_DIR = join(repoRoot, 'static/models/provena-tiny');

export const attributionBrowser: BenchSuite = {
	title: 'Attribution in Chromium against Node: time per answer, index fetched, identical integers',
	async run(log) {
		const dir = await mkdtemp(join(tmpdir(), 'provena-bench-attribution-'));
		try {
			log('training the fixture adapter (provena train)…');
			const fixture = await attributionFixture(dir, MODEL_DIR);
			const session = new AttributionSession();
			const nodeReports: AttributionReport[] = [];
			const nodeTimes: number[] = [];
			try {
				await session.open(directoryReader(MODEL_DIR), directoryReader(fixture.adapterDir), { model: MODEL_DIR });
				for (const answer of fixture.answers) {
					const started = performance.now();
					nodeReports.push(await session.attributeText(answer));
					nodeTimes.push(performance.now() - started);
				}
			} finally {
				session.close();
			}
			const result = await runBrowserBench({
				suite,
				log,
				options: {
					model: `${benchAssetsUrl(suite)}model/`,
					adapter: `${benchAssetsUrl(suite)}adapter/`,
					answers: JSON.stringify(fixture.answers)
				},
				assets: [
					{ to: 'model', from: MODEL_DIR },
					{ to: 'adapter', from: fixture.adapterDir }
				]
			});
			const sizes = process.env.PROVENA_BENCH_ATTRIBUTION_BROWSER_SIZES ?? '1e6,1e7';
			const costs = await runBrowserBench({ suite: 'attribution-costs', log, options: { sizes }, assets: [] });
			// The same measurements in Node, in this run, for the ratios.
			const nodeCosts: BenchRow[] = [];
			for (const size of sizes.split(',').map(Number)) {
				nodeCosts.push(suffixArrayBuild(size).row);
				nodeCosts.push(...(await spanQueryRows(size, log)));
			}
			const ratios = costs.rows.flatMap((row): BenchRow[] => {
				const node = nodeCosts.find((n) => n.name === row.name);
				if (!node || !/^(SA-IS|span attribution)/.test(row.name)) return [];
				// tokens/s: Node ÷ Chromium; ms: Chromium ÷ Node; either way, how much slower Chromium is.
				const slower = row.unit === 'ms' ? row.value / node.value : node.value / row.value;
				return [{ name: `Chromium ÷ Node time: ${row.name}`, value: Number(slower.toFixed(2)), unit: 'ratio' }];
			});
			const browserRow = result.rows.find((row) => Array.isArray(row.details?.['reports']));
			const browserReports = (browserRow?.details?.['reports'] ?? []) as AttributionReport[];
			const identical = nodeReports.filter((report, i) => isDeepStrictEqual(report, browserReports[i])).length;
			const steady = nodeTimes.length > 1 ? nodeTimes.slice(1) : nodeTimes;
			const nodeMs = steady.reduce((a, b) => a + b, 0) / steady.length;
			const rows: BenchRow[] = [
				...result.rows.map((row) => ({ ...row, name: `Chromium: ${row.name}`, details: {} })),
				...costs.rows.map((row) => ({ ...row, name: `Chromium: ${row.name}` })),
				...ratios,
				{
					name: 'Node: attribution of one answer (spans + gradients at every checkpoint)',
					value: Math.round(nodeMs),
					unit: 'ms'
				},
				{
					name: 'Chromium ÷ Node time per answer',
					value: Number(((browserRow?.value ?? NaN) / nodeMs).toFixed(2)),
					unit: 'ratio'
				},
				{
					name: 'answers with identical integers in Chromium and Node',
					value: identical,
					unit: `of ${nodeReports.length}`,
					target: nodeReports.length,
					atLeast: true
				}
			];
			return {
				suite: 'attribution-browser',
				title: this.title,
				environment: `${result.environment}; Node ${process.version}; the fixture adapter (4 planted-fact contributions, 6 steps) on provena-tiny`,
				rows
			};
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}
};
