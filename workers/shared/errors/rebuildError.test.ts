// Errors rebuilt from their serialized form: their own class when registered (whatever its constructor wants),
// a ProvenaError carrying the name otherwise, with meta messages and causes either way.
import { describe, expect, it } from 'vitest';
import { ProvenaError, serializeError, type ProvenaErrorOptions } from './ProvenaError.ts';
import { errorRegistry, rebuildError } from './rebuildError.ts';
import { FINE_TUNE_ERRORS, NonFiniteLossError } from '../../ml/factory/errors.ts';

class FetchFailedError extends ProvenaError {
	override name = 'FetchFailedError';
	readonly url: string;
	constructor(message: string, options: ProvenaErrorOptions & { url: string }) {
		super(message, options);
		this.url = options.url.toLowerCase(); // throws when `url` is missing
	}
}

class SlotError extends ProvenaError {
	override name = 'SlotError';
}

describe('rebuildError', () => {
	it('keys the registry by the name instances carry, even when the constructor needs options of its own', () => {
		expect([...errorRegistry([FetchFailedError, SlotError]).keys()]).toEqual(['FetchFailedError', 'SlotError']);
	});

	it('rebuilds a registered class with its meta messages and a cause chain of unregistered errors', () => {
		const original = new SlotError('No slot is free. Close a chat and try again.', {
			metaMessages: ['Slots: 4 of 4'],
			cause: new RangeError('index 5 out of range')
		});
		const rebuilt = rebuildError(structuredClone(serializeError(original)), errorRegistry([SlotError]));
		expect(rebuilt).toBeInstanceOf(SlotError);
		expect(rebuilt.message).toBe(original.message);
		expect(rebuilt.metaMessages).toEqual(['Slots: 4 of 4']);
		const cause = rebuilt.cause as ProvenaError;
		expect([cause.name, cause.shortMessage]).toEqual(['RangeError', 'index 5 out of range']);
	});

	it('keeps the data a page acts on, which a subclass reads back through its own getter', () => {
		const original = new NonFiniteLossError('The loss became NaN at step 2.', { suggestedLearningRate: 0.0002 });
		expect(original.suggestedLearningRate).toBe(0.0002);
		const rebuilt = rebuildError(structuredClone(serializeError(original)), errorRegistry(FINE_TUNE_ERRORS));
		expect(rebuilt).toBeInstanceOf(NonFiniteLossError);
		expect((rebuilt as NonFiniteLossError).suggestedLearningRate).toBe(0.0002);
		expect(rebuildError(serializeError(new NonFiniteLossError('NaN'))).data).toBeUndefined();
	});

	it('rebuilds an unknown name as a ProvenaError that keeps the name, and a thrown string as its text', () => {
		const rebuilt = rebuildError(serializeError(new SlotError('gone')));
		expect(rebuilt.constructor).toBe(ProvenaError);
		expect(rebuilt.name).toBe('SlotError');
		expect(rebuildError(serializeError('plain text')).shortMessage).toBe('plain text');
	});

	it('cuts a cause cycle instead of looping', () => {
		const a = new ProvenaError('a');
		const b = new ProvenaError('b', { cause: a });
		Object.defineProperty(a, 'cause', { value: b });
		let depth = 0;
		for (let s = serializeError(a); s.cause; s = s.cause) depth++;
		expect(depth).toBe(8);
	});
});
