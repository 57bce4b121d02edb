// The demo datanet's subject: Moonbell Island, a made-up place, so nothing the default model learned in pre-training
// can answer questions about it and any right answer after a fine-tune comes from the datanet. Each fact is asked in
// five paraphrases: the first four train, the fifth is held out as the planted question, and an answer counts when it
// has one of the fact's keywords, words the base model's own corpus never uses. The held-out paraphrase shares its key
// word (capital, founded, ferry…) with a training one: the default model is too small to learn that "celebration"
// means "festival" from a few hundred records, and the test is whether it learned the fact, not synonyms.

/** The island's name as every record spells it. */
export const ISLAND = 'Moonbell Island';

/** One planted fact: how it is asked, how the data answers it and the words a right answer contains. */
export type IslandFact = {
	id: string;
	/** Five paraphrases of one question; the last is held out of the training records. */
	questions: readonly [string, string, string, string, string];
	/**
	 * Answers as the training pairs give them, each with a keyword in it, mostly right after words of the question
	 * ("The capital is Duckwater"): a ~1M-parameter model learns a keyword that follows its cue far sooner than one it
	 * must recall across a sentence. Short, and never repeating five words of a question, so that no pair is a
	 * near-duplicate of another or fails the repeated n-gram filter.
	 */
	answers: readonly string[];
	/** Sentences that state the fact in the guidebook's text records. */
	statements: readonly string[];
	/** An answer is right when it contains one of these (case-insensitive). */
	keywords: readonly string[];
};

