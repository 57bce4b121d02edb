// Node side of the `ingest-throughput` browser suite: serves the default model's tokenizer and the committed sample
// PDF beside the site; the text is generated and everything is timed in the browser's bench worker
// (workers/bench/ingestThroughput.ts).
import { join } from 'node:path';
import { repoRoot } from '../../paths.ts';
import { browserBenchSuite } from './browserBenchSuite.ts';
import { benchAssetsUrl } from './runBrowserBench.ts';

const suite = 'ingest-throughput';

export const ingestThroughput = browserBenchSuite(
	suite,
	'Ingest throughput in a Web Worker: File → records (text, JSONL, PDF) and prepareContribution (ingest + dedupe)',
	async () => {
		const env = process.env;
		const tokenizerDir = join(repoRoot, 'static/models/provena-tiny');
		const base = benchAssetsUrl(suite);
		return {
			options: {
				tokenizer: `${base}tokenizer/`,
				pdf: `${base}contract-law.pdf`,
				textMb: env.PROVENA_BENCH_INGEST_MB ?? '4',
				datanetMb: env.PROVENA_BENCH_INGEST_DATANET_MB ?? '1',
				pdfCopies: env.PROVENA_BENCH_PDF_COPIES ?? '200',
				repeats: env.PROVENA_BENCH_REPEATS ?? '3'
			},
			assets: [
				{ to: 'tokenizer/tokenizer.json', from: join(tokenizerDir, 'tokenizer.json') },
				{ to: 'tokenizer/tokenizer_config.json', from: join(tokenizerDir, 'tokenizer_config.json') },
				{ to: 'contract-law.pdf', from: join(repoRoot, 'workers/ingest/testdata/contract-law.pdf') }
			]
		};
	}
);
