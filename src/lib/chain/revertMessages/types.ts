// What every file of revert sentences shares: the context a sentence may use, and the shape of a table.

/** What a sentence may use besides the error's own arguments. */
export type RevertContext = {
	/** Now, in Unix seconds, for "in 3 min"; defaults to the clock. */
	now?: number;
	/** The time zone dates are written in; defaults to the browser's. */
	timeZone?: string;
	/** The contract function that was called (e.g. 'setCurator'), to say what to try again. */
	functionName?: string;
};

/** Turns one custom error's decoded arguments into a sentence a user can act on. */
export type RevertSentence = (args: readonly unknown[], context: RevertContext) => string;

/** Sentences by custom error name, one table per contract (or library) that declares the errors. */
export type RevertSentences = Readonly<Record<string, RevertSentence>>;
