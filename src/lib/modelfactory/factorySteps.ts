// The six steps of the ModelFactory page and which of them can be used: the first three are filled in freely;
// training, evaluation and publishing need all three done.

/** A step's id, also its section's anchor on the page. */
export type FactoryStepId = 'base-model' | 'data' | 'settings' | 'train' | 'evaluate' | 'publish';

/** Where a step stands: done, still to do, or waiting for earlier steps. */
export type FactoryStepState = 'done' | 'todo' | 'waiting';

export type FactoryStep = { id: FactoryStepId; number: number; title: string; state: FactoryStepState };

const TITLES: Record<FactoryStepId, string> = {
	'base-model': 'Base model',
	data: 'Data',
	settings: 'Settings',
	train: 'Train',
	evaluate: 'Evaluate',
	publish: 'Publish'
};

/** Whether each of the first three steps is complete (and, once a run has finished, training, evaluation and registration). */
export type SetupProgress = {
	baseModel: boolean;
	data: boolean;
	settings: boolean;
	trained?: boolean;
	evaluated?: boolean;
	/** The finished run is registered on chain (as a model or a new adapter version). */
	published?: boolean;
};

/**
 * The steps with their states.
 *
 * @example
 * factorySteps({ baseModel: true, data: false, settings: true })[3].state; // 'waiting'
 */
export function factorySteps(progress: SetupProgress): FactoryStep[] {
	const setupDone = progress.baseModel && progress.data && progress.settings;
	const setup: [FactoryStepId, boolean][] = [
		['base-model', progress.baseModel],
		['data', progress.data],
		['settings', progress.settings]
	];
	const later: [FactoryStepId, boolean][] = [
		['train', progress.trained ?? false],
		['evaluate', progress.evaluated ?? false],
		['publish', progress.published ?? false]
	];
	return [
		...setup.map(
			([id, done], i) => ({ id, number: i + 1, title: TITLES[id], state: done ? 'done' : 'todo' }) as FactoryStep
		),
		...later.map(
			([id, done], i) =>
				({
					id,
					number: i + 4,
					title: TITLES[id],
					state: !setupDone ? 'waiting' : done ? 'done' : 'todo'
				}) as FactoryStep
		)
	];
}

/**
 * The titles of the setup steps still to do, for "available once …" messages.
 *
 * @example
 * missingSetupSteps({ baseModel: true, data: false, settings: false }); // ['2 Data', '3 Settings']
 */
export function missingSetupSteps(progress: SetupProgress): string[] {
	return factorySteps(progress)
		.slice(0, 3)
		.filter((step) => step.state !== 'done')
		.map((step) => `${step.number} ${step.title}`);
}
