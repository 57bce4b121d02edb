// What read actions run against: a viem client on a chain whose Provena contracts are known (the deployments
// file the deploy step wrote, or, in Node tests, deployments registered at run time).
import { getPublicClient, type Config } from '@wagmi/core';
import type { Chain, Client, Transport } from 'viem';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';

/** A viem client bound to a chain: wagmi's public client in the page, `createPublicClient` in Node. */
export type ReadClient = Client<Transport, Chain>;

/** The chain has no RPC client configured, so nothing can be read from it. */
export class NoRpcClientError extends ProvenaError {
	override name = 'NoRpcClientError';
	constructor(chainId: number) {
		super(`Chain ${chainId} has no RPC client configured. Check PUBLIC_RPC_URL and reload the page.`);
	}
}

/** The page's read client for its configured chain. */
export function readClientOf(config: Config): ReadClient {
	const chainId = config.chains[0].id;
	const client = getPublicClient(config, { chainId });
	if (!client) throw new NoRpcClientError(chainId);
	return client;
}
