// The TypeScript tree against the real DatanetRegistry on a real anvil, deployed by the project's deploy code:
// a datanet with six contributions from dev accounts, two approved batches out of id order and one rejection.
// The page's path is replayed from chain data only (ContributionApproved events in acceptedSeq order, each
// contribution read back), then every leaf is compared with leafOf, every version's root with the stored one,
// and every proof is checked against the version roots. No deployed contract exposes MerkleProof.verify, so the
// proofs are verified in TS (verifyProof folds exactly as OpenZeppelin does); the roots they must reach are the
// contract's own. The library itself is also compared with the compiled IncrementalMerkleTreeHarness over 300 leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { keccak256, toHex, type Abi, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hex } from 'viem';
import { artifactsDir } from '../../../cli/paths.ts';
import { datanetRegistryAbi, stakingAbi } from '../../chain/abis.ts';
import { startProtocolDevnet, type ProtocolDevnet } from '../state/protocolDevnet.testing.ts';
import { datanetLeaf } from './datanetLeaf.ts';
import { IncrementalMerkleTree } from './incrementalMerkleTree.ts';
import { zeroHashes } from './merkleHashing.ts';
import { verifyProof } from './verifyProof.ts';

let devnet: ProtocolDevnet;
let publicClient: ProtocolDevnet['publicClient'];
let wallet: ProtocolDevnet['wallet'];
let send: ProtocolDevnet['send'];
let registry: Address;
let accounts: Address[];

const DATANET = 1n;
const EMPTY_DATANET = 2n;
const FIRST_BATCH = [2n, 1n, 4n];
const SECOND_BATCH = [6n, 3n];
const REJECTED = 5n;

type RegistryRead = ContractFunctionName<typeof datanetRegistryAbi, 'view'>;
const read = <fn extends RegistryRead>(functionName: fn, args: ContractFunctionArgs<typeof datanetRegistryAbi, 'view', fn>) =>
	publicClient.readContract<typeof datanetRegistryAbi, fn, ContractFunctionArgs<typeof datanetRegistryAbi, 'view', fn>>({
		address: registry,
		abi: datanetRegistryAbi,
		functionName,
		args
	});


beforeAll(async () => {
	devnet = await startProtocolDevnet();
	({ publicClient, wallet, send, accounts } = devnet);
	const { contracts } = devnet.deployments;
	const params = devnet.parameters;
	registry = contracts.DatanetRegistry.address;

	const [owner, curator] = accounts as [Address, Address];
	const datanet = {
		metadataCid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
		kind: 0,
		licence: 'CC-BY-4.0'
	};
	await send(owner, registry, datanetRegistryAbi, 'createDatanet', [{ ...datanet, acceptedFormats: ['txt'] }]);
	await send(owner, registry, datanetRegistryAbi, 'createDatanet', [{ ...datanet, acceptedFormats: ['md'] }]);
	// A curator must hold the minimum curator stake, both when appointed and when deciding.
	await send(curator, contracts.Staking.address, stakingAbi, 'stake', [], params.minCuratorStake);
	await send(owner, registry, datanetRegistryAbi, 'setCurator', [DATANET, curator, true]);
	// Six contributions from four dev accounts (the third contributes twice): ids 1..6.
	for (let i = 0; i < 6; i++) {
		const input = {
			contentCid: 'bafkreidivzimqfqtoqxkrpge6bjyhlvxqs3rhe73owtmdulaxr5do5in7u',
			contentHash: keccak256(toHex(`records ${i}`)),
			byteSize: 1_000n + 37n * BigInt(i),
			tokenCount: 250n,
			recordCount: 3n
		};
		const contributor = accounts[2 + (i % 4)] as Address;
		await send(contributor, registry, datanetRegistryAbi, 'contribute', [DATANET, input], params.contributionBond);
	}
}, 120_000);

afterAll(async () => {
	await devnet?.anvil.stop();
});

