import { describe, expect, it } from 'vitest';
import { createProgressMeter } from './downloadProgress.ts';

function clock() {
	let time = 0;
	return { now: () => time, advance: (ms: number) => void (time += ms) };
}

describe('createProgressMeter', () => {
	it('reports the rate over the window and the ETA from it', () => {
		const { now, advance } = clock();
		const meter = createProgressMeter('model.safetensors', 10_000, { now, windowMs: 2000 });
		advance(1000);
		expect(meter.update(1000)).toStrictEqual({
			file: 'model.safetensors',
			loaded: 1000,
			total: 10_000,
			bytesPerSecond: 1000,
			etaSeconds: 9,
			done: false
		});
		advance(1000);
		expect(meter.update(3000)).toMatchObject({ bytesPerSecond: 1500, etaSeconds: 7000 / 1500 });
		// The window forgets the slow first second: 4000 bytes over the last 2 s.
		advance(1000);
		expect(meter.update(5000)).toMatchObject({ bytesPerSecond: 2000, etaSeconds: 2.5 });
	});

	it('shows a stall as a falling rate', () => {
		const { now, advance } = clock();
		const meter = createProgressMeter('f', 100_000, { now, windowMs: 1000 });
		advance(500);
		meter.update(50_000);
		advance(5000);
		const stalled = meter.update(50_000);
		expect(stalled.bytesPerSecond).toBe(0);
		expect(stalled.etaSeconds).toBeUndefined();
	});

	it('without a total: rate but no ETA; finish says done with ETA 0', () => {
		const { now, advance } = clock();
		const meter = createProgressMeter('f', undefined, { now });
		expect(meter.update(0)).toMatchObject({ bytesPerSecond: 0, etaSeconds: undefined });
		advance(250);
		expect(meter.update(500)).toMatchObject({ bytesPerSecond: 2000, etaSeconds: undefined, total: undefined });
		advance(250);
		expect(meter.finish(800)).toMatchObject({ loaded: 800, done: true, etaSeconds: 0 });
	});
});
