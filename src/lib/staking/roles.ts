// Whether a stake meets what a role needs (curating, validating), and what to stake to get there.

/** The stake to send so that `current` reaches `required`, given Staking's smallest allowed stake. */
export function stakeToSend(current: bigint, required: bigint, minStake: bigint): bigint {
	if (current >= required) return 0n;
	const missing = required - current;
	// A first stake below Staking's MIN_STAKE would be refused: send at least that much.
	return current + missing < minStake ? minStake - current : missing;
}

/** One role's requirement against the active stake. */
export type RoleStatus = {
	role: string;
	required: bigint;
	met: boolean;
	/** What to stake to meet it (0 when met). */
	missing: bigint;
};

/** Each role's status for an `active` stake; unbonding stake does not count. */
export function roleStatuses(
	active: bigint,
	roles: readonly { role: string; required: bigint }[],
	minStake: bigint
): RoleStatus[] {
	return roles.map(({ role, required }) => ({
		role,
		required,
		met: active >= required,
		missing: stakeToSend(active, required, minStake)
	}));
}
