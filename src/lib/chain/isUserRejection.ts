// Whether the user said no in their wallet (EIP-1193 code 4001), anywhere in the cause chain. Wallets do
// not always wrap the refusal in viem's UserRejectedRequestError, so the code is checked too.
import { UserRejectedRequestError } from 'viem';

export function isUserRejection(error: unknown): boolean {
	for (let current = error; current; current = (current as { cause?: unknown }).cause) {
		if (current instanceof UserRejectedRequestError) return true;
		if (typeof current === 'object' && (current as { code?: unknown }).code === UserRejectedRequestError.code) return true;
	}
	return false;
}
