// Errors of a datanet's content on IPFS (contribution files, version manifests, version exports). A block that
// does not arrive in time is reported with the IPFS layer's IpfsContentUnavailableError, so the page handles a
// missing model and a missing contribution alike; the classes here are about content that arrived but is wrong.
import { IpfsError, type IpfsErrorOptions } from '../../ipfs/errors.ts';

/** A version manifest does not follow `provena.datanet-version/1`; `field` names the first bad field. */
export class InvalidVersionManifestError extends IpfsError {
	override name = 'InvalidVersionManifestError';
	/** The path of the bad field, e.g. `contributions[2].contentHash`, or `manifest` for the whole document. */
	readonly field: string;
	constructor(field: string, problem: string, options: IpfsErrorOptions = {}) {
		super(
			`The datanet version manifest is invalid: ${field} ${problem}. It was not written by Provena or was ` +
				'altered; rebuild it from the registry (or ask the datanet curator for the right manifest CID).',
			options
		);
		this.field = field;
	}
}

/** A contribution's bytes do not match the sha-256 or size recorded for it (on chain and in the manifest). */
export class ContributionContentMismatchError extends IpfsError {
	override name = 'ContributionContentMismatchError';
	readonly contributionId: string;
	constructor(contributionId: string, cid: string, problem: string, options: IpfsErrorOptions = {}) {
		super(
			`Contribution ${contributionId} (${cid}) ${problem}, so its content is not what the registry recorded. ` +
				'Do not use this version export; check the manifest against the chain and re-fetch the contribution.',
			options
		);
		this.contributionId = contributionId;
	}
}

/** A CAR file is malformed, or one of its blocks does not hash to its CID. */
export class InvalidCarError extends IpfsError {
	override name = 'InvalidCarError';
}
