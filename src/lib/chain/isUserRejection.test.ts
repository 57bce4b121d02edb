import { describe, expect, it } from 'vitest';
import { BaseError, UserRejectedRequestError } from 'viem';
import { isUserRejection } from './isUserRejection.ts';
import { errorMessage } from '../../../workers/shared/errors/errorMessage.ts';

describe('isUserRejection', () => {
	it('finds a 4001 anywhere in the cause chain, wrapped or raw', () => {
		expect(isUserRejection(new UserRejectedRequestError(new Error('no')))).toBe(true);
		expect(isUserRejection(Object.assign(new Error('User rejected'), { code: 4001 }))).toBe(true);
		expect(isUserRejection(new BaseError('outer', { cause: Object.assign(new Error('inner'), { code: 4001 }) }))).toBe(true);
	});
	it('is false for other failures', () => {
		expect(isUserRejection(Object.assign(new Error('Unrecognized chain'), { code: 4902 }))).toBe(false);
		expect(isUserRejection(new Error('boom'))).toBe(false);
		expect(isUserRejection(undefined)).toBe(false);
	});
});

describe('errorMessage', () => {
	it('prefers the short message over the detailed one', () => {
		expect(errorMessage(new BaseError('RPC down', { details: 'ECONNREFUSED' }))).toBe('RPC down');
		expect(errorMessage(new Error('plain'))).toBe('plain');
		expect(errorMessage('text')).toBe('text');
	});
});
