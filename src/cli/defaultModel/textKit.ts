// Small seeded helpers the corpus and dataset generators share: picking from word lists, filling templates and
// wrapping a question and answer as ChatML, so every generated text is the same on every machine.
import { seededRandom } from '../../../workers/ml/random/seededRandom.ts';

/** Seeded choices over word lists. */
export type Picker = {
	pick<T>(list: readonly T[]): T;
	/** An integer in [min, max]. */
	int(min: number, max: number): number;
	chance(probability: number): boolean;
	/** `count` distinct items in a seeded order. */
	some<T>(list: readonly T[], count: number): T[];
};

/**
 * A {@link Picker} from a seed.
 *
 * @example
 * const p = picker(7);
 * p.pick(['cat', 'dog']); // the same word on every run
 */
export function picker(seed: number): Picker {
	const random = seededRandom(seed);
	const int = (min: number, max: number) => min + Math.floor(random.uniform() * (max - min + 1));
	return {
		pick: (list) => list[Math.floor(random.uniform() * list.length)]!,
		int,
		chance: (probability) => random.uniform() < probability,
		some(list, count) {
			const copy = [...list];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = int(0, i);
				[copy[i], copy[j]] = [copy[j]!, copy[i]!];
			}
			return copy.slice(0, count);
		}
	};
}

/** One user turn and one assistant turn in ChatML, as CHATML_CHAT_TEMPLATE writes them. */
export function chatml(user: string, assistant: string): string {
	return `<|im_start|>user\n${user}<|im_end|>\n<|im_start|>assistant\n${assistant}<|im_end|>\n`;
}

/** Upper-cases the first letter. */
export function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Documents from `make` until their total length reaches `targetChars`. */
export function fillTo(targetChars: number, make: () => string): string[] {
	const documents: string[] = [];
	let total = 0;
	while (total < targetChars) {
		const document = make();
		documents.push(document);
		total += document.length;
	}
	return documents;
}
