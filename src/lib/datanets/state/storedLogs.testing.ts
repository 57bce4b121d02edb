// Hand-built StoredLogs for the state tests, shaped as syncLogs stores them: uint64/uint256 args as decimal strings,
// uint8/uint32 args as numbers, addresses checksummed. Each call is the next log of the chain; `block()` starts a
// new block, so a batch (an approval and its VersionPublished) can share one transaction as it does on chain.
import { keccak256, toHex, type Address, type Hex } from 'viem';
import type { StoredLog } from '../../chain/sync/logStore.ts';

export const ALICE: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
export const BOB: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
export const CAROL: Address = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
export const DAVE: Address = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';

export const BOND = 10n ** 16n;

export function logChain(firstBlock = 10) {
	let blockNumber = firstBlock;
	let logIndex = 0;
	let tx = 0;
	const logs: StoredLog[] = [];
	const txHash = (): Hex => keccak256(toHex(`tx ${tx}`));
	return {
		logs,
		/** Moves to a new block (and transaction). */
		block() {
			blockNumber++;
			logIndex = 0;
			tx++;
		},
		emit(eventName: string, args: Record<string, unknown>): StoredLog {
			const log: StoredLog = {
				blockNumber,
				blockHash: keccak256(toHex(`block ${blockNumber}`)),
				logIndex: logIndex++,
				transactionHash: txHash(),
				eventName,
				args
			};
			logs.push(log);
			return log;
		},
		get blockNumber() {
			return blockNumber;
		},
		get transactionHash() {
			return txHash();
		}
	};
}

export type LogChain = ReturnType<typeof logChain>;

/** A content hash that differs per label. */
export const contentHash = (label: string): Hex => keccak256(toHex(`content ${label}`));

export function createDatanet(
	chain: LogChain,
	datanetId: number,
	owner: Address,
	options: { kind?: number; licence?: string; metadataCid?: string; acceptedFormats?: string[] } = {}
): StoredLog {
	chain.block();
	return chain.emit('DatanetCreated', {
		datanetId: String(datanetId),
		owner,
		kind: options.kind ?? 0,
		metadataCid: options.metadataCid ?? `bafy-meta-${datanetId}`,
		licence: options.licence ?? 'CC-BY-4.0',
		acceptedFormats: options.acceptedFormats ?? ['txt']
	});
}

export function contribute(
	chain: LogChain,
	contributionId: number,
	datanetId: number,
	contributor: Address,
	sizes: { byteSize?: bigint; tokenCount?: bigint; recordCount?: bigint; hash?: Hex } = {}
): StoredLog {
	chain.block();
	return chain.emit('ContributionSubmitted', {
		contributionId: String(contributionId),
		datanetId: String(datanetId),
		contributor,
		contentCid: `bafy-content-${contributionId}`,
		contentHash: sizes.hash ?? contentHash(String(contributionId)),
		byteSize: String(sizes.byteSize ?? 1000n),
		tokenCount: String(sizes.tokenCount ?? 250n),
		recordCount: String(sizes.recordCount ?? 3n),
		bond: String(BOND)
	});
}

/** One approval batch: ContributionApproved per id, then VersionPublished, in one transaction. */
export function approve(
	chain: LogChain,
	datanetId: number,
	curator: Address,
	batch: { id: number; seq: number }[],
	version: { version: number; acceptedCount: number; acceptedBytes: bigint; manifestCid?: string }
): void {
	chain.block();
	for (const { id, seq } of batch)
		chain.emit('ContributionApproved', {
			contributionId: String(id),
			datanetId: String(datanetId),
			curator,
			acceptedSeq: seq
		});
	chain.emit('VersionPublished', {
		datanetId: String(datanetId),
		version: version.version,
		root: keccak256(toHex(`root ${datanetId} ${version.version}`)),
		acceptedCount: version.acceptedCount,
		acceptedBytes: String(version.acceptedBytes),
		manifestCid: version.manifestCid ?? `bafy-manifest-${datanetId}-${version.version}`
	});
}

export function reject(chain: LogChain, datanetId: number, curator: Address, ids: number[], reason: string): void {
	chain.block();
	for (const id of ids)
		chain.emit('ContributionRejected', {
			contributionId: String(id),
			datanetId: String(datanetId),
			curator,
			slashedBond: String(BOND),
			reason
		});
}
