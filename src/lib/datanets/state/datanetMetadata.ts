// A datanet's name and description live on IPFS, not on chain: the registry keeps only the document's CID. The
// document is validated the same way when it is written and when it is read back, so a page never shows a datanet
// whose metadata another client wrote outside the limits. Its bytes are deterministic (fixed key order, normalised
// text) so the same metadata always has the same CID.
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';

export const DATANET_METADATA_SCHEMA = 'provena.datanet/1';

/** The metadata document a datanet's `metadataCid` points to. */
export type DatanetMetadata = {
	schema: typeof DATANET_METADATA_SCHEMA;
	name: string;
	summary: string;
	/** Markdown. */
	description: string;
	/** Lowercase, deduplicated, each 2–32 characters of a–z, 0–9 and '-'. */
	tags: string[];
};

export type DatanetMetadataField = 'name' | 'summary' | 'description' | 'tags' | 'schema';

/** One user-facing sentence per field that needs fixing. */
export type DatanetMetadataErrors = Partial<Record<DatanetMetadataField, string>>;

export type DatanetMetadataValidation =
	{ ok: true; value: DatanetMetadata } | { ok: false; errors: DatanetMetadataErrors };

export const NAME_MIN = 3;
export const NAME_MAX = 80;
export const SUMMARY_MAX = 280;
export const DESCRIPTION_MAX = 20_000;
export const TAGS_MAX = 8;
export const TAG_MIN = 2;
export const TAG_MAX = 32;

const TAG_PATTERN = /^[a-z0-9-]+$/;

/** Metadata bytes that cannot be read as a datanet metadata document. */
export class DatanetMetadataError extends ProvenaError {
	override name = 'DatanetMetadataError';
	readonly errors: DatanetMetadataErrors;

	constructor(shortMessage: string, errors: DatanetMetadataErrors = {}, options: { cause?: unknown } = {}) {
		super(shortMessage, { ...options, metaMessages: Object.values(errors) });
		this.errors = errors;
	}
}

/** Licences a datanet can declare: SPDX identifiers, as the registry stores them. */
export const LICENCES = [
	{ id: 'CC-BY-4.0', label: 'Creative Commons Attribution 4.0' },
	{ id: 'CC-BY-SA-4.0', label: 'Creative Commons Attribution-ShareAlike 4.0' },
	{ id: 'CC0-1.0', label: 'Creative Commons Zero 1.0 (public domain)' },
	{ id: 'ODC-By-1.0', label: 'Open Data Commons Attribution 1.0' },
	{ id: 'ODbL-1.0', label: 'Open Data Commons Open Database Licence 1.0' },
	{ id: 'PDDL-1.0', label: 'Open Data Commons Public Domain Dedication 1.0' },
	{ id: 'MIT', label: 'MIT' },
	{ id: 'Apache-2.0', label: 'Apache 2.0' },
	{ id: 'CC-BY-NC-4.0', label: 'Creative Commons Attribution-NonCommercial 4.0' },
	{ id: 'CC-BY-NC-SA-4.0', label: 'Creative Commons Attribution-NonCommercial-ShareAlike 4.0' },
	{ id: 'CC-BY-ND-4.0', label: 'Creative Commons Attribution-NoDerivatives 4.0' }
] as const satisfies readonly { id: string; label: string }[];

export type LicenceId = (typeof LICENCES)[number]['id'];

/** The label of a licence; an identifier this list does not know (another client may write any) is shown as is. */
export function licenceLabel(id: string): string {
	return LICENCES.find((licence) => licence.id === id)?.label ?? id;
}

/** File formats a datanet can accept, as the registry stores them (`id`), with a label for forms. */
export const ACCEPTED_FORMATS = [
	{ id: 'txt', label: 'Plain text (.txt)' },
	{ id: 'md', label: 'Markdown (.md)' },
	{ id: 'pdf', label: 'PDF (.pdf)' },
	{ id: 'docx', label: 'Word (.docx)' },
	{ id: 'jsonl', label: 'JSON Lines (.jsonl)' },
	{ id: 'csv', label: 'CSV (.csv)' }
] as const satisfies readonly { id: string; label: string }[];

export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number]['id'];

/** The label of a format; one this list does not know is shown as is. */
export function formatLabel(id: string): string {
	return ACCEPTED_FORMATS.find((format) => format.id === id)?.label ?? id;
}

/** The registry's DataKind enum: `id` is the value on chain. */
export const DATA_KINDS = [
	{ id: 0, label: 'Text' },
	{ id: 1, label: 'Image' },
	{ id: 2, label: 'Audio' }
] as const satisfies readonly { id: number; label: string }[];

export function kindLabel(kind: number): string {
	return DATA_KINDS.find((k) => k.id === kind)?.label ?? `Unknown kind (${kind})`;
}

// Lengths are counted in code points, as a person counts characters, not UTF-16 units.
const length = (text: string) => [...text].length;

