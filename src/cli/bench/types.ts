// What a benchmark suite reports: rows for a printed table and the same data for the JSON file.

/** One measured row. `value` is the measurement; `target`, when the issue names one, is the goal. */
export type BenchRow = {
	name: string;
	value: number;
	unit: string;
	target?: number;
	/** The target is a floor (precision, accuracy), not a ceiling. */
	atLeast?: boolean;
	/** Anything else worth keeping in the JSON (inputs, breakdowns). */
	details?: Record<string, unknown>;
};

/** One suite's results. */
export type BenchReport = {
	suite: string;
	title: string;
	/** Where and how it was measured, in a line. */
	environment: string;
	rows: BenchRow[];
	/** Lines printed under the table. */
	notes?: string[];
};

/** A benchmark suite: runs, measures, reports. Suites never assert; timings are only ever compared as ratios. */
export type BenchSuite = {
	title: string;
	run: (log: (line: string) => void) => Promise<BenchReport>;
};
