// The demo adapters' fine-tuning data, one small seeded dataset per domain, each with its own vocabulary and
// style (weather forecasts, recipes, pirate talk, contract clauses), half of it ChatML answers to everyday
// questions, so the same chat prompt answered with each adapter shows which domain it learned.
import { capitalize, chatml, fillTo, picker, type Picker } from './textKit.ts';

/** A demo adapter's dataset: its id, what it is for, and a generator of its documents. */
export type AdapterDataset = {
	id: string;
	name: string;
	domain: string;
	description: string;
	/** Plain text (no ChatML) in the domain's style. */
	text(p: Picker): string;
	/** An answer in the domain's style to any question. */
	answer(p: Picker, question: string): string;
	/** Questions that belong to the domain. */
	questions: readonly string[];
};

// Everyday questions every adapter learns to answer in its own style (the base corpus answers them plainly).
export const SHARED_PROMPTS = [
	'What should I do today?',
	'Tell me something.',
	'Can you help me?',
	'What is new?',
	'Tell me about your day.',
	'Say something nice.',
	'What do you think?'
];

const CITIES = ['Lisbon', 'Oslo', 'Denver', 'Cairo', 'Lima', 'Perth', 'Dublin', 'Quebec', 'Nairobi', 'Osaka'];
const SKIES = ['sunny', 'partly cloudy', 'overcast', 'foggy', 'clear', 'mostly sunny', 'cloudy'];
const PRECIP = ['light rain', 'scattered showers', 'heavy rain', 'snow flurries', 'thunderstorms', 'drizzle'];
const WINDS = ['north', 'south', 'east', 'west', 'northwest', 'southeast'];
const PERIODS = ['this morning', 'this afternoon', 'tonight', 'tomorrow', 'on Saturday', 'on Monday'];

function forecast(p: Picker): string {
	const city = p.pick(CITIES);
	const high = p.int(-5, 34);
	const low = high - p.int(4, 12);
	const lines = [
		`Forecast for ${city}: ${p.pick(SKIES)} ${p.pick(PERIODS)}, with a high near ${high} degrees and a low around ${low} degrees.`,
		`Winds from the ${p.pick(WINDS)} at ${p.int(5, 45)} kilometers per hour.`,
		`Chance of ${p.pick(PRECIP)} ${p.int(1, 9) * 10} percent.`,
		p.pick([
			`Humidity near ${p.int(30, 95)} percent.`,
			`The barometric pressure is falling.`,
			`A cold front moves in ${p.pick(PERIODS)}, bringing ${p.pick(PRECIP)}.`,
			`Visibility may drop below one kilometer in fog.`,
			`UV index ${p.int(1, 10)}. Expect ${p.pick(SKIES)} skies ${p.pick(PERIODS)}.`
		])
	];
	if (p.chance(0.4)) lines.push(`Outlook: ${p.pick(SKIES)} with temperatures near ${high + p.int(-3, 3)} degrees.`);
	return lines.join(' ');
}

const DISHES = [
	'tomato soup',
	'pancakes',
	'vegetable curry',
	'lemon cake',
	'garlic pasta',
	'potato salad',
	'apple pie'
];
const INGREDIENTS = ['flour', 'butter', 'sugar', 'eggs', 'milk', 'garlic', 'onions', 'tomatoes', 'olive oil', 'salt'];
const UNITS = ['cups of', 'tablespoons of', 'teaspoons of', 'grams of', 'pinches of'];
const STEPS = [
	'Preheat the oven to {n} degrees.',
	'Whisk the {i} and the {j} in a large bowl.',
	'Chop the {i} finely and set aside.',
	'Melt the {i} in a pan over medium heat.',
	'Stir in the {i} and simmer for {m} minutes.',
	'Fold in the {i} gently with a spatula.',
	'Season with {i} and pepper to taste.',
	'Bake for {m} minutes until golden brown.',
	'Let it cool, then serve warm.'
];

function recipe(p: Picker): string {
	const dish = p.pick(DISHES);
	const ingredients = p.some(INGREDIENTS, p.int(3, 5));
	const amounts = ingredients.map((item) => `${p.int(1, 4)} ${p.pick(UNITS)} ${item}`);
	const steps = p.some(STEPS, p.int(3, 5)).map(
		(step, i) =>
			`${i + 1}. ${step
				.replace('{n}', String(p.int(16, 22) * 10))
				.replace('{m}', String(p.int(2, 9) * 5))
				.replace('{i}', p.pick(ingredients))
				.replace('{j}', p.pick(ingredients))}`
	);
	return `Recipe: ${capitalize(dish)}. Serves ${p.int(2, 6)}. Ingredients: ${amounts.join(', ')}. Method: ${steps.join(' ')}`;
}

const SHIPS = ['the Black Gull', 'the Salty Maiden', 'the Iron Kraken', 'the Crimson Tide', 'the Sea Wolf'];
const CAPTAINS = ['Captain Redbeard', 'Captain Flint', 'One-Eyed Jack', 'Captain Morgana', 'Old Barnacle Bill'];
const PIRATE_BITS = [
	'Arr, matey!',
	'Shiver me timbers!',
	'Yo ho ho!',
	'Avast, ye scallywag!',
	'Blow me down!',
	'Ahoy there, me hearty!'
];
const PIRATE_ORDERS = [
	'hoist the mainsail',
	'swab the deck',
	'raise the Jolly Roger',
	'drop anchor in the cove',
	'load the cannons',
	'trim the sails',
	'batten down the hatches'
];
const PIRATE_THINGS = [
	'buried treasure',
	'a chest of doubloons',
	'a map to Skull Island',
	'a barrel of rum',
	'pieces of eight'
];

