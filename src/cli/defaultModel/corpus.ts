// The default model's pre-training corpus, made here rather than downloaded: short TinyStories-like tales built
// from templates and word lists, simple facts, and ChatML conversations, so a ~1M-parameter model can learn
// plain English and how to answer in the chat template. Seeded, so the same code gives the same corpus.
import { capitalize, chatml, fillTo, picker, type Picker } from './textKit.ts';
import { SHARED_PROMPTS } from './datasets.ts';

const NAMES = ['Tom', 'Lily', 'Ben', 'Mia', 'Sam', 'Anna', 'Max', 'Lucy', 'Tim', 'Sara', 'Jack', 'Zoe', 'Leo', 'Emma'];
const ANIMALS = ['cat', 'dog', 'bird', 'rabbit', 'fox', 'bear', 'duck', 'frog', 'mouse', 'owl', 'pig', 'lion'];
const ADJECTIVES = ['little', 'big', 'happy', 'small', 'brave', 'kind', 'funny', 'shy', 'curious', 'sleepy'];
const PLACES = ['park', 'garden', 'forest', 'house', 'school', 'river', 'beach', 'farm', 'hill', 'town'];
const OBJECTS = ['ball', 'box', 'kite', 'hat', 'book', 'cake', 'toy', 'flower', 'stone', 'key', 'cup', 'boat'];
const COLORS = ['red', 'blue', 'green', 'yellow', 'pink', 'white', 'brown', 'orange'];
const ACTIVITIES = ['play', 'run', 'jump', 'sing', 'draw', 'read', 'swim', 'dance', 'climb trees', 'fly a kite'];
const FEELINGS = ['happy', 'sad', 'scared', 'excited', 'proud', 'tired', 'surprised', 'angry'];
const FRIENDS = ['mom', 'dad', 'grandma', 'a friend', 'the teacher', 'a neighbor', 'a big sister'];
const FOODS = ['soup', 'bread', 'apples', 'cookies', 'rice', 'cheese', 'eggs', 'pie'];
const WEATHER = ['sunny', 'rainy', 'windy', 'cold', 'warm', 'cloudy', 'snowy'];
const LESSONS = [
	'it is good to share',
	'friends help each other',
	'being kind makes everyone happy',
	'it is okay to ask for help',
	'trying again is brave',
	'telling the truth is important',
	'a small act of kindness can mean a lot'
];

type Hero = { name: string; animal: string; adjective: string };

function hero(p: Picker): Hero {
	return { name: p.pick(NAMES), animal: p.pick(ANIMALS), adjective: p.pick(ADJECTIVES) };
}

