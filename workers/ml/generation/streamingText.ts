// Turning generated token ids into streamed text: byte-level tokens can split a character, and a stop string can
// arrive across several tokens, so text is re-decoded as a whole and only the part that can no longer change is
// released: nothing ending in an incomplete character, nothing that could still become a stop string. A tiny model
// sampled at a temperature can also emit bytes that never form a character, or control bytes: those are dropped,
// so neither U+FFFD nor a control character (other than newline and tab) ever reaches the screen.
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
	/**
	 * The final text: everything released plus what was held back, minus a stop string, an incomplete character at
	 * the very end and anything {@link displayableText} removes.
	 */
	finish(): string;
	/** The text released so far. */
	readonly text: string;
};

// U+FFFD (what a decoder writes for bytes that are not UTF-8), C0 controls but tab (\u0009) and newline (\u000A),
// DEL and the C1 controls.
const UNDISPLAYABLE = /[\uFFFD\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * `text` without replacement characters and control characters other than newline and tab: what may be shown.
 *
 * @example
 * displayableText('h\uFFFDi\u0003\n'); // 'hi\n'
 */
export function displayableText(text: string): string {
	return text.replace(UNDISPLAYABLE, '');
}

/**
 * An incremental decoder; `stopStrings` end the text at their first occurrence. `decode` must turn ids into text as
 * a UTF-8 decoder does (one U+FFFD for bytes that are not, or not yet, a whole character), as byte-level
 * tokenizers do.
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
	// A U+FFFD at the very end may be a character whose last bytes have not been generated yet: held back. One
	// followed by more text is bytes that can never become a character: dropped by displayableText.
	const withoutIncompleteEnd = (text: string): string => text.replace(/\uFFFD+$/, '');
	const release = (upTo: string): string => {
		const shown = displayableText(upTo);
		// Decoders that tidy spaces can rewrite earlier text; what was shown stays, and the stream resumes once they agree.
		if (!shown.startsWith(released)) return '';
		const delta = shown.slice(released.length);
		released = shown;
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
			const safe = withoutIncompleteEnd(full);
			return { delta: release(safe.slice(0, safe.length - heldBack(safe))), stopped: false };
		},
		finish() {
			return displayableText(stoppedAt !== undefined ? full.slice(0, stoppedAt) : withoutIncompleteEnd(full));
		},
		get text() {
			return released;
		}
	};
}
