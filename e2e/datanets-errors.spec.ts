// What goes wrong while contributing, and that nothing the contributor did is lost: a signature refused in the
// wallet, a contribute that reverts on chain, a pinning service that is down, a tab closed mid-upload, and files
// the pipeline refuses.
import { test, expect, devnetAccounts, nativeBalance } from './fixtures/devnet.ts';
import { installTestWallet } from './fixtures/testWallet.ts';
import { writeFileSync } from 'node:fs';
import { parseEther } from 'viem';
import {
	approveOnChain,
	claimableOf,
	connectDevnetAccount,
	contributeOnChain,
	createDatanetOnChain,
	readContribution,
	sampleFile,
	savedDrafts
} from './fixtures/datanets.ts';

test.setTimeout(180_000);

test('a refused signature keeps the draft and unpins its records, which are published again on the next try', async ({ page, devnet }) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const id = await createDatanetOnChain(devnet.rpcUrl, accounts[4]!, accounts[5]!);
	const contributor = accounts[8]!;
	await installTestWallet(page, { rpcUrl: devnet.rpcUrl, account: contributor, rejectTransactions: true });
	const before = await nativeBalance(devnet.rpcUrl, contributor);
	await page.goto(`/datanets/datanet/?id=${id}&tab=contribute`);
	await page.getByRole('button', { name: 'Connect wallet' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Test Wallet' }).click();
	await page.getByLabel('Files to contribute').setInputFiles(sampleFile('qa.jsonl'));
	await page.getByRole('button', { name: 'Prepare records' }).click();
	await page.getByRole('button', { name: 'Submit contribution' }).click();
	await expect(page.getByTestId('ipfs-publish')).toHaveAttribute('data-remote', 'pinned');
	const cid = (await page.getByTestId('published-cid').textContent())!;
	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'cancelled');
	expect(await nativeBalance(devnet.rpcUrl, contributor)).toBe(before);
	// Nothing was sent, so the records pinned for it are unpinned here and on the pinning service; the draft keeps them.
	await expect(page.getByTestId('ipfs-released')).toHaveAttribute('data-remote', 'removed');
	await expect(page.getByTestId('ipfs-released')).toHaveAttribute('data-local', 'unpinned');
	await expect(page.getByRole('button', { name: 'Submit contribution' })).toBeVisible();

	await page.reload();
	await expect(page.getByText('Restored your unsent draft')).toBeVisible();
	await expect(page.getByTestId('review')).toContainText('Consideration is something of value');
	await expect(page.getByTestId('published-cid')).toHaveCount(0);
	const [draft] = await savedDrafts(page);
	expect(draft).toMatchObject({ stage: 'prepared', files: [{ name: 'qa.jsonl' }] });
	expect(draft!.cid).toBeUndefined();
	// Trying again publishes the same records again, to the same CID, and reopens the review.
	await page.getByRole('button', { name: 'Submit contribution' }).click();
	await expect(page.getByTestId('ipfs-publish')).toHaveAttribute('data-remote', 'pinned');
	await expect(page.getByTestId('published-cid')).toHaveText(cid);
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'review');
});

