/** Tables as aligned text for the terminal and as Markdown for docs/performance.md. */
import type { Table } from './types';

export function textTable(table: Table): string {
  const all = [table.head, ...table.rows];
  const widths = table.head.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [table.title, line(table.head), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');

export function markdownTable(table: Table): string {
  const row = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = `|${table.head.map((_, c) => (c === 0 ? '---' : '---:')).join('|')}|`;
  return [row(table.head), rule, ...table.rows.map(row)].join('\n');
}
