// The base-model step's state: which model is chosen (the site's default, or a folder named by URL or IPFS CID),
// its facts once read from the config and safetensors header, and where training would run. Nothing here
// downloads weights; the Models page's loader does that, later, for the model chosen here.
import { parseFolderAddress, type FolderAddress } from '../models/modelAddress.ts';
import { ipfsNode } from '../state/ipfsNode.svelte.ts';
import { readBaseModelFacts, type BaseModelFacts } from './baseModelFacts.ts';
import { detectTrainingDevice, type DeviceNavigator } from './trainingDevice.ts';
import type { TrainingDevice } from './trainingFit.ts';

/** The site's default model: its folder URL and its name in the catalog. */
export type DefaultModel = { url: string; name: string };

export class BaseModelChoice {
	source = $state<'default' | 'address'>('default');
	facts = $state.raw<BaseModelFacts>();
	reading = $state(false);
	error = $state.raw<unknown>();
	device = $state.raw<TrainingDevice>();
	defaultModel = $state.raw<DefaultModel>();

	#abort: AbortController | undefined;

	/** Detects the device and reads the default model's facts (the page's first paint of step 1). */
	async start(defaultModel: DefaultModel): Promise<void> {
		this.defaultModel = defaultModel;
		void detectTrainingDevice(navigator as DeviceNavigator).then((device) => (this.device = device));
		await this.useDefault();
	}

	/** Chooses the site's default model. */
	async useDefault(): Promise<void> {
		if (!this.defaultModel) return;
		this.source = 'default';
		await this.#read({ kind: 'url', url: this.defaultModel.url }, this.defaultModel.name);
	}

	/** Switches to naming a folder: the default model's facts no longer describe the choice. */
	chooseAddress(): void {
		this.#abort?.abort();
		this.source = 'address';
		this.facts = undefined;
		this.error = undefined;
		this.reading = false;
	}

	/** Chooses a model folder by URL or IPFS CID, as the Models page accepts them. */
	async useAddress(input: string): Promise<void> {
		this.source = 'address';
		let address: FolderAddress;
		try {
			address = parseFolderAddress(input);
		} catch (error) {
			this.#abort?.abort();
			this.facts = undefined;
			this.error = error;
			return;
		}
		const label = address.kind === 'url' ? address.url : `ipfs://${address.cid}`;
		await this.#read(address, label);
	}

	async #read(address: FolderAddress, label: string): Promise<void> {
		this.#abort?.abort();
		const abort = (this.#abort = new AbortController());
		this.reading = true;
		this.error = undefined;
		this.facts = undefined;
		try {
			const facts = await readBaseModelFacts(address, label, { helia: () => ipfsNode.ready(), signal: abort.signal });
			if (!abort.signal.aborted) this.facts = facts;
		} catch (error) {
			if (!abort.signal.aborted) this.error = error;
		} finally {
			if (this.#abort === abort) this.reading = false;
		}
	}
}
