// Errors of the data ModelFactory trains on: a version whose manifest is not what the chain published, and one
// that holds nothing to train on. A contribution whose bytes fail their hash is the datanet layer's
// ContributionContentMismatchError; a block that never arrives is IpfsContentUnavailableError.
import { ProvenaError, type ProvenaErrorOptions } from '../../../workers/shared/errors/ProvenaError.ts';

/** A version's manifest lists other contributions, or other hashes, than the registry holds for that version. */
export class ManifestChainMismatchError extends ProvenaError {
	override name = 'ManifestChainMismatchError';
	constructor(what: string, problem: string, options: ProvenaErrorOptions = {}) {
		super(
			`The manifest of ${what} ${problem}, so it is not the version the registry published. Do not train on it; ` +
				'pick another version, or ask the datanet’s curators to publish a correct one.',
			options
		);
	}
}

/** A version with no usable record (every line of its files failed to parse as a record). */
export class EmptyTrainingVersionError extends ProvenaError {
	override name = 'EmptyTrainingVersionError';
	constructor(what: string, badLines: number, options: ProvenaErrorOptions = {}) {
		super(
			`${what} holds no records to train on${badLines > 0 ? ` (${badLines} lines were not records)` : ''}. ` +
				'Pick another version, or contribute data to the datanet and ask its curators to publish a new version.',
			options
		);
	}
}
