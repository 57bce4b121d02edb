// The trainer worker's errors, apart from jax-js so the page can rebuild them (the training bridge registers them).
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';

/** jax-js failed to start on any backend. */
export class TrainerStartError extends ProvenaError {
	override name = 'TrainerStartError';
}
