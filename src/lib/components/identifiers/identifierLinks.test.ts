import { describe, expect, it } from 'vitest';
import { provenaDevnet, findSupportedChain } from '$lib/chain/chains.ts';
import { addressLink, gatewayLink, shortAddressOf, shortCidOf, shortHashOf, shortIdentifier } from './identifierLinks.ts';

const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const cid = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';

describe('short identifiers', () => {
	it('keeps the ends of an address and a CID', () => {
		expect(shortAddressOf(address)).toBe('0x7099…79C8');
		expect(shortCidOf(cid)).toBe('bafkreih…quvyku');
		expect(shortHashOf(`0x${'ab'.repeat(31)}cdef`)).toBe('0xababab…abcdef');
	});

	it('leaves a value whole when shortening would not save anything', () => {
		expect(shortIdentifier('0x1234abcd', 6, 4)).toBe('0x1234abcd');
		expect(shortIdentifier('0x1234abcde', 6, 4)).toBe('0x1234abcde');
		expect(shortIdentifier('0x1234abcdef', 6, 4)).toBe('0x1234…cdef');
	});
});

describe('identifier links', () => {
	it('links an address to the explorer only where the chain has one', () => {
		expect(addressLink(provenaDevnet, address)).toBeUndefined();
		const testnet = findSupportedChain(161201)!;
		expect(testnet.blockExplorers?.default.url).toBeTruthy();
		expect(addressLink(testnet, address)).toBe(`${testnet.blockExplorers!.default.url.replace(/\/$/, '')}/address/${address}`);
	});

	it('links a CID to the first configured gateway, path style', () => {
		expect(gatewayLink([], cid)).toBeUndefined();
		expect(gatewayLink(['https://ipfs.example/', 'https://other.example'], cid)).toBe(`https://ipfs.example/ipfs/${cid}`);
	});
});
