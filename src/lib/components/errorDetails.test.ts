import { describe, expect, it } from 'vitest';
import { ProvenaError } from '$workers/shared/errors/ProvenaError.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';
import { errorDetails } from './errorDetails.ts';

describe('errorDetails', () => {
	it('keeps a ProvenaError short line apart from its details', () => {
		const error = new ProvenaError('The pinning service refused the request. Check the token on the System page.', {
			details: 'HTTP 401 {"error":{"reason":"UNAUTHORIZED"}}'
		});
		expect(error.message).toContain('Details:');
		expect(errorMessage(error)).not.toContain('Details:');
		expect(errorDetails(error)).toBe('HTTP 401 {"error":{"reason":"UNAUTHORIZED"}}');
	});

	it('has nothing to add for a plain error or a string', () => {
		expect(errorDetails(new Error('no'))).toBeUndefined();
		expect(errorDetails('no')).toBeUndefined();
		expect(errorDetails(new ProvenaError('Only a short line.'))).toBeUndefined();
	});

	it('offers the long message of an error whose short message says less', () => {
		const error = Object.assign(new Error('Execution reverted.\nRequest body: {…}\nVersion: viem@2'), { shortMessage: 'Execution reverted.' });
		expect(errorDetails(error)).toContain('Request body');
	});
});
