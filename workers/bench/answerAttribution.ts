// Browser suite `answer-attribution`: what a chat user waits between an answer's last token and its attribution on
// screen. The OpenLoRA engine answers each question with an adapter fine-tuned on the demo datanet (greedy, as the
// chat does with temperature 0); as soon as an answer is complete the app's attribution worker traces it (the first
// answer also opens the model and the adapter's artifacts, as the page's first attributed answer does).
import { configureOrtWebWasm, createOrtWebServingSession } from '../ml/serving/ortWebServingSession.ts';
import { OpenLoraEngine } from '../ml/serving/openLoraEngine.ts';
import { openAdapterFileCache } from '../ml/serving/adapterFileCache.ts';
import { fetchModelFiles } from '../ml/model/fetchModelFiles.ts';
import { loadModelFiles } from '../ml/model/modelDirectory.ts';
import { BrowserBenchError, intOption, option, type BrowserBench } from './browserBench.ts';

export const answerAttribution: BrowserBench = {
	title: 'Last token to attribution shown: chat answers of a demo-datanet adapter, traced in the attribution worker',
	async run({ options, ortWasmUrl, gpu, log, signal, attributionWorker: worker }) {
		if (!worker)
			throw new BrowserBenchError('This bench needs the app’s attribution worker; run it from the /bench page.');
		configureOrtWebWasm(ortWasmUrl);
		const folder = (name: string) => new URL(option(options, name).replace(/\/?$/, '/'), self.location.href).href;
		const questions = JSON.parse(option(options, 'questions')) as string[];
		const maxNewTokens = intOption(options, 'tokens', 40);
		const files = await loadModelFiles(fetchModelFiles(folder('model')), { source: folder('model') });
		const engine = await OpenLoraEngine.open(files, 'provena/provena-tiny', {
			openServing: (config, weights, layout) => createOrtWebServingSession(config, weights, { gpu, layout }),
			adapterCache: await openAdapterFileCache(self.indexedDB),
			capacity: 1
		});
		try {
			engine.registerAdapter('demo', { read: fetchModelFiles(folder('adapter')), label: 'demo' });
			const settings = { maxNewTokens, sampling: { temperature: 0 }, seed: 1, stopStrings: [] };
			const waits: number[] = [];
			const traced: number[] = [];
			let opened = false;
			for (const [i, question] of questions.entries()) {
				signal.throwIfAborted();
				const { text } = await engine.chat([{ role: 'user', content: question }], 'demo', settings, () => {});
				const lastToken = performance.now();
				if (!opened) {
					await worker.open({ kind: 'url', url: folder('model') }, { kind: 'url', url: folder('adapter') });
					opened = true;
				}
				const report = await worker.attributeText({ prompt: question, answer: text, chat: true });
				waits.push(performance.now() - lastToken);
				if (report.paid.length > 0) traced.push(i);
				log(
					`answer ${i + 1}/${questions.length}: attribution shown ${waits.at(-1)!.toFixed(0)} ms after its last token`
				);
			}
			const steady = waits.slice(1);
			const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
			return {
				environment: `${navigator.userAgent}; engine on ${engine.info().backend}; attribution on jax-js Wasm`,
				rows: [
					{
						name: 'last token → attribution shown, first answer (opens the artifacts)',
						value: Math.round(waits[0] ?? NaN),
						unit: 'ms'
					},
					{
						name: 'last token → attribution shown, later answers (mean)',
						value: Math.round(mean(steady)),
						unit: 'ms',
						details: { waits: waits.map(Math.round) }
					},
					{
						name: 'answers traced to a contribution above the threshold',
						value: traced.length,
						unit: `of ${questions.length}`
					}
				]
			};
		} finally {
			await engine.release();
			worker.close();
		}
	}
};
