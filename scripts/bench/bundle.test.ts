import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleBenchmark, bundleSection, filesOfIndex, measureBundle, staticImportsOf } from './bundle';

const INDEX = `<!doctype html><html><head>
<script type="module" crossorigin src="./assets/index-AAAAAAAA.js"></script>
<link rel="modulepreload" crossorigin href="./assets/vendor-BBBBBBBB.js">
<link rel="stylesheet" crossorigin href="./assets/index-CCCCCCCC.css">
</head><body><div id="root"></div></body></html>`;

describe('filesOfIndex', () => {
  it('finds the module entry, the preloads and the stylesheets', () => {
    expect(filesOfIndex(INDEX)).toEqual({ js: ['assets/index-AAAAAAAA.js', 'assets/vendor-BBBBBBBB.js'], css: ['assets/index-CCCCCCCC.css'] });
  });
});

describe('staticImportsOf', () => {
  it('follows static imports and re-exports of minified chunks, not import()', () => {
    const code = 'import{a as b}from"./vendor-B.js";import"./side-C.js";export{x}from"./re-D.js";const l=()=>import("./layout-E.js");';
    expect(staticImportsOf(code)).toEqual(['./vendor-B.js', './side-C.js', './re-D.js']);
  });
});

describe('measureBundle', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sf-bundle-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), INDEX);
    const filler = (name: string) => `/* ${name} */ export const v = ${JSON.stringify(name.repeat(400))};\n`;
    await writeFile(path.join(dir, 'assets/index-AAAAAAAA.js'), `import{v}from"./vendor-BBBBBBBB.js";import"./shared-DDDDDDDD.js";const l=()=>import("./layout-EEEEEEEE.js");${filler('index')}`);
    await writeFile(path.join(dir, 'assets/vendor-BBBBBBBB.js'), filler('vendor'));
    await writeFile(path.join(dir, 'assets/shared-DDDDDDDD.js'), filler('shared'));
    await writeFile(path.join(dir, 'assets/layout-EEEEEEEE.js'), filler('layout'));
    await writeFile(path.join(dir, 'assets/index-CCCCCCCC.css'), 'body{color:red}\n'.repeat(100));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('counts what the entry needs as initial (preloaded or not) and the rest as on demand', async () => {
    const sizes = await measureBundle(dir);
    expect(sizes.initialJs.map((f) => f.file).sort()).toEqual(['assets/index-AAAAAAAA.js', 'assets/shared-DDDDDDDD.js', 'assets/vendor-BBBBBBBB.js']);
    expect(sizes.lazyJs.map((f) => f.file)).toEqual(['assets/layout-EEEEEEEE.js']);
    for (const f of [...sizes.initialJs, ...sizes.lazyJs, ...sizes.css]) {
      expect(f.gzip, f.file).toBeLessThan(f.raw);
      expect(f.br, f.file).toBeLessThan(f.raw);
    }
    const section = bundleSection(sizes);
    const settings = { quick: true, repo: dir, log: () => undefined };
    expect(bundleBenchmark.problems(section, settings)).toEqual([]);
    expect(section.targets[0]?.met).toBe(true);
    expect(section.figures['initialJs.files']).toBe(3);
  });

  it('calls an empty or uncompressed bundle a problem', async () => {
    const section = bundleSection({ initialJs: [], lazyJs: [], css: [] });
    expect(bundleBenchmark.problems(section, { quick: true, repo: dir, log: () => undefined })).toContain('bundle: initialJs.files is 0, expected more than 0');
  });
});
