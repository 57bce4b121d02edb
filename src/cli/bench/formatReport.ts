// Prints a benchmark report as a plain-text table.
import type { BenchReport, BenchRow } from './types.ts';

/** Whether a row meets its target: at most it, or with `atLeast`, at least it. */
function targetMet(row: BenchRow): boolean {
	return row.target === undefined || (row.atLeast ? row.value >= row.target : row.value <= row.target);
}

/**
 * Formats `report` as an aligned table: name, value, unit, target and whether the target is met.
 *
 * @example
 * console.log(formatReport({ suite: 'gas', title: 'Gas', environment: 'anvil', rows: [{ name: 'claim', value: 30_000, unit: 'gas', target: 50_000 }] }));
 */
export function formatReport(report: BenchReport): string {
	const header = ['', 'measured', 'unit', 'target', ''];
	const rows = report.rows.map((row) => [
		row.name,
		row.value.toLocaleString('en-US'),
		row.unit,
		row.target === undefined ? '' : `${row.atLeast ? '≥' : '≤'} ${row.target.toLocaleString('en-US')}`,
		row.target === undefined ? '' : targetMet(row) ? 'met' : row.atLeast ? 'short' : 'over'
	]);
	const widths = header.map((_, column) => Math.max(...[header, ...rows].map((cells) => cells[column]!.length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
			.join('  ')
			.trimEnd();
	return [
		`${report.title}`,
		`(${report.environment})`,
		line(header),
		line(widths.map((width) => '─'.repeat(width))),
		...rows.map(line),
		...(report.notes ?? []).map((note) => `  ${note}`)
	].join('\n');
}
