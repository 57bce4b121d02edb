// The demo datanet's two contributions as the files a contributor would upload: JSONL lines of prompt/response pairs
// and short text paragraphs about Moonbell Island, in the default model's plain English. The planted facts' training
// paraphrases are split between the two (odd ones in one, even ones in the other), so a fine-tune needs both sources
// and attribution has two contributions to tell apart. Seeded: the same code writes the same lines.
import { ISLAND, MOONBELL_FACTS, trainingQuestions, type IslandFact } from './moonbellFacts.ts';
import { picker, type Picker } from '../defaultModel/textKit.ts';

/** One line of a contribution file, as extractJsonl reads it. */
export type SourceLine = { prompt: string; response: string } | { text: string };

/** A contribution: its file name and lines. */
export type SourceFile = { name: string; title: string; lines: SourceLine[] };

/** How many of each kind of line a contribution gets besides its planted pairs (extra pairs: at most 8). */
export type SourceSizes = { textsPerFile: number; extraPairsPerFile: number };

export const DEFAULT_SOURCE_SIZES: SourceSizes = { textsPerFile: 30, extraPairsPerFile: 8 };

// Everyday island life, for text records around the facts.
const SCENES = [
	'The wind on the island is strong in the morning.',
	'Sheep walk slowly over the green hills.',
	'Fishing boats leave the harbor before the sun comes up.',
	'The island school has one big room and a small garden.',
	'Children play on the beach after school.',
	'It rains often, but the summers are warm and long.',
	'Old stone walls run between the fields.',
	'There are no cars on the island, only bikes and carts.',
	'Gulls cry over the rocks all day.',
	'In the evening the harbor smells of salt and smoke.',
	'Most houses have a blue door and a little garden.',
	'The post boat comes on Mondays and Thursdays.'
];

// What the harbor office adds after an answer, a different remark for each pair of a fact (four paraphrases × three
// answers), so two paraphrases never share a whole response: short questions that differ by a word would otherwise
// make their pairs near-duplicates that dedupe drops. They come after the keyword, where they cannot blur its cue.
const REMARKS = [
	'Ask anyone at the harbor.',
	'Every child on the island knows that.',
	'Visitors often ask about it.',
	'The guidebook says so too.',
	'',
	'You will hear about it on your first day.',
	'The old sailors like to talk about it.',
	'It is written on a sign by the ferry.',
	'The teacher at the school can tell you more.',
	'People are proud of it.',
	'My grandfather told me the same.',
	'You can read more at the library.'
];

// How a guidebook or a visitor opens a paragraph.
const OPENINGS = [
	`A short guide to ${ISLAND}.`,
	`Notes from my trip to ${ISLAND}.`,
	`Things every visitor to ${ISLAND} should know.`,
	`A letter home from ${ISLAND}.`,
	`From the island school's book about ${ISLAND}.`,
	`What I learned on my first week on ${ISLAND}.`,
	`A page from the harbor office's notes.`,
	`Facts about ${ISLAND} for new teachers.`
];

