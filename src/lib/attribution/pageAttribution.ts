// The page's way into the attribution worker for a registered model's answers: the base model from this site's
// catalog (the one the registry names), the adapter folder read whole from IPFS through the page's Helia node (the
// worker has none), opened once and kept while answers of the same adapter come. Calls are queued: the worker holds
// one session, and the chat, the verify page and the validator tab must not switch it under each other.
import { base } from '$app/paths';
import { attributionWorker } from '$lib/bridges/attributionBridge.ts';
import { catalogUrl, fetchModelCatalog, folderUrlOf } from '$lib/models/modelCatalog.ts';
import { readUnixfsFolder } from '$lib/ipfs/unixfsModelReader.ts';
import { ipfsNode } from '$lib/state/ipfsNode.svelte.ts';
import { sameBaseModelId } from '$workers/ml/model/parsePeftAdapter.ts';
import { ProvenaError } from '$workers/shared/errors/ProvenaError.ts';
import type { AttributionRules } from '$workers/ml/attribution/attributeAnswer.ts';
import type { AttributionReport } from '$workers/ml/attribution/attributionReport.ts';
import type { OpenedAttributionInfo, TextAnswer } from '$workers/ml/attribution/attributionSession.ts';
import type { GradientExample } from '$workers/ml/attribution/exampleGradient.ts';

/** Which adapter of which base model an answer came from. */
export type AttributionTarget = { baseModelId: string; adapterCid: string };

let queue: Promise<unknown> = Promise.resolve();
let opened: { key: string; info: OpenedAttributionInfo } | undefined;

function serially<T>(work: () => Promise<T>): Promise<T> {
	const next = queue.then(work, work);
	queue = next.catch(() => {});
	return next;
}

/** This site's folder URL of base model `baseModelId`; throws when the site does not serve it. */
async function baseModelUrl(baseModelId: string): Promise<string> {
	const catalog = catalogUrl(base, location.origin);
	const { models } = await fetchModelCatalog(catalog);
	const model = models.find((m) => sameBaseModelId(baseModelId, m.id));
	if (!model)
		throw new ProvenaError(
			`The base model "${baseModelId}" is not served by this site, so its answers cannot be attributed here.`
		);
	return folderUrlOf(model.path, catalog);
}

async function ensureOpen(target: AttributionTarget): Promise<OpenedAttributionInfo> {
	const key = `${target.baseModelId} ${target.adapterCid}`;
	if (opened?.key === key) return opened.info;
	opened = undefined;
	const url = await baseModelUrl(target.baseModelId);
	const helia = await ipfsNode.ready();
	const files = await readUnixfsFolder(helia, target.adapterCid);
	const info = await attributionWorker.call(
		'open',
		{},
		{ kind: 'url', url },
		{ kind: 'files', files, label: `ipfs://${target.adapterCid}` }
	);
	opened = { key, info };
	return info;
}

/** Opens `target` (if it is not open) and says what its artifacts hold. */
export function openAttribution(target: AttributionTarget): Promise<OpenedAttributionInfo> {
	return serially(() => ensureOpen(target));
}

/** Attributes a chat answer given as text, under `rules`. */
export function attributeTextInPage(
	target: AttributionTarget,
	input: TextAnswer,
	rules: AttributionRules
): Promise<AttributionReport> {
	return serially(async () => {
		await ensureOpen(target);
		return attributionWorker.call('attributeText', {}, input, rules);
	});
}

/** Recomputes an answer from its example (evidence), under `rules`. */
export function attributeExampleInPage(
	target: AttributionTarget,
	example: GradientExample,
	rules: AttributionRules
): Promise<AttributionReport> {
	return serially(async () => {
		await ensureOpen(target);
		return attributionWorker.call('attribute', {}, example, rules);
	});
}
