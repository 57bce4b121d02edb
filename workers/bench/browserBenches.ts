// The browser benchmark suites, by name: the /bench page's `suite` option picks one and the bench worker runs it.
// A new browser suite is a BrowserBench in this folder, one line here, and a Node-side entry in
// src/cli/bench/browser/ that says which files to serve and which options to pass.
import { answerAttribution } from './answerAttribution.ts';
import { attributionBrowser } from './attributionBrowser.ts';
import { attributionCostsBrowser } from './attributionCostsBrowser.ts';
import type { BrowserBench } from './browserBench.ts';
import { decodeVsTransformers } from './decodeVsTransformers.ts';
import { ingestThroughput } from './ingestThroughput.ts';
import { modelFactoryTraining } from './modelFactoryTraining.ts';
import { openLoraServing } from './openLoraServing.ts';

export const browserBenches = {
	'answer-attribution': answerAttribution,
	attribution: attributionBrowser,
	'attribution-costs': attributionCostsBrowser,
	'decode-vs-transformers': decodeVsTransformers,
	'ingest-throughput': ingestThroughput,
	'modelfactory-training': modelFactoryTraining,
	'openlora-serving': openLoraServing
} satisfies Record<string, BrowserBench>;

/** The name of a registered browser suite. */
export type BrowserBenchName = keyof typeof browserBenches;

/** Whether `name` is a registered browser suite. */
export function isBrowserBenchName(name: string): name is BrowserBenchName {
	return Object.hasOwn(browserBenches, name);
}
