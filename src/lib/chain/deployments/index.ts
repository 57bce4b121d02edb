// The contract addresses per chain, from the deployments files the deploy step writes
// (`provena deploy --rpc …` writes deployments/<chainId>.json beside this module).
import type { Address } from 'viem';
import type { Deployments } from './types.ts';

// Vite (the site, Vitest) inlines the files here; plain Node (the CLI, Playwright's runner) has no import.meta.glob,
// and registers what it reads from disk with registerDeployments instead.
let files: Record<string, Deployments> = {};
try {
	files = import.meta.glob<Deployments>('./*.json', { eager: true, import: 'default' });
} catch {
	files = {};
}

const byChainId = new Map<number, Deployments>(
	Object.values(files).map((deployments) => [deployments.chainId, deployments])
);

/** Raised when the app needs a contract that is not deployed on the current chain. */
export class NotDeployedError extends Error {
	override name = 'NotDeployedError';
	constructor(contract: string, chainId: number) {
		super(
			`${contract} is not deployed on chain ${chainId}. Run "provena deploy --rpc <url>" for that chain and rebuild the site, or point PUBLIC_CHAIN_ID at a chain that has a deployments file.`
		);
	}
}

/**
 * Adds (or replaces) the deployments of one chain at run time: Node tests deploy to a fresh anvil and point the
 * actions at it, as the page's build points them at the file the deploy step wrote.
 */
export function registerDeployments(deployments: Deployments): void {
	byChainId.set(deployments.chainId, deployments);
}

/** The deployments on a chain, or undefined when nothing is deployed there. */
export function getDeployments(chainId: number): Deployments | undefined {
	return byChainId.get(chainId);
}

/** The address of one contract on a chain; throws {@link NotDeployedError} when it is missing. */
export function getContractAddress(chainId: number, contract: keyof Deployments['contracts'] & string): Address {
	const entry = getDeployments(chainId)?.contracts[contract];
	if (!entry) throw new NotDeployedError(contract, chainId);
	return entry.address;
}
