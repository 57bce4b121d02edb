// DatanetRegistry's refusals (contracts/src/interfaces/IDatanetRegistry.sol) in words and units.
import type { RevertSentences } from './types.ts';
import { addr, big, contributionStatuses, enumName, num, open, shortHash, size, when } from './units.ts';

export const datanetRegistrySentences: RevertSentences = {
	DatanetRegistryUnknownDatanet: ([datanetId]) =>
		`There is no datanet #${num(datanetId)}. Check the link, or pick a datanet from the list.`,
	DatanetRegistryNotOwner: ([datanetId, account]) =>
		`${addr(account)} does not own datanet #${num(datanetId)}. Switch to the owner's account to change it.`,
	DatanetRegistryNotCurator: ([datanetId, account]) =>
		`${addr(account)} is not a curator of datanet #${num(datanetId)}. Ask the datanet's owner to appoint this account, or switch to a curator's account.`,
	DatanetRegistryCuratorStakeTooLow: ([account, stake, required], { functionName }) => {
		const missing = big(required) - big(stake);
		const stakeFirst = big(stake) === 0n ? `Stake ${open(missing)} first` : `Stake ${open(missing)} more first`;
		const then = functionName === 'setCurator' ? 'then appoint again' : 'then try again';
		return `${addr(account)} has ${open(stake)} staked; a curator must keep at least ${open(required)} staked. ${stakeFirst}, ${then}.`;
	},
	DatanetRegistryCuratorOwnContribution: ([contributionId]) =>
		`Contribution #${num(contributionId)} is your own: a curator cannot approve or reject their own contribution. Leave it to another curator.`,
	DatanetRegistryUnknownContribution: ([contributionId]) =>
		`There is no contribution #${num(contributionId)}. Reload the page: the list may be out of date.`,
	DatanetRegistryUnknownVersion: ([datanetId, version]) =>
		`Datanet #${num(datanetId)} has no version ${num(version)} yet. Pick a published version.`,
	DatanetRegistryContributionNotInDatanet: ([contributionId, datanetId]) =>
		`Contribution #${num(contributionId)} was made to another datanet, not #${num(datanetId)}. Decide it from its own datanet.`,
	DatanetRegistryContributionNotPending: ([contributionId, status], { functionName }) =>
		`Contribution #${num(contributionId)} is already ${enumName(contributionStatuses, status)}, so it can no longer be ${functionName === 'withdrawContribution' ? 'withdrawn' : 'decided'}. Reload the page to see its state.`,
	DatanetRegistryContributionNotApproved: ([contributionId]) =>
		`Contribution #${num(contributionId)} is not approved (it is pending, rejected, a duplicate, withdrawn or unknown), so it has no bond to release. Release only approved contributions.`,
	DatanetRegistryDuplicateContent: ([datanetId, contentHash, existingId]) =>
		`Datanet #${num(datanetId)} already accepted these exact records (content ${shortHash(contentHash)}) as contribution #${num(existingId)}. Contribute different records.`,
	DatanetRegistryNotADuplicate: ([duplicateId, originalId]) =>
		`Contribution #${num(duplicateId)} is not a pending copy, submitted later, of the pending or accepted contribution #${num(originalId)} in the same datanet. Only a pending exact copy of an earlier submission can be proven a duplicate; the earlier one is the original.`,
	DatanetRegistryWrongBond: ([expected, sent]) =>
		`A contribution locks a bond of exactly ${open(expected)}; ${open(sent)} was sent. Reload the page to get the current bond and send exactly ${open(expected)}.`,
	DatanetRegistryBondLocked: ([contributionId, releasableAt], context) =>
		`The bond of contribution #${num(contributionId)} is held until ${when(releasableAt, context)}. Release it after that.`,
	DatanetRegistryBondAlreadyReleased: ([contributionId]) =>
		`Contribution #${num(contributionId)} has no bond left: it was released already, or none was locked. Nothing to do; claim what you are owed.`,
	DatanetRegistryEmptyBatch: () => 'No contributions were selected. Select at least one, then try again.',
	DatanetRegistryMissingContentCid: () =>
		'The contribution has no IPFS CID for its records. Publish the records to IPFS first, then submit.',
	DatanetRegistryMissingContentHash: () =>
		'The contribution has no content hash. Prepare the records again, then submit.',
	DatanetRegistryEmptyContribution: () => 'The contribution holds zero bytes. Add records with some content.',
	DatanetRegistryContributionTooLarge: ([byteSize, maximum]) =>
		`The contribution holds ${size(byteSize)}; one contribution may hold at most ${size(maximum)}. Split the records into smaller contributions.`,
	DatanetRegistryNotContributor: ([contributionId, account]) =>
		`${addr(account)} did not send contribution #${num(contributionId)}; only its contributor can withdraw it. Switch to the account that contributed it.`,
	DatanetRegistryWithdrawalTooEarly: ([contributionId, withdrawableAt], context) =>
		`Contribution #${num(contributionId)} is still in review: its curators may decide it until ${when(withdrawableAt, context)}. If it is still pending then, withdraw it after that.`,
	DatanetRegistryMissingMetadataCid: () =>
		"The datanet has no metadata CID. Publish its name and description to IPFS first, then try again.",
	DatanetRegistryInvalidOwner: ([owner]) =>
		`A datanet cannot be given to ${addr(owner)} (the zero address). Enter the new owner's address.`
};
