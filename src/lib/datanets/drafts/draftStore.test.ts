// The memory store behind the same interface as the IndexedDB one (which the e2e tests exercise in Chromium).
import { describe, expect, it } from 'vitest';
import { draftKey, memoryDraftStore, openDraftStore, type ContributionDraft } from './draftStore.ts';

const draft = (key: string, updatedAt: number): ContributionDraft => ({
	key,
	datanetId: '1',
	files: [new File(['hello'], 'a.txt')],
	redact: false,
	stage: 'editing',
	updatedAt
});

describe('draft store', () => {
	it('keys drafts by chain, registry, datanet and account, whatever the address case', () => {
		const a = draftKey({ chainId: 31337, registry: '0xABCD', datanetId: '3', account: '0xEF01' });
		expect(a).toBe('31337:0xabcd:3:0xef01');
		expect(draftKey({ chainId: 31337, registry: '0xabcd', datanetId: '3', account: '0xef01' })).toBe(a);
		expect(draftKey({ chainId: 1, registry: '0xabcd', datanetId: '3', account: '0xef01' })).not.toBe(a);
	});

	it('puts, reads, lists newest first and deletes', async () => {
		const store = memoryDraftStore();
		await store.put(draft('x', 1));
		await store.put(draft('y', 2));
		expect((await store.get('x'))?.files[0]?.name).toBe('a.txt');
		expect((await store.list()).map((d) => d.key)).toEqual(['y', 'x']);
		await store.put({ ...draft('x', 3), stage: 'prepared' });
		expect((await store.list()).map((d) => `${d.key}:${d.stage}`)).toEqual(['x:prepared', 'y:editing']);
		await store.delete('x');
		expect(await store.get('x')).toBeUndefined();
	});

	it('falls back to memory where there is no IndexedDB (Node)', async () => {
		expect((await openDraftStore(undefined)).kind).toBe('memory');
	});
});
