// The shape of src/lib/chain/deployments/<chainId>.json: where each Provena contract lives on one chain.
// Written by `provena deploy` (src/cli/deploy), read by the app in the browser: keep Node imports out.
import type { Address, Hash } from 'viem';

/** The contracts `provena deploy` deploys, in deployment order. */
export const CONTRACT_NAMES = [
	'OpenVotes',
	'ProvenaTimelock',
	'ProvenaGovernor',
	'ProtocolParams',
	'Staking',
	'DatanetRegistry',
	'ModelRegistry',
	'AttributionLedger'
] as const;

/** A contract `provena deploy` deploys. */
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** One deployed contract. */
export type ContractDeployment = {
	/** Checksummed address. */
	address: Address;
	/** The block its creation transaction landed in. */
	blockNumber: number;
	/** The creation transaction. */
	txHash: Hash;
};

/** Every Provena contract on one chain. */
export type Deployments = {
	chainId: number;
	contracts: Record<ContractName, ContractDeployment>;
};
