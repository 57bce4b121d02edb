// Whether a demo adapter's answer stays in its domain, measured on words: each adapter's vocabulary is every word
// its own dataset generator can write (the documents it was trained on, without the questions), and an answer is
// in the domain when nearly all its words — including those after the first dozen — come from that vocabulary and
// it uses more of the domain's own words (ones no other adapter's data has) than of any other domain's. The
// e2e tests and the model's tests share this definition, and the build's settings were chosen against it.
import { ADAPTER_DATASETS, type AdapterDataset } from './datasets.ts';
import { picker } from './textKit.ts';

/** A domain's words, and those of them no other demo adapter's data uses. */
export type DomainVocabulary = { words: ReadonlySet<string>; distinctive: ReadonlySet<string> };

/** What {@link checkDomain} measured on one answer. */
export type DomainCheck = {
	/** Words in the answer (runs of letters, lower-cased). */
	words: number;
	/** The share of the answer's words in the domain's vocabulary. */
	ownShare: number;
	/** The same share over the words after the first {@link HEAD_WORDS}: does the answer stay in the domain? */
	tailShare: number;
	/** Words only the domain's data has. */
	ownDistinctive: number;
	/** Words only one other domain's data has. */
	otherDistinctive: number;
	inDomain: boolean;
};

/** Thresholds of {@link checkDomain}. */
export const DOMAIN_THRESHOLDS = { ownShare: 0.8, tailShare: 0.75, ownDistinctive: 3 } as const;
/** Roughly the first dozen tokens: past them an answer must still be in its domain. */
export const HEAD_WORDS = 8;

/** The lower-cased runs of letters of `text`. */
export function wordsOf(text: string): string[] {
	return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

function datasetWords(dataset: AdapterDataset): Set<string> {
	// Enough documents that every word list entry shows up; the seed is fixed, so the vocabulary is too.
	const p = picker(4242);
	const words = new Set<string>();
	for (let i = 0; i < 3000; i++) for (const word of wordsOf(`${dataset.text(p)} ${dataset.answer(p, '')}`)) words.add(word);
	return words;
}

let cached: Map<string, DomainVocabulary> | undefined;

/**
 * Each demo adapter's vocabulary, by adapter id.
 *
 * @example
 * domainVocabularies().get('pirate')!.distinctive.has('doubloons'); // true
 */
export function domainVocabularies(): Map<string, DomainVocabulary> {
	if (cached) return cached;
	const all = new Map(ADAPTER_DATASETS.map((d) => [d.id, datasetWords(d)]));
	cached = new Map(
		[...all].map(([id, words]) => {
			const others = [...all].filter(([other]) => other !== id).map(([, w]) => w);
			const distinctive = new Set([...words].filter((word) => others.every((o) => !o.has(word))));
			return [id, { words, distinctive }];
		})
	);
	return cached;
}

/**
 * Measures whether `text` (an answer of the adapter `adapterId`) stays in that adapter's domain.
 *
 * @example
 * checkDomain('Arr, matey! Hoist the mainsail, ye scallywag, and raise the Jolly Roger!', 'pirate').inDomain; // true
 */
export function checkDomain(text: string, adapterId: string): DomainCheck {
	const vocabularies = domainVocabularies();
	const own = vocabularies.get(adapterId);
	if (!own) throw new Error(`"${adapterId}" is not a demo adapter; the domains are ${[...vocabularies.keys()].join(', ')}.`);
	const words = wordsOf(text);
	const share = (list: string[]) => (list.length === 0 ? 0 : list.filter((w) => own.words.has(w)).length / list.length);
	const tail = words.slice(HEAD_WORDS);
	const ownDistinctive = words.filter((w) => own.distinctive.has(w)).length;
	const otherDistinctive = words.filter((w) =>
		[...vocabularies].some(([id, v]) => id !== adapterId && v.distinctive.has(w))
	).length;
	const ownShare = share(words);
	// A short answer that ended by itself has no tail to judge; its whole counts.
	const tailShare = tail.length >= 4 ? share(tail) : ownShare;
	return {
		words: words.length,
		ownShare,
		tailShare,
		ownDistinctive,
		otherDistinctive,
		inDomain:
			ownShare >= DOMAIN_THRESHOLDS.ownShare &&
			tailShare >= DOMAIN_THRESHOLDS.tailShare &&
			ownDistinctive >= DOMAIN_THRESHOLDS.ownDistinctive &&
			ownDistinctive > otherDistinctive
	};
}
