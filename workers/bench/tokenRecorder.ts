// A transformers.js streamer that records what generate() fed and chose, and when: the prompt ids of the first
// `put`, then each new token with the time it arrived. The decode benchmark times transformers.js with it, and the
// export test reads the tokens it chose. Duck-typed on transformers.js' BaseStreamer (put / end), so this file
// imports nothing from it.

/** A generated token and when it arrived (performance.now(), ms). */
export type TimedToken = { tokenId: number; at: number };

/** What {@link tokenRecorder} returns: a streamer, and what it saw. */
export type TokenRecorder = {
	put(value: bigint[][]): void;
	end(): void;
	/** The prompt ids transformers.js fed (its first `put`). */
	readonly promptIds: number[];
	/** The generated ids, in order. */
	readonly tokenIds: number[];
	readonly tokens: TimedToken[];
};

/**
 * A fresh recorder for one batch-1 generate() call.
 *
 * @example
 * const recorder = tokenRecorder();
 * await generator(prompt, { max_new_tokens: 64, do_sample: false, streamer: recorder });
 * recorder.tokens[0]!.at; // when the first token came
 */
export function tokenRecorder(): TokenRecorder {
	const promptIds: number[] = [];
	const tokens: TimedToken[] = [];
	let sawPrompt = false;
	return {
		put(value) {
			const at = performance.now();
			const row = value[0] ?? [];
			if (!sawPrompt) {
				sawPrompt = true;
				promptIds.push(...row.map(Number));
				return;
			}
			for (const id of row) tokens.push({ tokenId: Number(id), at });
		},
		end() {},
		promptIds,
		get tokenIds() {
			return tokens.map((token) => token.tokenId);
		},
		tokens
	};
}
