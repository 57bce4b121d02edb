// The earnings chart's geometry: a cumulative series (block time or block number → total earned) scaled into an SVG
// view box as a step line and its area, with the axis labels' values. No DOM: the component only draws the paths.

/** One point to draw: x in seconds (or block numbers), y in wei. */
export type ChartPoint = { x: number; y: bigint };

/** What the SVG draws, in view-box units. */
export type ChartGeometry = {
	width: number;
	height: number;
	/** The step line's path (`d`). */
	line: string;
	/** The area under it, closed along the bottom. */
	area: string;
	/** The first and last x, and the highest y, for the axis labels. */
	xMin: number;
	xMax: number;
	yMax: bigint;
};

/**
 * Scales `points` (x ascending, y cumulative) into a `width` × `height` box with `pad` around it: a step line (the
 * total holds until the next credit), flat from the last point to the right edge. Undefined for no points.
 */
export function stepChart(
	points: readonly ChartPoint[],
	width = 600,
	height = 160,
	pad = 4
): ChartGeometry | undefined {
	if (points.length === 0) return undefined;
	const xMin = points[0]!.x;
	const xMax = points.at(-1)!.x;
	const yMax = points.reduce((max, p) => (p.y > max ? p.y : max), 0n);
	const spanX = xMax - xMin || 1;
	const sx = (x: number) => pad + ((x - xMin) / spanX) * (width - 2 * pad);
	// Scaled in bigint first: wei totals exceed a double's exact range.
	const sy = (y: bigint) =>
		height - pad - (yMax === 0n ? 0 : Number((y * 1_000_000n) / yMax) / 1_000_000) * (height - 2 * pad);
	const round = (v: number) => Math.round(v * 100) / 100;
	const bottom = round(height - pad);
	let line = `M${round(points.length === 1 ? pad : sx(points[0]!.x))},${bottom}`;
	for (const p of points) {
		const x = round(points.length === 1 ? pad : sx(p.x));
		line += ` H${x} V${round(sy(p.y))}`;
	}
	line += ` H${round(width - pad)}`;
	const area = `${line} V${bottom} H${round(points.length === 1 ? pad : sx(xMin))} Z`;
	return { width, height, line, area, xMin, xMax, yMax };
}
