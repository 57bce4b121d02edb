// An attribution session: a base model and one adapter's artifacts held open, answering one attribution after
// another (span-index chunks fetched for one answer serve the next). Plain TypeScript over file readers, so the
// attribution worker, the browser benchmark and Node's tests run exactly this code. jax-js runs on its Wasm backend:
// the answer's gradient decides payments, and Wasm's float operations give the same bits in every browser and in
// Node, which a GPU does not promise.
import { tree } from '@jax-js/jax';
import { ProvenaError } from '../../shared/errors/ProvenaError.ts';
import { loadModelFiles, stopTokenIds, type ModelFileReader, type ModelFiles } from '../model/modelDirectory.ts';
import { hfTokenizer, type ModelTokenizer } from '../tokenizer/hfTokenizer.ts';
import { initJaxWasm } from '../training/initJaxWasm.ts';
import { jaxWeightsFromHost, type JaxWeights } from '../training/jaxForward.ts';
import { answerExample, checkAnswerExample } from './answerExample.ts';
import { attributeAnswer, DEFAULT_ATTRIBUTION_RULES, type AttributionRules } from './attributeAnswer.ts';
import { attributionReport, poolOnlyReport, type AttributionReport } from './attributionReport.ts';
import type { GradientExample } from './exampleGradient.ts';
import { MissingAttributionArtifactsError, openAttribution, type OpenedAttribution } from './openAttribution.ts';

/** What an open adapter's artifacts say, for the page. */
export type OpenedAttributionInfo = {
	/** The contributions by key (file paths offline, contribution ids from a datanet); [] without artifacts. */
	contributions: string[];
	/** Why answers can only be paid to the pool (the adapter has no artifacts), when so. */
	notice?: string;
};

/** An answer given as text, rendered as `provena attribute` renders it. */
export type TextAnswer = { prompt: string; answer: string; chat: boolean };

type Open = {
	model: ModelFiles;
	tokenizer: ModelTokenizer;
	base: JaxWeights;
	opened: OpenedAttribution | undefined;
	notice: string | undefined;
};

/** Holds one base model and one adapter's artifacts open; `open` again to switch. */
export class AttributionSession {
	#open: Open | undefined;

	/**
	 * Opens a base model folder and an adapter folder (closing what was open). An adapter without artifacts opens
	 * too: its answers are attributed to the pool, with the notice saying why.
	 */
	async open(
		readModel: ModelFileReader,
		readAdapter: ModelFileReader,
		labels: { model: string }
	): Promise<OpenedAttributionInfo> {
		this.close();
		const model = await loadModelFiles(readModel, { source: labels.model });
		if (!model.tokenizerJson || !model.tokenizerConfig)
			throw new ProvenaError(
				`${labels.model} has no tokenizer.json or tokenizer_config.json; attribution needs the tokenizer.`
			);
		let opened: OpenedAttribution | undefined;
		let notice: string | undefined;
		try {
			opened = await openAttribution(readAdapter, {
				config: model.config,
				tokenizerJson: model.tokenizerJson,
				...(model.modelId ? { modelId: model.modelId } : {})
			});
		} catch (error) {
			if (!(error instanceof MissingAttributionArtifactsError)) throw error;
			notice = error.shortMessage;
		}
		await initJaxWasm();
		this.#open = {
			model,
			tokenizer: hfTokenizer(model.tokenizerJson, model.tokenizerConfig),
			base: jaxWeightsFromHost(model.config, model.weights),
			opened,
			notice
		};
		return { contributions: opened?.manifest.contributions ?? [], ...(notice ? { notice } : {}) };
	}

	/** Attributes an answer given as token ids (lossMask 1 on the answer's tokens), as the chat produced it. */
	async attribute(
		example: GradientExample,
		rules: AttributionRules = DEFAULT_ATTRIBUTION_RULES
	): Promise<AttributionReport> {
		const open = this.#require();
		return this.#report(open, checkAnswerExample(example, open.model.config), rules);
	}

	/** Attributes an answer given as text. */
	async attributeText(
		input: TextAnswer,
		rules: AttributionRules = DEFAULT_ATTRIBUTION_RULES
	): Promise<AttributionReport> {
		const open = this.#require();
		const example = answerExample(open.tokenizer, open.model.config, {
			...input,
			endOfTurnTokenIds: stopTokenIds(open.model.config, open.model.generationConfig)
		});
		return this.#report(open, example, rules);
	}

	/** Bytes of span index fetched since the adapter was opened. */
	get indexBytesFetched(): number {
		return this.#open?.opened?.spans.reader.bytesFetched ?? 0;
	}

	close(): void {
		if (this.#open) tree.dispose(this.#open.base);
		this.#open = undefined;
	}

	#require(): Open {
		if (!this.#open) throw new ProvenaError('No adapter is open for attribution yet; open one first.');
		return this.#open;
	}

	async #report(open: Open, example: GradientExample, rules: AttributionRules): Promise<AttributionReport> {
		if (!open.opened) return poolOnlyReport(example, rules, open.notice!);
		const result = await attributeAnswer(open.opened, { config: open.model.config, base: open.base }, example, rules);
		return attributionReport(open.opened, example, rules, result, (ids) => open.tokenizer.decode(ids));
	}
}
