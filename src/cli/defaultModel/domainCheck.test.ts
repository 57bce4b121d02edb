import { describe, expect, it } from 'vitest';
import { checkDomain, domainVocabularies } from './domainCheck.ts';
import { ADAPTER_DATASETS, adapterDocuments } from './datasets.ts';
import { baseCorpus } from './corpus.ts';
import { picker } from './textKit.ts';

describe('checkDomain', () => {
	it("passes every adapter's own unseen data and fails the other adapters' data", () => {
		for (const [index, dataset] of ADAPTER_DATASETS.entries()) {
			const p = picker(777 + index);
			const sample = `${dataset.answer(p, '')} ${dataset.text(p)}`;
			for (const other of ADAPTER_DATASETS)
				expect(checkDomain(sample, other.id).inDomain, `${dataset.id} text as ${other.id}`).toBe(other.id === dataset.id);
		}
	});

	it('fails a plain story, broken words, and an answer that leaves its domain after a good start', () => {
		const story = baseCorpus(5, 600).join(' ');
		for (const dataset of ADAPTER_DATASETS) expect(checkDomain(story, dataset.id).inDomain, dataset.id).toBe(false);
		const broken = 'Clause 9.5. The Licensor shave pay all su(uor my kite seaing kind the other Partyeopleinte together of the other P suriure';
		expect(checkDomain(broken, 'legal').inDomain).toBe(false);
		const drifting =
			'Forecast for Lisbon: sunny tonight, with a high near 9 degrees. Lily the cat went to the park with mom and found a red ball under a tree.';
		const result = checkDomain(drifting, 'weather');
		expect(result.ownDistinctive).toBeGreaterThanOrEqual(3);
		expect(result.inDomain).toBe(false);
	});

	it('has distinctive words for each domain and explains an unknown adapter', () => {
		for (const [id, vocabulary] of domainVocabularies()) expect(vocabulary.distinctive.size, id).toBeGreaterThan(20);
		expect(() => checkDomain('hi', 'poetry')).toThrow(/not a demo adapter; the domains are weather, recipes/);
		// Training documents are in their own domain too.
		expect(checkDomain(adapterDocuments(ADAPTER_DATASETS[2]!, 3, 400).join(' ').replace(/<\|[a-z_]+\|>/g, ' '), 'pirate').inDomain).toBe(true);
	});
});
