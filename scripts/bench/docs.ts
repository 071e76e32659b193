/**
 * The results block of docs/performance.md, rendered from the results file: between
 * `<!-- bench:results:start -->` and `<!-- bench:results:end -->`; the prose around it is left alone.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { ResultsFile, StoredSection } from './results';
import { markdownTable } from './table';

export const START = '<!-- bench:results:start -->';
export const END = '<!-- bench:results:end -->';

function sectionMarkdown(s: StoredSection): string {
  const m = s.machine;
  const lines = [
    `### ${s.title}`,
    '',
    `Measured ${s.measuredAt.slice(0, 16).replace('T', ' ')} UTC with \`${s.command}\` (${m.cpus} CPUs, ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}).`,
    '',
  ];
  for (const table of s.tables) lines.push(`**${table.title}**`, '', markdownTable(table), '');
  for (const note of s.notes) lines.push(`- ${note}`);
  if (s.notes.length > 0) lines.push('');
  return lines.join('\n');
}

export function resultsMarkdown(results: ResultsFile): string {
  const sections = Object.values(results.sections).filter((s): s is StoredSection => s !== undefined);
  const targets = sections.flatMap((s) => s.targets);
  const parts = sections.map(sectionMarkdown);
  if (targets.length > 0) {
    parts.push(
      '### Targets of issue 9',
      '',
      markdownTable({ title: '', head: ['target', 'wanted', 'measured', 'verdict'], rows: targets.map((t) => [t.what, t.target, t.measured, t.met ? 'met' : 'missed']) }),
      '',
    );
  }
  return parts.join('\n');
}

/** `doc` with the text between the markers replaced; throws when the markers are missing. */
export function replaceResultsBlock(doc: string, block: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/performance.md has no ${START} … ${END} block to fill.`);
  return `${doc.slice(0, start + START.length)}\n\n${block.trim()}\n\n${doc.slice(end)}`;
}

export async function refreshDocs(docFile: string, results: ResultsFile): Promise<void> {
  const doc = await readFile(docFile, 'utf8');
  await writeFile(docFile, replaceResultsBlock(doc, resultsMarkdown(results)));
}
