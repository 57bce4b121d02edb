// Watches the chain's RPC: block number and round-trip latency while it answers; when it does not, says so
// and retries with backoff (2 s doubling to 30 s), so the page never hangs on a dead endpoint.
import { getBlockNumber, type Config } from '@wagmi/core';
import { errorMessage } from '../../../workers/shared/errors/errorMessage.ts';

export type ChainHealthStatus = 'checking' | 'ok' | 'down';

const healthyIntervalMs = 4_000;
const maxBackoffMs = 30_000;

export class ChainHealth {
	status = $state<ChainHealthStatus>('checking');
	blockNumber = $state<bigint>();
	latencyMs = $state<number>();
	error = $state<string>();
	nextRetryAt = $state<number>();

	#config: Config | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#failures = 0;
	#stopped = false;

	start(config: Config): void {
		this.#config = config;
		this.#stopped = false;
		void this.check();
	}

	stop(): void {
		this.#stopped = true;
		clearTimeout(this.#timer);
	}

	/** Checks now (also the "Retry now" button), then schedules the next check. */
	async check(): Promise<void> {
		clearTimeout(this.#timer);
		if (!this.#config) return;
		const started = performance.now();
		try {
			this.blockNumber = await getBlockNumber(this.#config, { cacheTime: 0 });
			this.latencyMs = Math.round(performance.now() - started);
			this.status = 'ok';
			this.error = undefined;
			this.#failures = 0;
			this.#schedule(healthyIntervalMs);
		} catch (error) {
			this.status = 'down';
			this.error = errorMessage(error);
			this.#failures += 1;
			this.#schedule(Math.min(maxBackoffMs, 2_000 * 2 ** (this.#failures - 1)));
		}
	}

	#schedule(delayMs: number) {
		if (this.#stopped) return;
		this.nextRetryAt = Date.now() + delayMs;
		this.#timer = setTimeout(() => void this.check(), delayMs);
	}
}

/** The page's one chain-health monitor. */
export const chainHealth = new ChainHealth();
