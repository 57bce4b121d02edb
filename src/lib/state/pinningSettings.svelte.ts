// Which IPFS Pinning Service keeps this user's data alive after the tab closes: its endpoint (the site's
// default from PUBLIC_PINNING_ENDPOINT, or the user's own) and access token, kept in this browser only.
import { createPinningClient, type PinningClient } from '$lib/ipfs/pinning/pinningClient.ts';
import { errorMessage } from '$workers/shared/errors/errorMessage.ts';

const storageKey = 'provena.pinning';

type Stored = { endpoint: string; accessToken: string };

export class PinningSettings {
	endpoint = $state('');
	accessToken = $state('');
	/** The result of the last connection test, in words. */
	testResult = $state<{ ok: boolean; message: string }>();
	testing = $state(false);

	/** Loads what the user saved, falling back to the site's default endpoint. */
	load(defaultEndpoint: string | undefined): void {
		const saved = readStored();
		this.endpoint = saved?.endpoint ?? defaultEndpoint ?? '';
		this.accessToken = saved?.accessToken ?? '';
	}

	save(): void {
		localStorage.setItem(
			storageKey,
			JSON.stringify({ endpoint: this.endpoint.trim(), accessToken: this.accessToken } satisfies Stored)
		);
	}

	/** A client for the configured service, or undefined when none is set. */
	client(): PinningClient | undefined {
		const endpoint = this.endpoint.trim();
		return endpoint ? createPinningClient({ endpoint, accessToken: this.accessToken || undefined }) : undefined;
	}

	/** Asks the service for its pins, to prove the endpoint and token work. */
	async test(): Promise<void> {
		const client = this.client();
		if (!client) {
			this.testResult = {
				ok: false,
				message: 'Enter the pinning service URL first (for example https://api.pinata.cloud/psa).'
			};
			return;
		}
		this.testing = true;
		try {
			const { count } = await client.listPins({ limit: 1 }, { signal: AbortSignal.timeout(10_000) });
			this.testResult = {
				ok: true,
				message: `Connected. The service keeps ${count} pin${count === 1 ? '' : 's'} for this token.`
			};
		} catch (error) {
			this.testResult = { ok: false, message: errorMessage(error) };
		} finally {
			this.testing = false;
		}
	}
}

function readStored(): Stored | undefined {
	try {
		const value = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Stored | null;
		return value && typeof value.endpoint === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

export const pinningSettings = new PinningSettings();
