// ModelFactory's training failures in Chromium (WebGPU on SwiftShader), on anvil with the real contracts and a
// datanet version loaded from the devnet's IPFS peer: a learning rate that makes the loss diverge, a GPU device lost
// mid-step, and a GPU out of memory. Each stops the run with advice that says what to do, and none loses the run or
// its last checkpoint. (A tab closed mid-step is e2e/modelfactory.spec.ts's test.)
import type { Page } from '@playwright/test';
import { test, expect, devnetAccounts } from './fixtures/devnet.ts';
import {
	callTrainingWorker,
	chooseRunSettings,
	openFactoryWithHooks,
	publishForecasts,
	savedStep,
	sessionRun
} from './fixtures/training.ts';

test.setTimeout(420_000);

const TRAIN = { timeout: 180_000 };

/** A fresh datanet of forecasts per test, named `name`, made by anvil's dev accounts. */
async function forecasts(rpcUrl: string, name: string): Promise<bigint> {
	const accounts = await devnetAccounts(rpcUrl);
	return publishForecasts(rpcUrl, { owner: accounts[3]!, curator: accounts[8]!, contributor: accounts[9]!, name });
}

/**
 * Starts a run whose loss diverges: the largest learning rate and alpha the form allows, on every projection, from
 * the first step (the gradients overflow on the second step on the default model). Returns the error's locator.
 */
