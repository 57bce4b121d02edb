// The benchmark suites `provena bench` runs, by name. Each issue that names benchmarks adds its suites here.
import { contractGas } from './contractGas.ts';
import type { BenchSuite } from './types.ts';

export const benchSuites = {
	'contract-gas': contractGas
} satisfies Record<string, BenchSuite>;

export type BenchSuiteName = keyof typeof benchSuites;
