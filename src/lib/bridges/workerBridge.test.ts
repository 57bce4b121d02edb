// The real bridge against the real expose(), over a MessageChannel in place of a Worker: typed progress, errors
// rebuilt as their own class with meta messages and causes, buffers transferred (the sender's copy detached) both
// ways, abort, and an idle worker stopped and started again by the next call.
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { reportProgress } from '../../../workers/rpc/expose.ts';
import type { ProgressSignal } from '../../../workers/rpc/protocol.ts';
import { transfer } from '../../../workers/rpc/transfer.ts';
import { ProvenaError } from '../../../workers/shared/errors/ProvenaError.ts';
import { rejectionOf } from '../../../workers/testing/rejectionOf.ts';
import { channelWorkers } from './channelWorker.testing.ts';
import { createBridge, type Bridge } from './workerBridge.ts';

class WidgetBrokenError extends ProvenaError {
	override name = 'WidgetBrokenError';
}

/** The worker's last returned buffer, to see whether it was detached by the transfer. */
let sent: Uint8Array | undefined;
/** The buffer the worker received, to see that a transferred argument arrived intact. */
let received: number[] | undefined;

const api = {
	double: async (_signal: AbortSignal, x: number) => x * 2,
	count: async (signal: ProgressSignal<{ step: number }>, n: number) => {
		for (let step = 1; step <= n; step++) reportProgress(signal, { step });
		return 'counted';
	},
	fail: async (_signal: AbortSignal) => {
		const root = new TypeError('socket closed');
		const middle = new ProvenaError('The widget store did not answer.', { cause: root, details: 'HTTP 503' });
		throw new WidgetBrokenError('The widget broke. Turn it off and on, then try again.', {
			cause: middle,
			metaMessages: ['Widget: #7', 'Last seen: today']
		});
	},
	bytes: async (_signal: AbortSignal, n: number) => {
		sent = new Uint8Array(n).fill(7);
		return transfer({ bytes: sent }, [sent.buffer]);
	},
	sum: async (_signal: AbortSignal, bytes: Uint8Array) => {
		received = [...bytes];
		return bytes.reduce((a, b) => a + b, 0);
	},
	wait: async (signal: AbortSignal) =>
		new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))
};

type TestApi = typeof api;

const bridges: Bridge<TestApi>[] = [];
function bridge(idleMs = Infinity) {
	const counts = { started: 0, terminated: 0 };
	const created = createBridge<TestApi>(channelWorkers(() => api, counts), { idleMs, errors: [WidgetBrokenError] });
	bridges.push(created);
	return { bridge: created, counts };
}
afterEach(() => bridges.splice(0).forEach((b) => b.close()));

describe('createBridge over expose()', () => {
	it('calls a function and types its result', async () => {
		const { bridge: b } = bridge();
		const value = await b.call('double', {}, 21);
		expectTypeOf(value).toEqualTypeOf<number>();
		expect(value).toBe(42);
	});

	it('delivers progress, typed as the function declares it', async () => {
		const { bridge: b } = bridge();
		const steps: number[] = [];
		const result = await b.call(
			'count',
			{
				onProgress: (progress) => {
					expectTypeOf(progress).toEqualTypeOf<{ step: number }>();
					steps.push(progress.step);
				}
			},
			3
		);
		expect(result).toBe('counted');
		expect(steps).toEqual([1, 2, 3]);
	});

	it('rebuilds an error as its own class, with meta messages and the cause chain', async () => {
		const { bridge: b } = bridge();
		const error = await rejectionOf(b.call('fail', {}));
		expect(error).toBeInstanceOf(WidgetBrokenError);
		const widget = error as WidgetBrokenError;
		expect(widget.name).toBe('WidgetBrokenError');
		expect(widget.shortMessage).toBe('The widget broke. Turn it off and on, then try again.');
		expect(widget.metaMessages).toEqual(['Widget: #7', 'Last seen: today']);
		expect(widget.message).toContain('Last seen: today');
		// An unregistered ProvenaError, then a platform error: rebuilt as ProvenaError with their names.
		const middle = widget.cause as ProvenaError;
		expect(middle).toBeInstanceOf(ProvenaError);
		expect([middle.name, middle.shortMessage, middle.details]).toEqual(['ProvenaError', 'The widget store did not answer.', 'HTTP 503']);
		const root = middle.cause as ProvenaError;
		expect([root.name, root.shortMessage]).toEqual(['TypeError', 'socket closed']);
		expect(widget.walk()).toBe(root);
	});

	it('transfers a returned buffer marked with transfer(): the worker’s copy is detached', async () => {
		const { bridge: b } = bridge();
		const { bytes } = await b.call('bytes', {}, 1024);
		expect(bytes.length).toBe(1024);
		expect(bytes[1023]).toBe(7);
		expect(sent!.buffer.byteLength).toBe(0);
	});

	it('transfers argument buffers listed in `transfer`: the page’s copy is detached', async () => {
		const { bridge: b } = bridge();
		const bytes = new Uint8Array([1, 2, 3, 4]);
		expect(await b.call('sum', { transfer: [bytes.buffer] }, bytes)).toBe(10);
		expect(received).toEqual([1, 2, 3, 4]);
		expect(bytes.buffer.byteLength).toBe(0);
	});

	it('aborts a running call in the worker', async () => {
		const { bridge: b } = bridge();
		const controller = new AbortController();
		const waiting = b.call('wait', { signal: controller.signal });
		controller.abort();
		const error = await rejectionOf(waiting);
		expect(error.name).toBe('AbortError');
		expect(error).toBeInstanceOf(ProvenaError);
	});

	it('aborts a call whose signal was aborted before it was made', async () => {
		const { bridge: b } = bridge();
		const error = await rejectionOf(b.call('wait', { signal: AbortSignal.abort() }));
		expect(error.name).toBe('AbortError');
	});

	it('rejects an unknown function with a clear error', async () => {
		const { bridge: b } = bridge();
		const call = b.call as (method: string, options: object) => Promise<unknown>;
		expect((await rejectionOf(call('toString', {}))).message).toMatch('The worker has no function "toString"');
	});

	it('stops an idle worker and starts a new one for the next call', async () => {
		const { bridge: b, counts } = bridge(50);
		expect(b.running).toBe(false);
		const slow = b.call('wait', { signal: AbortSignal.timeout(150) });
		await new Promise((resolve) => setTimeout(resolve, 100));
		// A pending call keeps the worker alive past the idle time.
		expect([b.running, counts.terminated]).toEqual([true, 0]);
		await rejectionOf(slow);
		await new Promise((resolve) => setTimeout(resolve, 120));
		expect([b.running, counts.started, counts.terminated]).toEqual([false, 1, 1]);
		expect(await b.call('double', {}, 4)).toBe(8);
		expect([b.running, counts.started]).toEqual([true, 2]);
	});

	it('close() rejects the calls still pending', async () => {
		const { bridge: b } = bridge();
		const waiting = b.call('wait', {});
		b.close();
		expect((await rejectionOf(waiting)).message).toMatch('stopped before it answered');
	});
});
