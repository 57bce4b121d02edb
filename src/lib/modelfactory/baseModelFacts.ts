// What the base-model step shows before anything big downloads: the model's shape, size and context, from its
// config.json and safetensors header, whether it is the site's default model (by URL) or a folder a user named by
// URL or IPFS CID (parsed as the Models page parses it). No fit check here: the page shows the facts whatever the
// GPU, and trainingFit says whether training fits, at the settings chosen.
import type { ModelConfig } from '../../../workers/ml/core/modelConfig.ts';
import { planModelDownload, type ModelMemoryPlan } from '../../../workers/ml/model/planModelDownload.ts';
import type { FolderAddress } from '../models/modelAddress.ts';
import { planIpfsModel } from './ipfsModelPlan.ts';

/** A base model's facts. */
export type BaseModelFacts = {
	/** How a run names its base: the folder URL, or ipfs://CID. */
	address: string;
	label: string;
	config: ModelConfig;
	/** Every tensor's elements: safetensors holds each parameter once (a tied head is not stored twice). */
	parameters: number;
	/** The weights as the trainer holds them: float32. */
	weightBytes: number;
	/** model.safetensors as stored (F16/BF16 files are half the float32 size), when the source says. */
	fileBytes: number | undefined;
	largestTensor: ModelMemoryPlan['largestTensor'];
};

// planModelDownload refuses what does not fit the limits given; here every model is read, and fit is decided later.
const NO_LIMITS = { maxBufferSize: Number.POSITIVE_INFINITY, maxStorageBufferBindingSize: Number.POSITIVE_INFINITY };
const FLOAT32 = 4;

/**
 * Reads a model folder's facts from its config and header (HTTP Range requests, or UnixFS byte ranges).
 *
 * @example
 * const facts = await readBaseModelFacts({ kind: 'url', url: modelUrl }, 'Provena Tiny', { helia: () => ipfsNode.ready() });
 */
export async function readBaseModelFacts(
	address: FolderAddress,
	label: string,
	options: { helia: () => Promise<Parameters<typeof planIpfsModel>[0]>; signal?: AbortSignal; blockTimeoutMs?: number }
): Promise<BaseModelFacts> {
	const signal = options.signal ? { signal: options.signal } : {};
	const plan =
		address.kind === 'url'
			? await planModelDownload(address.url, NO_LIMITS, signal)
			: await planIpfsModel(await options.helia(), address.cid, {
					...signal,
					...(options.blockTimeoutMs ? { blockTimeoutMs: options.blockTimeoutMs } : {})
				});
	return {
		address: address.kind === 'url' ? address.url : `ipfs://${address.cid}`,
		label,
		config: plan.config,
		parameters: plan.weightBytes / FLOAT32,
		weightBytes: plan.weightBytes,
		fileBytes: plan.fileBytes,
		largestTensor: plan.largestTensor
	};
}
