// The data picker's view of the chain state: datanets with versions only, declared counts per version, the
// licence's verdict, and a selection that never holds two versions of one datanet.
import { describe, expect, it } from 'vitest';
import { buildDatanetState } from '../datanets/state/datanetState.ts';
import {
	ALICE,
	approve,
	BOB,
	CAROL,
	contribute,
	createDatanet,
	logChain
} from '../datanets/state/storedLogs.testing.ts';
import { chooseVersion, trainingVersionOptions } from './trainingVersions.ts';

function scenario() {
	const chain = logChain();
	createDatanet(chain, 1, CAROL, { licence: 'CC-BY-4.0' });
	createDatanet(chain, 2, CAROL, { licence: 'CC-BY-ND-4.0' });
	createDatanet(chain, 3, CAROL, { licence: 'CC0-1.0' }); // no version
	contribute(chain, 1, 1, ALICE, { recordCount: 3n, tokenCount: 100n });
	contribute(chain, 2, 1, BOB, { recordCount: 5n, tokenCount: 40n });
	contribute(chain, 3, 2, ALICE, { recordCount: 1n, tokenCount: 7n });
	approve(chain, 1, CAROL, [{ id: 1, seq: 1 }], { version: 1, acceptedCount: 1, acceptedBytes: 1000n });
	approve(chain, 1, CAROL, [{ id: 2, seq: 2 }], { version: 2, acceptedCount: 2, acceptedBytes: 2000n });
	approve(chain, 2, CAROL, [{ id: 3, seq: 1 }], { version: 1, acceptedCount: 1, acceptedBytes: 1000n });
	return buildDatanetState(chain.logs);
}

describe('trainingVersionOptions', () => {
	const options = trainingVersionOptions(scenario(), (d) => (d.id === '1' ? 'Contract law' : undefined));

	it('lists datanets with a version, named by their metadata or their id', () => {
		expect(options.map((o) => [o.datanetId, o.name])).toEqual([
			['1', 'Contract law'],
			['2', 'Datanet #2']
		]);
	});

	it('adds up the declared records and tokens of each version, newest first', () => {
		expect(options[0]!.versions).toEqual([
			{ version: 2, manifestCid: 'bafy-manifest-1-2', contributions: 2, records: 8, tokens: 140 },
			{ version: 1, manifestCid: 'bafy-manifest-1-1', contributions: 1, records: 3, tokens: 100 }
		]);
	});

	it('carries the licence, its label and its verdict', () => {
		expect(options[0]).toMatchObject({
			licence: 'CC-BY-4.0',
			licenceLabel: 'Creative Commons Attribution 4.0',
			verdict: { allowed: true }
		});
		expect(options[1]).toMatchObject({ licence: 'CC-BY-ND-4.0', verdict: { allowed: false } });
	});

	it('keeps one version per datanet: choosing another replaces it, none removes it', () => {
		const [law, nd] = options as [(typeof options)[0], (typeof options)[0]];
		let selection = chooseVersion([], law, 1);
		selection = chooseVersion(selection, nd, 1);
		selection = chooseVersion(selection, law, 2);
		expect(selection).toEqual([
			{ datanetId: '1', version: 2, manifestCid: 'bafy-manifest-1-2', licence: 'CC-BY-4.0' },
			{ datanetId: '2', version: 1, manifestCid: 'bafy-manifest-2-1', licence: 'CC-BY-ND-4.0' }
		]);
		expect(chooseVersion(selection, law, undefined).map((r) => r.datanetId)).toEqual(['2']);
		expect(chooseVersion(selection, law, 9).map((r) => r.datanetId)).toEqual(['2']);
	});
});
