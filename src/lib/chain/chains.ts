// The chains Provena runs on: OpenLedger (an OP Stack L2 whose gas token is OPEN) and a local anvil devnet
// that mirrors it. All use viem's OP Stack chain config so fees and receipts are read the OP Stack way.
import { defineChain, type Chain } from 'viem';
import { openledger } from 'viem/chains';
import { chainConfig } from 'viem/op-stack';

const open = { name: 'Open', symbol: 'OPEN', decimals: 18 } as const;

/** The local devnet: anvil with the contracts deployed and dev accounts funded with OPEN. */
export const provenaDevnet = defineChain({
	...chainConfig,
	id: 31337,
	name: 'Provena devnet',
	nativeCurrency: open,
	rpcUrls: { default: { http: ['http://127.0.0.1:8545'] } },
	testnet: true
});

/** OpenLedger testnet. Its public endpoints can be overridden with PUBLIC_RPC_URL / PUBLIC_EXPLORER_URL. */
export const openLedgerTestnet = defineChain({
	...chainConfig,
	id: 161201,
	name: 'OpenLedger Testnet',
	nativeCurrency: open,
	rpcUrls: { default: { http: ['https://rpctn.openledger.xyz'] } },
	blockExplorers: { default: { name: 'OpenLedger Testnet Explorer', url: 'https://scantn.openledger.xyz' } },
	testnet: true
});

/** OpenLedger mainnet, as viem defines it, with the OP Stack formatters and predeploys. */
export const openLedgerMainnet = defineChain({ ...chainConfig, ...openledger });

export const supportedChains = [provenaDevnet, openLedgerTestnet, openLedgerMainnet] as const;

export type SupportedChainId = (typeof supportedChains)[number]['id'];

/** Finds a supported chain by id, or `undefined` for any other chain. */
export function findSupportedChain(chainId: number): Chain | undefined {
	return supportedChains.find((chain) => chain.id === chainId);
}

/** Whether the chain is the local devnet, where the node's unlocked dev accounts can sign. */
export function isDevnet(chainId: number): boolean {
	return chainId === provenaDevnet.id;
}
