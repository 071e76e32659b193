/**
 * Packs the app the way `npm run dist` does, minus the installers and the real Electron binary:
 * `npm run build`, then `electron-builder --dir` with our configuration against a stand-in
 * Electron folder, then opens app.asar and checks what ships and what does not.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { parseSync, Visitor } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronFuses } from '../../electron-builder.config';
import { contentSecurityPolicy, parseCsp } from '../../electron/main/csp';
import { DEFAULT_FUSE_WIRE, makeStandInElectron } from './stand-in-electron';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'seedance-package-'));
const appOut = join(work, 'release', 'linux-unpacked');
const asarPath = join(appOut, 'resources', 'app.asar');
let files: string[] = [];

const read = (path: string) => extractFile(asarPath, path.replace(/^\//, '')).toString('utf8');

/** Every module a built file loads: imports, re-exports, import(), require() and bundler __require(). */
function moduleRequests(file: string, code: string): string[] {
  const parsed = parseSync(file, code);
  expect(parsed.errors, `${file} parses`).toEqual([]);
  const out: string[] = [];
  const literal = (node: { type: string; value?: unknown } | null | undefined) => {
    if (node?.type === 'Literal' && typeof node.value === 'string') out.push(node.value);
    else out.push(`<computed specifier in ${file}>`);
  };
  new Visitor({
    ImportDeclaration: (node) => literal(node.source),
    ExportAllDeclaration: (node) => literal(node.source),
    ExportNamedDeclaration: (node) => void (node.source && literal(node.source)),
    ImportExpression: (node) => literal(node.source as { type: string; value?: unknown }),
    CallExpression: (node) => {
      if (node.callee.type === 'Identifier' && (node.callee.name === 'require' || node.callee.name === '__require')) {
        literal(node.arguments[0] as { type: string; value?: unknown } | undefined);
      }
    },
  }).visit(parsed.program);
  return out;
}

beforeAll(() => {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
  const standIn = makeStandInElectron(join(work, 'electron-dist'));
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--dir',
      '--linux',
      '--config',
      'electron-builder.config.ts',
      `-c.electronDist=${standIn}`,
      `-c.directories.output=${join(work, 'release')}`,
    ],
    { cwd: root, stdio: 'pipe', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  files = listPackage(asarPath, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('packaged app (electron-builder --dir, stand-in Electron)', () => {
  it('has app.asar with main, preload, renderer and package.json', () => {
    const size = statSync(asarPath).size;
    console.info(`app.asar: ${(size / 1024).toFixed(0)} KiB, ${files.length} entries:\n  ${files.join('\n  ')}`);
    for (const path of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) {
      expect(files, path).toContain(path);
    }
    expect(size).toBeLessThan(8 * 1024 * 1024);
  });

  it('ships the example pipelines and their media beside the archive, for the templates', () => {
    const examples = join(appOut, 'resources', 'examples');
    for (const file of ['extend-a-clip.seedance.json', 'restyle-batch.csv', 'media/clip.mp4', 'media/track.mp3']) {
      expect(existsSync(join(examples, file)), file).toBe(true);
    }
    expect(existsSync(join(examples, 'media', 'make-media.sh'))).toBe(false);
  });

  it('has an entry point that exists in the archive', () => {
    const pkg = JSON.parse(read('package.json')) as { main?: string; type?: string };
    expect(pkg.main).toBe('out/main/index.js');
    expect(files).toContain(`/${posix.normalize(pkg.main ?? '')}`);
    expect(pkg.type).toBe('module');
  });

  it('ships no sources, tests, docs, source maps or node_modules', () => {
    const forbidden = files.filter(
      (f) =>
        /\.test\.|\.spec\./.test(f) ||
        /^\/(shared|electron|renderer|test|docs|scripts|build|examples|bin|node_modules)(\/|$)/.test(f) ||
        f.includes('/renderer/src') ||
        f.includes('node_modules') ||
        /\.(ts|tsx|map)$/.test(f) ||
        f.startsWith('/out/cli'),
    );
    expect(forbidden).toEqual([]);
  });

  it('main needs nothing at run time that is not in the archive', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const problems: string[] = [];
    for (const file of files.filter((f) => f.startsWith('/out/main/') && f.endsWith('.js'))) {
      for (const spec of moduleRequests(file, read(file))) {
        if (spec === 'electron' || builtins.has(spec)) continue;
        if (spec.startsWith('.') && files.includes(posix.join(posix.dirname(file), spec))) continue;
        problems.push(`${file} loads ${spec}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the preload needs nothing a sandboxed preload cannot load', () => {
    const required = moduleRequests('/out/preload/index.cjs', read('out/preload/index.cjs'));
    expect(required.filter((r) => !['electron', 'events', 'timers', 'url'].includes(r))).toEqual([]);
  });

  it('the page carries the same Content-Security-Policy the main process sends', () => {
    const html = read('out/renderer/index.html');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(meta, 'a CSP <meta> tag in index.html').toBeDefined();
    const expected = parseCsp(contentSecurityPolicy({ kind: 'file', indexPath: '/x' }));
    expect(parseCsp(meta ?? '')).toEqual(expected);
  });

  it('the Electron fuses are flipped in the packaged executable', async () => {
    const executable = join(appOut, 'seedance-flow');
    expect(existsSync(executable)).toBe(true);
    const wire = await getCurrentFuseWire(executable);
    const on = 49;
    const off = 48;
    expect(wire[FuseV1Options.RunAsNode]).toBe(electronFuses.runAsNode ? on : off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    // Fuses we do not set keep Electron's defaults.
    expect(String.fromCharCode(wire[FuseV1Options.GrantFileProtocolExtraPrivileges] ?? 0)).toBe(DEFAULT_FUSE_WIRE[FuseV1Options.GrantFileProtocolExtraPrivileges]);
  });
});
