// Reads what recording an answer costs, as the ledger will charge it: the fee (the model's, or the protocol
// minimum if higher) and the assertion bond (zero when the pool is paid). recordInference wants exactly their sum.
import { readContract } from 'viem/actions';
import { attributionLedgerAbi } from '../abis.ts';
import { getContractAddress } from '../deployments/index.ts';
import type { LedgerAnswer } from '../../attribution/ledgerAnswer.ts';
import type { ReadClient } from './readClient.ts';

export type PaymentFor = { fee: bigint; bond: bigint };

/** The fee and the bond of recording `answer` now. */
export async function getPaymentFor(client: ReadClient, { answer }: { answer: LedgerAnswer }): Promise<PaymentFor> {
	const [fee, bond] = await readContract(client, {
		address: getContractAddress(client.chain.id, 'AttributionLedger'),
		abi: attributionLedgerAbi,
		functionName: 'paymentFor',
		args: [answer]
	});
	return { fee, bond };
}
