// The attribution worker: traces a model's answers to the contributions they came from (spans and gradients), off
// the main thread, with the same AttributionSession `provena attribute` runs (jax-js on Wasm, integers after it).
import { expose } from './rpc/expose.ts';
import type { AttributionRules } from './ml/attribution/attributeAnswer.ts';
import { AttributionSession, type TextAnswer } from './ml/attribution/attributionSession.ts';
import type { GradientExample } from './ml/attribution/exampleGradient.ts';
import { folderLabel, folderReader, type FolderSource } from './ml/model/folderSource.ts';

export type { FolderSource };

const session = new AttributionSession();

const api = {
	/** Opens a base model and an adapter folder's artifacts (closing the previous ones). */
	open: async (signal: AbortSignal, model: FolderSource, adapter: FolderSource) =>
		session.open(folderReader(model, signal), folderReader(adapter, signal), { model: folderLabel(model) }),

	/** Attributes an answer given as token ids (lossMask 1 on the answer), as the chat produced it. */
	attribute: async (_signal: AbortSignal, example: GradientExample, rules?: AttributionRules) =>
		session.attribute(example, rules),

	/** Attributes an answer given as text, rendered as `provena attribute` renders it. */
	attributeText: async (_signal: AbortSignal, input: TextAnswer, rules?: AttributionRules) =>
		session.attributeText(input, rules),

	/** Bytes of span index fetched since the adapter was opened (chunks are kept for later answers). */
	indexBytesFetched: async () => session.indexBytesFetched
};

export type AttributionApi = typeof api;

expose(api);
