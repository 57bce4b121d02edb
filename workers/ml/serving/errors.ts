// The inference engine's errors, apart from its code so the page can rebuild them (the inference bridge registers
// them) without loading the engine.
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

/** The GPU was lost during a request; the engine has reopened the model and the request can be sent again. */
export class DeviceLostError extends ProvenaError {
	override name = 'DeviceLostError';
}

/** A request named an adapter the engine does not know, or asked for more than it can serve. */
export class EngineRequestError extends ProvenaError {
	override name = 'EngineRequestError';
}
