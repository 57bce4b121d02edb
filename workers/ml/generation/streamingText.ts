// Turning generated token ids into streamed text: byte-level tokens can split a character, and a stop string can
// arrive across several tokens, so text is re-decoded as a whole and only the part that can no longer change is
// released: nothing ending in an incomplete character (U+FFFD), nothing that could still become a stop string.
// Shared by the worker (chat, arena) and the CLI.

/** What one pushed token released. */
export type TextStreamStep = {
	/** New text safe to show. */
	delta: string;
	/** A stop string has appeared: generation should end; the stop string and anything after it are dropped. */
	stopped: boolean;
};

/** An incremental decoder over a tokenizer's `decode(ids)`. */
export type TextStream = {
	push(tokenId: number): TextStreamStep;
	/** Everything released so far plus what was held back (minus a stop string): the final text. */
	finish(): string;
	/** The text released so far. */
	readonly text: string;
};

/**
 * An incremental decoder; `stopStrings` end the text at their first occurrence.
 *
 * @example
 * const stream = createTextStream((ids) => tokenizer.decode(ids, { skip_special_tokens: true }), ['\nUser:']);
 * const { delta, stopped } = stream.push(tokenId);
 */
export function createTextStream(decode: (ids: number[]) => string, stopStrings: readonly string[] = []): TextStream {
	const ids: number[] = [];
	const stops = stopStrings.filter((s) => s.length > 0);
	let released = '';
	let full = '';
	let stoppedAt: number | undefined;

	const firstStop = (text: string): number | undefined => {
		let first: number | undefined;
		for (const stop of stops) {
			const at = text.indexOf(stop);
			if (at !== -1 && (first === undefined || at < first)) first = at;
		}
		return first;
	};
	// How much of the text's end could be the start of a stop string still being generated.
	const heldBack = (text: string): number => {
		let hold = 0;
		for (const stop of stops)
			for (let k = Math.min(stop.length - 1, text.length); k > hold; k--)
				if (text.endsWith(stop.slice(0, k))) {
					hold = k;
					break;
				}
		return hold;
	};
	const release = (upTo: string): string => {
		if (!upTo.startsWith(released)) return '';
		const delta = upTo.slice(released.length);
		released = upTo;
		return delta;
	};

	return {
		push(tokenId) {
			if (stoppedAt !== undefined) return { delta: '', stopped: true };
			ids.push(tokenId);
			full = decode(ids);
			const stop = firstStop(full);
			if (stop !== undefined) {
				stoppedAt = stop;
				return { delta: release(full.slice(0, stop)), stopped: true };
			}
			let safe = full;
			while (safe.endsWith('\uFFFD')) safe = safe.slice(0, -1);
			safe = safe.slice(0, safe.length - heldBack(safe));
			return { delta: release(safe), stopped: false };
		},
		finish() {
			return stoppedAt !== undefined ? full.slice(0, stoppedAt) : full;
		},
		get text() {
			return released;
		}
	};
}
