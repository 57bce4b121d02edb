// Links into the chain's block explorer, when it has one.
import type { Chain, Hash, Address } from 'viem';

/** The explorer URL of a transaction, or undefined on chains without an explorer (the local devnet). */
export function explorerTxUrl(chain: Chain, hash: Hash): string | undefined {
	const base = chain.blockExplorers?.default.url;
	return base ? `${base.replace(/\/$/, '')}/tx/${hash}` : undefined;
}

/** The explorer URL of an address, or undefined on chains without an explorer. */
export function explorerAddressUrl(chain: Chain, address: Address): string | undefined {
	const base = chain.blockExplorers?.default.url;
	return base ? `${base.replace(/\/$/, '')}/address/${address}` : undefined;
}
