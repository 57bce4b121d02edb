// Reading a stored log's arguments back with their types. syncLogs keeps bigints as decimal strings and small
// uints as numbers (and logs stored before nested values were converted may still hold bigints inside structs), so
// every reader accepts each of those; anything else means the store holds what this code did not write.
import { getAddress, type Address, type Hex } from 'viem';
import { ProvenaError } from '../../../../workers/shared/errors/ProvenaError.ts';
import type { StoredLog } from './logStore.ts';

/** A stored log without the fields its event must have: the log store holds something this code did not write. */
export class MalformedLogError extends ProvenaError {
	override name = 'MalformedLogError';
}

/** Typed readers over one object of arguments (a log's, or a struct inside it). */
export type LogArgs = {
	id(key: string): string;
	big(key: string): bigint;
	num(key: string): number;
	str(key: string): string;
	hex(key: string): Hex;
	address(key: string): Address;
	bool(key: string): boolean;
	strings(key: string): string[];
	/** A struct argument. */
	struct(key: string): LogArgs;
	/** An array-of-structs argument. */
	structs(key: string): LogArgs[];
};

/**
 * Typed readers over `log`'s arguments; a missing or mistyped one throws {@link MalformedLogError}.
 *
 * @example
 * const a = argsOf(log);
 * const datanetId = a.id('datanetId'); // '1'
 * const trainedOn = a.struct('adapter').structs('trainedOn').map((ref) => ref.num('version'));
 */
export function argsOf(log: StoredLog): LogArgs {
	return readerOf(log.args, log, '');
}

function readerOf(values: Record<string, unknown>, log: StoredLog, path: string): LogArgs {
	const fail = (key: string, expected: string): never => {
		throw new MalformedLogError(
			`A stored ${log.eventName} event (block ${log.blockNumber}, log ${log.logIndex}) has no valid ${expected} "${path}${key}": clear this page's cached chain data (System page) and reload to sync again.`
		);
	};
	const raw = (key: string) => values[key];
	const isObject = (value: unknown): value is Record<string, unknown> =>
		typeof value === 'object' && value !== null && !Array.isArray(value);
	const big = (key: string): bigint => {
		const value = raw(key);
		if (typeof value === 'bigint') return value;
		if (
			(typeof value === 'string' && /^\d+$/.test(value)) ||
			(typeof value === 'number' && Number.isSafeInteger(value))
		)
			return BigInt(value);
		return fail(key, 'integer');
	};
	return {
		id: (key) => big(key).toString(),
		big,
		num: (key) => Number(big(key)),
		str: (key) => (typeof raw(key) === 'string' ? (raw(key) as string) : fail(key, 'string')),
		hex: (key) => {
			const value = raw(key);
			return typeof value === 'string' && /^0x[0-9a-fA-F]*$/.test(value) ? (value as Hex) : fail(key, 'hex string');
		},
		address: (key) => {
			const value = raw(key);
			// Checksummed from any case: hand-written or lowercased logs compare equal to viem's decoded ones.
			return typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value)
				? getAddress(value.toLowerCase())
				: fail(key, 'address');
		},
		bool: (key) => (typeof raw(key) === 'boolean' ? (raw(key) as boolean) : fail(key, 'boolean')),
		strings: (key) => {
			const value = raw(key);
			return Array.isArray(value) && value.every((v) => typeof v === 'string')
				? [...(value as string[])]
				: fail(key, 'list');
		},
		struct: (key) => {
			const value = raw(key);
			return isObject(value) ? readerOf(value, log, `${path}${key}.`) : fail(key, 'struct');
		},
		structs: (key) => {
			const value = raw(key);
			if (!Array.isArray(value) || !value.every(isObject)) return fail(key, 'list of structs');
			return value.map((item, i) => readerOf(item, log, `${path}${key}[${i}].`));
		}
	};
}
