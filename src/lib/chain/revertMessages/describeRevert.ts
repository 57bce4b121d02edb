// A decoded custom error → a sentence a user can act on: amounts in OPEN, short addresses, dates with how far
// away they are, percent instead of basis points, enum values and parameters by name. One table per contract
// (the files beside this one); the unit test holds every error in knownErrorsAbi to having a sentence.
import { attributionLedgerSentences } from './attributionLedger.ts';
import { datanetRegistrySentences } from './datanetRegistry.ts';
import { governanceSentences } from './governance.ts';
import { modelRegistrySentences } from './modelRegistry.ts';
import { openVotesSentences } from './openVotes.ts';
import { openZeppelinUtilsSentences } from './openZeppelinUtils.ts';
import { protocolParamsSentences } from './protocolParams.ts';
import { stakingSentences } from './staking.ts';
import type { RevertContext, RevertSentences } from './types.ts';

export type { RevertContext } from './types.ts';

/** Every sentence, by custom error name. */
export const revertSentences: RevertSentences = {
	...datanetRegistrySentences,
	...modelRegistrySentences,
	...attributionLedgerSentences,
	...stakingSentences,
	...protocolParamsSentences,
	...openVotesSentences,
	...governanceSentences,
	...openZeppelinUtilsSentences
};

/**
 * What the contract's refusal means and what to do next, in one or two sentences.
 *
 * @example
 * describeRevert('DatanetRegistryCuratorStakeTooLow', [curator, 0n, 10n ** 19n], { functionName: 'setCurator' });
 * // '0xf39F…2266 has 0 OPEN staked; a curator must keep at least 10 OPEN staked. Stake 10 OPEN first, then appoint again.'
 */
export function describeRevert(errorName: string, args: readonly unknown[] = [], context: RevertContext = {}): string {
	const sentence = revertSentences[errorName];
	if (!sentence) {
		return `The contract refused with ${errorName}, an error this app has no words for. Reload the page (the app may be older than the contracts) or report it.`;
	}
	try {
		return sentence(args, context);
	} catch {
		// Arguments of an unexpected shape (another contract's error of the same name): the name still helps.
		return `The contract refused with ${errorName}. Reload the page and try again, or report it.`;
	}
}
