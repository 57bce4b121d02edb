// The Chromium half of the `attribution` bench, and the page side of the test that Node and the browser agree: the
// app's attribution worker opens the model and an adapter folder (with its attribution artifacts) over HTTP,
// attributes each answer of the `answers` option (JSON: [{ prompt, answer, chat }]), and the bench returns the time
// per answer, the index bytes fetched and every report (the integers Node compares).
import type { TextAnswer } from '../ml/attribution/attributionSession.ts';
import { BrowserBenchError, option, type BrowserBench } from './browserBench.ts';

export const attributionBrowser: BrowserBench = {
	title: 'Attribution in Chromium: answer attribution time, index bytes fetched, and the reports',
	async run({ options, log, signal, attributionWorker: worker }) {
		signal.throwIfAborted();
		if (!worker)
			throw new BrowserBenchError(
				'The attribution bench needs the app’s attribution worker; run it from the /bench page.'
			);
		const folder = (name: string) => new URL(option(options, name).replace(/\/?$/, '/'), self.location.href).href;
		let answers: TextAnswer[];
		try {
			answers = JSON.parse(option(options, 'answers')) as TextAnswer[];
		} catch (error) {
			throw new BrowserBenchError('The "answers" option is not JSON ([{ prompt, answer, chat }]).', { cause: error });
		}
		try {
			let started = performance.now();
			const info = await worker.open({ kind: 'url', url: folder('model') }, { kind: 'url', url: folder('adapter') });
			const openMs = performance.now() - started;
			log(`opened: ${info.contributions.length} contributions${info.notice ? ` (${info.notice})` : ''}`);
			const reports = [];
			const times: number[] = [];
			for (const [i, answer] of answers.entries()) {
				signal.throwIfAborted();
				started = performance.now();
				reports.push(await worker.attributeText(answer));
				times.push(performance.now() - started);
				log(`answer ${i + 1}/${answers.length}: ${times.at(-1)!.toFixed(0)} ms`);
			}
			// The first answer compiles the gradient; the mean of the rest is the steady cost.
			const steady = times.length > 1 ? times.slice(1) : times;
			return {
				environment: `${navigator.userAgent}; jax-js on Wasm`,
				rows: [
					{ name: 'open model and artifacts', value: Math.round(openMs), unit: 'ms' },
					{ name: 'first answer (compiles the gradient)', value: Math.round(times[0] ?? 0), unit: 'ms' },
					{
						name: 'attribution of one answer (spans + gradients at every checkpoint)',
						value: Math.round(steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length)),
						unit: 'ms',
						details: { reports }
					},
					{ name: 'span index fetched for all answers', value: await worker.indexBytesFetched(), unit: 'bytes' }
				]
			};
		} finally {
			worker.close();
		}
	}
};
