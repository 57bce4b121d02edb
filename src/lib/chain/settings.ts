// Deployment settings read from PUBLIC_* variables at build time (see README, "Pointing Provena at a real
// chain"). Read lazily: SvelteKit forbids reading dynamic env while prerendering.
import { env } from '$env/dynamic/public';
import type { Chain } from 'viem';
import { findSupportedChain, provenaDevnet } from './chains.ts';

export type ProvenaSettings = {
	/** The chain the app talks to, with the RPC and explorer overrides applied. */
	chain: Chain;
	rpcUrl: string;
	/** Block explorer base URL, or undefined when the chain has none (the local devnet). */
	explorerUrl: string | undefined;
	/** Multiaddrs of IPFS peers the page dials on start (the local peer on the devnet). */
	ipfsPeers: string[];
	/** Delegated routing v1 endpoints for finding content on the public IPFS network (none: offline). */
	ipfsRouters: string[];
	/** Trustless gateways to fetch blocks from when no peer has them (none: offline). */
	ipfsGateways: string[];
	/** Default IPFS Pinning Service API endpoint; the user can change it (and sets the token) in the page. */
	pinningEndpoint: string | undefined;
};

/** Reads the settings from a plain record, so tests and the CLI can use the same rules. */
export function parseSettings(vars: Record<string, string | undefined>): ProvenaSettings {
	const chainId = Number(vars.PUBLIC_CHAIN_ID || provenaDevnet.id);
	const base = findSupportedChain(chainId);
	if (!base) {
		throw new Error(
			`PUBLIC_CHAIN_ID=${vars.PUBLIC_CHAIN_ID} is not a chain Provena supports. Use 31337 (local devnet), 161201 (OpenLedger testnet) or 1612 (OpenLedger mainnet).`
		);
	}
	const rpcUrl = vars.PUBLIC_RPC_URL || base.rpcUrls.default.http[0]!;
	const explorerUrl = vars.PUBLIC_EXPLORER_URL || base.blockExplorers?.default.url;
	const chain: Chain = {
		...base,
		rpcUrls: { default: { http: [rpcUrl] } },
		blockExplorers: explorerUrl ? { default: { name: base.blockExplorers?.default.name ?? 'Explorer', url: explorerUrl } } : undefined
	};
	return {
		chain,
		rpcUrl,
		explorerUrl,
		ipfsPeers: list(vars.PUBLIC_IPFS_PEERS),
		ipfsRouters: list(vars.PUBLIC_IPFS_ROUTERS),
		ipfsGateways: list(vars.PUBLIC_IPFS_GATEWAYS),
		pinningEndpoint: vars.PUBLIC_PINNING_ENDPOINT || undefined
	};
}

function list(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((item) => item.trim())
		.filter(Boolean);
}

let cached: ProvenaSettings | undefined;

/** The app's settings, from the PUBLIC_* variables the site was built with. */
export function getSettings(): ProvenaSettings {
	cached ??= parseSettings(env);
	return cached;
}
