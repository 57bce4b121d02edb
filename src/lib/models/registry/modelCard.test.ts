// Model cards as ModelFactory and other tools write them: JSON with a name, a markdown card with front matter,
// long names cut, and cards that name nothing refused with the reason.
import { describe, expect, it } from 'vitest';
import { MODEL_CARD_SCHEMA, ModelCardError, parseModelCard } from './modelCard.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseModelCard', () => {
	it('reads a JSON card: its name and summary (or description)', () => {
		expect(
			parseModelCard(bytes(JSON.stringify({ schema: MODEL_CARD_SCHEMA, name: ' Weather bot ', summary: 'Forecasts.' })))
		).toEqual({
			name: 'Weather bot',
			summary: 'Forecasts.'
		});
		expect(parseModelCard(bytes(JSON.stringify({ name: 'Lawyer', description: 'Clauses\nand  more.' })))).toEqual({
			name: 'Lawyer',
			summary: 'Clauses and more.'
		});
		expect(parseModelCard(bytes('{"name":"Bare"}'))).toEqual({ name: 'Bare' });
	});

	it('reads a markdown card: the first heading after any front matter, and the first paragraph', () => {
		const card =
			'---\nlicense: mit\nbase_model: provena/provena-tiny\n---\n\n# Pirate talk\n\n> note\n\nAnswers like a pirate.\n\n## Training\n';
		expect(parseModelCard(bytes(card))).toEqual({ name: 'Pirate talk', summary: 'Answers like a pirate.' });
	});

	it('cuts a name longer than 80 characters', () => {
		const { name } = parseModelCard(bytes(JSON.stringify({ name: 'x'.repeat(200) })));
		expect([...name]).toHaveLength(80);
		expect(name.endsWith('…')).toBe(true);
	});

	it('refuses a card that names no model, saying what is missing', () => {
		expect(() => parseModelCard(bytes('{"title":"x"}'))).toThrow(ModelCardError);
		expect(() => parseModelCard(bytes('{"title":"x"}'))).toThrow('has no "name"');
		expect(() => parseModelCard(bytes('just text'))).toThrow('no "# Name" heading');
		expect(() => parseModelCard(new Uint8Array([0xff, 0xfe]))).toThrow('not UTF-8');
	});
});
