// Short forms and outside links for the long identifiers the pages show: account addresses and IPFS CIDs. Pure, so
// the rules are unit-tested; the Address and Cid components render them.
import type { Address, Chain } from 'viem';
import { explorerAddressUrl } from '$lib/chain/explorer.ts';

/** Keeps the first `head` and last `tail` characters: `0x1234…abcd`, `bafkre…x4dq`. Short values stay whole. */
export function shortIdentifier(value: string, head: number, tail: number): string {
	return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}

/** 0x1234…abcd: the 0x, four hex digits each side (what wallets show). */
export const shortAddressOf = (address: string) => shortIdentifier(address, 6, 4);

/** bafkre…x4dq: the multibase prefix and codec stay readable, the tail tells two CIDs apart. */
export const shortCidOf = (cid: string) => shortIdentifier(cid, 8, 6);

/** 0x1234ab…123456: a transaction hash or a Merkle root, as explorers shorten them. */
export const shortHashOf = (hash: string) => shortIdentifier(hash, 8, 6);

/** The explorer page of `address`, when the chain has an explorer. */
export function addressLink(chain: Chain, address: Address): string | undefined {
	return explorerAddressUrl(chain, address);
}

/**
 * The first configured IPFS gateway's page for `cid` (path style, `<gateway>/ipfs/<cid>`), or undefined when no
 * gateway is configured: the local devnet has none, and a link that cannot load is worse than no link.
 */
export function gatewayLink(gateways: readonly string[], cid: string): string | undefined {
	const gateway = gateways[0];
	return gateway ? `${gateway.replace(/\/+$/, '')}/ipfs/${cid}` : undefined;
}
