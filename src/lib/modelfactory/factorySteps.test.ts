// The stepper's states: later steps wait until the first three are done.
import { describe, expect, it } from 'vitest';
import { factorySteps, missingSetupSteps } from './factorySteps.ts';

describe('factorySteps', () => {
	it('numbers the six steps and keeps the last three waiting until setup is done', () => {
		const steps = factorySteps({ baseModel: true, data: false, settings: true });
		expect(steps.map((s) => `${s.number} ${s.title}: ${s.state}`)).toEqual([
			'1 Base model: done',
			'2 Data: todo',
			'3 Settings: done',
			'4 Train: waiting',
			'5 Evaluate: waiting',
			'6 Publish: waiting'
		]);
		expect(
			factorySteps({ baseModel: true, data: true, settings: true })
				.slice(3)
				.map((s) => s.state)
		).toEqual(['todo', 'todo', 'todo']);
	});

	it('marks training and evaluation done once a run has finished, and never while setup is incomplete', () => {
		const states = (trained: boolean, setup = true) =>
			factorySteps({ baseModel: true, data: setup, settings: true, trained, evaluated: trained })
				.slice(3)
				.map((s) => s.state);
		expect(states(true)).toEqual(['done', 'done', 'todo']);
		expect(states(false)).toEqual(['todo', 'todo', 'todo']);
		expect(states(true, false)).toEqual(['waiting', 'waiting', 'waiting']);
	});

	it('marks publishing done once the trained run is registered', () => {
		const publish = (published: boolean) =>
			factorySteps({ baseModel: true, data: true, settings: true, trained: true, evaluated: true, published })[5]!
				.state;
		expect(publish(true)).toBe('done');
		expect(publish(false)).toBe('todo');
	});

	it('names what is still to do', () => {
		expect(missingSetupSteps({ baseModel: false, data: false, settings: true })).toEqual(['1 Base model', '2 Data']);
		expect(missingSetupSteps({ baseModel: true, data: true, settings: true })).toEqual([]);
	});
});
