import { describe, expect, it } from 'vitest';
import { explorerAddressUrl, explorerTxUrl } from './explorer.ts';
import { parseSettings } from './settings.ts';

const hash = '0x4c7a3c5b4b8a9a0b0e9b8b1f2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e' as const;

describe('explorer links', () => {
	it('link transactions and addresses on chains with an explorer', () => {
		const { chain } = parseSettings({ PUBLIC_CHAIN_ID: '1612' });
		expect(explorerTxUrl(chain, hash)).toBe(`https://scan.openledger.xyz/tx/${hash}`);
		expect(explorerAddressUrl(chain, '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBe('https://scan.openledger.xyz/address/0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
	});
	it('respect an explorer override with a trailing slash', () => {
		const { chain } = parseSettings({ PUBLIC_CHAIN_ID: '31337', PUBLIC_EXPLORER_URL: 'http://localhost:5100/' });
		expect(explorerTxUrl(chain, hash)).toBe(`http://localhost:5100/tx/${hash}`);
	});
	it('give no link on the local devnet, which has no explorer', () => {
		expect(explorerTxUrl(parseSettings({}).chain, hash)).toBeUndefined();
	});
});
