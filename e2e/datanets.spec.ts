// The Datanet path end to end, on anvil with the real contracts, the local IPFS peer as the pinning service and
// Chromium: an owner creates a datanet and appoints a curator; contributor A sends a PDF and a JSONL file; B sends a
// near-duplicate of A's records and is shown the collision; the curator approves A (publishing version 1) and rejects
// B (bond slashed); a fresh browser profile downloads version 1 by its manifest CID from the peer, byte for byte.
import { readFile } from 'node:fs/promises';
import { test, expect, devnetAccounts, nativeBalance } from './fixtures/devnet.ts';
import {
	connectDevnetAccount,
	createDatanetInUi,
	readContribution,
	sampleFile,
	sha256Hex,
	stakeForCurator
} from './fixtures/datanets.ts';

test.setTimeout(300_000);

test('create, contribute, collide, curate, publish and fetch a datanet version', async ({ browser, devnet }) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const [owner, curator, alice, bob] = [accounts[4]!, accounts[5]!, accounts[6]!, accounts[7]!];
	await stakeForCurator(devnet.rpcUrl, curator);

	// The owner creates the datanet and appoints the curator.
	const ownerContext = await browser.newContext({ baseURL: devnet.siteUrl });
	const ownerPage = await ownerContext.newPage();
	await ownerPage.goto('/datanets/');
	await connectDevnetAccount(ownerPage, 4, owner);
	const id = await createDatanetInUi(ownerPage, {
		name: 'Contract law basics',
		summary: 'Plain-English notes and Q&A on contract law.',
		tags: 'contract-law, English'
	});
	await ownerPage.getByLabel('Appoint a curator').fill(curator);
	await ownerPage.getByRole('button', { name: 'Appoint', exact: true }).click();
	await ownerPage.getByRole('button', { name: 'Sign and send' }).click();
	await expect(ownerPage.getByTestId('tx-panel')).toHaveAttribute('data-status', 'confirmed');
	await expect(ownerPage.getByTestId('curator-list')).toContainText(curator);
	await ownerContext.close();

	// Contributor A: a PDF and a JSONL file become records, pinned here and on the peer, then contributed with the bond.
	const aliceContext = await browser.newContext({ baseURL: devnet.siteUrl });
	const alicePage = await aliceContext.newPage();
	await alicePage.goto(`/datanets/datanet/?id=${id}&tab=contribute`);
	await connectDevnetAccount(alicePage, 6, alice);
	await alicePage
		.getByLabel('Files to contribute')
		.setInputFiles([sampleFile('contract-law.pdf', 'application/pdf'), sampleFile('qa.jsonl')]);
	await expect(alicePage.getByTestId('draft-files')).toContainText('contract-law.pdf');
	await alicePage.getByRole('button', { name: 'Prepare records' }).click();
	const review = alicePage.getByTestId('review');
	await expect(review.getByTestId('review-summary')).toContainText(/\d+ records/);
	await expect(review.getByTestId('skipped-lines')).toContainText('qa.jsonl, line 3');
	await expect(review.getByTestId('records')).toContainText('Consideration is something of value');
	await expect(review.getByTestId('records')).toContainText('contract-law.pdf p.1');
	const aliceBefore = await nativeBalance(devnet.rpcUrl, alice);
	await alicePage.getByRole('button', { name: 'Submit contribution' }).click();
	await expect(alicePage.getByTestId('ipfs-publish')).toHaveAttribute('data-remote', 'pinned');
	await expect(alicePage.getByTestId('tx-panel')).toHaveAttribute('data-status', 'review');
	await expect(alicePage.getByTestId('tx-value')).toHaveText(
		'Bond (returned after approval; lost if rejected): 0.01 OPEN'
	);
	await expect(alicePage.getByTestId('tx-fee')).toContainText('OPEN');
	expect(await nativeBalance(devnet.rpcUrl, alice)).toBe(aliceBefore);
	await alicePage.getByRole('button', { name: 'Sign and send' }).click();
	await expect(alicePage.getByTestId('contribution-submitted')).toBeVisible();
	await aliceContext.close();

	// Contributor B: the same Q&A with a word added to each answer, plus one new pair. The copies collide with A's.
	const qa = (await readFile(new URL('../workers/ingest/testdata/qa.jsonl', import.meta.url), 'utf8')).split('\n');
	const edited = qa
		.flatMap((line) => {
			try {
				const record = JSON.parse(line) as Record<string, string>;
				const [q, a] = [
					record.prompt ?? record.instruction ?? record.question,
					record.response ?? record.output ?? record.answer
				];
				return q && a ? [JSON.stringify({ prompt: q, response: `${a} Indeed.` })] : [];
			} catch {
				return [];
			}
		})
		.concat(
			JSON.stringify({
				prompt: 'What is a bond in a datanet?',
				response:
					'A small deposit locked with each contribution; it comes back after approval and is lost when a curator rejects the data.'
			})
		);
	const bobContext = await browser.newContext({ baseURL: devnet.siteUrl });
	const bobPage = await bobContext.newPage();
	await bobPage.goto(`/datanets/datanet/?id=${id}&tab=contribute`);
	await connectDevnetAccount(bobPage, 7, bob);
	await bobPage.getByLabel('Files to contribute').setInputFiles({
		name: 'my-qa.jsonl',
		mimeType: 'application/jsonl',
		buffer: Buffer.from(edited.join('\n') + '\n')
	});
	await bobPage.getByRole('button', { name: 'Prepare records' }).click();
	const collisions = bobPage.getByTestId('collision');
	await expect(collisions.first()).toContainText(
		/Near-duplicate \(\d+ % similar\) of a record in contribution #\d+ of this datanet/
	);
	await expect(collisions.first()).toContainText('Indeed.');
	await expect(bobPage.getByTestId('review-summary')).toContainText(/(^|\s)1 records/);
	await bobPage.getByRole('button', { name: 'Submit contribution' }).click();
	await expect(bobPage.getByTestId('tx-panel')).toHaveAttribute('data-status', 'review');
	await bobPage.getByRole('button', { name: 'Sign and send' }).click();
	await expect(bobPage.getByTestId('contribution-submitted')).toBeVisible();
	await bobContext.close();

	// The curator: A's records and duplicate check, approve A (version 1), reject B with a reason.
	const curatorContext = await browser.newContext({ baseURL: devnet.siteUrl });
	const curatorPage = await curatorContext.newPage();
	await curatorPage.goto(`/datanets/datanet/?id=${id}&tab=curate`);
	await connectDevnetAccount(curatorPage, 5, curator);
	const pending = curatorPage.getByTestId('pending-contribution');
	await expect(pending).toHaveCount(2);
	const [aliceId, bobId] = [await pending.nth(0).getAttribute('data-id'), await pending.nth(1).getAttribute('data-id')];
	await pending.nth(1).getByRole('button', { name: 'Check for duplicates' }).click();
	await expect(pending.nth(1).getByTestId('duplicate-check')).toContainText(
		/No duplicate of other contributions found|records duplicate other contributions/
	);
	await pending.nth(0).getByRole('button', { name: 'Show records' }).click();
	await expect(pending.nth(0).getByTestId('curate-records')).toContainText('Consideration is something of value');

	await pending.nth(0).getByRole('checkbox').check();
	await curatorPage.getByRole('button', { name: 'Approve and publish version 1' }).click();
	await expect(curatorPage.getByTestId('ipfs-publish')).toHaveAttribute('data-remote', 'pinned');
	await curatorPage.getByRole('button', { name: 'Sign and send' }).click();
	await expect(curatorPage.getByTestId('tx-panel')).toHaveAttribute('data-status', 'confirmed');
	await expect(pending).toHaveCount(1);

	const bondBefore = (await readContribution(devnet.rpcUrl, BigInt(bobId!))).bond;
	expect(bondBefore).toBeGreaterThan(0n);
	await pending.nth(0).getByRole('checkbox').check();
	await curatorPage.getByRole('button', { name: 'Reject selected (bonds are slashed)' }).click();
	await expect(curatorPage.getByText('Give a reason')).toBeVisible();
	await curatorPage.getByLabel('Reason for rejecting').fill('Near-duplicate of contribution #' + aliceId);
	await curatorPage.getByRole('button', { name: 'Reject selected (bonds are slashed)' }).click();
	await curatorPage.getByRole('button', { name: 'Sign and send' }).click();
	await expect(curatorPage.getByTestId('tx-panel')).toHaveAttribute('data-status', 'confirmed');
	const rejected = await readContribution(devnet.rpcUrl, BigInt(bobId!));
	expect(rejected.status).toBe(3); // Rejected
	expect(rejected.bond).toBe(0n);
	const approved = await readContribution(devnet.rpcUrl, BigInt(aliceId!));
	expect(approved.status).toBe(2); // Approved

	await curatorPage.goto(`/datanets/datanet/?id=${id}`);
	await expect(curatorPage.locator(`[data-testid=contribution-row][data-id="${bobId}"]`)).toHaveAttribute(
		'data-status',
		'rejected'
	);
	await expect(curatorPage.locator(`[data-testid=contribution-row][data-id="${bobId}"]`)).toContainText(
		`Near-duplicate of contribution #${aliceId}`
	);
	await expect(curatorPage.getByTestId('leaderboard-row').first()).toContainText('1 of 1');
	const manifestCid = (await curatorPage.getByTestId('version-manifest').first().textContent())!.trim();
	await curatorContext.close();

	// A fresh profile, no wallet: the list is rebuilt from chain events (then kept in IndexedDB), searchable.
	const fresh = await browser.newContext({ baseURL: devnet.siteUrl, acceptDownloads: true });
	const freshPage = await fresh.newPage();
	await freshPage.goto('/datanets/');
	await expect(freshPage.getByTestId('sync-status')).toContainText('Up to date with block');
	await expect(freshPage.getByTestId('sync-status')).not.toContainText('kept in memory');
	await freshPage.getByRole('searchbox', { name: 'Search datanets' }).fill('contract-law');
	const row = freshPage.getByTestId('datanet-row').filter({ hasText: 'Contract law basics' });
	await expect(row).toContainText('Plain-English notes and Q&A on contract law.');
	await expect(row.getByTestId('contribution-count')).toHaveText('2');
	await expect(row).toContainText('v1');
	await freshPage.getByRole('searchbox', { name: 'Search datanets' }).fill('veterinary zzz');
	await expect(freshPage.getByText('No datanet matches “veterinary zzz”.')).toBeVisible();
	await freshPage.getByRole('searchbox', { name: 'Search datanets' }).fill('');
	await freshPage.getByLabel('Sort by').selectOption('contributions');
	await expect(freshPage.getByTestId('datanet-row').first()).toContainText('Contract law basics');

	// The version's manifest and records come from the peer by CID, byte for byte.
	await row.getByRole('link', { name: 'Contract law basics' }).click();
	await expect(freshPage).toHaveURL(new RegExp(`/datanets/datanet/\\?id=${id}$`));
	await freshPage.setViewportSize({ width: 360, height: 740 });
	await expect(freshPage.getByTestId('version-row')).toHaveCount(1);
	// At phone width the page does not scroll sideways: wide tables scroll inside their own box.
	expect(
		await freshPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
	).toBeLessThanOrEqual(0);
	await freshPage.setViewportSize({ width: 1280, height: 800 });
	await expect(freshPage.getByTestId('version-row')).toHaveCount(1);
	const [download] = await Promise.all([
		freshPage.waitForEvent('download'),
		freshPage.getByRole('button', { name: 'JSONL', exact: true }).click()
	]);
	expect(download.suggestedFilename()).toBe(`datanet-${id}-v1.jsonl`);
	const bytes = new Uint8Array(await readFile((await download.path())!));
	expect(await sha256Hex(bytes)).toBe(approved.contentHash);
	await expect(freshPage.getByTestId('export-status')).toContainText('1 contributions');

	// The same version by its manifest CID typed in, as someone given only the CID would.
	await freshPage.getByLabel('Download any version by its manifest CID').fill(manifestCid);
	const [again] = await Promise.all([
		freshPage.waitForEvent('download'),
		freshPage.getByRole('button', { name: 'Download JSONL' }).click()
	]);
	expect(new Uint8Array(await readFile((await again.path())!))).toEqual(bytes);
	await fresh.close();
});