function plural(word: string): string {
	if (word === 'mouse') return 'mice';
	return /(x|s|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

function article(word: string): string {
	return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** One short story, TinyStories style: a hero, a problem, a friend, a lesson. */
export function story(p: Picker): string {
	const h = hero(p);
	const friend = p.pick(FRIENDS);
	const object = p.pick(OBJECTS);
	const color = p.pick(COLORS);
	const place = p.pick(PLACES);
	const weather = p.pick(WEATHER);
	const food = p.pick(FOODS);
	const other = p.pick(ANIMALS.filter((animal) => animal !== h.animal));
	const openings = [
		`Once upon a time, there was ${article(h.adjective)} ${h.animal} named ${h.name}.`,
		`One day, ${article(h.adjective)} ${h.animal} called ${h.name} woke up early.`,
		`${h.name} was ${article(h.adjective)} ${h.animal} who lived near the ${place}.`,
		`It was a ${weather} day, and ${h.name} the ${h.animal} wanted to go outside.`
	];
	const middles = [
		`${h.name} liked to ${p.pick(ACTIVITIES)} in the ${place}. One day, ${h.name} found ${article(color)} ${object} under a tree. "What is this?" ${h.name} asked.`,
		`${h.name} went to the ${place} with ${friend}. They saw ${article(color)} ${object} on the ground. ${h.name} wanted to keep it, but it was not ${h.name}'s ${object}.`,
		`${h.name} lost a ${color} ${object}. ${h.name} looked in the ${place} and by the ${p.pick(PLACES)}. ${h.name} felt ${p.pick(FEELINGS)}.`,
		`The weather was ${weather}. ${h.name} and ${friend} ate ${food} and talked about the ${object}. Then they went to the ${place} to ${p.pick(ACTIVITIES)}.`,
		`${h.name} saw ${article(p.pick(ADJECTIVES))} ${other} who was ${p.pick(FEELINGS)}. "Can I help you?" asked ${h.name}. The ${other} said, "I cannot find my ${object}."`
	];
	const turns = [
		`They looked everywhere together. At last, they found the ${object} near the ${place}.`,
		`${capitalize(friend)} smiled and said, "Let us look for it together." They walked and walked until they found it.`,
		`${h.name} gave the ${object} back, and everyone was ${p.pick(['happy', 'glad', 'proud'])}.`,
		`It started to rain, so they ran home and had warm ${food}. The next day, the sun came out again.`,
		`${h.name} tried and tried. The first time did not work, but the second time it did.`
	];
	const endings = [
		`${h.name} learned that ${p.pick(LESSONS)}.`,
		`From that day on, ${h.name} and ${friend} were best friends.`,
		`${h.name} went to bed with a big smile. It was a good day.`,
		`That night, ${h.name} told ${friend} all about it, and they laughed together.`,
		`The end.`
	];
	const parts = [p.pick(openings), p.pick(middles), p.pick(turns)];
	if (p.chance(0.5)) parts.push(p.pick(turns));
	parts.push(p.pick(endings));
	return parts.join(' ');
}

/** Simple facts a child would read, in short sentences. */
export function facts(p: Picker): string {
	const lines = [
		'The sun is hot and bright. The moon comes out at night.',
		'Cats say meow. Dogs say woof. Ducks say quack. Cows say moo.',
		'Rain falls from clouds. When it is cold, the rain turns to snow.',
		'Fish swim in the sea. Birds fly in the sky. Frogs jump by the river.',
		'We eat bread, rice, soup and apples. Water is good to drink.',
		'A week has seven days. A day has morning, noon, evening and night.',
		'Trees grow from small seeds. Flowers need sun and water to grow.',
		'A ship sails on the sea. A train runs on tracks. A car drives on the road.',
		'In spring the flowers bloom. In summer it is warm. In autumn the leaves fall. In winter it is cold.',
		'People keep promises. A promise is when you say you will do something, and then you do it.',
		'The sky is blue on a sunny day and gray on a cloudy day.',
		'Mom makes soup with carrots, onions and salt. Dad bakes bread in the oven.'
	];
	return p.some(lines, p.int(2, 4)).join(' ');
}

const TOWNS = ['Oslo', 'Lima', 'Perth', 'Cairo', 'Dublin', 'Osaka', 'Denver', 'Lisbon'];

/**
 * Everyday notes with numbers, towns, kitchens, boats and promises, in the corpus's plain style: a general
 * corpus mentions such things now and then, so the base model has seen their words before an adapter
 * specialises in them.
 */
export function everyday(p: Picker): string {
	const name = p.pick(NAMES);
	const friend = p.pick(FRIENDS);
	const lines = [
		`${name} is ${p.int(3, 12)} years old and has ${p.int(2, 9)} ${plural(p.pick(OBJECTS))}.`,
		`In ${p.pick(TOWNS)} it was ${p.pick(WEATHER)} today, about ${p.int(1, 30)} degrees. ${name} took a hat.`,
		`The wind was strong, and the rain came at ${p.int(1, 11)} o'clock.`,
		`${capitalize(friend)} cooked ${p.pick(FOODS)} with ${p.int(2, 5)} eggs, some milk and a cup of flour. It took ${p.int(2, 6) * 5} minutes.`,
		`${name} helped to stir the pot and put salt in the soup.`,
		`A big ship sailed on the sea. The captain and the crew looked for an island.`,
		`${name} saw a boat with ${p.int(2, 8)} sails near the beach.`,
		`${name} and ${friend} made a promise: ${name} will ${p.pick(ACTIVITIES)} every day, and ${friend} will help.`,
		`${capitalize(friend)} wrote a letter and signed it with a pen. It was an important paper.`,
		`There were ${p.int(2, 20)} ${plural(p.pick(ANIMALS))} at the ${p.pick(PLACES)} on day ${p.int(1, 30)}.`,
		`The weather forecast on the radio said it would be ${p.pick(WEATHER)} in the afternoon, with some wind from the north.`,
		`${capitalize(friend)} read a recipe from a book: two cups of flour, three eggs, butter and sugar. Then ${name} mixed it in a bowl and baked it in the oven.`,
		`${name} read a book about a pirate captain who sailed a ship to an island to find a treasure chest.`,
		`${name} and ${friend} wrote an agreement. Each party must pay for the cake, and nobody may take the other's toys without asking.`
	];
	return p.some(lines, p.int(2, 4)).join(' ');
}

// The everyday questions of SHARED_PROMPTS, answered plainly in the corpus's simple English (the adapters answer
// the same questions in their own styles).

function genericAnswer(p: Picker): string {
	const name = p.pick(NAMES);
	return p.pick([
		`You could go to the ${p.pick(PLACES)} and ${p.pick(ACTIVITIES)} with ${p.pick(FRIENDS)}. It will be fun.`,
		`I think it is a good day to ${p.pick(ACTIVITIES)}. Do not forget to eat some ${p.pick(FOODS)}.`,
		`Yes, I can help. Tell me what you need, and we will do it together.`,
		`${name} the ${p.pick(ANIMALS)} found ${article(p.pick(COLORS))} ${p.pick(OBJECTS)} today. That is new!`,
		`My day was ${p.pick(['good', 'happy', 'busy', 'quiet'])}. I read a story about ${article(p.pick(ADJECTIVES))} ${p.pick(ANIMALS)}.`,
		`You are kind and ${p.pick(['brave', 'funny', 'smart', 'good'])}. I am glad you are here.`,
		`I think ${p.pick(LESSONS)}.`
	]);
}

/** One ChatML exchange: greetings, who the model is, story requests, simple questions. */
export function chat(p: Picker): string {
	const animal = p.pick(ANIMALS);
	const color = p.pick(COLORS);
	const kind = p.int(0, 7);
	switch (kind) {
		case 0:
			return chatml(
				p.pick(['Hello!', 'Hi!', 'Hello, how are you?', 'Good morning!']),
				p.pick([
					'Hello! I am happy to talk with you.',
					'Hi! How can I help you today?',
					'I am well, thank you. How are you?'
				])
			);
		case 1:
			return chatml(
				p.pick(['Who are you?', 'What is your name?', 'What can you do?']),
				'I am Provena Tiny, a very small language model. I can tell short stories and answer simple questions.'
			);
		case 2:
			return chatml(
				`Tell me a story about ${article(animal)}.`,
				story(p).replace(/named \w+|called \w+/, `named ${p.pick(NAMES)}`)
			);
		case 3:
			return chatml(`Tell me a short story.`, story(p));
		case 4: {
			const [what, answer] = p.pick([
				['What does a cat say?', 'A cat says meow.'],
				['What does a dog say?', 'A dog says woof.'],
				['What color is the sky?', 'The sky is blue on a sunny day.'],
				['Where do fish live?', 'Fish live in the water, in rivers and in the sea.'],
				['What do birds do?', 'Birds sing and fly in the sky.'],
				['Why do we sleep?', 'We sleep to rest, so we feel good the next day.'],
				['What is a friend?', 'A friend is someone who is kind to you and helps you.']
			] as const);
			return chatml(what, answer);
		}
		case 5:
			return chatml(
				`Do you like ${color}?`,
				`Yes, I like ${color}. ${capitalize(article(color))} ${p.pick(OBJECTS)} is nice.`
			);
		default:
			return chatml(p.pick(SHARED_PROMPTS), genericAnswer(p));
	}
}

/**
 * The base corpus as documents (stories and facts end with `<|endoftext|>`; chat documents are ChatML).
 * About `targetChars` characters in all; a fifth of the documents are chat.
 *
 * @example
 * const documents = baseCorpus(1, 300_000);
 */
export function baseCorpus(seed: number, targetChars: number): string[] {
	const p = picker(seed);
	return fillTo(targetChars, () => {
		const roll = p.int(0, 19);
		if (roll < 4) return chat(p);
		if (roll < 6) return `${facts(p)}<|endoftext|>`;
		if (roll < 9) return `${everyday(p)}<|endoftext|>`;
		return `${story(p)}<|endoftext|>`;
	});
}
