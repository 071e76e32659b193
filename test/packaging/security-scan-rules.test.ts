import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExplanations, review, type ScanFinding } from '../../scripts/security-scan-rules';

const md = readFileSync(new URL('../../build/electronegativity.md', import.meta.url), 'utf8');
const finding = (over: Partial<ScanFinding> = {}): ScanFinding => ({
  id: 'OPEN_EXTERNAL_JS_CHECK',
  file: 'electron/main/menu.ts',
  line: 1,
  severity: 'MEDIUM',
  sample: "{ label: 'Modellix Documentation', click: () => actions.openExternal(MODELLIX_DOCS_URL) },",
  ...over,
});

describe('security scan explanations', () => {
  it('reads every row of build/electronegativity.md, each with code and a reason', () => {
    const rows = parseExplanations(md);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      expect(row.file).toMatch(/^electron\//);
      expect(row.code.length).toBeGreaterThan(5);
      expect(row.why.length).toBeGreaterThan(40);
    }
  });

  it('explains a finding only for the same check, file and code', () => {
    const rows = parseExplanations(md);
    expect(review([finding()], rows).unexplained).toEqual([]);
    expect(review([finding({ sample: 'shell.openExternal(userInput)' })], rows).unexplained).toHaveLength(1);
    expect(review([finding({ file: 'electron/main/other.ts' })], rows).unexplained).toHaveLength(1);
    expect(review([finding({ id: 'SANDBOX_JS_CHECK' })], rows).unexplained).toHaveLength(1);
  });

  it('lets LOW and informational findings through, and reports rows that explain nothing', () => {
    const rows = parseExplanations(md);
    const { unexplained, stale } = review([finding({ severity: 'LOW', sample: 'x' }), finding()], rows);
    expect(unexplained).toEqual([]);
    expect(stale.length).toBe(rows.length - 1);
  });
});
