// The shape every write action returns: one contract call, typed against its ABI (a wrong function name or
// argument is a type error where the action is written), with the words the user sees before signing.
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName } from 'viem';

/** The state mutabilities a transaction can call. */
export type WriteMutability = 'nonpayable' | 'payable';

/** A contract write to review and send through TransactionFlow; `label` names it for the user ("Stake 10 OPEN"). */
export type ContractCall<
	abi extends Abi = Abi,
	functionName extends ContractFunctionName<abi, WriteMutability> = ContractFunctionName<abi, WriteMutability>
> = {
	label: string;
	address: Address;
	abi: abi;
	functionName: functionName;
	args: ContractFunctionArgs<abi, WriteMutability, functionName>;
	value?: bigint;
	/** What the `value` is for, shown beside it before signing ("Bond, returned after approval"). */
	valueLabel?: string;
	/**
	 * Gas to add to the limit beyond the usual headroom, for costs an estimate cannot see: a vote checkpoint is
	 * updated in place within one second but written anew in a later one, so moving votes estimated in the block
	 * that last moved them can cost much more once mined.
	 */
	extraGas?: bigint;
};
