// Registers a fine-tuned model with its first adapter version, paying the registration fee (which goes to the
// treasury); the sender becomes its owner. The new id is read from the receipt's event, so the page can link to
// the model before its event sync catches up.
import { parseEventLogs, type Log } from 'viem';
import { modelRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';
import type { AdapterRelease } from './publishAdapter.ts';

export type RegisterModelParameters = {
	/** The model's name from its model card, for the label. */
	name: string;
	/** The base model's name (e.g. "provena/provena-tiny"); this or `baseModelCid` is required. */
	baseModelId: string;
	baseModelCid: string;
	/** IPFS CID of the model card. */
	metadataCid: string;
	/** What one answer costs, in wei; at least ProtocolParams' `minInferenceFee` (see getMinInferenceFee). */
	inferenceFee: bigint;
	adapter: AdapterRelease;
	/** The registration fee in wei, exactly as ProtocolParams says (see getModelRegistrationFee). */
	registrationFee: bigint;
};
export type RegisterModelReturnType = ContractCall<typeof modelRegistryAbi, 'register'>;

/** The call that registers model `name` with its first adapter, sending the registration fee. */
export function registerModel(chainId: number, p: RegisterModelParameters): RegisterModelReturnType {
	return {
		label: `Register model “${p.name}”`,
		address: getContractAddress(chainId, 'ModelRegistry'),
		abi: modelRegistryAbi,
		functionName: 'register',
		args: [
			{
				baseModelId: p.baseModelId,
				baseModelCid: p.baseModelCid,
				metadataCid: p.metadataCid,
				inferenceFee: p.inferenceFee,
				adapter: p.adapter
			}
		],
		value: p.registrationFee,
		valueLabel: 'Registration fee (goes to the protocol treasury)'
	};
}

/** The id of the model a confirmed `register` created, from its receipt's logs; undefined if absent. */
export function registeredModelId(logs: readonly Log[]): bigint | undefined {
	return parseEventLogs({ abi: modelRegistryAbi, eventName: 'ModelRegistered', logs: [...logs] })[0]?.args.modelId;
}
