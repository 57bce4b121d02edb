// Reads everything the Staking page shows about one account in one go: its active and unbonding stake, rewards,
// who its staked votes go to, its wallet balance, the rules (minimum stake, unbonding period, role minimums) and
// the chain's clock, all at the same block so the numbers agree with each other.
import { getBalance, getBlock, readContract } from 'viem/actions';
import { zeroAddress, type Address, type ReadContractErrorType } from 'viem';
import { openVotesAbi, protocolParamsAbi, stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetStakingPositionParameters = { account: Address };
export type GetStakingPositionReturnType = {
	/** Active stake (earns, counts for roles), in wei. */
	active: bigint;
	/** Unbonding stake, in wei. */
	unbonding: bigint;
	/** When the unbonding stake unlocks (Unix seconds; 0 when nothing unbonds). */
	releaseAt: number;
	/** Rewards a claim would pay now, including fees still waiting in the ledger, in wei. */
	claimable: bigint;
	/** Native OPEN in the account, in wei. */
	balance: bigint;
	/** The account's StakeVault (zero address before a first stake). */
	vault: Address;
	/** Who the staked votes go to (zero address before a first stake). */
	stakeDelegate: Address;
	/** Staking's smallest active stake (zero aside). */
	minStake: bigint;
	/** Seconds between a request to unstake and the withdrawal. */
	unbondingPeriod: number;
	minCuratorStake: bigint;
	minValidatorStake: bigint;
	/** The timestamp of the block read. */
	blockTimestamp: number;
	blockNumber: bigint;
};
export type GetStakingPositionErrorType = ReadContractErrorType;

/** Reads `account`'s staking position and the staking rules at the latest block. */
export async function getStakingPosition(
	client: ReadClient,
	{ account }: GetStakingPositionParameters
): Promise<GetStakingPositionReturnType> {
	const block = await getBlock(client);
	const blockNumber = block.number;
	const staking = getContractAddress(client.chain.id, 'Staking');
	const params = getContractAddress(client.chain.id, 'ProtocolParams');
	const atStaking = { address: staking, abi: stakingAbi, blockNumber } as const;
	const atParams = { address: params, abi: protocolParamsAbi, blockNumber } as const;
	const [
		active,
		[unbonding, releaseAt],
		claimable,
		vault,
		minStake,
		unbondingPeriod,
		minCuratorStake,
		minValidatorStake,
		balance
	] = await Promise.all([
		readContract(client, { ...atStaking, functionName: 'stakeOf', args: [account] }),
		readContract(client, { ...atStaking, functionName: 'unbondingOf', args: [account] }),
		readContract(client, { ...atStaking, functionName: 'claimable', args: [account] }),
		readContract(client, { ...atStaking, functionName: 'vaultOf', args: [account] }),
		readContract(client, { ...atStaking, functionName: 'MIN_STAKE' }),
		readContract(client, { ...atParams, functionName: 'unbondingPeriod' }),
		readContract(client, { ...atParams, functionName: 'minCuratorStake' }),
		readContract(client, { ...atParams, functionName: 'minValidatorStake' }),
		getBalance(client, { address: account, blockNumber })
	]);
	const stakeDelegate =
		vault === zeroAddress
			? zeroAddress
			: await readContract(client, {
					address: getContractAddress(client.chain.id, 'OpenVotes'),
					abi: openVotesAbi,
					functionName: 'delegates',
					args: [vault],
					blockNumber
				});
	return {
		active,
		unbonding,
		releaseAt: Number(releaseAt),
		claimable,
		balance,
		vault,
		stakeDelegate,
		minStake,
		unbondingPeriod: Number(unbondingPeriod),
		minCuratorStake,
		minValidatorStake,
		blockTimestamp: Number(block.timestamp),
		blockNumber
	};
}