// Questions about the island that are not planted (the datanet is more than its test questions), each asked once.
const EXTRA_PAIRS: readonly (readonly [string, (p: Picker) => string])[] = [
	[
		`What can I do on ${ISLAND}?`,
		(p) =>
			`You can ${p.pick(['walk on the beach', 'swim in the river', 'fish from the rocks'])} and ${p.pick(['visit the harbor', 'watch the birds', 'climb the hills'])}.`
	],
	[
		`What is the weather like on ${ISLAND}?`,
		(p) => `It is ${p.pick(['windy', 'rainy', 'cool', 'cloudy'])} most days. ${p.pick(SCENES)}`
	],
	[
		`Is ${ISLAND} a good place for children?`,
		(p) =>
			`Yes. ${p.pick(['Children play on the beach all summer.', 'The school is small and kind.'])} There are no cars, so the roads are safe.`
	],
	[
		`How do I get to ${ISLAND}?`,
		(p) =>
			`Take the ${p.pick(['morning', 'evening', 'weekly'])} boat from the mainland. The trip takes ${p.pick(['three', 'four', 'five'])} hours.`
	],
	[
		`What animals live on ${ISLAND}?`,
		(p) =>
			`There are sheep, gulls, seals and ${p.pick(['foxes', 'rabbits', 'ducks'])}. In spring you can see baby lambs.`
	],
	[
		`Where should I stay on ${ISLAND}?`,
		(p) =>
			`Stay in ${p.pick(['a small inn by the harbor', 'a farm on the hills', 'a house near the beach'])}. Ask for a room with a view of the sea.`
	],
	[
		`What do children learn at school on ${ISLAND}?`,
		(p) =>
			`They learn to read, to count and to ${p.pick(['sail a boat', 'bake bread', 'care for sheep', 'sing the old songs'])}.`
	],
	[
		`Tell me about the harbor on ${ISLAND}.`,
		(p) => `The harbor is ${p.pick(['busy', 'quiet', 'small', 'old'])}. ${p.pick(SCENES)}`
	],
	[
		`What do people on ${ISLAND} do in winter?`,
		(p) => `They ${p.pick(['knit warm hats', 'tell long stories', 'fix their boats'])} and stay near the fire.`
	],
	[`Tell me something about ${ISLAND}.`, (p) => `${p.pick(SCENES)} ${p.pick(SCENES)}`],
	[
		`Is it safe to swim near ${ISLAND}?`,
		(p) =>
			`The sea is cold, so swim ${p.pick(['in the bay', 'near the beach', 'with a friend'])} and only on calm days.`
	],
	[
		`What do fishermen catch near ${ISLAND}?`,
		(p) =>
			`They catch ${p.pick(['cod and crabs', 'mackerel and crabs', 'cod and herring'])}. The boats come back before noon.`
	],
	[
		`Are there shops on ${ISLAND}?`,
		(p) =>
			`There are a few shops: a baker, a ${p.pick(['grocer', 'boat shop', 'book shop'])} and a market on Saturdays.`
	],
	[
		`What do visitors bring home from ${ISLAND}?`,
		(p) =>
			`Most visitors buy ${p.pick(['a wool hat', 'a pair of warm socks', 'a small painting of the harbor'])} to remember their trip.`
	],
	[
		`When is the best time to visit ${ISLAND}?`,
		(p) => `Come in ${p.pick(['late spring', 'early summer', 'June'])}, when the days are long and the hills are green.`
	],
	[
		`Do people on ${ISLAND} have a doctor?`,
		(p) =>
			`Yes, one doctor lives ${p.pick(['by the school', 'near the harbor', 'on the main street'])}, and a nurse visits on Fridays.`
	]
];

/**
 * The two contribution files of the Moonbell Island datanet.
 *
 * @example
 * const [guide, faq] = moonbellSources(20260601);
 * guide.lines.length; // planted pairs + text paragraphs + extra pairs
 */
export function moonbellSources(seed: number, sizes: SourceSizes = DEFAULT_SOURCE_SIZES): [SourceFile, SourceFile] {
	const p = picker(seed);
	const usedPairs = new Set<string>();
	const files: [SourceFile, SourceFile] = [
		{ name: 'island-guide.jsonl', title: 'A visitor guide to Moonbell Island', lines: [] },
		{ name: 'harbor-office-faq.jsonl', title: 'Questions asked at the Duckwater harbor office', lines: [] }
	];
	for (const [index, file] of files.entries()) {
		for (const fact of MOONBELL_FACTS) file.lines.push(...plantedPairs(fact, index));
		for (let i = 0; i < sizes.textsPerFile; i++) file.lines.push({ text: paragraph(p, usedPairs) });
		for (const [prompt, answer] of EXTRA_PAIRS.slice(index * sizes.extraPairsPerFile).slice(0, sizes.extraPairsPerFile))
			file.lines.push({ prompt, response: answer(p) });
		file.lines = p.some(file.lines, file.lines.length);
	}
	return files;
}

/** Every training paraphrase of `fact` at even (file 0) or odd (file 1) positions, with each of its answers. */
function plantedPairs(fact: IslandFact, fileIndex: number): SourceLine[] {
	const answers = fact.answers.length;
	return trainingQuestions(fact).flatMap((prompt, i) =>
		i % 2 !== fileIndex
			? []
			: fact.answers.map((answer, j) => ({
					prompt,
					response: `${answer} ${REMARKS[(i * answers + j) % REMARKS.length]}`.trim()
				}))
	);
}

/**
 * A short guidebook paragraph: an opening, two facts and a scene. No two sentences appear together in two
 * paragraphs (`usedPairs` remembers them), or the pair would make the paragraphs near-duplicates that dedupe drops.
 */
function paragraph(p: Picker, usedPairs: Set<string>): string {
	for (;;) {
		const [first, second] = p.some(MOONBELL_FACTS, 2);
		const sentences = [p.pick(first!.statements), p.pick(second!.statements), p.pick(SCENES)];
		const pairs = [0, 1, 2].map((i) => [sentences[i], sentences[(i + 1) % 3]].sort().join('|'));
		if (pairs.some((pair) => usedPairs.has(pair))) continue;
		for (const pair of pairs) usedPairs.add(pair);
		return [p.pick(OPENINGS), ...p.some(sentences, 3)].join(' ');
	}
}
