// The loss chart's data, shaped for uPlot: three aligned columns (step, training loss, validation loss) grown in
// place as points arrive, so a live run costs one push per point rather than a rebuilt data set. Validation is
// measured every few steps, so its column is mostly gaps (null). A resumed run replays the steps after its last
// checkpoint: a step at or before the last one rewinds the columns to it first, so the curve never folds back.

/** One reported point: a step's training loss, its validation loss, or both. */
export type LossPoint = { step: number; trainLoss?: number; validationLoss?: number };

/** The latest values, for the chart's text alternative. */
export type LatestLoss = {
	train?: { step: number; value: number };
	validation?: { step: number; value: number };
};

const finiteOrNull = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : null);

/** Growing columns of a loss log. */
export class LossSeries {
	readonly steps: number[] = [];
	readonly train: (number | null)[] = [];
	readonly validation: (number | null)[] = [];

	/**
	 * Adds a point: a new step is appended, the same step merged into its row, an earlier step rewinds first.
	 *
	 * @example
	 * series.append({ step: 20, trainLoss: 2.1 });
	 * series.append({ step: 20, validationLoss: 2.3 }); // same row
	 */
	append(point: LossPoint): void {
		const last = this.steps.at(-1);
		if (last !== undefined && point.step < last) this.#rewindTo(point.step);
		if (this.steps.at(-1) === point.step) {
			const row = this.steps.length - 1;
			if (point.trainLoss !== undefined) this.train[row] = finiteOrNull(point.trainLoss);
			if (point.validationLoss !== undefined) this.validation[row] = finiteOrNull(point.validationLoss);
			return;
		}
		this.steps.push(point.step);
		this.train.push(finiteOrNull(point.trainLoss));
		this.validation.push(finiteOrNull(point.validationLoss));
	}

	/** Removes every row from `step` on. */
	#rewindTo(step: number): void {
		let keep = this.steps.length;
		while (keep > 0 && this.steps[keep - 1]! >= step) keep--;
		this.steps.length = keep;
		this.train.length = keep;
		this.validation.length = keep;
	}

	/** The columns, as uPlot's AlignedData (the arrays themselves, not copies). */
	data(): [number[], (number | null)[], (number | null)[]] {
		return [this.steps, this.train, this.validation];
	}

	get length(): number {
		return this.steps.length;
	}

	/** The last finite value of each series, with its step. */
	latest(): LatestLoss {
		const latest: LatestLoss = {};
		for (let row = this.steps.length - 1; row >= 0 && !(latest.train && latest.validation); row--) {
			const step = this.steps[row]!;
			const train = this.train[row];
			const validation = this.validation[row];
			if (!latest.train && train !== null && train !== undefined) latest.train = { step, value: train };
			if (!latest.validation && validation !== null && validation !== undefined)
				latest.validation = { step, value: validation };
		}
		return latest;
	}
}

/**
 * The chart's text alternative: the latest values in words.
 *
 * @example
 * describeLatestLoss({ train: { step: 120, value: 1.2345 } }); // 'Step 120: training loss 1.235. No validation loss yet.'
 */
export function describeLatestLoss(latest: LatestLoss): string {
	if (!latest.train && !latest.validation) return 'No loss measured yet.';
	const parts: string[] = [];
	if (latest.train) parts.push(`Step ${latest.train.step}: training loss ${formatLoss(latest.train.value)}.`);
	if (latest.validation)
		parts.push(`Validation loss ${formatLoss(latest.validation.value)} at step ${latest.validation.step}.`);
	else parts.push('No validation loss yet.');
	return parts.join(' ');
}

/** A loss with four significant digits, as the chart's axis and text print it. */
export function formatLoss(value: number): string {
	return Number(value.toPrecision(4)).toString();
}
