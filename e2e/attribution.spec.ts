// Proof of Attribution decides money, so anyone must recompute it to the integer: the same answers attributed by
// Node (the code `provena attribute` runs) and in Chromium (the app's attribution worker, workers/attribution.worker.ts
// through its bridge, on jax-js's Wasm backend, fetching the adapter folder over HTTP as a page fetches one) must give
// identical reports.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures/devnet.ts';
import { attributionFixture, type AttributionFixture } from '../src/cli/attributionQuality/attributionFixture.ts';
import { directoryReader } from '../src/cli/directoryReader.ts';
import { repoRoot } from '../src/cli/paths.ts';
import { AttributionSession } from '../workers/ml/attribution/attributionSession.ts';
import type { AttributionReport } from '../workers/ml/attribution/attributionReport.ts';

const MODEL_DIR = join(repoRoot, 'static/models/provena-tiny');
// Training the fixture (~20 s) and a Wasm gradient per answer and checkpoint in SwiftShader's shared CPU.
test.setTimeout(480_000);

let dir: string;
let fixture: AttributionFixture;
let nodeReports: AttributionReport[];

test.beforeAll(async () => {
	test.setTimeout(300_000);
	dir = mkdtempSync(join(tmpdir(), 'provena-e2e-attribution-'));
	fixture = await attributionFixture(dir, MODEL_DIR);
	const session = new AttributionSession();
	try {
		await session.open(directoryReader(MODEL_DIR), directoryReader(fixture.adapterDir), { model: MODEL_DIR });
		nodeReports = [];
		for (const answer of fixture.answers) nodeReports.push(await session.attributeText(answer));
	} finally {
		session.close();
	}
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('Chromium attributes every answer to the same integers as Node', async ({ page }) => {
	// The adapter folder, served beside the site as an HTTP folder (a 404 for what it does not hold).
	await page.route('**/attribution-fixture/adapter/**', (route) => {
		const path = decodeURIComponent(new URL(route.request().url()).pathname.split('/attribution-fixture/adapter/')[1]!);
		try {
			return route.fulfill({ body: readFileSync(join(fixture.adapterDir, path)) });
		} catch {
			return route.fulfill({ status: 404, body: 'not found' });
		}
	});
	const query = new URLSearchParams({
		suite: 'attribution',
		model: '/models/provena-tiny/',
		adapter: '/attribution-fixture/adapter/',
		answers: JSON.stringify(fixture.answers)
	});
	await page.goto(`/bench/?${query}`);
	await page.waitForFunction(
		() =>
			['done', 'failed'].includes(
				(window as unknown as { __provenaBench?: { state: string } }).__provenaBench?.state ?? ''
			),
		undefined,
		{ timeout: 400_000, polling: 1000 }
	);
	const outcome = (await page.evaluate(() => (window as unknown as { __provenaBench: unknown }).__provenaBench)) as {
		state: string;
		error?: string;
		result?: { rows: { name: string; details?: { reports?: AttributionReport[] } }[] };
	};
	expect(outcome.error).toBeUndefined();
	const browserReports = outcome.result!.rows.find((row) => row.details?.reports)!.details!.reports!;
	expect(browserReports).toHaveLength(nodeReports.length);
	// The answers cover a traced fact, a verbatim answer, a control paying the pool and plain text.
	expect(nodeReports.some((r) => r.paid.length > 0)).toBe(true);
	expect(nodeReports.some((r) => r.pool)).toBe(true);
	expect(nodeReports.every((r) => r.scores.every((s) => Number.isSafeInteger(s.gradient)))).toBe(true);
	for (const [i, report] of nodeReports.entries()) expect(browserReports[i], `answer ${i + 1}`).toEqual(report);
});
