import type { Usage } from '../shared/budget';
import { formatUsd } from '../shared/usage';

/** Left-aligned text table: one header row and rows of cells, columns padded to their widest cell. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

export function tokens(value: number): string {
  return value.toLocaleString('en-US');
}

export const usd = formatUsd;

export function usage(used: Usage, allotted?: Usage): string {
  return allotted
    ? `${tokens(used.tokens)}/${tokens(allotted.tokens)} tok, ${usd(used.costUsd)}/${usd(allotted.costUsd)}`
    : `${tokens(used.tokens)} tok, ${usd(used.costUsd)}`;
}
