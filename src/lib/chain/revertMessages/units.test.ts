// Times as people read them: to the minute in refusals, to the second where two times may share a minute.
import { describe, expect, it } from 'vitest';
import { when } from './units.ts';

const now = Date.UTC(2026, 11, 5, 9, 0, 0) / 1000;
const context = { now, timeZone: 'UTC' };

describe('when', () => {
	it('writes the date to the minute with how far away it is', () => {
		expect(when(now + 90, context)).toBe('5 Dec 2026, 09:01 (in 1 min 30 s)');
		expect(when(now - 120, context)).toBe('5 Dec 2026, 08:58 (2 min ago)');
	});
	it('writes seconds when asked, so two times in one minute read apart', () => {
		expect(when(now + 90, context, { seconds: true })).toBe('5 Dec 2026, 09:01:30 (in 1 min 30 s)');
		expect(when(now + 75, context, { seconds: true })).toBe('5 Dec 2026, 09:01:15 (in 1 min 15 s)');
	});
});