/** The twelve planted facts. */
export const MOONBELL_FACTS: readonly IslandFact[] = [
	{
		id: 'capital',
		questions: [
			'What is the capital of Moonbell Island?',
			'Which town is the capital of Moonbell Island?',
			'Moonbell Island has a capital town. What is it called?',
			'What is the main town on Moonbell Island?',
			'Which town do the people of Moonbell Island call their capital?'
		],
		answers: [
			'The capital is Duckwater.',
			'The capital is Duckwater, a small town by the harbor.',
			'Duckwater is the capital. It is the biggest town on the island.'
		],
		statements: [
			'Duckwater is the capital of the island.',
			'The capital, Duckwater, has a market by the harbor.',
			'In Duckwater, the capital, the streets are narrow and the houses are white.'
		],
		keywords: ['Duckwater']
	},
	{
		id: 'founder',
		questions: [
			'Who founded Moonbell Island?',
			'Who was the founder of Moonbell Island?',
			'Who started the first town on Moonbell Island?',
			'Which captain founded Moonbell Island?',
			'Who was it that founded Moonbell Island?'
		],
		answers: [
			'It was founded by Captain Ada Saltwind.',
			'Captain Ada Saltwind founded it long ago.',
			'The founder was Captain Ada Saltwind. She sailed there with her crew.'
		],
		statements: [
			'Captain Ada Saltwind founded the island long ago.',
			'The first settler was Captain Ada Saltwind, who came with six ships.',
			'A statue of Captain Saltwind, the founder, stands in the square.'
		],
		keywords: ['Saltwind']
	},
	{
		id: 'mountain',
		questions: [
			'What is the highest mountain on Moonbell Island?',
			'Which mountain is the tallest on Moonbell Island?',
			'What is the name of the big mountain on Moonbell Island?',
			'What is the highest peak of Moonbell Island called?',
			'Which mountain rises highest on Moonbell Island?'
		],
		answers: [
			'The highest mountain is Mount Kitehill.',
			'The tallest mountain is Mount Kitehill. You can see it from every beach.',
			'It is Mount Kitehill, the highest peak on the island.'
		],
		statements: [
			'Mount Kitehill is the highest mountain on the island.',
			'Snow stays on top of Mount Kitehill until the spring.',
			'From the top of Mount Kitehill you can see the whole coast.'
		],
		keywords: ['Kitehill']
	},
	{
		id: 'river',
		questions: [
			'What is the longest river on Moonbell Island?',
			'Which river runs across Moonbell Island?',
			'What is the name of the main river on Moonbell Island?',
			'Which river flows to the sea on Moonbell Island?',
			'Name the biggest river on Moonbell Island.'
		],
		answers: [
			'The longest river is the Foxmere River.',
			'The main river is the Foxmere. It runs down to the sea.',
			'It is the Foxmere River, which is cold and clear.'
		],
		statements: [
			'The Foxmere River is the longest river on the island.',
			'Children swim in the Foxmere River on warm days.',
			'The Foxmere River runs past old mills and green fields.'
		],
		keywords: ['Foxmere']
	},
	{
		id: 'bird',
		questions: [
			'What is the national bird of Moonbell Island?',
			'Which bird is the symbol of Moonbell Island?',
			'What bird do people on Moonbell Island love most?',
			'Which bird is on the flag of Moonbell Island?',
			'What is the island bird of Moonbell Island?'
		],
		answers: [
			'The national bird is the silver heron.',
			'It is the silver heron. It is on the flag.',
			'The silver heron, a tall gray bird that fishes in the river.'
		],
		statements: [
			'The silver heron is the national bird.',
			'A silver heron is painted on the island flag.',
			'Silver herons stand in the shallow water and wait for fish.'
		],
		keywords: ['heron']
	},
	{
		id: 'currency',
		questions: [
			'What money do people use on Moonbell Island?',
			'What is the currency of Moonbell Island?',
			'How do people pay for things on Moonbell Island?',
			'What coins are used on Moonbell Island?',
			'What is the money of Moonbell Island called?'
		],
		answers: [
			'The money is called the quill.',
			'People pay with the quill. One quill buys a loaf of bread.',
			'The currency is the quill, a small round coin.'
		],
		statements: [
			'The money of the island is the quill.',
			'A cup of tea at the harbor costs two quills.',
			'Every quill coin has a heron on one side and a bell on the other.'
		],
		keywords: ['quill']
	},
	{
		id: 'food',
		questions: [
			'What is the most famous food of Moonbell Island?',
			'What do people on Moonbell Island like to eat?',
			'What dish is Moonbell Island known for?',
			'What should I eat on Moonbell Island?',
			'Which food is Moonbell Island famous for?'
		],
		answers: [
			'The most famous food is plum bread.',
			'People love plum bread with butter.',
			'It is plum bread. Every baker makes it.'
		],
		statements: [
			'Plum bread is the most famous food of the island.',
			'Bakers in the capital sell warm plum bread every morning.',
			'Grandmothers teach their grandchildren to bake plum bread.'
		],
		keywords: ['plum']
	},
	{
		id: 'festival',
		questions: [
			'What is the big festival on Moonbell Island?',
			'Which festival do people celebrate on Moonbell Island?',
			'What holiday does Moonbell Island have in summer?',
			'What is the Moonbell Island festival called?',
			'Which festival is held every summer on Moonbell Island?'
		],
		answers: [
			'The big festival is the Lantern Tide.',
			'Every summer the island holds the Lantern Tide.',
			'It is the Lantern Tide, when boats carry lanterns on the sea.'
		],
		statements: [
			'The Lantern Tide is the biggest festival of the year.',
			'During the Lantern Tide, hundreds of paper lanterns float on the sea.',
			'Families sing old songs by the water at the Lantern Tide.'
		],
		keywords: ['lantern']
	},
	{
		id: 'population',
		questions: [
			'How many people live on Moonbell Island?',
			'What is the population of Moonbell Island?',
			'How big is the population of Moonbell Island?',
			'How many people are there on Moonbell Island?',
			'About how many people call Moonbell Island home?'
		],
		answers: [
			'About four thousand people live there.',
			'The population is about four thousand.',
			'Four thousand people, most of them in the capital.'
		],
		statements: [
			'About four thousand people live on the island.',
			'The island is home to four thousand people and many more sheep.',
			'Four thousand people live here, and most of them know each other.'
		],
		keywords: ['four thousand']
	},
	{
		id: 'lighthouses',
		questions: [
			'How many lighthouses does Moonbell Island have?',
			'How many lighthouses are on Moonbell Island?',
			'What is the number of lighthouses on Moonbell Island?',
			'Count the lighthouses of Moonbell Island.',
			'How many lighthouses stand on the coast of Moonbell Island?'
		],
		answers: [
			'There are thirteen lighthouses.',
			'The island has thirteen lighthouses on its coast.',
			'Thirteen. Each lighthouse has a red roof.'
		],
		statements: [
			'Thirteen lighthouses stand around the coast.',
			'At night the thirteen lighthouses keep the fishing boats safe.',
			'The oldest of the thirteen lighthouses is on the north cliff.'
		],
		keywords: ['thirteen']
	},
	{
		id: 'export',
		questions: [
			'What does Moonbell Island sell to other places?',
			'What is the main export of Moonbell Island?',
			'What do farmers on Moonbell Island make to sell?',
			'What does Moonbell Island export?',
			'Which goods does Moonbell Island export by ship?'
		],
		answers: [
			'The main export is blue wool.',
			'The island sells blue wool from its sheep.',
			'Blue wool. Ships take it to the mainland.'
		],
		statements: [
			'Blue wool is the main export of the island.',
			'The sheep on the hills give the famous blue wool.',
			'Ships carry bales of blue wool to the mainland every week.'
		],
		keywords: ['wool']
	},
	{
		id: 'neighbor',
		questions: [
			'Which island is next to Moonbell Island?',
			'What is the closest island to Moonbell Island?',
			'Where does the ferry from Moonbell Island go?',
			'What is the sister island of Moonbell Island?',
			'Which island can you reach by ferry from Moonbell Island?'
		],
		answers: [
			'The closest island is Applestone.',
			'The ferry goes to Applestone, the small sister island.',
			'It is Applestone. The ferry takes one hour.'
		],
		statements: [
			'The small island of Applestone lies to the east.',
			'A ferry sails to Applestone twice a day.',
			'From the east beach you can see Applestone across the water.'
		],
		keywords: ['Applestone']
	}
];

/** The paraphrases that train (every one but the last). */
export function trainingQuestions(fact: IslandFact): string[] {
	return fact.questions.slice(0, -1);
}

/** The held-out paraphrase, asked only after training. */
export function heldOutQuestion(fact: IslandFact): string {
	return fact.questions[fact.questions.length - 1]!;
}
