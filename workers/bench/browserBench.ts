// The contract between a browser benchmark and the harness that runs it: a suite is a plain async function
// that runs inside the bench worker (real WebGPU, real Wasm), reads its options from the page's query string and
// returns rows. The Node side (src/cli/bench/browser/) turns the rows into a BenchReport; the /bench page shows them.
import { ProvenaError } from '../shared/errors/ProvenaError.ts';
import type { ModelFileReader } from '../ml/model/modelDirectory.ts';
import type { FolderSource } from '../ml/model/folderSource.ts';
import type { OpenedAttributionInfo, TextAnswer } from '../ml/attribution/attributionSession.ts';
import type { AttributionReport } from '../ml/attribution/attributionReport.ts';

/** A browser benchmark could not run as asked (unknown suite, missing option, unreachable asset). */
export class BrowserBenchError extends ProvenaError {
	override name = 'BrowserBenchError';
}

/** One measured row; the same shape as the CLI's BenchRow, so the harness passes it through. */
export type BrowserBenchRow = {
	name: string;
	value: number;
	unit: string;
	/** The goal for this row, when it names one. */
	target?: number;
	details?: Record<string, unknown>;
};

/** What a browser suite returns. */
export type BrowserBenchResult = {
	/** Where and how it was measured, in a line (browser, adapter, backends). */
	environment: string;
	rows: BrowserBenchRow[];
	/** Lines shown under the table. */
	notes?: string[];
};

/** What a browser suite is given. */
export type BrowserBenchContext = {
	/** The page's query-string options (strings, as the URL carries them). */
	options: Readonly<Record<string, string>>;
	/** The app's own onnxruntime-web .wasm (a Vite asset URL), so nothing is fetched from a CDN. */
	ortWasmUrl: string;
	/** navigator.gpu of the worker, when the browser exposes WebGPU. */
	gpu: GPU | undefined;
	/** Progress for the page and the CLI's log. */
	log: (line: string) => void;
	signal: AbortSignal;
	/**
	 * Opens a model folder on IPFS through a fresh Helia node that dials `peer`. Injected by the bench worker's entry
	 * (src/routes/bench/bench.worker.ts), because the Helia node is the app's code and workers/ never imports src/.
	 */
	openIpfsFolder?: OpenIpfsFolder;
	/**
	 * The app's attribution worker (workers/attribution.worker.ts through its bridge), started from the bench worker's
	 * entry for the same reason: the bridge is the app's code.
	 */
	attributionWorker?: AttributionWorkerClient;
};

/** The calls the attribution bench makes to the attribution worker. */
export type AttributionWorkerClient = {
	open(model: FolderSource, adapter: FolderSource): Promise<OpenedAttributionInfo>;
	attributeText(input: TextAnswer): Promise<AttributionReport>;
	indexBytesFetched(): Promise<number>;
	close(): void;
};

/** A model folder read over IPFS, and how to stop the node that reads it. */
export type IpfsFolder = { read: ModelFileReader; stop(): Promise<void> };

/** Starts a Helia node that dials `peer` and returns a reader of the folder `cid`. */
export type OpenIpfsFolder = (peer: string, cid: string) => Promise<IpfsFolder>;

/** A benchmark that runs in the browser. Suites never assert on timings. */
export type BrowserBench = {
	title: string;
	run: (context: BrowserBenchContext) => Promise<BrowserBenchResult>;
};

/**
 * The option `name`, or `fallback`; throws a {@link BrowserBenchError} when it is required and missing.
 *
 * @example
 * const repeats = Number(option(context.options, 'repeats', '5'));
 */
export function option(options: Readonly<Record<string, string>>, name: string, fallback?: string): string {
	const value = options[name] ?? fallback;
	if (value === undefined) {
		throw new BrowserBenchError(`The benchmark needs the query option "${name}"; add ?${name}=… to the /bench/ URL.`);
	}
	return value;
}

/**
 * A positive integer option, or `fallback`.
 *
 * @example
 * const newTokens = intOption(context.options, 'tokens', 64);
 */
export function intOption(options: Readonly<Record<string, string>>, name: string, fallback: number): number {
	const value = Number(option(options, name, String(fallback)));
	if (!Number.isInteger(value) || value < 1) {
		throw new BrowserBenchError(`The option "${name}" must be a positive integer, got "${options[name]}".`);
	}
	return value;
}
