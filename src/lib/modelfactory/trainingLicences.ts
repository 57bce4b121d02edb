// Which datanet licences allow ModelFactory to train on the data. What ModelFactory makes is a published adapter
// (an adaptation of the data under copyright's usual reading) registered as a model that earns inference fees
// (commercial use), so a licence that forbids either is refused, with the reason. The decision is recorded in
// docs/decisions.md; the table is typed over LICENCES, so a licence added there without a decision here does
// not compile.
import { LICENCES, licenceLabel, type LicenceId } from '../datanets/state/datanetMetadata.ts';

/** Whether a licence allows training, and what the user must know either way. */
export type LicenceVerdict = { allowed: true; condition?: string } | { allowed: false; reason: string };

const NON_COMMERCIAL =
	'forbids commercial use, and a registered model earns inference fees, which is commercial use. Pick a version of a datanet under another licence.';

const VERDICTS: Record<LicenceId, LicenceVerdict> = {
	'CC0-1.0': { allowed: true },
	'PDDL-1.0': { allowed: true },
	MIT: { allowed: true, condition: 'The model card keeps the MIT notice.' },
	'Apache-2.0': { allowed: true, condition: 'The model card keeps the Apache 2.0 notice.' },
	'CC-BY-4.0': { allowed: true, condition: 'The model card credits the datanet and its contributors.' },
	'ODC-By-1.0': { allowed: true, condition: 'The model card credits the datanet and its contributors.' },
	'ODbL-1.0': {
		allowed: true,
		condition: 'The model is a Produced Work: the model card names the datanet and its licence.'
	},
	'CC-BY-SA-4.0': {
		allowed: true,
		condition: 'ShareAlike: the adapter is an adaptation, so it is published under CC BY-SA 4.0 too.'
	},
	'CC-BY-NC-4.0': { allowed: false, reason: `CC BY-NC 4.0 ${NON_COMMERCIAL}` },
	'CC-BY-NC-SA-4.0': { allowed: false, reason: `CC BY-NC-SA 4.0 ${NON_COMMERCIAL}` },
	'CC-BY-ND-4.0': {
		allowed: false,
		reason:
			'CC BY-ND 4.0 forbids sharing adaptations, and a trained adapter is an adaptation of its data. Pick a version of a datanet under another licence.'
	}
};

/**
 * Whether a datanet under `licence` (an SPDX id, as the registry stores it) may be trained on. An id this app does
 * not know (another client may write any string) is refused: nobody here has read what it allows.
 *
 * @example
 * trainingLicenceVerdict('CC-BY-ND-4.0'); // { allowed: false, reason: 'CC BY-ND 4.0 forbids sharing adaptations, …' }
 */
export function trainingLicenceVerdict(licence: string): LicenceVerdict {
	const known = LICENCES.find((entry) => entry.id === licence);
	if (known) return VERDICTS[known.id];
	return {
		allowed: false,
		reason: `“${licenceLabel(licence)}” is not a licence Provena knows, so it cannot tell whether it allows training. Ask the datanet’s owner to declare one of the listed licences.`
	};
}