/** Splits a comma-separated tags field into tags: trimmed, lowercased, spaces joined by '-', deduplicated. */
export function parseTags(text: string): string[] {
	const tags = text
		.split(',')
		.map((tag) => tag.trim().replace(/^#+/, '').toLowerCase().replace(/\s+/g, '-'))
		.filter((tag) => tag !== '');
	return [...new Set(tags)];
}

function validateTags(input: unknown): { tags: string[]; error?: string } {
	if (input === undefined) return { tags: [] };
	const raw = typeof input === 'string' ? parseTags(input) : input;
	if (!Array.isArray(raw) || raw.some((tag) => typeof tag !== 'string'))
		return { tags: [], error: 'Tags must be a list of words.' };
	const tags = [...new Set((raw as string[]).map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== ''))];
	const bad = tags.find((tag) => tag.length < TAG_MIN || tag.length > TAG_MAX || !TAG_PATTERN.test(tag));
	if (bad !== undefined)
		return {
			tags,
			error: `The tag "${bad}" must be ${TAG_MIN}–${TAG_MAX} characters of lowercase letters, digits and hyphens.`
		};
	if (tags.length > TAGS_MAX) return { tags, error: `Use at most ${TAGS_MAX} tags (you have ${tags.length}).` };
	return { tags };
}

/**
 * Checks a metadata document (from a form or from IPFS) and returns it normalised: text trimmed, line endings
 * `\n`, tags lowercased and deduplicated. A missing `schema` is filled in; a different one is an error.
 *
 * @example
 * const result = validateDatanetMetadata({ name, summary, description, tags: parseTags(tagsField) });
 * if (!result.ok) showErrors(result.errors);
 */
export function validateDatanetMetadata(input: unknown): DatanetMetadataValidation {
	if (typeof input !== 'object' || input === null || Array.isArray(input))
		return { ok: false, errors: { schema: 'The metadata must be a JSON object.' } };
	const record = input as Record<string, unknown>;
	const errors: DatanetMetadataErrors = {};

	if (record.schema !== undefined && record.schema !== DATANET_METADATA_SCHEMA)
		errors.schema = `This is not a datanet metadata document: its schema is ${JSON.stringify(record.schema)}, expected "${DATANET_METADATA_SCHEMA}".`;

	const name = typeof record.name === 'string' ? record.name.trim().replace(/\s+/g, ' ') : '';
	if (typeof record.name !== 'string' || length(name) < NAME_MIN)
		errors.name = `Give the datanet a name of at least ${NAME_MIN} characters.`;
	else if (length(name) > NAME_MAX)
		errors.name = `Shorten the name to ${NAME_MAX} characters or fewer (it has ${length(name)}).`;

	const summary = typeof record.summary === 'string' ? record.summary.replace(/\r\n?/g, '\n').trim() : '';
	if (summary === '') errors.summary = 'Add a one-line summary of what the datanet collects.';
	else if (length(summary) > SUMMARY_MAX)
		errors.summary = `Shorten the summary to ${SUMMARY_MAX} characters or fewer (it has ${length(summary)}).`;

	let description = '';
	if (record.description !== undefined && typeof record.description !== 'string')
		errors.description = 'The description must be text (Markdown).';
	else {
		// Leading blank lines go, leading indentation stays: it is Markdown (an indented code block).
		description = (record.description ?? '')
			.replace(/\r\n?/g, '\n')
			.replace(/^(\s*\n)+/, '')
			.trimEnd();
		if (length(description) > DESCRIPTION_MAX)
			errors.description = `Shorten the description to ${DESCRIPTION_MAX.toLocaleString('en')} characters or fewer (it has ${length(description).toLocaleString('en')}).`;
	}

	const { tags, error: tagsError } = validateTags(record.tags);
	if (tagsError) errors.tags = tagsError;

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { schema: DATANET_METADATA_SCHEMA, name, summary, description, tags } };
}

/**
 * The document's bytes: validated, keys in a fixed order, two-space JSON, trailing newline.
 *
 * @throws DatanetMetadataError when the metadata is invalid, so an invalid document is never published.
 */
export function encodeDatanetMetadata(metadata: DatanetMetadata): Uint8Array {
	const result = validateDatanetMetadata(metadata);
	if (!result.ok) throw new DatanetMetadataError('The datanet metadata is not valid.', result.errors);
	const { schema, name, summary, description, tags } = result.value;
	return new TextEncoder().encode(`${JSON.stringify({ schema, name, summary, description, tags }, null, 2)}\n`);
}

/**
 * Reads a metadata document fetched from IPFS.
 *
 * @throws DatanetMetadataError for bytes that are not UTF-8 JSON, another schema, or fields outside the limits.
 */
export function parseDatanetMetadata(bytes: Uint8Array): DatanetMetadata {
	let json: unknown;
	try {
		json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (cause) {
		throw new DatanetMetadataError('The datanet metadata is not valid JSON text.', {}, { cause });
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json))
		throw new DatanetMetadataError('The datanet metadata is not a JSON object.');
	const schema = (json as { schema?: unknown }).schema;
	if (schema !== DATANET_METADATA_SCHEMA)
		throw new DatanetMetadataError(
			`This file is not datanet metadata: its schema is ${schema === undefined ? 'missing' : JSON.stringify(schema)}, expected "${DATANET_METADATA_SCHEMA}".`
		);
	const result = validateDatanetMetadata(json);
	if (!result.ok) throw new DatanetMetadataError('The datanet metadata breaks the format’s limits.', result.errors);
	return result.value;
}
