// The gradient half of the `attribution` bench, in Node on jax-js Wasm with the default model and a rank-8 q/v
// adapter at three kept checkpoints: the time to sketch an answer (its gradient at each checkpoint, projected), to
// sketch a training example, and to score one answer against 10^3 and 10^4 per-example sketches; sketch sizes.
import { join } from 'node:path';
import { tree } from '@jax-js/jax';
import { answerSketches, type SketchCheckpoint } from '../../../workers/ml/attribution/gradientSketches.ts';
import { gradientScoringRows } from '../../../workers/bench/attributionCosts.ts';
import {
	DEFAULT_PROJECTION,
	gradientProjection,
	normalisedGradient,
	project
} from '../../../workers/ml/attribution/gradientProjection.ts';
import { loraExampleGradient, loraParameterCount } from '../../../workers/ml/attribution/exampleGradient.ts';
import { loraScale } from '../../../workers/ml/core/loraAdapter.ts';
import { fixtureAdapter } from '../../../workers/ml/model/fixtureModels.ts';
import { loadModelFiles } from '../../../workers/ml/model/modelDirectory.ts';
import { seededRandom } from '../../../workers/ml/random/seededRandom.ts';
import { initJaxWasm } from '../../../workers/ml/training/initJaxWasm.ts';
import { jaxLoraFromAdapter, jaxWeightsFromHost } from '../../../workers/ml/training/jaxForward.ts';
import { releaseTrainSteps } from '../../../workers/ml/training/trainStep.ts';
import { directoryReader } from '../directoryReader.ts';
import { repoRoot } from '../paths.ts';
import type { BenchRow } from './types.ts';

const MODEL_DIR = join(repoRoot, 'static/models/provena-tiny');
const CHECKPOINTS = 3;

/** Rows for the gradient method on the default model. */
export async function gradientRows(log: (line: string) => void): Promise<BenchRow[]> {
	await initJaxWasm();
	const files = await loadModelFiles(directoryReader(MODEL_DIR), { source: MODEL_DIR });
	const { config } = files;
	const base = jaxWeightsFromHost(config, files.weights);
	const checkpoints: SketchCheckpoint[] = Array.from({ length: CHECKPOINTS }, (_, k) => {
		const adapter = fixtureAdapter(config, 100 + k, { rank: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'] });
		return {
			step: 10 * (k + 1),
			learningRate: 2e-3,
			model: { settings: { config, loraScale: loraScale(adapter) }, base, lora: jaxLoraFromAdapter(config, adapter) }
		};
	});
	const parameters = loraParameterCount(checkpoints[0]!.model.lora);
	const random = seededRandom(3);
	const example = () => {
		const tokenIds = Array.from({ length: 96 }, () => 3 + Math.floor(random.uniform() * (config.vocabSize - 3)));
		return { tokenIds, lossMask: tokenIds.map((_, t) => (t >= 32 ? 1 : 0)) };
	};
	const rows: BenchRow[] = [];
	try {
		log('gradient sketches on the default model…');
		const spec = DEFAULT_PROJECTION;
		const sketchShape = { projection: spec, parameters };
		await answerSketches(example(), checkpoints, sketchShape); // compiles the gradient
		let started = performance.now();
		const answers = 10;
		for (let i = 0; i < answers; i++) await answerSketches(example(), checkpoints, sketchShape);
		rows.push({
			name: `answer sketch (${CHECKPOINTS} checkpoints: gradient + projection)`,
			value: Number(((performance.now() - started) / answers).toFixed(1)),
			unit: 'ms',
			details: { parameters, dimensions: spec.dimensions }
		});

		started = performance.now();
		const examples = 30;
		for (let i = 0; i < examples; i++) normalisedGradient(await loraExampleGradient(checkpoints[0]!.model, example()));
		rows.push({
			name: 'training example gradient, one checkpoint (96 tokens)',
			value: Number(((performance.now() - started) / examples).toFixed(1)),
			unit: 'ms'
		});
		const projection = gradientProjection(parameters, spec);
		started = performance.now();
		for (let i = 0; i < 10; i++) project(projection, new Float64Array(parameters).fill(i));
		rows.push({
			name: 'projection of one group sum',
			value: Number(((performance.now() - started) / 10).toFixed(1)),
			unit: 'ms'
		});

		rows.push(...gradientScoringRows([1_000, 10_000], CHECKPOINTS));
		rows.push({
			name: `gradient sketch size per example or per contribution (${CHECKPOINTS} checkpoints)`,
			value: CHECKPOINTS * spec.dimensions * 4,
			unit: 'bytes'
		});
	} finally {
		for (const c of checkpoints) {
			tree.dispose(c.model.lora);
			releaseTrainSteps(c.model.settings);
		}
		tree.dispose(base);
	}
	return rows;
}
