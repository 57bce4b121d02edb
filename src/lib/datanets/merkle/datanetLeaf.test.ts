// The contribution leaf against the contract's formula written out by hand: keccak256 of keccak256 of the
// ABI encoding (four 32-byte words). The real contract's leafOf is compared in datanetMerkle.anvil.test.ts.
import { describe, expect, it } from 'vitest';
import { concatHex, keccak256, pad, toHex, type Address } from 'viem';
import { datanetLeaf } from './datanetLeaf.ts';
import { InvalidDatanetLeafError } from './merkleErrors.ts';

const contributor: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const contentHash = keccak256(toHex('records 1'));

describe('datanetLeaf', () => {
	it('is keccak256(keccak256(abi.encode(uint64 id, address contributor, bytes32 contentHash, uint64 byteSize)))', () => {
		const encoded = concatHex([
			pad(toHex(7n)),
			pad(contributor.toLowerCase() as Address),
			contentHash,
			pad(toHex(40_000n))
		]);
		const expected = keccak256(keccak256(encoded));
		expect(datanetLeaf({ contributionId: 7n, contributor, contentHash, byteSize: 40_000n })).toBe(expected);
		expect(datanetLeaf({ contributionId: 7, contributor, contentHash, byteSize: 40_000 })).toBe(expected);
	});

	it('changes with every field', () => {
		const base = { contributionId: 1n, contributor, contentHash, byteSize: 1n };
		const leaves = new Set([
			datanetLeaf(base),
			datanetLeaf({ ...base, contributionId: 2n }),
			datanetLeaf({ ...base, contributor: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' }),
			datanetLeaf({ ...base, contentHash: keccak256(toHex('records 2')) }),
			datanetLeaf({ ...base, byteSize: 2n })
		]);
		expect(leaves.size).toBe(5);
	});

	it('refuses fields the contract could not hold', () => {
		const base = { contributionId: 1n, contributor, contentHash, byteSize: 1n };
		expect(() => datanetLeaf({ ...base, contributionId: 2n ** 64n })).toThrow(InvalidDatanetLeafError);
		expect(() => datanetLeaf({ ...base, byteSize: -1n })).toThrow(InvalidDatanetLeafError);
		expect(() => datanetLeaf({ ...base, contentHash: '0x1234' })).toThrow(InvalidDatanetLeafError);
		expect(() => datanetLeaf({ ...base, contributor: '0x1234' })).toThrow(InvalidDatanetLeafError);
		expect(() => datanetLeaf({ ...base, byteSize: 1.5 })).toThrow(InvalidDatanetLeafError);
	});
});
