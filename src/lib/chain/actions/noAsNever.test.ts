// Contract and RPC calls are typed end to end (actions, TransactionFlow, viem's test client): a cast to `never`
// beside one of them switches the ABI check off where it matters most, so this test refuses any that comes back.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../..');
const calls = /\b(readContract|writeContract|simulateContract|encodeFunctionData|request)\s*(<[^(]*>)?\(/;

/** Every .ts and .svelte file under `dir`. */
function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
	});
}

/** `as never` casts within a few lines of a contract or RPC call, as "file:line". */
export function castsNearCalls(path: string, text: string): string[] {
	const lines = text.split('\n');
	return lines.flatMap((line, i) => {
		if (!/\bas never\b/.test(line)) return [];
		// The call may open a few lines above the cast (an object literal spread over lines).
		const context = lines.slice(Math.max(0, i - 8), i + 1).join('\n');
		return calls.test(context) ? [`${path}:${i + 1}`] : [];
	});
}

describe('no `as never` around contract and RPC calls', () => {
	it('finds a cast next to a call (so the check itself can fail)', () => {
		expect(castsNearCalls('x.ts', "await client.readContract({ address, abi, functionName } as never);")).toEqual(['x.ts:1']);
		expect(castsNearCalls('x.ts', "await client.request({\n\tmethod: 'evm_mine' as never\n});")).toEqual(['x.ts:2']);
		expect(castsNearCalls('x.ts', 'const x = tokenizer as never;')).toEqual([]);
	});

	it('src/ has none', () => {
		const found = sources(join(root, 'src'))
			.filter((path) => path !== import.meta.filename) // its own examples above
			.flatMap((path) => castsNearCalls(relative(root, path), readFileSync(path, 'utf8')));
		expect(found).toEqual([]);
	});
});
