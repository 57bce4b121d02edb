// Writes the deployments file the app reads: src/lib/chain/deployments/<chainId>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Deployments } from '../../lib/chain/deployments/types.ts';
import { deploymentsDir } from '../paths.ts';

/**
 * Writes `deployments` to `<dir>/<chainId>.json` (tab-indented, trailing newline) and returns the path.
 *
 * @example
 * const path = await writeDeployments({ chainId: 31337, contracts: { OpenVotes: { address, blockNumber, txHash } } });
 */
export async function writeDeployments(deployments: Deployments, dir: string = deploymentsDir): Promise<string> {
	await mkdir(dir, { recursive: true });
	const path = join(dir, `${deployments.chainId}.json`);
	await writeFile(path, `${JSON.stringify(deployments, null, '\t')}\n`);
	return path;
}
