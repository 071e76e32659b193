/**
 * What the window weighs, from the built renderer (out/renderer, rebuilt first when older than
 * its sources): all JavaScript, the JavaScript needed to start (the entry chunk and every chunk it
 * imports statically: what index.html loads or preloads), and CSS; raw, gzip and brotli, compressed
 * exactly as browser mode sends them.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compress } from '../../electron/host/compressed';
import { builtRenderer } from '../../test/e2e/support/browser';
import { Expect, figureProblems } from './checks';
import { fmt } from './stats';
import type { Benchmark, Section, Target } from './types';

export const INITIAL_JS_TARGET_GZIP = 200_000;

export interface SizedFile {
  file: string;
  raw: number;
  gzip: number;
  br: number;
}

export interface BundleSizes {
  initialJs: SizedFile[];
  lazyJs: SizedFile[];
  css: SizedFile[];
}

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]?.toLowerCase() ?? '', m[2] ?? '']));
}

/** Files index.html loads: module scripts and modulepreloads (JS), stylesheets (CSS). Relative to the folder. */
export function filesOfIndex(html: string): { js: string[]; css: string[] } {
  const js: string[] = [];
  const css: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const a = attributes(tag);
    if (tag.toLowerCase().startsWith('<script') && a.type === 'module' && a.src) js.push(a.src);
    else if (a.rel === 'modulepreload' && a.href) js.push(a.href);
    else if (a.rel === 'stylesheet' && a.href) css.push(a.href);
  }
  const clean = (p: string) => path.posix.normalize(p.replace(/^\.?\//, ''));
  return { js: js.map(clean), css: css.map(clean) };
}

/** Chunks a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`, `export … from`), not `import()`. */
export function staticImportsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/\b(?:import|export)\s*(?:[^'"`()]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) if (m[1]) found.add(m[1]);
  return [...found];
}

async function sized(dir: string, file: string): Promise<SizedFile> {
  const bytes = await readFile(path.join(dir, file));
  const [gzip, br] = await Promise.all([compress(bytes, 'gzip'), compress(bytes, 'br')]);
  return { file, raw: bytes.length, gzip: gzip.length, br: br.length };
}

export async function measureBundle(dir: string): Promise<BundleSizes> {
  const index = filesOfIndex(await readFile(path.join(dir, 'index.html'), 'utf8'));
  const initial = new Set<string>();
  const queue = [...index.js];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (initial.has(file)) continue;
    initial.add(file);
    const code = await readFile(path.join(dir, file), 'utf8');
    for (const spec of staticImportsOf(code)) queue.push(path.posix.join(path.posix.dirname(file), spec));
  }
  const allJs = (await readdir(path.join(dir, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  return {
    initialJs: await Promise.all([...initial].map((f) => sized(dir, f))),
    lazyJs: await Promise.all(allJs.filter((f) => !initial.has(f)).map((f) => sized(dir, f))),
    css: await Promise.all(index.css.map((f) => sized(dir, f))),
  };
}

const sum = (files: readonly SizedFile[], key: 'raw' | 'gzip' | 'br') => files.reduce((total, f) => total + f[key], 0);
const kb = (bytes: number) => fmt(bytes / 1000);

export function bundleSection(sizes: BundleSizes): Section {
  const all = [...sizes.initialJs, ...sizes.lazyJs];
  const figures: Record<string, number> = {
    'initialJs.files': sizes.initialJs.length,
    'lazyJs.files': sizes.lazyJs.length,
  };
  for (const [key, files] of [['initialJs', sizes.initialJs], ['allJs', all], ['css', sizes.css]] as const) {
    for (const kind of ['raw', 'gzip', 'br'] as const) figures[`${key}.${kind}`] = sum(files, kind);
  }
  const row = (label: string, files: readonly SizedFile[]) => [label, kb(sum(files, 'raw')), kb(sum(files, 'gzip')), kb(sum(files, 'br'))];
  const initialGzip = figures['initialJs.gzip'] ?? Number.NaN;
  const target: Target = {
    what: 'initial JS, gzip',
    target: `< ${INITIAL_JS_TARGET_GZIP / 1000} kB`,
    measured: `${kb(initialGzip)} kB`,
    met: initialGzip < INITIAL_JS_TARGET_GZIP,
  };
  return {
    name: 'bundle',
    title: 'Bundle',
    figures,
    tables: [
      {
        title: 'The built renderer (kB = 1,000 bytes; gzip level 9 and brotli quality 11, as browser mode sends them)',
        head: ['part', 'raw kB', 'gzip kB', 'brotli kB'],
        rows: [
          row(`initial JS (${sizes.initialJs.map((f) => path.posix.basename(f.file)).join(', ')})`, sizes.initialJs),
          row(`loaded on demand (${sizes.lazyJs.map((f) => path.posix.basename(f.file)).join(', ') || 'none'})`, sizes.lazyJs),
          row('all JS', all),
          row('CSS', sizes.css),
        ],
      },
    ],
    targets: [target],
    notes: ['Initial JS: the entry chunk and every chunk it imports statically (what index.html loads and preloads), followed through the chunks themselves.'],
  };
}

export const bundleBenchmark: Benchmark = {
  name: 'bundle',
  async run({ repo }) {
    return bundleSection(await measureBundle(builtRenderer(repo)));
  },
  problems(section) {
    const check = new Expect(section).positive('initialJs.files').positive('initialJs.raw').positive('initialJs.gzip').positive('css.raw');
    const f = section.figures;
    if ((f['initialJs.gzip'] ?? 0) >= (f['initialJs.raw'] ?? 0)) check.problems.push('bundle: initial JS is not smaller gzipped than raw');
    if ((f['allJs.raw'] ?? 0) < (f['initialJs.raw'] ?? 0)) check.problems.push('bundle: all JS is smaller than the initial JS');
    return [...figureProblems(section), ...check.problems];
  },
};
