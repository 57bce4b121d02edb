// Deterministic random numbers for model initialisation and test fixtures: the same seed gives the same
// model on every machine, which the default model's script and the cross-engine tests rely on.

/** A seeded source of uniform and normal numbers. */
export type SeededRandom = {
	/** Uniform in [0, 1). */
	uniform(): number;
	/** Standard normal (Box–Muller). */
	normal(): number;
};

/**
 * mulberry32: 32-bit state, fast and well spread; plenty for initialisation (it is not cryptographic).
 *
 * @example
 * const random = seededRandom(42);
 * random.normal(); // the same number on every run
 */
export function seededRandom(seed: number): SeededRandom {
	let state = seed >>> 0;
	const uniform = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		uniform,
		normal() {
			// 1 - u keeps the logarithm finite.
			const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
			return radius * Math.cos(2 * Math.PI * uniform());
		}
	};
}
