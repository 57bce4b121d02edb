// For tests that inspect a thrown error's properties (its class, message, file, status), not only its message.

/**
 * The error `promise` rejects with; throws if it resolves instead.
 *
 * @example
 * const error = await rejectionOf(loadModelFiles(read));
 * expect(error).toBeInstanceOf(ModelDirectoryError);
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a rejection');
}
