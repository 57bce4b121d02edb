// The message shapes between the page and a worker, and the types both sides derive from a worker's API: a call
// names a function of the API; progress and the reply carry values or a serialized error. Plain objects only, so
// everything survives structured cloning.
import type { SerializedError } from '../shared/errors/ProvenaError.ts';

export type CallMessage = { kind: 'call'; id: number; method: string; args: unknown[] };
export type AbortMessage = { kind: 'abort'; id: number };
/** Something a running call reports before it returns (a streamed token, a download's progress). */
export type ProgressMessage = { kind: 'progress'; id: number; value: unknown };
export type ReplyMessage = { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; error: SerializedError };

declare const progressType: unique symbol;

/**
 * The AbortSignal an API function receives, typed with what it reports through `reportProgress`. It is a plain
 * AbortSignal at run time; the type parameter only tells the page's `onProgress` what it will receive.
 *
 * @example
 * chat: async (signal: ProgressSignal<ChatEvent>, messages: ChatMessage[]) => …
 */
export type ProgressSignal<P> = AbortSignal & { readonly [progressType]?: P };

/** A function of a worker API: an AbortSignal first, then its own arguments (`any` here; the bridge types each call). */
export type WorkerFunction = (signal: ProgressSignal<any>, ...args: any[]) => Promise<unknown>;

/** A worker API: an object of async functions whose first argument is an AbortSignal. */
export type WorkerApi = Record<string, WorkerFunction>;

/** The arguments of `F` after its signal. */
export type ArgsOf<F> = F extends (signal: never, ...args: infer A) => unknown ? A : never;

/** What `F` resolves to. */
export type ResultOf<F> = F extends (...args: never[]) => Promise<infer R> ? Awaited<R> : never;

/** What `F` reports as progress: the type its ProgressSignal declares; `unknown` for a plain AbortSignal. */
export type ProgressOf<F> = F extends (signal: infer S, ...args: never[]) => unknown
	? S extends { readonly [progressType]?: infer P }
		? unknown extends P
			? unknown
			: Exclude<P, undefined>
		: unknown
	: never;
