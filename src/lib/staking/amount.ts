// Reading an amount of OPEN typed into a form, with a sentence that says how to fix it.
import { parseEther } from 'viem';

/** The wei amount in `text` ("1.5", "10"), or what to type instead. */
export function parseOpenAmount(text: string): { amount: bigint } | { error: string } {
	const trimmed = text.trim();
	// parseEther accepts more (exponents, several dots) and rounds beyond 18 decimals: take plain decimals only.
	if (!/^\d+(\.\d{1,18})?$|^\.\d{1,18}$/.test(trimmed))
		return { error: 'Enter an amount of OPEN like 10 or 2.5 (at most 18 decimals).' };
	const amount = parseEther(trimmed);
	return amount > 0n ? { amount } : { error: 'Enter an amount of OPEN greater than 0.' };
}