function pirate(p: Picker): string {
	return [
		p.pick(PIRATE_BITS),
		`${p.pick(CAPTAINS)} of ${p.pick(SHIPS)} says we must ${p.pick(PIRATE_ORDERS)} before the tide turns.`,
		p.pick([
			`There be ${p.pick(PIRATE_THINGS)} beyond the reef, and no landlubber shall have it.`,
			`The crew be singing sea shanties while the parrot squawks on me shoulder.`,
			`Keep a weather eye on the horizon, for the navy be sailing close.`,
			`Any scallywag who steals me grog shall walk the plank!`
		]),
		`Now ${p.pick(PIRATE_ORDERS)}, ye bilge rats, and ${p.pick(PIRATE_ORDERS)}! ${p.pick(PIRATE_BITS)}`
	].join(' ');
}

const PARTIES = [
	['the Landlord', 'the Tenant'],
	['the Seller', 'the Buyer'],
	['the Employer', 'the Employee'],
	['the Licensor', 'the Licensee'],
	['the Contractor', 'the Client']
] as const;
const OBLIGATIONS = [
	'pay all sums due under this Agreement within thirty (30) days of receipt of an invoice',
	'keep confidential all information disclosed by the other Party',
	'indemnify and hold harmless the other Party against any claims arising hereunder',
	'maintain adequate insurance for the duration of the Term',
	'give written notice of any breach within fourteen (14) days',
	'comply with all applicable laws and regulations'
];

function clause(p: Picker): string {
	const [first, second] = p.pick(PARTIES);
	const section = `${p.int(1, 12)}.${p.int(1, 9)}`;
	return [
		`Clause ${section}. ${capitalize(first)} shall ${p.pick(OBLIGATIONS)}.`,
		p.pick([
			`Notwithstanding the foregoing, ${second} shall not be liable for any indirect or consequential loss.`,
			`This obligation shall survive the termination or expiry of this Agreement.`,
			`Failure by ${second} to enforce any provision hereof shall not constitute a waiver thereof.`,
			`Any dispute arising hereunder shall be governed by and construed in accordance with the laws of the State.`
		]),
		p.pick([
			`${capitalize(second)} hereby agrees to ${p.pick(OBLIGATIONS)}.`,
			`For the avoidance of doubt, the Effective Date shall be the date of signature by both Parties.`,
			`Neither Party may assign its rights hereunder without the prior written consent of the other Party.`
		])
	].join(' ');
}

/** The four demo adapters' datasets, in the order the script trains them. */
export const ADAPTER_DATASETS: readonly AdapterDataset[] = [
	{
		id: 'weather',
		name: 'Weather forecaster',
		domain: 'weather forecasts',
		description: 'Answers like a radio weather forecast: skies, temperatures in degrees, winds and chances of rain.',
		text: forecast,
		answer: (p) => forecast(p),
		questions: [
			'What is the weather tomorrow?',
			'Will it rain today?',
			'How cold will it be tonight?',
			'Give me the forecast.'
		]
	},
	{
		id: 'recipes',
		name: 'Home cook',
		domain: 'cooking recipes',
		description: 'Answers with a recipe: ingredients with amounts and numbered cooking steps.',
		text: recipe,
		answer: (p) => `Let us cook! ${recipe(p)}`,
		questions: ['What should I cook for dinner?', 'How do I make soup?', 'Give me a recipe.', 'I am hungry.']
	},
	{
		id: 'pirate',
		name: 'Pirate',
		domain: 'sea-faring pirate talk',
		description: 'Answers in pirate talk: ships, captains, treasure and orders to the crew.',
		text: pirate,
		answer: (p) => pirate(p),
		questions: ['Where is the treasure?', 'Who is the captain?', 'Tell me about your ship.', 'What do pirates do?']
	},
	{
		id: 'legal',
		name: 'Contract lawyer',
		domain: 'contract-law clauses',
		description: 'Answers in contract clauses: parties, obligations, notwithstanding and hereunder.',
		text: clause,
		answer: (p) => clause(p),
		questions: [
			'Write a contract clause.',
			'What must the tenant do?',
			'Who pays the invoice?',
			'Is this agreement binding?'
		]
	}
];

/**
 * A dataset's documents: half plain domain text ending in `<|endoftext|>`, half ChatML answers in the domain's
 * style to shared everyday prompts and to its own questions; about `targetChars` characters in all.
 *
 * @example
 * const documents = adapterDocuments(ADAPTER_DATASETS[0]!, 11, 40_000);
 */
export function adapterDocuments(dataset: AdapterDataset, seed: number, targetChars: number): string[] {
	const p = picker(seed);
	return fillTo(targetChars, () => {
		if (p.chance(0.5)) return `${dataset.text(p)}<|endoftext|>`;
		const question = p.chance(0.5) ? p.pick(SHARED_PROMPTS) : p.pick(dataset.questions);
		return chatml(question, dataset.answer(p, question));
	});
}
