// The connected wallet as the page sees it: which wallets are available (EIP-6963 discovery, plus the
// devnet's accounts on the local chain), the connected account, its chain and OPEN balance, and the
// one-click switch to the right network. Wallet refusals are reported quietly, never as crashes.
import {
	connect,
	disconnect,
	getBalance,
	getConnection,
	getConnectors,
	reconnect,
	switchChain,
	watchBlockNumber,
	watchConnection,
	watchConnectors,
	type Config,
	type Connector
} from '@wagmi/core';
import type { Address, Chain } from 'viem';
import { isDevnet } from '../chain/chains.ts';
import { devnetConnectorId } from '../chain/connectors/devnetAccounts.ts';
import { isUserRejection } from '../chain/isUserRejection.ts';
import { errorMessage } from '../../../workers/shared/errors/errorMessage.ts';

export type WalletStatus = 'disconnected' | 'connecting' | 'reconnecting' | 'connected';

type DevnetConnector = Connector & { listAccounts(): Promise<readonly Address[]>; selectAccount(a: Address): Promise<void> };

export class Wallet {
	status = $state<WalletStatus>('disconnected');
	address = $state<Address>();
	/** The chain the wallet is on, which may differ from the app's chain. */
	chainId = $state<number>();
	connectorId = $state<string>();
	connectorName = $state<string>();
	connectors = $state.raw<readonly Connector[]>([]);
	balance = $state<bigint>();
	/** The last thing the user should know about their wallet ("Connection cancelled in your wallet."). */
	notice = $state<string>();
	devnetAccounts = $state.raw<readonly Address[]>([]);

	#config: Config | undefined;
	#unwatch: (() => void)[] = [];

	get chain(): Chain | undefined {
		return this.#config?.chains[0];
	}

	get wrongNetwork(): boolean {
		return this.status === 'connected' && this.chainId !== undefined && this.chainId !== this.chain?.id;
	}

	get injectedConnectors(): readonly Connector[] {
		return this.connectors.filter((c) => c.id !== devnetConnectorId);
	}

	get devnetConnector(): DevnetConnector | undefined {
		return this.connectors.find((c) => c.id === devnetConnectorId) as DevnetConnector | undefined;
	}

	get usingDevnetAccount(): boolean {
		return this.connectorId === devnetConnectorId;
	}

	/** Starts watching the wallet; call once in the browser. */
	init(config: Config): void {
		if (this.#config) return;
		this.#config = config;
		this.connectors = getConnectors(config);
		this.#unwatch.push(
			watchConnectors(config, { onChange: (connectors) => (this.connectors = connectors) }),
			watchConnection(config, { onChange: () => this.#sync() }),
			watchBlockNumber(config, { onBlockNumber: () => void this.refreshBalance(), onError: () => {}, emitOnBegin: false })
		);
		this.#sync();
		// Plain @wagmi/core does not restore the last connection by itself.
		void reconnect(config).then(() => this.#sync());
		if (this.chain && isDevnet(this.chain.id)) void this.loadDevnetAccounts();
	}

	async loadDevnetAccounts(): Promise<void> {
		try {
			this.devnetAccounts = (await this.devnetConnector?.listAccounts()) ?? [];
		} catch {
			this.devnetAccounts = [];
		}
	}

	async connect(connector: Connector): Promise<void> {
		const config = this.#requireConfig();
		this.notice = undefined;
		try {
			await connect(config, { connector });
		} catch (error) {
			this.notice = isUserRejection(error)
				? 'Connection cancelled in your wallet. Choose a wallet again when you are ready.'
				: `Could not connect to ${connector.name}: ${errorMessage(error)}. Unlock the wallet and try again.`;
		}
		this.#sync();
	}

	/** Connects (or switches to) one of the devnet's own accounts. */
	async useDevnetAccount(address: Address): Promise<void> {
		const connector = this.devnetConnector;
		if (!connector) return;
		await connector.selectAccount(address);
		if (this.connectorId !== devnetConnectorId) {
			if (this.status === 'connected') await disconnect(this.#requireConfig());
			await this.connect(connector);
		}
		this.#sync();
	}

	async disconnect(): Promise<void> {
		await disconnect(this.#requireConfig());
		this.#sync();
	}

	/** Asks the wallet to switch to the app's chain, adding it (OPEN as native currency) when unknown. */
	async switchToAppChain(): Promise<void> {
		const config = this.#requireConfig();
		const chain = this.chain;
		if (!chain) return;
		this.notice = undefined;
		try {
			await switchChain(config, {
				chainId: chain.id,
				addEthereumChainParameter: {
					chainName: chain.name,
					nativeCurrency: chain.nativeCurrency,
					rpcUrls: chain.rpcUrls.default.http,
					blockExplorerUrls: chain.blockExplorers ? [chain.blockExplorers.default.url] : undefined
				}
			});
		} catch (error) {
			this.notice = isUserRejection(error)
				? `Network switch cancelled. Provena needs ${chain.name}; switch when you are ready.`
				: `Your wallet could not switch to ${chain.name}: ${errorMessage(error)}. Add the network in your wallet manually (chain id ${chain.id}, currency OPEN).`;
		}
		this.#sync();
	}

	async refreshBalance(): Promise<void> {
		const config = this.#config;
		if (!config || !this.address || this.wrongNetwork) return;
		try {
			this.balance = (await getBalance(config, { address: this.address, chainId: this.chain?.id })).value;
		} catch {
			// The chain-health banner reports an unreachable RPC; the last known balance stays shown.
		}
	}

	#sync() {
		const config = this.#requireConfig();
		const connection = getConnection(config);
		const previous = this.address;
		this.status = connection.status;
		this.address = connection.address;
		this.chainId = connection.chainId;
		this.connectorId = connection.connector?.id;
		this.connectorName = connection.connector?.name;
		if (this.address !== previous) this.balance = undefined;
		void this.refreshBalance();
	}

	#requireConfig(): Config {
		if (!this.#config) throw new Error('Wallet used before init(config).');
		return this.#config;
	}
}

/** The page's one wallet. */
export const wallet = new Wallet();
