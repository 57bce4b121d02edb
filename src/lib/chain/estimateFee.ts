// The fee a transaction will cost, in OPEN, shown before the user signs. On OP Stack chains the total is the
// L2 execution fee plus the L1 data fee read from the GasPriceOracle predeploy; chains without the predeploy
// (anvil, even in OP mode) pay gas × price only.
import type { Address, Chain, Client, Hex, Transport } from 'viem';
import { estimateGas, getCode, getGasPrice } from 'viem/actions';
import { estimateL1Fee } from 'viem/op-stack';

/** The OP Stack GasPriceOracle predeploy. */
export const gasPriceOracleAddress: Address = '0x420000000000000000000000000000000000000F';

export type FeeEstimate = {
	gas: bigint;
	gasPrice: bigint;
	/** Execution fee on the L2: gas × gas price. */
	l2Fee: bigint;
	/** L1 data fee from the GasPriceOracle; 0n where the chain has no oracle. */
	l1Fee: bigint;
	total: bigint;
	/** Whether the L1 data fee is included (false on chains without the predeploy). */
	includesL1Fee: boolean;
};

export type EstimateFeeParameters = { account: Address; to: Address; data?: Hex; value?: bigint };

/** Estimates what a transaction will cost, L1 data fee included where the chain charges one. */
export async function estimateFee(client: Client<Transport, Chain>, tx: EstimateFeeParameters): Promise<FeeEstimate> {
	const [gas, gasPrice, oracleCode] = await Promise.all([
		estimateGas(client, tx),
		getGasPrice(client),
		getCode(client, { address: gasPriceOracleAddress })
	]);
	const l2Fee = gas * gasPrice;
	const includesL1Fee = !!oracleCode && oracleCode !== '0x';
	const l1Fee = includesL1Fee ? await estimateL1Fee(client, { ...tx, chain: client.chain }) : 0n;
	return { gas, gasPrice, l2Fee, l1Fee, total: l2Fee + l1Fee, includesL1Fee };
}
