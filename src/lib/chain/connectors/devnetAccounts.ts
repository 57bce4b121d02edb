// A connector for the local devnet's own accounts. anvil holds the keys of its dev accounts and signs
// `eth_sendTransaction` for them, so this "wallet" simply forwards requests to the node for the account
// the user picked. It exists only on chain 31337 and is labelled as test-only everywhere it appears.
import { createConnector } from '@wagmi/core';
import {
	getAddress,
	http,
	SwitchChainError,
	UnsupportedChainIdError,
	type Address,
	type Chain,
	type EIP1193RequestFn
} from 'viem';

export const devnetConnectorId = 'provena-devnet';

type DevnetProvider = { request: EIP1193RequestFn };
type DevnetProperties = {
	/** The accounts the devnet node can sign for (anvil's funded dev accounts). */
	listAccounts(): Promise<readonly Address[]>;
	/** Picks which dev account signs from now on; re-announces the account when connected. */
	selectAccount(address: Address): Promise<void>;
};

/** The accounts `connect` resolves to, with or without their (here empty) EIP-5792 capabilities. */
type ConnectedAccounts<withCapabilities extends boolean> = withCapabilities extends true
	? readonly { address: Address; capabilities: Record<string, unknown> }[]
	: readonly Address[];

/** The connected account in the shape `connect` was asked for. */
function connectedAccounts<withCapabilities extends boolean>(address: Address, withCapabilities: boolean | undefined) {
	const accounts: ConnectedAccounts<true> | ConnectedAccounts<false> = withCapabilities ? [{ address, capabilities: {} }] : [address];
	// wagmi ties the shape to its type parameter and the flag together; TypeScript cannot narrow one from the other.
	return accounts as ConnectedAccounts<withCapabilities>;
}

/** Creates the devnet-accounts connector for `chain` (whose RPC must be the devnet node). */
export function devnetAccounts(chain: Chain) {
	let selected: Address | undefined;
	let connected = false;

	return createConnector<DevnetProvider, DevnetProperties>((config) => {
		const transport = http(chain.rpcUrls.default.http[0], { retryCount: 0 })({ chain });
		// Forwards any request to the node as is: the node's own answer (or error) is the wallet's.
		const node = (method: string, params?: unknown): Promise<unknown> => transport.request({ method, params });

		const nodeAccounts = async () => ((await node('eth_accounts')) as string[]).map((a) => getAddress(a));

		const provider: DevnetProvider = {
			request: (async ({ method, params }: { method: string; params?: unknown }) => {
				if (method === 'eth_accounts' || method === 'eth_requestAccounts') return selected ? [selected] : [];
				if (method === 'wallet_switchEthereumChain') {
					const [{ chainId }] = params as [{ chainId: string }];
					if (Number(chainId) !== chain.id) throw new UnsupportedChainIdError(new Error(`Devnet accounts exist only on chain ${chain.id}.`));
					return null;
				}
				if (method === 'eth_sendTransaction') {
					const [tx] = params as [Record<string, unknown>];
					return node(method, [{ ...tx, from: selected }]);
				}
				return node(method, params);
			}) as EIP1193RequestFn
		};

		return {
			id: devnetConnectorId,
			name: 'Devnet accounts (test only)',
			type: 'devnet',
			async connect<withCapabilities extends boolean = false>({ withCapabilities }: { withCapabilities?: withCapabilities | boolean } = {}) {
				const available = await nodeAccounts();
				if (available.length === 0) throw new Error('The devnet node has no unlocked accounts. Start it with "npm start".');
				const stored = (await config.storage?.getItem('devnet.account')) as Address | null | undefined;
				selected = available.find((a) => a === selected || a === stored) ?? available[0]!;
				connected = true;
				return { accounts: connectedAccounts<withCapabilities>(selected, withCapabilities), chainId: chain.id };
			},
			async disconnect() {
				connected = false;
			},
			async getAccounts() {
				return selected && connected ? [selected] : [];
			},
			async getChainId() {
				return chain.id;
			},
			async getProvider() {
				return provider;
			},
			async isAuthorized() {
				const stored = await config.storage?.getItem('devnet.account');
				return typeof stored === 'string';
			},
			async switchChain({ chainId }) {
				if (chainId !== chain.id) throw new SwitchChainError(new Error(`Devnet accounts exist only on chain ${chain.id}.`));
				return chain;
			},
			async listAccounts() {
				return nodeAccounts();
			},
			async selectAccount(address) {
				selected = getAddress(address);
				await config.storage?.setItem('devnet.account', selected);
				if (connected) config.emitter.emit('change', { accounts: [selected] });
			},
			onAccountsChanged(accounts) {
				config.emitter.emit('change', { accounts: accounts.map((a) => getAddress(a)) });
			},
			onChainChanged(chainId) {
				config.emitter.emit('change', { chainId: Number(chainId) });
			},
			async onDisconnect() {
				connected = false;
				await config.storage?.removeItem('devnet.account');
				config.emitter.emit('disconnect');
			}
		};
	});
}
