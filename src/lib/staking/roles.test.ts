// Roles need active stake: met or not, and the exact stake that meets each (never a first stake below MIN_STAKE).
import { describe, expect, it } from 'vitest';
import { parseEther } from 'viem';
import { roleStatuses } from './roles.ts';

const roles = [
	{ role: 'curator', required: parseEther('10') },
	{ role: 'validator', required: parseEther('25') }
];

describe('roleStatuses', () => {
	it('says what is missing for each role', () => {
		expect(roleStatuses(parseEther('12'), roles, parseEther('1'))).toEqual([
			{ role: 'curator', required: parseEther('10'), met: true, missing: 0n },
			{ role: 'validator', required: parseEther('25'), met: false, missing: parseEther('13') }
		]);
	});
	it('asks for at least the minimum stake from nothing', () => {
		const [curator] = roleStatuses(0n, [{ role: 'curator', required: parseEther('0.5') }], parseEther('1'));
		expect(curator).toMatchObject({ met: false, missing: parseEther('1') });
	});
	it('counts a stake exactly at the minimum as met', () => {
		expect(roleStatuses(parseEther('25'), roles, parseEther('1')).every((r) => r.met)).toBe(true);
	});
});
