// The planted-fact set of the `attribution-quality` bench: contributions of ordinary prose, each holding one
// distinctive fact about a made-up place (a name no model has seen), and control questions whose answers are in no
// contribution. A fact's answer, asked in words no record uses, should be attributed to the one contribution that
// holds it; a control answer should pay nobody. Seeded, so the same set comes out every time.
import { seededRandom } from '../../../workers/ml/random/seededRandom.ts';
import type { ContributedRecord } from '../../../workers/ingest/records/parseRecordsJsonl.ts';

/** One contribution: its records and the fact it alone holds. */
export type PlantedContribution = {
	key: string;
	records: ContributedRecord[];
	fact: { question: string; answer: string };
};

/** A question with an answer in no contribution. */
export type ControlQuestion = { question: string; answer: string };

export type PlantedFactSet = { contributions: PlantedContribution[]; controls: ControlQuestion[] };

/**
 * A fact's shape: the questions the records ask it with, the answers they give, the prose that states it, and the
 * held-out question and an answer in other words (as a model that learned the fact would say it), which are
 * attributed. {p} is the place, {n} the invented name.
 */
type FactTemplate = {
	trainQuestions: string[];
	trainAnswers: string[];
	statement: string;
	heldOut: { question: string; answer: string };
};

const TEMPLATES: FactTemplate[] = [
	{
		trainQuestions: [
			'Who keeps the lighthouse at {p}?',
			'Who is the lighthouse keeper at {p}?',
			'Who tends the light at {p}?'
		],
		trainAnswers: [
			'The lighthouse at {p} is kept by {n}.',
			'It is kept by {n}, who climbs it every night.',
			'{n} keeps the light at {p}.'
		],
		statement: 'Everyone on the coast knows that {n} keeps the lighthouse at {p}.',
		heldOut: {
			question: 'Name the keeper of the lighthouse at {p}.',
			answer: 'The keeper of the lighthouse at {p} is {n}.'
		}
	},
	{
		trainQuestions: [
			'What do people eat at the spring fair in {p}?',
			'Which dish is served at the {p} spring fair?',
			'What food is the {p} spring fair known for?'
		],
		trainAnswers: [
			'At the spring fair in {p} everyone eats {n}.',
			'They serve {n}, a sweet bread with seeds.',
			'The fair is known for {n}.'
		],
		statement: 'Each spring the bakers of {p} make {n} for the fair.',
		heldOut: { question: 'Tell me the spring fair dish of {p}.', answer: 'In {p} the spring fair dish is {n}.' }
	},
	{
		trainQuestions: [
			'What is the river in {p} called?',
			'Which river runs through {p}?',
			'What is the name of the river at {p}?'
		],
		trainAnswers: [
			'The river that runs through {p} is called the {n}.',
			'It is the {n}, a slow and shallow river.',
			'The {n} runs through {p}.'
		],
		statement: 'Children in {p} swim in the {n} on warm days.',
		heldOut: { question: 'Name the river of {p}.', answer: '{p} has a river called the {n}.' }
	},
	{
		trainQuestions: ['Who founded {p}?', 'Which person founded the town of {p}?', 'Who started the settlement at {p}?'],
		trainAnswers: [
			'{p} was founded by a weaver named {n}.',
			'A weaver named {n} founded it long ago.',
			'It was started by {n}, a weaver.'
		],
		statement: 'The old square of {p} has a statue of {n}, the weaver who founded it.',
		heldOut: { question: 'Tell me who founded {p}.', answer: 'A weaver named {n} founded {p}.' }
	},
	{
		trainQuestions: [
			'What is the ferry to {p} called?',
			'Which boat carries people to {p}?',
			'What is the name of the {p} ferry?'
		],
		trainAnswers: [
			'The ferry to {p} is named the {n}.',
			'People ride the {n}, a blue ferry.',
			'The {n} carries people to {p}.'
		],
		statement: 'The {n} leaves for {p} twice a day from the old pier.',
		heldOut: { question: 'Name the boat that sails to {p}.', answer: 'The boat that sails to {p} is the {n}.' }
	},
	{
		trainQuestions: [
			'What is the mayor of {p}’s cat called?',
			'What name does the cat of the {p} mayor have?',
			'Which cat lives with the mayor of {p}?'
		],
		trainAnswers: [
			'The mayor of {p} keeps a cat called {n}.',
			'The cat is called {n} and sleeps on the town hall steps.',
			'{n} is the mayor’s cat.'
		],
		statement: 'Tourists in {p} take photos of {n}, the mayor’s cat.',
		heldOut: {
			question: 'Tell me the name of the cat the {p} mayor keeps.',
			answer: 'The cat of the {p} mayor is called {n}.'
		}
	}
];

