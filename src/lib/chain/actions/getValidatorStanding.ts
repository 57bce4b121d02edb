// Everything the Validate page needs to know about an account before it disputes: its active stake against the
// validator minimum, the dispute bond and challenge window in force, and what the ledger owes it (bonds won), all
// read at one block so the numbers agree.
import { getBlock, readContract } from 'viem/actions';
import type { Address, ReadContractErrorType } from 'viem';
import { attributionLedgerAbi, protocolParamsAbi, stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetValidatorStandingParameters = { account: Address | undefined };
export type GetValidatorStandingReturnType = {
	/** The account's active stake, in wei (0 without an account). */
	stake: bigint;
	/** ProtocolParams' validator minimum, in wei. */
	minValidatorStake: bigint;
	/** The bond a dispute sends, in wei. */
	disputeBond: bigint;
	/** Seconds a record may be disputed after it is recorded. */
	challengeWindow: number;
	/** What the account can claim from the AttributionLedger (bonds returned or won, rewards), in wei. */
	ledgerClaimable: bigint;
	/** Whether the stake meets the minimum. */
	isValidator: boolean;
	blockNumber: bigint;
	blockTimestamp: number;
};
export type GetValidatorStandingErrorType = ReadContractErrorType;

/** Reads `account`'s standing as a validator and the dispute rules, at the latest block. */
export async function getValidatorStanding(
	client: ReadClient,
	{ account }: GetValidatorStandingParameters
): Promise<GetValidatorStandingReturnType> {
	const block = await getBlock(client);
	const blockNumber = block.number;
	const params = {
		address: getContractAddress(client.chain.id, 'ProtocolParams'),
		abi: protocolParamsAbi,
		blockNumber
	} as const;
	const [minValidatorStake, disputeBond, challengeWindow, stake, ledgerClaimable] = await Promise.all([
		readContract(client, { ...params, functionName: 'minValidatorStake' }),
		readContract(client, { ...params, functionName: 'disputeBond' }),
		readContract(client, { ...params, functionName: 'challengeWindow' }),
		account
			? readContract(client, {
					address: getContractAddress(client.chain.id, 'Staking'),
					abi: stakingAbi,
					functionName: 'stakeOf',
					args: [account],
					blockNumber
				})
			: Promise.resolve(0n),
		account
			? readContract(client, {
					address: getContractAddress(client.chain.id, 'AttributionLedger'),
					abi: attributionLedgerAbi,
					functionName: 'claimable',
					args: [account],
					blockNumber
				})
			: Promise.resolve(0n)
	]);
	return {
		stake,
		minValidatorStake,
		disputeBond,
		challengeWindow: Number(challengeWindow),
		ledgerClaimable,
		isValidator: account !== undefined && stake >= minValidatorStake,
		blockNumber,
		blockTimestamp: Number(block.timestamp)
	};
}
