import { describe, expect, it } from 'vitest';
import { parseSettings } from './settings.ts';

describe('parseSettings', () => {
	it('defaults to the local devnet with no explorer', () => {
		const settings = parseSettings({});
		expect(settings.chain.id).toBe(31337);
		expect(settings.chain.nativeCurrency.symbol).toBe('OPEN');
		expect(settings.rpcUrl).toBe('http://127.0.0.1:8545');
		expect(settings.explorerUrl).toBeUndefined();
		expect(settings.ipfsPeers).toEqual([]);
		expect(settings.ipfsRouters).toEqual([]);
		expect(settings.ipfsGateways).toEqual([]);
	});

	it('points at OpenLedger mainnet with its explorer, and honours overrides', () => {
		const mainnet = parseSettings({ PUBLIC_CHAIN_ID: '1612' });
		expect(mainnet.chain.name).toBe('OpenLedger');
		expect(mainnet.explorerUrl).toBe('https://scan.openledger.xyz');
		const custom = parseSettings({
			PUBLIC_CHAIN_ID: '161201',
			PUBLIC_RPC_URL: 'https://rpc.example',
			PUBLIC_EXPLORER_URL: 'https://scan.example',
			PUBLIC_IPFS_PEERS: ' /ip4/127.0.0.1/tcp/4011/ws/p2p/12D3KooWA , ,/dns4/x/tcp/443/wss ',
			PUBLIC_PINNING_ENDPOINT: 'https://pin.example',
			PUBLIC_IPFS_ROUTERS: 'https://delegated-ipfs.dev',
			PUBLIC_IPFS_GATEWAYS: 'https://trustless-gateway.link,https://4everland.io'
		});
		expect(custom.ipfsRouters).toEqual(['https://delegated-ipfs.dev']);
		expect(custom.ipfsGateways).toEqual(['https://trustless-gateway.link', 'https://4everland.io']);
		expect(custom.chain.rpcUrls.default.http).toEqual(['https://rpc.example']);
		expect(custom.chain.blockExplorers?.default.url).toBe('https://scan.example');
		expect(custom.ipfsPeers).toEqual(['/ip4/127.0.0.1/tcp/4011/ws/p2p/12D3KooWA', '/dns4/x/tcp/443/wss']);
		expect(custom.pinningEndpoint).toBe('https://pin.example');
	});

	it('refuses a chain it does not support, saying which ones it does', () => {
		expect(() => parseSettings({ PUBLIC_CHAIN_ID: '1' })).toThrow(/31337.*161201.*1612/);
	});
});
