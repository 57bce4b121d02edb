// What a run was made from, as three SHA-256 fingerprints (settings, data, base model), so a checkpoint from other
// inputs is refused with a message naming which one differs rather than resumed into a silently different model.
// Hashes go through Web Crypto, the same in workers, pages and Node.
import { sha256Hex as sha256 } from '../../shared/hash/sha256.ts';
import type { TensorMap } from '../core/hostTensor.ts';
import type { FineTuneSettings } from './fineTuneSettings.ts';
import type { TrainingExample } from './trainingExamples.ts';

/** The inputs of a run, fingerprinted separately so a mismatch can say which one changed. */
export type FineTuneFingerprint = { settings: string; data: string; base: string };

/**
 * JSON with object keys sorted at every level: the same text for equal values whatever order their keys were set in.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The fingerprint of a base model's weights: names, shapes and the SHA-256 of each tensor's float32 bytes, hashed
 * together (tensor by tensor, so no copy of the whole model is made).
 *
 * @example
 * const base = await fingerprintBaseModel(model.weights);
 */
export async function fingerprintBaseModel(weights: TensorMap): Promise<string> {
	const lines: string[] = [];
	for (const name of [...weights.keys()].sort()) {
		const { shape, data } = weights.get(name)!;
		const digest = await sha256Hex(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
		lines.push(`${name} [${shape.join(',')}] ${digest}`);
	}
	return sha256Hex(new TextEncoder().encode(lines.join('\n')));
}

/**
 * The fingerprint of a run's inputs: its settings, its examples on each side of the split (ids, tokens, masks, in
 * order), and the base model's fingerprint.
 *
 * @example
 * const fingerprint = await fineTuneFingerprint(settings, train, validation, await fingerprintBaseModel(weights));
 */
export async function fineTuneFingerprint(
	settings: FineTuneSettings,
	train: readonly TrainingExample[],
	validation: readonly TrainingExample[],
	baseFingerprint: string
): Promise<FineTuneFingerprint> {
	const examples = (side: readonly TrainingExample[]) => side.map((e) => [e.recordId, e.tokenIds, e.lossMask]);
	const encode = (text: string) => new TextEncoder().encode(text);
	return {
		settings: await sha256Hex(encode(canonicalJson(settings))),
		data: await sha256Hex(encode(JSON.stringify([examples(train), examples(validation)]))),
		base: baseFingerprint
	};
}

/** Lower-case hex SHA-256 of `bytes`, without the 0x (the form stored checkpoints carry). */
async function sha256Hex(bytes: Uint8Array): Promise<string> {
	return (await sha256(bytes)).slice(2);
}
