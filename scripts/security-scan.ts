/**
 * Electron security scan (`npm run security:scan`, run by CI): @doyensec/electronegativity over
 * the Electron code, i.e. every non-test source under electron/, plus renderer/index.html for
 * the page's Content-Security-Policy. Fails when
 *   - a HIGH or MEDIUM finding is not explained in build/electronegativity.md, or
 *   - a file could not be parsed (the scan would silently miss it).
 * Works offline: electronegativity's attempts to fetch translations and Electron's release list
 * fail quietly, and the Electron version is given, not looked up.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import run from '@doyensec/electronegativity';
import { parseExplanations, review, type ScanFinding } from './security-scan-rules';

const root = fileURLToPath(new URL('..', import.meta.url));
const explanationsFile = join(root, 'build', 'electronegativity.md');

function isScanned(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? '';
  if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(name)) return false;
  if (path.split(/[\\/]/).includes('test-support')) return false;
  return /\.([cm]?[jt]sx?|html)$/.test(name);
}

function stage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seedance-scan-'));
  const walk = (from: string) => {
    for (const name of readdirSync(from)) {
      const path = join(from, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (isScanned(path)) cpSync(path, join(dir, relative(root, path)), { recursive: true });
    }
  };
  walk(join(root, 'electron'));
  cpSync(join(root, 'renderer', 'index.html'), join(dir, 'renderer', 'index.html'));
  return dir;
}

function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  return (pkg.devDependencies?.electron ?? '45.5.0').replace(/^[^\d]*/, '');
}

async function main(): Promise<number> {
  const staged = stage();
  try {
    const result = await run({ input: staged, isRelative: true, electronVersionOverride: electronVersion() });
    const findings: ScanFinding[] = result.issues.map((i) => ({
      id: i.id,
      file: i.file.replace(/\\/g, '/'),
      line: i.location.line,
      severity: i.severity.name,
      sample: i.sample ?? '',
    }));
    const explanations = parseExplanations(readFileSync(explanationsFile, 'utf8'));
    const { unexplained, stale } = review(findings, explanations);
    const parseErrors = result.errors.filter((e) => !e.tolerable);

    console.log(`electronegativity: ${result.globalChecks + result.atomicChecks} checks over ${relative(root, join(root, 'electron'))}/ and renderer/index.html`);
    for (const f of findings) {
      const state = unexplained.includes(f) ? 'UNEXPLAINED' : f.severity === 'HIGH' || f.severity === 'MEDIUM' ? 'explained' : 'low';
      console.log(`  [${state}] ${f.severity} ${f.id} ${f.file}:${f.line}`);
    }
    for (const e of stale) console.warn(`  note: build/electronegativity.md explains ${e.check} in ${e.file} (\`${e.code}\`), which is no longer found`);
    for (const e of parseErrors) console.error(`  could not parse ${relative(staged, e.file)}: ${e.message}`);
    if (unexplained.length > 0) {
      console.error(`${unexplained.length} HIGH/MEDIUM finding(s) not explained in build/electronegativity.md: fix them or explain them there.`);
    }
    return unexplained.length > 0 || parseErrors.length > 0 ? 1 : 0;
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}

