// Turns cleaned units into records: text units are chunked by the tokenizer along their headings, pairs are kept whole
// or dropped when longer than the limit (a half pair teaches the wrong thing). Every record gets its content-hash id.
import type { ExtractedUnit, TextBlock } from '../extract/extractedDocument.ts';
import type { DroppedRecord } from '../filter/qualityRules.ts';
import { chunkBlocks } from './chunkBlocks.ts';
import { recordText, type IngestRecord, type RecordSource, type TokenCount } from './recordSchema.ts';
import { sha256Hex } from './recordId.ts';

/** Records built from one file's units, and the pairs dropped for length. */
export type BuiltRecords = { records: IngestRecord[]; dropped: DroppedRecord[] };

/**
 * Builds records from cleaned units of one file.
 *
 * @example
 * const { records } = await buildRecords(units, { file: 'notes.txt', maxTokens: 256, tokenCount });
 */
export async function buildRecords(
	units: ExtractedUnit[],
	options: { file: string; maxTokens: number; tokenCount: TokenCount }
): Promise<BuiltRecords> {
	const { file, maxTokens, tokenCount } = options;
	const records: IngestRecord[] = [];
	const dropped: DroppedRecord[] = [];
	for (const unit of carryTrailingHeadings(units)) {
		const source: RecordSource = { file };
		if (unit.line !== undefined) source.line = unit.line;
		if (unit.kind === 'text' && unit.page !== undefined) source.page = unit.page;
		if (unit.kind === 'pair') {
			const content = { kind: 'pair' as const, prompt: unit.prompt, response: unit.response };
			const record: IngestRecord = {
				id: await sha256Hex(recordText(content)),
				...content,
				source,
				tokens: tokenCount(unit.prompt) + tokenCount(unit.response)
			};
			if (record.tokens > maxTokens)
				dropped.push({
					record,
					rule: 'too-many-tokens',
					value: record.tokens,
					threshold: maxTokens,
					message: `the pair has ${record.tokens} tokens, over the ${maxTokens}-token limit; pairs are kept whole, so shorten it or raise --max-tokens`
				});
			else records.push(record);
			continue;
		}
		for (const chunk of chunkBlocks(unit.blocks, maxTokens, tokenCount))
			records.push({
				id: await sha256Hex(chunk.text),
				kind: 'text',
				text: chunk.text,
				source: { ...source },
				tokens: chunk.tokens
			});
	}
	return { records, dropped };
}

/**
 * Headings at the very end of a unit (a PDF page) belong to the text on the next one: they move there, so that a page
 * break never leaves a heading alone in a record.
 */
function carryTrailingHeadings(units: ExtractedUnit[]): ExtractedUnit[] {
	const out: ExtractedUnit[] = [];
	let carried: TextBlock[] = [];
	for (const [index, unit] of units.entries()) {
		if (unit.kind !== 'text') {
			out.push(unit);
			continue;
		}
		const blocks = [...carried, ...unit.blocks];
		let end = blocks.length;
		while (end > 0 && blocks[end - 1]!.kind === 'heading') end--;
		const next = units[index + 1];
		carried = next?.kind === 'text' ? blocks.slice(end) : [];
		const kept = carried.length ? blocks.slice(0, end) : blocks;
		if (kept.length) out.push({ ...unit, blocks: kept });
	}
	return out;
}
