// Suite `attribution` (issue 13), in Node: suffix-array builds against libdivsufsort, span attribution through a
// chunked index at growing corpus sizes, and the gradient method's costs on the default model. Sizes come from
// PROVENA_BENCH_ATTRIBUTION_SIZES (comma-separated token counts; default 1e6,1e7).
import { cpus, totalmem } from 'node:os';
import { gradientRows } from './attributionGradients.ts';
import { spanQueryRows, suffixArrayRows } from './attributionSpans.ts';
import type { BenchSuite } from './types.ts';

const SIZES = (process.env.PROVENA_BENCH_ATTRIBUTION_SIZES ?? '1e6,1e7').split(',').map(Number);

export const attribution: BenchSuite = {
	title: 'Attribution: suffix arrays vs libdivsufsort, span queries on chunked indexes, gradient sketch costs (Node)',
	async run(log) {
		const { rows, notes } = suffixArrayRows(SIZES, log);
		for (const size of SIZES) rows.push(...(await spanQueryRows(size, log)));
		rows.push(...(await gradientRows(log)));
		return {
			suite: 'attribution',
			title: this.title,
			environment: `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Zipf tokens over a 49 152-token vocabulary; jax-js on Wasm`,
			rows,
			notes: [
				...notes,
				'Token suffix arrays: SA-IS in TypeScript over token ids; libdivsufsort over the same tokens as two big-endian bytes each (its suffixes at even offsets are the token suffixes; the orders are compared).',
				'Span queries read the index through its chunked reader (a hash tree of small suffix-array chunks with 8 tokens inline, corpus tokens in 2 048-token files; every chunk checked against its parent): "index read" is what a page would fetch from IPFS.',
				'Chromium figures for this suite are not measured yet.'
			]
		};
	}
};
