// The attribution engine's errors, in a module with no engine imports so the page's bridge can rebuild them.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

/** The artifacts are corrupt, or were made for another adapter or tokenizer; the message names which. */
export class AttributionArtifactsError extends ProvenaError {
	override name = 'AttributionArtifactsError';
}

/** The adapter was published without attribution artifacts: its answers can only be paid to the datanet pool. */
export class MissingAttributionArtifactsError extends ProvenaError {
	override name = 'MissingAttributionArtifactsError';
}
