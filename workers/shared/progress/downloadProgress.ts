// The arithmetic behind a download's progress line: bytes so far, the rate over the last few seconds (a lifetime
// average hides a stall, an instantaneous one jumps with every chunk), and an ETA from that rate. Kept apart from
// fetching so it can be tested with a fake clock, and shared by the HTTP and IPFS readers.

/** One file's progress, as the readers report it. */
export type DownloadProgress = {
	/** The file being read, e.g. 'model.safetensors'. */
	file: string;
	/** Bytes received so far. */
	loaded: number;
	/** The file's size, when the source says it (Content-Length, UnixFS size). */
	total: number | undefined;
	/** Bytes per second over the recent window (0 until two samples exist). */
	bytesPerSecond: number;
	/** Seconds left at the current rate; undefined without a total or a rate. */
	etaSeconds: number | undefined;
	/** True on the last event of a file, when every byte has arrived. */
	done: boolean;
};

/** Options of {@link createProgressMeter}. */
export type ProgressMeterOptions = {
	/** Milliseconds of history the rate is measured over (default 3000). */
	windowMs?: number;
	/** The clock, in milliseconds (default performance.now). */
	now?: () => number;
};

/** Turns byte counts into {@link DownloadProgress} events for one file. */
export type ProgressMeter = {
	/** The progress after `loaded` bytes in total have arrived. */
	update(loaded: number): DownloadProgress;
	/** The final event: loaded = total, done. */
	finish(loaded: number): DownloadProgress;
};

/**
 * Creates a meter for one file of `total` bytes (undefined when unknown).
 *
 * @example
 * const meter = createProgressMeter('model.safetensors', 538_000_000);
 * onProgress(meter.update(received)); // { loaded, total, bytesPerSecond, etaSeconds, done: false }
 */
export function createProgressMeter(
	file: string,
	total: number | undefined,
	options: ProgressMeterOptions = {}
): ProgressMeter {
	const windowMs = options.windowMs ?? 3000;
	const now = options.now ?? (() => performance.now());
	const samples: { time: number; loaded: number }[] = [{ time: now(), loaded: 0 }];
	const measure = (loaded: number, done: boolean): DownloadProgress => {
		const time = now();
		samples.push({ time, loaded });
		// Keep one sample at or before the window's start so the rate always spans the whole window.
		while (samples.length > 2 && samples[1]!.time <= time - windowMs) samples.shift();
		const oldest = samples[0]!;
		const elapsed = (time - oldest.time) / 1000;
		const bytesPerSecond = elapsed > 0 ? (loaded - oldest.loaded) / elapsed : 0;
		const left = total === undefined ? undefined : Math.max(0, total - loaded);
		const etaSeconds =
			done || left === 0 ? 0 : left !== undefined && bytesPerSecond > 0 ? left / bytesPerSecond : undefined;
		return { file, loaded, total, bytesPerSecond, etaSeconds, done };
	};
	return { update: (loaded) => measure(loaded, false), finish: (loaded) => measure(loaded, true) };
}
