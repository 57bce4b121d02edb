// Quality rules after Gopher (Rae et al. 2021, appendix A) and C4: cheap text statistics that catch boilerplate,
// tables of numbers, keyword spam and machine-repeated text. Each rule has a name, a measured value and a
// threshold, so the contributor sees exactly why a record was dropped.
import { recordText, type IngestRecord } from '../records/recordSchema.ts';

/** The names of the rules, as they appear in reports and in the summary's counts. */
export type QualityRule =
	| 'too-many-tokens'
	| 'too-few-words'
	| 'too-many-words'
	| 'symbol-to-word-ratio'
	| 'ellipsis-lines'
	| 'repeated-lines'
	| 'repeated-ngrams'
	| 'mostly-non-alphabetic'
	| 'mean-word-length';

/** A record that did not make it, with the rule, the measured value, the threshold and a sentence saying why. */
export type DroppedRecord = {
	record: IngestRecord;
	rule: QualityRule;
	value: number;
	threshold: number;
	message: string;
};

/** The thresholds; the defaults follow Gopher, except the word minimum, which is for chunks rather than documents. */
export type QualityThresholds = {
	/** Fewest words in a text record (pairs are exempt: a short answer can be a good one). */
	minWords: number;
	maxWords: number;
	/** Most '#' and '…' symbols per word. */
	maxSymbolRatio: number;
	/** Most fraction of lines ending in an ellipsis. */
	maxEllipsisLines: number;
	/** Most fraction of lines that repeat an earlier line. */
	maxRepeatedLines: number;
	/** Most fraction of characters in the top 2-, 3-, 4-gram; in duplicated 5- to 10-grams. */
	maxTopNgram: Record<2 | 3 | 4, number>;
	maxDuplicateNgram: Record<5 | 6 | 7 | 8 | 9 | 10, number>;
	/** Fewest fraction of words that contain a letter. */
	minAlphabeticWords: number;
	/** Mean word length range, in characters. */
	meanWordLength: [number, number];
};

/** Gopher's thresholds. */
export const DEFAULT_THRESHOLDS: QualityThresholds = {
	minWords: 8,
	maxWords: 100_000,
	maxSymbolRatio: 0.1,
	maxEllipsisLines: 0.3,
	maxRepeatedLines: 0.3,
	maxTopNgram: { 2: 0.2, 3: 0.18, 4: 0.16 },
	maxDuplicateNgram: { 5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.1 },
	minAlphabeticWords: 0.8,
	meanWordLength: [3, 10]
};

// Scripts written without spaces between words: word-based rules would misjudge them, so they are skipped.
const UNSPACED_SCRIPT =
	/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

/** The failure of one rule, before it is attached to a record. */
export type RuleFailure = Omit<DroppedRecord, 'record'>;

/**
 * The first rule a record fails, or undefined when it passes them all.
 *
 * @example
 * checkQuality(record)?.rule; // 'repeated-lines'
 */
