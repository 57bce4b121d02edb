// Scores a model's answers to the demo datanet's planted questions: the share it gets right, where right means the
// answer contains one of the question's keywords. Pure, so the bench, the e2e tests and `provena train` score alike.
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';

/** A held-out question and the keywords a right answer contains (any one of them, ignoring case). */
export type PlantedQuestion = { id: string; question: string; keywords: readonly string[] };

/** The score, and which questions were answered right. */
export type PlantedAccuracy = {
	/** Right answers over questions, from 0 to 1. */
	accuracy: number;
	correct: number;
	total: number;
	/** Per question, in the order given. */
	results: { id: string; correct: boolean }[];
};

/** The answers do not line up with the questions. */
export class PlantedAnswersMismatchError extends ProvenaError {
	override name = 'PlantedAnswersMismatchError';
}

// Case and runs of whitespace do not make an answer wrong ("Four  thousand" says "four thousand").
const normalize = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');

/**
 * Whether `answer` contains one of `keywords`, ignoring case and spacing.
 *
 * @example
 * answerHasKeyword('It is DUCKWATER.', ['Duckwater']); // true
 */
export function answerHasKeyword(answer: string, keywords: readonly string[]): boolean {
	const text = normalize(answer);
	return keywords.some((keyword) => normalize(keyword).trim() !== '' && text.includes(normalize(keyword).trim()));
}

/**
 * Scores `answers[i]` against `questions[i]`.
 *
 * @example
 * plantedAccuracy(['The capital is Duckwater.', 'I do not know.'], questions).accuracy; // 0.5
 */
export function plantedAccuracy(answers: readonly string[], questions: readonly PlantedQuestion[]): PlantedAccuracy {
	if (answers.length !== questions.length)
		throw new PlantedAnswersMismatchError(
			`Got ${answers.length} answers for ${questions.length} planted questions; answer every question once, in order.`
		);
	const results = questions.map((question, i) => ({
		id: question.id,
		correct: answerHasKeyword(answers[i]!, question.keywords)
	}));
	const correct = results.filter((result) => result.correct).length;
	return {
		accuracy: questions.length === 0 ? 0 : correct / questions.length,
		correct,
		total: questions.length,
		results
	};
}
