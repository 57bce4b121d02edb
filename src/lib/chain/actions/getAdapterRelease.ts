// Reads what the ModelRegistry published as adapter version `adapterVersion` of model `modelId` (its CID, weights
// hash, training set and attribution artifacts' CIDs), from its AdapterPublished event: the registry keeps only the
// current version's terms in storage.
import { getContractEvents } from 'viem/actions';
import { modelRegistryAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';

export type GetAdapterReleaseParameters = { modelId: bigint; adapterVersion: number };
export type AdapterRelease = {
	adapterCid: string;
	adapterHash: `0x${string}`;
	attributionIndexCid: string;
	gradientSketchCid: string;
	trainingConfigCid: string;
};

/** The registry never published that version. */
export class AdapterReleaseNotFoundError extends ProvenaError {
	override name = 'AdapterReleaseNotFoundError';
}

/** The release of adapter version `adapterVersion` of `modelId`. */
export async function getAdapterRelease(
	client: ReadClient,
	{ modelId, adapterVersion }: GetAdapterReleaseParameters
): Promise<AdapterRelease> {
	const logs = await getContractEvents(client, {
		address: getContractAddress(client.chain.id, 'ModelRegistry'),
		abi: modelRegistryAbi,
		eventName: 'AdapterPublished',
		args: { modelId, adapterVersion },
		fromBlock: 0n,
		strict: true
	});
	const adapter = logs[0]?.args.adapter;
	if (!adapter)
		throw new AdapterReleaseNotFoundError(
			`Model #${modelId} has no adapter version ${adapterVersion} in the registry.`
		);
	const { adapterCid, adapterHash, attributionIndexCid, gradientSketchCid, trainingConfigCid } = adapter;
	return { adapterCid, adapterHash, attributionIndexCid, gradientSketchCid, trainingConfigCid };
}
