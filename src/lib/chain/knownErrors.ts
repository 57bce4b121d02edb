// Every custom error of every Provena contract, gathered from the generated ABIs, so a revert is decoded by
// name even when it comes from a contract other than the one called.
import type { Abi } from 'viem';

type AbiError = Extract<Abi[number], { type: 'error' }>;
import * as abis from './abis.ts';

/** The custom errors of all contracts, without duplicates (by signature). */
export const knownErrorsAbi: readonly AbiError[] = dedupe(
	(Object.values(abis) as Abi[]).flatMap((abi) => abi.filter((item): item is AbiError => item.type === 'error'))
);

function dedupe(errors: AbiError[]): AbiError[] {
	const seen = new Map<string, AbiError>();
	for (const error of errors) seen.set(`${error.name}(${error.inputs.map((i) => i.type).join(',')})`, error);
	return [...seen.values()];
}
