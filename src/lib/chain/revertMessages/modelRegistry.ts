// ModelRegistry's refusals (contracts/src/interfaces/IModelRegistry.sol) in words and units.
import type { RevertSentences } from './types.ts';
import { addr, num, open } from './units.ts';

export const modelRegistrySentences: RevertSentences = {
	ModelRegistryUnknownModel: ([modelId]) =>
		`There is no model #${num(modelId)}. Check the link, or pick a model from the list.`,
	ModelRegistryUnknownAdapterVersion: ([modelId, adapterVersion]) =>
		`Model #${num(modelId)} has no adapter version ${num(adapterVersion)}. Pick a published version.`,
	ModelRegistryModelRetired: ([modelId]) =>
		`Model #${num(modelId)} is retired: it can no longer be changed or paid for answers. Pick another model.`,
	ModelRegistryNotOwner: ([modelId, account]) =>
		`${addr(account)} does not own model #${num(modelId)}. Switch to the owner's account to change it.`,
	ModelRegistryWrongRegistrationFee: ([expected, sent]) =>
		`Registering a model costs exactly ${open(expected)}; ${open(sent)} was sent. Reload the page to get the current fee and send exactly ${open(expected)}.`,
	ModelRegistryInferenceFeeTooLow: ([fee, minimum]) =>
		`An inference fee of ${open(fee)} is below the protocol's minimum of ${open(minimum)}. Set a fee of at least ${open(minimum)}.`,
	ModelRegistryMissingBaseModel: () =>
		'The model names no base model. Give the base model’s name or its IPFS CID.',
	ModelRegistryMissingAdapterCid: () =>
		'The adapter has no IPFS CID. Publish the adapter to IPFS first, then try again.',
	ModelRegistryMissingAdapterHash: () =>
		'The adapter has no hash of its weights. Export the adapter again, then try again.',
	ModelRegistryNoTrainingData: () =>
		'The adapter names no datanet version it was trained on. Pick at least one datanet version.',
	ModelRegistryTooManyTrainingDatanets: ([count, maximum]) =>
		`The adapter names ${num(count)} datanets; at most ${num(maximum)} are allowed. Train on fewer datanets.`,
	ModelRegistryRepeatedTrainingDatanet: ([datanetId]) =>
		`Datanet #${num(datanetId)} is named twice in the training set. Name each datanet once, at one version.`,
	ModelRegistryInvalidOwner: ([owner]) =>
		`A model cannot be given to ${addr(owner)} (the zero address). Enter the new owner's address.`
};