describe('the datanet tree against DatanetRegistry on anvil', () => {
	it('has the empty root of a datanet before any approval', async () => {
		expect(await read('currentRoot', [DATANET])).toBe(zeroHashes[32]);
		expect(await read('currentRoot', [EMPTY_DATANET])).toBe(zeroHashes[32]);
		expect(new IncrementalMerkleTree().root()).toBe(zeroHashes[32]);
	});

	it('replays two approval batches into both version roots, leaves equal to leafOf, and valid proofs', async () => {
		const curator = accounts[1] as Address;
		await send(curator, registry, datanetRegistryAbi, 'approve', [DATANET, FIRST_BATCH, 'bafy-manifest-v1']);
		await send(curator, registry, datanetRegistryAbi, 'reject', [DATANET, [REJECTED], 'off topic']);
		await send(curator, registry, datanetRegistryAbi, 'approve', [DATANET, SECOND_BATCH, 'bafy-manifest-v2']);

		// What the page does: accepted contributions in acceptance order, from events and reads only.
		const approved = await publicClient.getContractEvents({
			address: registry,
			abi: datanetRegistryAbi,
			eventName: 'ContributionApproved',
			args: { datanetId: DATANET },
			fromBlock: 0n
		});
		const accepted = approved.map((log) => log.args as { contributionId: bigint; acceptedSeq: number });
		accepted.sort((a, b) => a.acceptedSeq - b.acceptedSeq);
		expect(accepted.map((a) => a.contributionId)).toEqual([...FIRST_BATCH, ...SECOND_BATCH]);

		const tree = new IncrementalMerkleTree();
		const leaves = new Map<bigint, Hex>();
		for (const { contributionId, acceptedSeq } of accepted) {
			const c = await read('contribution', [contributionId]);
			const leaf = datanetLeaf({
				contributionId,
				contributor: c.contributor,
				contentHash: c.contentHash,
				byteSize: c.byteSize
			});
			expect(leaf, `leaf of ${contributionId}`).toBe(await read('leafOf', [contributionId]));
			expect(tree.append(leaf)).toBe(acceptedSeq - 1);
			leaves.set(contributionId, leaf);
		}

		const versions = [await read('version', [DATANET, 1]), await read('version', [DATANET, 2])] as const;
		expect(versions.map((v) => v.acceptedCount)).toEqual([3, 5]);
		for (const [i, v] of versions.entries()) expect(tree.root(v.acceptedCount), `version ${i + 1}`).toBe(v.root);
		expect(tree.root()).toBe(await read('currentRoot', [DATANET]));
		expect(versions[0]?.root).not.toBe(versions[1]?.root);

		for (const [seq0, { contributionId }] of accepted.entries()) {
			const leaf = leaves.get(contributionId) as Hex;
			for (const v of versions) {
				if (seq0 >= v.acceptedCount) continue;
				expect(
					verifyProof(leaf, tree.proofOf(seq0, v.acceptedCount), v.root),
					`${contributionId} in ${v.acceptedCount}`
				).toBe(true);
			}
		}
		// A version-1 proof does not pass against version 2's root, and a rejected contribution has no proof.
		const [v1, v2] = versions;
		expect(verifyProof(leaves.get(2n) as Hex, tree.proofOf(0, v1.acceptedCount), v2.root)).toBe(false);
		const rejectedLeaf = await read('leafOf', [REJECTED]);
		for (let index = 0; index < v2.acceptedCount; index++)
			expect(verifyProof(rejectedLeaf, tree.proofOf(index, v2.acceptedCount), v2.root)).toBe(false);
	});

	it('matches the compiled library (IncrementalMerkleTreeHarness) over 300 leaves', async () => {
		const artifact = JSON.parse(
			readFileSync(`${artifactsDir}/IncrementalMerkleTree.t.sol/IncrementalMerkleTreeHarness.json`, 'utf8')
		) as { abi: Abi; bytecode: { object: Hex } };
		const deployer = accounts[0] as Address;
		const hash = await wallet.deployContract({
			account: deployer,
			abi: artifact.abi,
			bytecode: artifact.bytecode.object
		});
		const harness = (await publicClient.waitForTransactionReceipt({ hash })).contractAddress as Address;
		const harnessRoot = () =>
			publicClient.readContract({ address: harness, abi: artifact.abi, functionName: 'root' }) as Promise<Hex>;

		const leaves = Array.from({ length: 300 }, (_, i) => keccak256(keccak256(toHex(`harness ${i}`))));
		const tree = new IncrementalMerkleTree();
		let pushed = 0;
		for (const count of [1, 2, 3, 5, 8, 9, 64, 127, 128, 129, 256, 300]) {
			await send(deployer, harness, artifact.abi, 'pushAll', [leaves.slice(pushed, count)]);
			for (; pushed < count; pushed++) tree.append(leaves[pushed] as Hex);
			expect(tree.root(), `${count} leaves`).toBe(await harnessRoot());
		}
	});
});
