// The prompts an evaluation answers before and after training: pair records of the validation split, which the
// adapter never trained on, in the split's order, each with the response its contributor wrote.
import type { TrainingExample, TrainingSource } from './trainingExamples.ts';

/** A held-out prompt and the reference answer from its record. */
export type HeldOutPrompt = { recordId: string; sourceIndex: number; prompt: string; reference: string };

/**
 * Up to `limit` held-out prompts from the validation examples' pair records (each record, and each prompt text, once).
 *
 * @example
 * const prompts = heldOutPrompts(sources, validation, 3);
 */
export function heldOutPrompts(
	sources: readonly TrainingSource[],
	validation: readonly TrainingExample[],
	limit: number
): HeldOutPrompt[] {
	const prompts: HeldOutPrompt[] = [];
	const seen = new Set<string>();
	const asked = new Set<string>();
	for (const example of validation) {
		if (prompts.length >= limit) break;
		if (example.kind !== 'pair' || seen.has(example.recordId)) continue;
		const record = sources[example.sourceIndex]?.records.find((r) => r.id === example.recordId);
		if (record?.prompt === undefined || record.response === undefined || asked.has(record.prompt)) continue;
		seen.add(example.recordId);
		asked.add(record.prompt);
		prompts.push({
			recordId: example.recordId,
			sourceIndex: example.sourceIndex,
			prompt: record.prompt,
			reference: record.response
		});
	}
	return prompts;
}