export function checkQuality(
	record: IngestRecord,
	thresholds: QualityThresholds = DEFAULT_THRESHOLDS
): RuleFailure | undefined {
	const text = recordText(record);
	const words = text.split(/\s+/).filter(Boolean);
	const fail = (rule: QualityRule, value: number, threshold: number, message: string): RuleFailure => ({
		rule,
		value: round(value),
		threshold,
		message: message.replace('{value}', String(round(value))).replace('{threshold}', String(threshold))
	});
	if (UNSPACED_SCRIPT.test(text)) return undefined;
	if (record.kind === 'text' && words.length < thresholds.minWords)
		return fail('too-few-words', words.length, thresholds.minWords, 'has {value} words, fewer than {threshold}');
	if (words.length > thresholds.maxWords)
		return fail('too-many-words', words.length, thresholds.maxWords, 'has {value} words, more than {threshold}');
	const symbols = (text.match(/#|\u2026|\.\.\./g) ?? []).length;
	if (symbols / words.length > thresholds.maxSymbolRatio)
		return fail(
			'symbol-to-word-ratio',
			symbols / words.length,
			thresholds.maxSymbolRatio,
			'{value} "#"/"…" symbols per word, over {threshold}'
		);
	const lines = text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
	const ellipsis = lines.filter((l) => /(\.\.\.|\u2026)$/.test(l)).length / lines.length;
	if (ellipsis > thresholds.maxEllipsisLines)
		return fail(
			'ellipsis-lines',
			ellipsis,
			thresholds.maxEllipsisLines,
			'{value} of lines end in an ellipsis, over {threshold}'
		);
	const repeated = (lines.length - new Set(lines).size) / lines.length;
	if (repeated > thresholds.maxRepeatedLines)
		return fail(
			'repeated-lines',
			repeated,
			thresholds.maxRepeatedLines,
			'{value} of lines repeat an earlier line, over {threshold}'
		);
	const ngram = repeatedNgrams(
		words.map((w) => w.toLowerCase()),
		thresholds
	);
	if (ngram)
		return fail(
			'repeated-ngrams',
			ngram.value,
			ngram.threshold,
			`{value} of characters are in ${ngram.what}, over {threshold}`
		);
	const alphabetic = words.filter((w) => /\p{L}/u.test(w)).length / words.length;
	if (alphabetic < thresholds.minAlphabeticWords)
		return fail(
			'mostly-non-alphabetic',
			alphabetic,
			thresholds.minAlphabeticWords,
			'only {value} of words contain a letter, under {threshold}'
		);
	const mean = words.reduce((sum, w) => sum + Array.from(w).length, 0) / words.length;
	const [low, high] = thresholds.meanWordLength;
	if (mean < low || mean > high)
		return fail(
			'mean-word-length',
			mean,
			mean < low ? low : high,
			`mean word length is {value} characters, outside ${low}–${high}`
		);
	return undefined;
}

/** Gopher's repetition measures: character share of the most frequent n-gram (n = 2–4) and of duplicated n-grams (5–10). */
function repeatedNgrams(
	words: string[],
	thresholds: QualityThresholds
): { value: number; threshold: number; what: string } | undefined {
	const totalChars = words.reduce((sum, w) => sum + w.length, 0);
	if (totalChars === 0) return undefined;
	// The top-n-gram share is a document statistic: in a short record one phrase said twice ("a counter-offer")
	// already crosses 0.2, so it is measured only from Gopher's minimum document length (50 words) up.
	for (const n of [2, 3, 4] as const) {
		if (words.length < 50) break;
		const counts = new Map<string, number>();
		for (let i = 0; i + n <= words.length; i++) {
			const key = words.slice(i, i + n).join(' ');
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		let best = '';
		let bestCount = 0;
		for (const [key, count] of counts) if (count > bestCount) [best, bestCount] = [key, count];
		if (bestCount < 2) continue;
		const share = (bestCount * best.replace(/ /g, '').length) / totalChars;
		if (share > thresholds.maxTopNgram[n])
			return { value: share, threshold: thresholds.maxTopNgram[n], what: `the most frequent ${n}-gram ("${best}")` };
	}
	for (const n of [5, 6, 7, 8, 9, 10] as const) {
		if (words.length < n * 2) break;
		const counts = new Map<string, number>();
		const keys: string[] = [];
		for (let i = 0; i + n <= words.length; i++) {
			const key = words.slice(i, i + n).join(' ');
			keys.push(key);
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		// Every word inside any occurrence of an n-gram that occurs twice or more, each word counted once.
		const duplicated = new Uint8Array(words.length);
		keys.forEach((key, i) => {
			if (counts.get(key)! > 1) duplicated.fill(1, i, i + n);
		});
		let chars = 0;
		for (let i = 0; i < words.length; i++) if (duplicated[i]) chars += words[i]!.length;
		const share = chars / totalChars;
		if (share > thresholds.maxDuplicateNgram[n])
			return { value: share, threshold: thresholds.maxDuplicateNgram[n], what: `duplicated ${n}-grams` };
	}
	return undefined;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
