// Reads where an account's votes come from: its own vOPEN (counted only when delegated to itself), its staked
// OPEN (held as vOPEN by its StakeVault, which delegates to the staker unless told otherwise) and delegations from
// others. The page explains a vote count that differs from the vOPEN balance with these numbers.
import { readContract } from 'viem/actions';
import { zeroAddress, type Address, type ReadContractErrorType } from 'viem';
import { openVotesAbi, stakingAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { ReadClient } from './readClient.ts';

export type GetVotingPowerParameters = { account: Address };
export type GetVotingPowerReturnType = {
	/** vOPEN in the account. */
	wrapped: bigint;
	/** Votes the Governor counts for the account now. */
	votes: bigint;
	/** Who the account's own vOPEN votes for (zero address: nobody yet). */
	delegate: Address;
	/** vOPEN held by the account's StakeVault (its active and unbonding stake); 0 before a first stake. */
	staked: bigint;
	/** Who the staked vOPEN votes for (zero address when nothing is staked). */
	stakeDelegate: Address;
	/** Votes delegated to the account by other holders: `votes` less the account's own counted parts. */
	fromOthers: bigint;
};
export type GetVotingPowerErrorType = ReadContractErrorType;

/** Reads `account`'s vOPEN, votes, delegations and staked vOPEN. */
export async function getVotingPower(client: ReadClient, { account }: GetVotingPowerParameters): Promise<GetVotingPowerReturnType> {
	const openVotes = getContractAddress(client.chain.id, 'OpenVotes');
	const [wrapped, votes, delegate, vault] = await Promise.all([
		readContract(client, { address: openVotes, abi: openVotesAbi, functionName: 'balanceOf', args: [account] }),
		readContract(client, { address: openVotes, abi: openVotesAbi, functionName: 'getVotes', args: [account] }),
		readContract(client, { address: openVotes, abi: openVotesAbi, functionName: 'delegates', args: [account] }),
		readContract(client, { address: getContractAddress(client.chain.id, 'Staking'), abi: stakingAbi, functionName: 'vaultOf', args: [account] })
	]);
	const [staked, stakeDelegate] =
		vault === zeroAddress
			? [0n, zeroAddress]
			: await Promise.all([
					readContract(client, { address: openVotes, abi: openVotesAbi, functionName: 'balanceOf', args: [vault] }),
					readContract(client, { address: openVotes, abi: openVotesAbi, functionName: 'delegates', args: [vault] })
				]);
	const same = (a: Address) => a.toLowerCase() === account.toLowerCase();
	const own = (same(delegate) ? wrapped : 0n) + (same(stakeDelegate) ? staked : 0n);
	return { wrapped, votes, delegate, staked, stakeDelegate, fromOthers: votes > own ? votes - own : 0n };
}
