import { describe, expect, it } from 'vitest';
import { classifyTrainingError } from './classifyTrainingError.ts';
import { NonFiniteLossError, TrainingDeviceLostError, TrainingOutOfMemoryError } from './errors.ts';

const settings = { batchSize: 8, maxSeqLength: 256 };

describe('classifyTrainingError', () => {
	it('recognises running out of Wasm, V8 or GPU memory, and suggests smaller shapes with numbers', () => {
		for (const error of [
			new RangeError('Allocation exceeds the 4 GiB memory32 limit'),
			new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'),
			new RangeError('Array buffer allocation failed'),
			Object.assign(new Error('Out of memory creating a buffer'), { name: 'GPUOutOfMemoryError' }),
			new Error('step failed', { cause: new RangeError('Array buffer allocation failed') })
		]) {
			const classified = classifyTrainingError(error, { settings });
			expect(classified).toBeInstanceOf(TrainingOutOfMemoryError);
			expect((classified as Error).message).toMatch(/batch 8 × 256 tokens\. Try batch size 4 or sequence length 128/);
			expect((classified as Error).cause).toBe(error);
		}
	});

	it('recognises a lost device and points to the last checkpoint', () => {
		const lost = new Error("Failed to execute 'mapAsync' on 'GPUBuffer': Device is lost");
		const classified = classifyTrainingError(lost, { settings, lastCheckpointStep: 40 });
		expect(classified).toBeInstanceOf(TrainingDeviceLostError);
		expect((classified as Error).message).toMatch(/resume from the checkpoint saved at step 40/);
		const operation = Object.assign(new Error('mapAsync failed'), { name: 'OperationError' });
		expect(classifyTrainingError(operation, { settings })).toBeInstanceOf(TrainingDeviceLostError);
		expect((classifyTrainingError(operation, { settings }) as Error).message).toMatch(/start the run again/);
	});

	it('passes other errors, and Provena’s own, through unchanged', () => {
		const other = new TypeError('x is undefined');
		expect(classifyTrainingError(other, { settings })).toBe(other);
		const own = new NonFiniteLossError('lower the learning rate', { cause: new RangeError('out of memory') });
		expect(classifyTrainingError(own, { settings })).toBe(own);
	});
});
