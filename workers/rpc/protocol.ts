// The message shapes between the page and a worker: a call names a function of the worker's API; the reply
// carries its value or a serialized error. Plain objects only, so errors survive structured cloning.
import type { SerializedError } from '../shared/errors/ProvenaError.ts';

export type CallMessage = { kind: 'call'; id: number; method: string; args: unknown[] };
export type AbortMessage = { kind: 'abort'; id: number };
/** Something a running call reports before it returns (a streamed token, a download's progress). */
export type ProgressMessage = { kind: 'progress'; id: number; value: unknown };
export type ReplyMessage = { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; error: SerializedError };

/** A worker API: an object of async functions whose first argument is an AbortSignal. */
export type WorkerApi = Record<string, (signal: AbortSignal, ...args: never[]) => Promise<unknown>>;
