/**
 * How security-scan.ts decides which findings are explained: build/electronegativity.md has a
 * table whose rows name a check, a file, and a piece of the flagged code; a finding is explained
 * when a row has its check and file and the code appears in the finding's sample. A new finding in
 * a known file (other code) is therefore not explained until someone writes a row for it.
 */
export interface ScanFinding {
  id: string;
  file: string;
  line: number;
  severity: string;
  sample: string;
}

export interface Explanation {
  check: string;
  file: string;
  code: string;
  why: string;
}

const unquote = (cell: string) => cell.trim().replace(/^`+|`+$/g, '').replace(/\\\|/g, '|');

/** The explanation rows of the markdown: `| CHECK_ID | path | `code` | why |`. */
export function parseExplanations(markdown: string): Explanation[] {
  const out: Explanation[] = [];
  for (const line of markdown.split('\n')) {
    if (!line.trim().startsWith('|')) continue;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    const [check = '', file = '', code = '', why = ''] = cells;
    if (!/^`?[A-Z][A-Z0-9_]+_CHECK`?$/.test(check)) continue;
    out.push({ check: unquote(check), file: unquote(file), code: unquote(code), why: why.trim() });
  }
  return out;
}

const BLOCKING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);

function explains(explanation: Explanation, finding: ScanFinding): boolean {
  return explanation.check === finding.id && explanation.file === finding.file && explanation.code.length > 0 && finding.sample.includes(explanation.code);
}

/** Findings of HIGH or MEDIUM severity that no row explains, and rows that explain nothing any more. */
export function review(findings: readonly ScanFinding[], explanations: readonly Explanation[]): { unexplained: ScanFinding[]; stale: Explanation[] } {
  const blocking = findings.filter((f) => BLOCKING_SEVERITIES.has(f.severity));
  const unexplained = blocking.filter((f) => !explanations.some((e) => explains(e, f)));
  const stale = explanations.filter((e) => !blocking.some((f) => explains(e, f)));
  return { unexplained, stale };
}