test('a contribute that reverts on chain shows the decoded reason and keeps the bond and the draft', async ({
	page,
	devnet
}) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const [owner, curator, racer, contributor] = [accounts[4]!, accounts[5]!, accounts[8]!, accounts[9]!];
	const id = await createDatanetOnChain(devnet.rpcUrl, owner, curator);
	await page.goto(`/datanets/datanet/?id=${id}&tab=contribute`);
	await connectDevnetAccount(page, 9, contributor);
	await page.getByLabel('Files to contribute').setInputFiles(sampleFile('contract-basics.md', 'text/markdown'));
	await page.getByRole('button', { name: 'Prepare records' }).click();
	await page.getByRole('button', { name: 'Submit contribution' }).click();
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'review');

	// Meanwhile someone else contributes the same records and they are accepted: the page's transaction must now fail.
	const [draft] = await savedDrafts(page);
	const copy = await contributeOnChain(devnet.rpcUrl, racer, id, {
		cid: draft!.cid!,
		contentHash: draft!.prepared!.contentHash,
		byteSize: draft!.prepared!.byteSize
	});
	await approveOnChain(devnet.rpcUrl, curator, id, [copy]);

	const before = await nativeBalance(devnet.rpcUrl, contributor);
	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'failed');
	await expect(page.getByTestId('tx-reason')).toContainText('already accepted these exact records');
	await expect(page.getByTestId('tx-panel')).toContainText(/Transaction 0x[0-9a-f]{64}/);
	const spent = before - (await nativeBalance(devnet.rpcUrl, contributor));
	expect(spent > 0n && spent < 10n ** 16n, `only gas is spent, not the 0.01 OPEN bond (spent ${spent})`).toBe(true);
	await expect(page.getByTestId('review')).toBeVisible();
	expect((await savedDrafts(page)).length).toBe(1);
});

test('with the pinning service down the records stay pinned here, and the pin is retried after a reload', async ({
	page,
	devnet
}) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const id = await createDatanetOnChain(devnet.rpcUrl, accounts[4]!, accounts[5]!);
	await page.goto(`/datanets/datanet/?id=${id}&tab=contribute`);
	await page.evaluate(() =>
		localStorage.setItem('provena.pinning', JSON.stringify({ endpoint: 'http://127.0.0.1:9', accessToken: '' }))
	);
	await page.reload();
	await connectDevnetAccount(page, 8, accounts[8]!);
	await page
		.getByLabel('Or paste text')
		.fill(
			'Offer and acceptance form a contract when both parties agree on the same terms, and each gives something of value in return, which lawyers call consideration. Questions go to jane.doe@example.org by email.'
		);
	await page.getByLabel('Remove personal data').check();
	await page.getByRole('button', { name: 'Prepare records' }).click();
	// The redaction is shown before anything leaves the browser, and the records carry the placeholder.
	await expect(page.getByTestId('redactions')).toContainText('jane.doe@example.org → [EMAIL]');
	await expect(page.getByTestId('records')).toContainText('Questions go to [EMAIL] by email.');
	await expect(page.getByTestId('records')).not.toContainText('jane.doe@');
	await page.getByRole('button', { name: 'Submit contribution' }).click();
	const problem = page.getByTestId('remote-pin-problem');
	await expect(problem).toContainText('Could not reach the pinning service');
	await expect(problem).toContainText('stays pinned in this browser');
	await expect(page.getByRole('button', { name: 'Retry pinning' })).toBeVisible();
	const cid = (await page.getByTestId('published-cid').textContent())!;

	// The service is back (the right URL): after a reload the draft resumes with the same CID and the retry pins it.
	await page.evaluate(
		(endpoint) => localStorage.setItem('provena.pinning', JSON.stringify({ endpoint, accessToken: '' })),
		process.env.PROVENA_E2E_PINNING_API!
	);
	await page.reload();
	await expect(page.getByText('Restored your unsent draft')).toBeVisible();
	await expect(page.getByTestId('published-cid')).toHaveText(cid);
	await page.getByRole('button', { name: 'Retry pinning' }).click();
	await expect(page.getByTestId('ipfs-publish')).toHaveAttribute('data-remote', 'pinned');
	await page.getByRole('button', { name: 'Submit contribution' }).click();
	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(page.getByTestId('contribution-submitted')).toBeVisible();
	// The draft goes once the transaction is confirmed; a save from its sending must not bring it back after that.
	await expect.poll(() => savedDrafts(page)).toEqual([]);
});

