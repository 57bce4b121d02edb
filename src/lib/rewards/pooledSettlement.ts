// Pooled rewards not yet settled: which pools (a model's adapter version) hold one of the account's contributions in
// their training set, and, once `pooledRewardOf` has been read for each, the fewest settlePooledRewards calls that
// collect everything: one per model and adapter version, naming all the account's contributions owed by that pool.

/** A model as the registry's events describe it: its adapter versions and what each was trained on. */
export type PoolModel = {
	id: string;
	adapterVersions: readonly { version: number; trainedOn: readonly { datanetId: string; version: number }[] }[];
};

/** A pool and the account's contributions in its training set. */
export type PoolTarget = { modelId: string; adapterVersion: number; contributionIds: string[] };

/** One settlePooledRewards call: the pool, the contributions it owes something, and the total owed, in wei. */
export type SettleBatch = PoolTarget & { amount: bigint };

/** The key of one pooledRewardOf read. */
export const poolKey = (modelId: string, adapterVersion: number, contributionId: string) =>
	`${modelId}:${adapterVersion}:${contributionId}`;

const byId = (a: string, b: string) => Number(BigInt(a) - BigInt(b));

/**
 * The pools whose training set holds one of `mine` (the account's approved contribution ids), in model then version
 * order. `versionContributions` lists the contributions of a datanet version (undefined when unknown).
 *
 * @example
 * poolTargetsOf(models, (d, v) => versions.get(`${d}:${v}`), new Set(['3', '7']));
 * // [{ modelId: '1', adapterVersion: 1, contributionIds: ['3'] }]
 */
export function poolTargetsOf(
	models: readonly PoolModel[],
	versionContributions: (datanetId: string, version: number) => readonly string[] | undefined,
	mine: ReadonlySet<string>
): PoolTarget[] {
	const targets: PoolTarget[] = [];
	for (const model of [...models].sort((a, b) => byId(a.id, b.id)))
		for (const adapter of [...model.adapterVersions].sort((a, b) => a.version - b.version)) {
			const ids = new Set<string>();
			for (const ref of adapter.trainedOn)
				for (const id of versionContributions(ref.datanetId, ref.version) ?? []) if (mine.has(id)) ids.add(id);
			if (ids.size > 0)
				targets.push({ modelId: model.id, adapterVersion: adapter.version, contributionIds: [...ids].sort(byId) });
		}
	return targets;
}

/**
 * The calls that settle everything `owed` (pooledRewardOf by {@link poolKey}) for `targets`: one per pool that owes
 * anything, naming only the contributions it owes, ascending.
 */
export function settleBatchesOf(targets: readonly PoolTarget[], owed: ReadonlyMap<string, bigint>): SettleBatch[] {
	const batches: SettleBatch[] = [];
	for (const target of targets) {
		const ids = target.contributionIds.filter(
			(id) => (owed.get(poolKey(target.modelId, target.adapterVersion, id)) ?? 0n) > 0n
		);
		if (ids.length === 0) continue;
		const amount = ids.reduce((sum, id) => sum + owed.get(poolKey(target.modelId, target.adapterVersion, id))!, 0n);
		batches.push({ modelId: target.modelId, adapterVersion: target.adapterVersion, contributionIds: ids, amount });
	}
	return batches;
}

/** The total of `batches`, in wei. */
export const totalOwed = (batches: readonly SettleBatch[]) => batches.reduce((sum, b) => sum + b.amount, 0n);
