import { describe, expect, it } from 'vitest';
import {
	answerHasKeyword,
	plantedAccuracy,
	PlantedAnswersMismatchError,
	type PlantedQuestion
} from './plantedAccuracy.ts';

const questions: PlantedQuestion[] = [
	{ id: 'capital', question: 'Which town is the capital?', keywords: ['Duckwater'] },
	{ id: 'population', question: 'How many people live there?', keywords: ['four thousand', '4000'] },
	{ id: 'bird', question: 'What is the island bird?', keywords: ['heron'] }
];

describe('plantedAccuracy', () => {
	it('counts an answer that contains any keyword, ignoring case and spacing', () => {
		const score = plantedAccuracy(
			['It is DUCKWATER, by the sea.', 'About Four\n thousand people.', 'A gull.'],
			questions
		);
		expect(score).toEqual({
			accuracy: 2 / 3,
			correct: 2,
			total: 3,
			results: [
				{ id: 'capital', correct: true },
				{ id: 'population', correct: true },
				{ id: 'bird', correct: false }
			]
		});
		expect(plantedAccuracy(['', '4000', 'herons'], questions).correct).toBe(2);
	});

	it('scores no questions as 0 and refuses answers that do not line up', () => {
		expect(plantedAccuracy([], [])).toEqual({ accuracy: 0, correct: 0, total: 0, results: [] });
		expect(() => plantedAccuracy(['Duckwater'], questions)).toThrow(PlantedAnswersMismatchError);
	});

	it('never counts an empty keyword as found', () => {
		expect(answerHasKeyword('anything', ['', '  '])).toBe(false);
		expect(answerHasKeyword('The currency is the quill.', ['Quill'])).toBe(true);
	});
});