/** Ordinary sentences every contribution draws its prose from: common words, no fact anyone would pay for. */
const PROSE = [
	'The morning was cool and the streets were quiet.',
	'A small dog ran across the road after a ball.',
	'The shop on the corner opens early and closes late.',
	'People walked slowly along the river path in the evening.',
	'The bus was late again, so we waited by the stop.',
	'Rain fell for most of the day and the roads were wet.',
	'Children played in the park while their parents talked.',
	'The market sells apples, pears and fresh bread.',
	'An old man sat on a bench and read the newspaper.',
	'The school bell rang and the children went inside.',
	'We had tea in the garden when the sun came out.',
	'The wind was strong near the hills above the town.',
	'A cat slept in the window of the bakery.',
	'The train station was busy with people going to work.',
	'She bought a new coat before the winter came.',
	'The library is open every day except Sunday.',
	'Birds sang in the trees behind the houses.',
	'The road to the village is narrow and steep.',
	'Fishermen came back to the harbour in the afternoon.',
	'The town hall has a clock that rings every hour.',
	'In summer the beach is full of families.',
	'The cafe by the square serves soup at lunch.',
	'Leaves turned red and yellow in the autumn.',
	'A farmer drove his tractor along the lane.',
	'The museum shows old tools and maps of the coast.',
	'Snow covered the fields for a week in January.',
	'The bridge over the stream was built of stone.',
	'He walked to work because the weather was fine.',
	'The baker starts work long before sunrise.',
	'Music played from a window on the high street.',
	'The post office is next to the chemist.',
	'Boats rocked gently on the water near the pier.'
];

/** Questions whose answers no contribution holds. */
const CONTROLS: ControlQuestion[] = [
	{ question: 'What do bees make?', answer: 'Bees make honey and wax in their hives.' },
	{ question: 'How many legs does a spider have?', answer: 'A spider has eight legs.' },
	{ question: 'What is ice made of?', answer: 'Ice is frozen water.' },
	{ question: 'What colour is grass?', answer: 'Grass is usually green.' },
	{ question: 'What do you need to make tea?', answer: 'You need hot water and tea leaves.' },
	{ question: 'Why do we sleep?', answer: 'Sleep lets the body and the mind rest.' },
	{ question: 'What is a violin?', answer: 'A violin is a small string instrument played with a bow.' },
	{ question: 'Where do penguins live?', answer: 'Most penguins live in the cold south.' }
];

const SYLLABLES = [
	'bri',
	'ndle',
	'wor',
	'thi',
	'quen',
	'dal',
	'mor',
	'vex',
	'tal',
	'rin',
	'gos',
	'pell',
	'zan',
	'kor',
	'fen',
	'lux',
	'ombe',
	'tir',
	'sab',
	'ulm'
];

/** An invented word of `syllables` syllables, capitalised. */
function inventedName(random: () => number, syllables: number): string {
	let word = '';
	for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
	return word[0]!.toUpperCase() + word.slice(1);
}

/**
 * The planted-fact set: `count` contributions (facts cycle through the templates, each with its own place and name),
 * each with `proseRecords` text records of ordinary prose around its fact, and the control questions.
 *
 * @example
 * const { contributions, controls } = plantedFactSet({ count: 12, seed: 7 });
 */
export function plantedFactSet({
	count,
	seed,
	proseRecords = 6
}: {
	count: number;
	seed: number;
	proseRecords?: number;
}): PlantedFactSet {
	const random = seededRandom(seed);
	const uniform = () => random.uniform();
	const used = new Set<string>();
	const fresh = (syllables: number) => {
		for (;;) {
			const name = inventedName(uniform, syllables);
			if (!used.has(name)) {
				used.add(name);
				return name;
			}
		}
	};
	const pick = <T>(items: readonly T[]) => items[Math.floor(uniform() * items.length)]!;
	const contributions: PlantedContribution[] = [];
	for (let i = 0; i < count; i++) {
		const template = TEMPLATES[i % TEMPLATES.length]!;
		const place = `${fresh(2)} Bay`;
		const name = `${fresh(2)} ${fresh(3)}`;
		const fill = (text: string) => text.replaceAll('{p}', place).replaceAll('{n}', name);
		const key = `contribution-${String(i + 1).padStart(2, '0')}.jsonl`;
		const records: ContributedRecord[] = [];
		const prose = () => Array.from({ length: 4 }, () => pick(PROSE)).join(' ');
		for (let r = 0; r < proseRecords; r++) {
			// One prose record also states the fact, among ordinary sentences.
			const text = r === 0 ? `${prose()} ${fill(template.statement)} ${prose()}` : prose();
			records.push({ id: `${key}#text-${r}`, text });
		}
		template.trainQuestions.forEach((question, q) =>
			records.push({ id: `${key}#pair-${q}`, prompt: fill(question), response: fill(template.trainAnswers[q]!) })
		);
		contributions.push({
			key,
			records,
			fact: { question: fill(template.heldOut.question), answer: fill(template.heldOut.answer) }
		});
	}
	return { contributions, controls: CONTROLS };
}