test('a tab closed mid-upload gives the draft back; refused files say why', async ({ context, page, devnet }) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const id = await createDatanetOnChain(devnet.rpcUrl, accounts[4]!, accounts[5]!);
	await page.goto(`/datanets/datanet/?id=${id}&tab=contribute`);
	await connectDevnetAccount(page, 8, accounts[8]!);
	await page
		.getByLabel('Files to contribute')
		.setInputFiles([
			sampleFile('contract-law.pdf', 'application/pdf'),
			sampleFile('scanned-only-images.pdf', 'application/pdf'),
			sampleFile('binary-renamed.txt', 'text/plain'),
			sampleFile('empty.txt', 'text/plain')
		]);
	// 50 MiB, over the 5 MiB limit: refused by its size before a byte of it is read.
	const huge = test.info().outputPath('huge.txt');
	writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 'a'));
	await page.getByLabel('Files to contribute').setInputFiles(huge);
	await page
		.getByLabel('Files to contribute')
		.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([137, 80, 78, 71]) });
	await expect(page.getByTestId('contribute-error')).toContainText('photo.png: .png files cannot be read');
	await page.getByRole('button', { name: 'Prepare records' }).click();
	await page.close(); // mid-upload: the worker was still extracting

	const again = await context.newPage();
	await again.goto(`/datanets/datanet/?id=${id}&tab=contribute`);
	await expect(again.getByText('Restored your unsent draft')).toBeVisible();
	await expect(again.getByTestId('draft-files')).toContainText('contract-law.pdf');
	await expect(again.getByTestId('draft-files')).toContainText('empty.txt');
	await again.getByRole('button', { name: 'Prepare records' }).click();
	const refused = again.getByTestId('refused-files');
	await expect(refused).toContainText(/scanned-only-images\.pdf.*no text/i);
	await expect(refused).toContainText('binary-renamed.txt');
	await expect(refused).toContainText('empty.txt');
	await expect(refused).toContainText(/huge\.txt.*50 MiB.*5 MiB/);
	await expect(again.getByTestId('records')).toContainText('contract-law.pdf');

	// Closed again after the review: the records come back without running the pipeline again.
	await again.close();
	const third = await context.newPage();
	await third.goto(`/datanets/datanet/?id=${id}&tab=contribute`);
	await expect(third.getByTestId('review')).toContainText('contract-law.pdf');
});

test('anyone can prove a pending exact copy of accepted data and collect the bounty', async ({ page, devnet }) => {
	const accounts = await devnetAccounts(devnet.rpcUrl);
	const [owner, curator, first, copier, prover] = [
		accounts[4]!,
		accounts[5]!,
		accounts[6]!,
		accounts[7]!,
		accounts[8]!
	];
	const id = await createDatanetOnChain(devnet.rpcUrl, owner, curator);
	const content = {
		cid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
		contentHash: `0x${'ab'.repeat(32)}` as const,
		byteSize: 1234
	};
	const original = await contributeOnChain(devnet.rpcUrl, first, id, content);
	const copy = await contributeOnChain(devnet.rpcUrl, copier, id, content);
	await approveOnChain(devnet.rpcUrl, curator, id, [original]);

	await page.goto(`/datanets/datanet/?id=${id}&tab=curate`);
	await connectDevnetAccount(page, 8, prover);
	await expect(page.getByText("Only this datanet's curators can approve or reject")).toBeVisible();
	const pending = page.locator(`[data-testid=pending-contribution][data-id="${copy}"]`);
	await pending.getByRole('button', { name: `Prove it a copy of #${original}` }).click();
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'review');
	await page.getByRole('button', { name: 'Sign and send' }).click();
	await expect(page.getByTestId('tx-panel')).toHaveAttribute('data-status', 'confirmed');
	await expect(page.getByTestId('pending-contribution')).toHaveCount(0);
	const proven = await readContribution(devnet.rpcUrl, copy);
	expect(proven.status).toBe(4); // Duplicate
	expect(proven.bond).toBe(0n);
	expect(await claimableOf(devnet.rpcUrl, prover)).toBe(parseEther('0.002')); // 20 % of the 0.01 OPEN bond
});
