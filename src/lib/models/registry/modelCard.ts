// A registered model's name and summary live in its model card on IPFS; the registry keeps only the card's CID.
// ModelFactory writes a JSON card (schema provena.model/1); cards other tools wrote are read too: any JSON object
// with a `name`, or a markdown card (a Hugging Face README.md) whose first heading is the name.
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';

export const MODEL_CARD_SCHEMA = 'provena.model/1';

/** What the Models page shows from a card. */
export type ModelCardSummary = { name: string; summary?: string };

/** Card bytes that name no model. */
export class ModelCardError extends ProvenaError {
	override name = 'ModelCardError';
}

const NAME_MAX = 80;
const SUMMARY_MAX = 280;

/** Trims `text` to `max` code points, ending in an ellipsis when cut. */
function clip(text: string, max: number): string {
	const points = [...text.trim().replace(/\s+/g, ' ')];
	return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('')}…`;
}

function fromJson(json: unknown): ModelCardSummary | undefined {
	if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
	const { name, summary, description } = json as Record<string, unknown>;
	if (typeof name !== 'string' || name.trim() === '') return undefined;
	const text =
		typeof summary === 'string' && summary.trim() ? summary : typeof description === 'string' ? description : '';
	return { name: clip(name, NAME_MAX), ...(text.trim() ? { summary: clip(text, SUMMARY_MAX) } : {}) };
}

function fromMarkdown(text: string): ModelCardSummary | undefined {
	// YAML front matter (Hugging Face cards) carries metadata, not the title: skip it.
	const body = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
	const lines = body.split(/\r?\n/);
	const heading = lines.findIndex((line) => /^#\s+\S/.test(line));
	if (heading < 0) return undefined;
	const name = lines[heading]!.replace(/^#\s+/, '').replace(/\s+#*\s*$/, '');
	const paragraph = lines.slice(heading + 1).find((line) => line.trim() !== '' && !/^[#>|`-]/.test(line.trim()));
	return { name: clip(name, NAME_MAX), ...(paragraph ? { summary: clip(paragraph, SUMMARY_MAX) } : {}) };
}

/**
 * The name (and summary, when the card has one) of a model card's bytes; throws {@link ModelCardError} when it
 * names no model.
 *
 * @example
 * parseModelCard(new TextEncoder().encode('{"schema":"provena.model/1","name":"Weather bot"}')); // { name: 'Weather bot' }
 */
export function parseModelCard(bytes: Uint8Array): ModelCardSummary {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch (cause) {
		throw new ModelCardError('The model card is not UTF-8 text.', { cause });
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	const card = json === undefined ? fromMarkdown(text) : fromJson(json);
	if (!card)
		throw new ModelCardError(
			json === undefined ? 'The model card has no "# Name" heading.' : 'The model card (JSON) has no "name".'
		);
	return card;
}
