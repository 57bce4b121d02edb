// The one wagmi config of the app: the configured chain over HTTP, injected wallets found through EIP-6963
// (wagmi's multiInjectedProviderDiscovery), and, on the local devnet only, the devnet-accounts connector.
import { createConfig, createStorage, http, type Config } from '@wagmi/core';
import { isDevnet } from './chains.ts';
import { devnetAccounts } from './connectors/devnetAccounts.ts';
import { getSettings } from './settings.ts';

let config: Config | undefined;

/** The app's wagmi config, created on first use in the browser. */
export function getWagmiConfig(): Config {
	if (config) return config;
	const { chain, rpcUrl } = getSettings();
	config = createConfig({
		chains: [chain],
		connectors: isDevnet(chain.id) ? [devnetAccounts(chain)] : [],
		multiInjectedProviderDiscovery: true,
		storage: createStorage({ storage: localStorage, key: 'provena.wagmi' }),
		// Retries are the chain-health monitor's job; a single request should fail fast so the page never hangs.
		transports: { [chain.id]: http(rpcUrl, { retryCount: 1, timeout: 8_000 }) }
	});
	return config;
}
