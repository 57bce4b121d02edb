// Reads a forge artifact (contracts/out/<Name>.sol/<Name>.json): the ABI and creation bytecode to deploy.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isHex, type Abi, type Hex } from 'viem';
import { artifactsDir } from '../paths.ts';

/** What deploying a contract needs from its artifact. */
export type ContractArtifact = { abi: Abi; bytecode: Hex };

/** The artifact is missing or unusable; build the contracts. */
export class ArtifactNotFoundError extends Error {
	override name = 'ArtifactNotFoundError';
}

/**
 * Reads `<dir>/<name>.sol/<name>.json` (the contract must live in a file of the same name).
 *
 * @example
 * const { abi, bytecode } = await readArtifact('OpenVotes');
 */
export async function readArtifact(name: string, dir: string = artifactsDir): Promise<ContractArtifact> {
	const path = join(dir, `${name}.sol`, `${name}.json`);
	let artifact: { abi?: Abi; bytecode?: { object?: string } };
	try {
		artifact = JSON.parse(await readFile(path, 'utf8'));
	} catch (error) {
		throw new ArtifactNotFoundError(
			`No artifact for ${name} at ${path} (${(error as Error).message}). Run "provena contracts build".`
		);
	}
	const bytecode = artifact.bytecode?.object;
	if (!artifact.abi || !bytecode || !isHex(bytecode) || bytecode === '0x')
		throw new ArtifactNotFoundError(`${path} has no ABI or bytecode (is ${name} abstract or an interface?).`);
	return { abi: artifact.abi, bytecode };
}
