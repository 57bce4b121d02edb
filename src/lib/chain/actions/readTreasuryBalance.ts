// Reads the treasury's OPEN: the Timelock holds it, and a proposal's value transfers come out of it.
import { getBalance } from 'viem/actions';
import type { GetBalanceErrorType } from 'viem';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type ReadTreasuryBalanceReturnType = bigint;
export type ReadTreasuryBalanceErrorType = GetBalanceErrorType;

/** Reads the Timelock's native OPEN balance, in wei. */
export async function readTreasuryBalance(client: ReadClient): Promise<ReadTreasuryBalanceReturnType> {
	return getBalance(client, { address: getContractAddress(client.chain.id, 'ProvenaTimelock') });
}
