// Every licence a datanet can declare has a decision, and the refusals say why.
import { describe, expect, it } from 'vitest';
import { LICENCES } from '../datanets/state/datanetMetadata.ts';
import { trainingLicenceVerdict } from './trainingLicences.ts';

describe('trainingLicenceVerdict', () => {
	it('allows the permissive and attribution licences, with the condition the model card meets', () => {
		for (const id of [
			'CC0-1.0',
			'PDDL-1.0',
			'MIT',
			'Apache-2.0',
			'CC-BY-4.0',
			'ODC-By-1.0',
			'ODbL-1.0',
			'CC-BY-SA-4.0'
		])
			expect(trainingLicenceVerdict(id).allowed, id).toBe(true);
		expect(trainingLicenceVerdict('CC-BY-SA-4.0')).toEqual({
			allowed: true,
			condition: expect.stringMatching(/ShareAlike/)
		});
	});

	it('refuses no-derivatives: the adapter is an adaptation', () => {
		expect(trainingLicenceVerdict('CC-BY-ND-4.0')).toEqual({
			allowed: false,
			reason: expect.stringMatching(/^CC BY-ND 4.0 forbids sharing adaptations, and a trained adapter is an adaptation/)
		});
	});

	it('refuses non-commercial: registered models earn inference fees', () => {
		for (const id of ['CC-BY-NC-4.0', 'CC-BY-NC-SA-4.0'])
			expect(trainingLicenceVerdict(id)).toEqual({
				allowed: false,
				reason: expect.stringMatching(/inference fees, which is commercial use/)
			});
	});

	it('refuses a licence it does not know, naming it', () => {
		expect(trainingLicenceVerdict('WTFPL')).toEqual({
			allowed: false,
			reason: expect.stringMatching(/^“WTFPL” is not a licence Provena knows/)
		});
	});

	it('decides every licence the datanet form offers', () => {
		for (const { id } of LICENCES)
			expect(trainingLicenceVerdict(id), id).not.toHaveProperty(
				'reason',
				expect.stringMatching(/not a licence Provena knows/)
			);
	});
});
