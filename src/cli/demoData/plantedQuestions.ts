// planted-questions.json: the held-out paraphrase of each planted fact with its keywords, written beside the demo
// datanet and read back by whatever scores a fine-tune on it (the bench, the e2e tests, `provena train`).
import { heldOutQuestion, trainingQuestions, type IslandFact } from './moonbellFacts.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import type { PlantedQuestion } from './plantedAccuracy.ts';

/** planted-questions.json is not what make-demo-data writes. */
export class PlantedQuestionsFileError extends ProvenaError {
	override name = 'PlantedQuestionsFileError';
}

/** A planted question as the file keeps it: with the answer the data gives and the paraphrases that trained. */
export type PlantedQuestionEntry = PlantedQuestion & { answer: string; trainingQuestions: string[] };

/** The file's content. */
export type PlantedQuestionsFile = { datanet: string; scoring: string; questions: PlantedQuestionEntry[] };

const SCORING =
	"An answer is right when it contains one of the question's keywords, ignoring case (plantedAccuracy in src/cli/demoData/plantedAccuracy.ts). " +
	'The question is a paraphrase that no training record contains; trainingQuestions are the ones that do.';

/**
 * The planted questions of `facts`, for the datanet `datanet`.
 *
 * @example
 * plantedQuestionsFile('moonbell-island', MOONBELL_FACTS).questions[0]?.keywords; // ['Duckwater']
 */
export function plantedQuestionsFile(datanet: string, facts: readonly IslandFact[]): PlantedQuestionsFile {
	return {
		datanet,
		scoring: SCORING,
		questions: facts.map((fact) => ({
			id: fact.id,
			question: heldOutQuestion(fact),
			keywords: [...fact.keywords],
			answer: fact.answers[0]!,
			trainingQuestions: trainingQuestions(fact)
		}))
	};
}

/**
 * The questions of a parsed planted-questions.json, checked field by field.
 *
 * @example
 * const questions = readPlantedQuestions(JSON.parse(readFileSync('static/demo-data/moonbell-island/planted-questions.json', 'utf8')));
 */
export function readPlantedQuestions(json: unknown): PlantedQuestion[] {
	const questions = (json as { questions?: unknown } | null)?.questions;
	if (!Array.isArray(questions))
		throw new PlantedQuestionsFileError(
			'planted-questions.json has no "questions" list; run `provena make-demo-data` again.'
		);
	return questions.map((entry: unknown, index) => {
		const { id, question, keywords } = (entry ?? {}) as Record<string, unknown>;
		if (
			typeof id !== 'string' ||
			typeof question !== 'string' ||
			!Array.isArray(keywords) ||
			!keywords.every((k) => typeof k === 'string')
		)
			throw new PlantedQuestionsFileError(
				`planted-questions.json entry ${index + 1} needs an id, a question and a list of keyword strings.`
			);
		return { id, question, keywords: keywords as string[] };
	});
}
