import { describe, expect, it } from 'vitest';
import { writeSafetensors } from '../formats/safetensors.ts';
import { fixtureAdapter, tinyLlamaConfig } from '../model/fixtureModels.ts';
import { decodeCheckpoint, encodeCheckpoint, type FineTuneCheckpoint } from './checkpoint.ts';
import { CheckpointFormatError } from './errors.ts';
import { fixtureSettings } from './fineTuneFixtures.testing.ts';

function checkpoint(): FineTuneCheckpoint {
	const adapter = fixtureAdapter(tinyLlamaConfig, 3, { targetModules: ['q_proj', 'v_proj'] });
	const moments = (seed: number) => fixtureAdapter(tinyLlamaConfig, seed, { targetModules: ['q_proj', 'v_proj'] });
	return {
		fingerprint: { settings: 'aa', data: 'bb', base: 'cc' },
		settings: fixtureSettings,
		step: 5,
		totalSteps: 12,
		trainCount: 20,
		validationCount: 4,
		adapter,
		optimizer: { step: 5, m: moments(4).tensors, v: moments(5).tensors },
		log: {
			losses: [6.1, 5.2, 4.9, 4.1, 0.1 + 0.2],
			learningRates: [0, 0.01, 0.02, 0.019, 0.018],
			gradNorms: [1, 2, 3, 4, 5],
			targetTokens: [12, 12, 12, 12, 12],
			validation: [{ step: 4, loss: 4.25 }]
		},
		snapshots: [{ step: 4, learningRate: 0.012, adapter: moments(6) }]
	};
}

function sorted(map: ReadonlyMap<string, { shape: readonly number[]; data: Float32Array }>) {
	return [...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, t]) => [name, [...t.shape], [...t.data]]);
}

describe('checkpoint bytes', () => {
	it('round-trip everything exactly, and the same checkpoint is the same bytes', () => {
		const original = checkpoint();
		const bytes = encodeCheckpoint(original);
		expect(encodeCheckpoint(checkpoint())).toEqual(bytes);
		const decoded = decodeCheckpoint(bytes);
		const { adapter, optimizer, snapshots, ...rest } = decoded;
		const { adapter: a0, optimizer: o0, snapshots: s0, ...rest0 } = original;
		expect(rest).toEqual(rest0);
		expect(decoded.log.losses[4]).toBe(0.1 + 0.2); // doubles survive JSON exactly
		expect({ ...adapter, tensors: sorted(adapter.tensors) }).toEqual({ ...a0, tensors: sorted(a0.tensors) });
		expect(optimizer.step).toBe(o0.step);
		expect(sorted(optimizer.m)).toEqual(sorted(o0.m));
		expect(sorted(optimizer.v)).toEqual(sorted(o0.v));
		expect(snapshots.map((s) => [s.step, s.learningRate, sorted(s.adapter.tensors)])).toEqual(
			s0.map((s) => [s.step, s.learningRate, sorted(s.adapter.tensors)])
		);
		// Decoded tensors are copies: the stored bytes can be reused.
		bytes.fill(0);
		expect(sorted(decoded.adapter.tensors)).toEqual(sorted(a0.tensors));
	});

	it('refuses bytes that are not a checkpoint, or a damaged one', () => {
		expect(() => decodeCheckpoint(new Uint8Array([1, 2, 3]))).toThrow(CheckpointFormatError);
		const plain = writeSafetensors(checkpoint().adapter.tensors);
		expect(() => decodeCheckpoint(plain)).toThrow(/not a Provena fine-tune checkpoint/);
		const future = writeSafetensors(checkpoint().adapter.tensors, {
			metadata: { provena_format: 'provena-fine-tune-checkpoint', provena_version: '9', provena_state: '{}' }
		});
		expect(() => decodeCheckpoint(future)).toThrow(/format version 9/);
		// A checkpoint missing a moment tensor.
		const broken = checkpoint();
		const m = new Map(broken.optimizer.m);
		m.delete([...m.keys()][0]!);
		expect(() => decodeCheckpoint(encodeCheckpoint({ ...broken, optimizer: { ...broken.optimizer, m } }))).toThrow(
			/do not match its adapter/
		);
	});
});