async function startDivergingRun(page: Page, datanet: string) {
	await openFactoryWithHooks(page);
	await chooseRunSettings(page, datanet, {
		steps: 6,
		batchSize: 2,
		maxSeqLength: 48,
		checkpointEvery: 1,
		validateEvery: 6,
		learningRate: 1,
		alpha: 4096,
		moreTargets: ['k_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
		warmupSteps: 0,
		schedule: 'constant'
	});
	await page.getByTestId('start-training').click();
	const error = page.getByTestId('training-error');
	await expect(error).toContainText(
		/The loss became (NaN|Infinity|-Infinity|unstable) at step \d+ \(learning rate 1\.00\): lower the learning rate \(try 0\.1\) and start again\./,
		TRAIN
	);
	return error;
}

test('a learning rate that makes the loss diverge stops the run at its last good checkpoint and keeps the run', async ({
	page,
	devnet
}) => {
	const datanetId = await forecasts(devnet.rpcUrl, 'Diverging forecasts');
	const error = await startDivergingRun(page, 'Diverging forecasts');
	console.log(`diverged: ${await error.locator('p').first().textContent()}`);
	await expect(page.getByTestId('training-finished')).toHaveCount(0);
	const failedAt = Number((await error.textContent())!.match(/at step (\d+)/)![1]);
	// The run stops at its last good checkpoint: the one before the step that diverged.
	const kept = await savedStep(page);
	expect(kept).toBe(failedAt - 1);
	await expect(page.getByTestId('resume-training')).toHaveText(`Resume from step ${kept}`);

	// The run is kept in this browser, with its error, and is offered for resuming from that checkpoint.
	await page.reload();
	await expect(page.getByTestId('base-facts')).toBeVisible();
	const run = page.getByTestId('saved-run');
	await expect(run).toContainText(`on datanet #${datanetId} v1: stopped by an error at step ${kept}`);
	await expect(run).toContainText('lower the learning rate (try 0.1)');
	await run.getByTestId('resume-saved-run').click();
	await expect(page.getByTestId('version-load').first()).toHaveAttribute('data-status', 'ready');
	await expect(page.getByTestId('resume-training')).toHaveText(`Resume from step ${kept}`);
});

test('after a diverged loss, "Start again with learning rate …" puts the suggested rate in the form', async ({
	page,
	devnet
}) => {
	await forecasts(devnet.rpcUrl, 'Forecasts to retry');
	const error = await startDivergingRun(page, 'Forecasts to retry');
	const again = error.getByRole('button', { name: 'Start again with learning rate 1.0e-1' });
	await expect(again).toBeVisible();
	await again.click();
	await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.1');
});

test('a GPU device lost mid-step stops the run at its last checkpoint, and resuming finishes it from there', async ({
	page,
	devnet
}) => {
	const datanetId = await forecasts(devnet.rpcUrl, 'Forecasts on a lost GPU');
	await openFactoryWithHooks(page);
	await chooseRunSettings(page, 'Forecasts on a lost GPU', {
		steps: 16,
		batchSize: 2,
		maxSeqLength: 48,
		checkpointEvery: 2,
		validateEvery: 16
	});
	await page.getByTestId('start-training').click();
	await expect(page.getByTestId('training-split')).toContainText('Training on WebGPU.');
	await expect(page.getByTestId('checkpoint-step')).toContainText(/at step \d+/, TRAIN);
	await callTrainingWorker(page, 'loseDeviceForTesting');

	const error = page.getByTestId('training-error');
	await expect(error).toContainText(
		/^The GPU device was lost \(a driver reset, or the tab slept too long\)\. Reload the page and resume from the checkpoint saved at step \d+\./,
		TRAIN
	);
	console.log(`lost: ${await error.textContent()}`);
	const kept = await savedStep(page);
	await expect(error).toContainText(`resume from the checkpoint saved at step ${kept}.`);
	expect(kept).toBeLessThan(16);
	await expect(page.getByTestId('training-finished')).toHaveCount(0);

	// Resumed in this tab, the worker carries on from the checkpoint on the CPU (it cannot open a second GPU device).
	const resume = page.getByTestId('resume-training');
	await expect(resume).toHaveText(`Resume from step ${kept}`);
	await resume.click();
	await expect(page.getByTestId('training-split')).toContainText('Training on the CPU (Wasm)');
	await expect(page.getByTestId('training-split')).toContainText('The GPU device was lost');
	await expect(page.getByTestId('training-finished')).toBeVisible(TRAIN);
	await expect(page.getByTestId('training-error')).toHaveCount(0);
	const { resumedAt, lossSteps } = await sessionRun(page);
	expect(resumedAt, 'the worker resumed from the saved checkpoint').toBe(kept);
	// Steps up to the checkpoint are not trained again: each of the 16 appears once in the loss log.
	expect(lossSteps).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
	await expect(page.getByTestId('evaluation-metrics')).toBeVisible();

	// The trained adapter is kept in this browser, offered for evaluating and publishing, not for resuming.
	await page.reload();
	await expect(page.getByTestId('base-facts')).toBeVisible();
	const run = page.getByTestId('saved-run');
	await expect(run).toContainText(`on datanet #${datanetId} v1: trained, not registered yet`);
	await expect(run.getByTestId('publish-saved-run')).toBeVisible();
	await expect(run.getByTestId('resume-saved-run')).toHaveCount(0);
});

test('a GPU out of memory suggests a smaller batch or sequence length, keeps the run, and it resumes after a reload', async ({
	page,
	devnet
}) => {
	const datanetId = await forecasts(devnet.rpcUrl, 'Forecasts out of memory');
	await openFactoryWithHooks(page);
	await chooseRunSettings(page, 'Forecasts out of memory', {
		steps: 16,
		batchSize: 2,
		maxSeqLength: 48,
		checkpointEvery: 2,
		validateEvery: 16
	});
	await page.getByTestId('start-training').click();
	await expect(page.getByTestId('checkpoint-step')).toContainText(/at step \d+/, TRAIN);
	// The GPU runs out of memory (SwiftShader refuses a buffer of the device's largest size): the running step fails.
	const how = await callTrainingWorker(page, 'outOfMemoryForTesting');
	console.log(`out of memory by ${how === 'allocation' ? 'a real allocation' : 'a simulated error event'}`);

	const error = page.getByTestId('training-error');
	await expect(error).toContainText(
		'Training ran out of memory at batch 2 × 48 tokens. Try batch size 1 or sequence length 24 (memory grows with both) and start again',
		TRAIN
	);
	console.log(`out of memory: ${await error.textContent()}`);
	const kept = await savedStep(page);
	expect(kept).toBeLessThan(16);
	await expect(page.getByTestId('training-finished')).toHaveCount(0);

	// The run is kept in this browser; after a reload (a fresh worker) it resumes from its checkpoint on the GPU.
	await page.reload();
	await expect(page.getByTestId('base-facts')).toBeVisible();
	const run = page.getByTestId('saved-run');
	await expect(run).toContainText(`on datanet #${datanetId} v1: stopped by an error at step ${kept}`);
	await expect(run).toContainText('Training ran out of memory at batch 2 × 48 tokens');
	await run.getByTestId('resume-saved-run').click();
	await expect(page.getByTestId('version-load').first()).toHaveAttribute('data-status', 'ready');
	await expect(page.getByLabel('Batch size')).toHaveValue('2');
	const resume = page.getByTestId('resume-training');
	await expect(resume).toHaveText(`Resume from step ${kept}`);
	await resume.click();
	await expect(page.getByTestId('training-split')).toContainText('Training on WebGPU.');
	await expect(page.getByTestId('training-finished')).toBeVisible(TRAIN);
	const { resumedAt, lossSteps } = await sessionRun(page);
	expect(resumedAt, 'the worker resumed from the saved checkpoint').toBe(kept);
	expect(lossSteps).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
});
