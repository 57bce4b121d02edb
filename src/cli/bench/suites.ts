// The benchmark suites `provena bench` runs, by name. Each issue that names benchmarks adds its suites here.
import { decodeVsTransformers } from './browser/decodeVsTransformers.ts';
import { ingestThroughput } from './browser/ingestThroughput.ts';
import { modelFactoryBrowser } from './browser/modelFactoryBrowserSuite.ts';
import { openLoraServing } from './browser/openLoraServing.ts';
import { attribution } from './attribution.ts';
import { attributionQuality } from './attributionQuality.ts';
import { attributionBrowser } from './browser/attributionBrowser.ts';
import { answerAttribution } from './browser/answerAttributionSuite.ts';
import { contractGas } from './contractGas.ts';
import { ingestDedupe } from './ingestDedupe.ts';
import { datanetSync } from './datanetSync.ts';
import { modelFactory } from './modelFactory.ts';
import { modelFactoryQuality } from './modelFactoryQuality.ts';
import { validatorThroughput } from './validatorThroughput.ts';
import type { BenchSuite } from './types.ts';

export const benchSuites = {
	'answer-attribution': answerAttribution,
	attribution,
	'attribution-browser': attributionBrowser,
	'attribution-quality': attributionQuality,
	'contract-gas': contractGas,
	'datanet-sync': datanetSync,
	'decode-vs-transformers': decodeVsTransformers,
	'ingest-dedupe': ingestDedupe,
	'ingest-throughput': ingestThroughput,
	modelfactory: modelFactory,
	'modelfactory-browser': modelFactoryBrowser,
	'modelfactory-quality': modelFactoryQuality,
	'openlora-serving': openLoraServing,
	'validator-throughput': validatorThroughput
} satisfies Record<string, BenchSuite>;

export type BenchSuiteName = keyof typeof benchSuites;
