// Registers a datanet whose description is already on IPFS; the sender becomes its owner. The new id is read from
// the receipt's creation event, so the page can link to the datanet before its event sync catches up.
import { parseEventLogs, type Log } from 'viem';
import { datanetRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ContractCall } from './contractCall.ts';

export type CreateDatanetParameters = {
	name: string;
	metadataCid: string;
	kind: number;
	licence: string;
	acceptedFormats: readonly string[];
};
export type CreateDatanetReturnType = ContractCall<typeof datanetRegistryAbi, 'createDatanet'>;

/** The call that registers a datanet described by `metadataCid`. */
export function createDatanet(chainId: number, { name, metadataCid, kind, licence, acceptedFormats }: CreateDatanetParameters): CreateDatanetReturnType {
	return {
		label: `Create datanet “${name}”`,
		address: getContractAddress(chainId, 'DatanetRegistry'),
		abi: datanetRegistryAbi,
		functionName: 'createDatanet',
		args: [{ metadataCid, kind, licence, acceptedFormats }]
	};
}

/** The id of the datanet a confirmed `createDatanet` created, from its receipt's logs; undefined if absent. */
export function createdDatanetId(logs: readonly Log[]): bigint | undefined {
	return parseEventLogs({ abi: datanetRegistryAbi, eventName: 'DatanetCreated', logs: [...logs] })[0]?.args.datanetId;
}
