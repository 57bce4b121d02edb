// The masked loss of a set of examples (the validation split), in batches of the run's own shape so evaluation
// reuses one compiled forward: the mean over every target token, the same quantity a training step minimises.
import { evaluateTokenBatches } from '../training/evaluateBatches.ts';
import type { JaxForwardSettings, JaxLora, JaxWeights } from '../training/jaxForward.ts';
import { evaluationBatches } from './fineTunePlan.ts';
import type { FineTuneSettings } from './fineTuneSettings.ts';
import type { TrainingExample } from './trainingExamples.ts';

/**
 * The mean loss per target token of `examples`, with the adapter when given; consumes nothing.
 *
 * @example
 * const loss = await validationLoss({ config, loraScale: 2 }, base, lora, validation, settings);
 */
export async function validationLoss(
	forward: JaxForwardSettings,
	base: JaxWeights,
	lora: JaxLora | undefined,
	examples: readonly TrainingExample[],
	settings: Pick<FineTuneSettings, 'batchSize' | 'maxSeqLength'>
): Promise<number> {
	return (await evaluateTokenBatches(forward, base, lora, evaluationBatches(examples, settings))).loss;
}
