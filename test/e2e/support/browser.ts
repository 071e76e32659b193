/**
 * What every browser end-to-end suite needs: the renderer as `npm run build` writes it (rebuilt
 * when older than its sources), and Debian's Chromium headless with the flags from the toolchain
 * notes and a fresh profile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.SEEDANCE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** out/renderer, built again first when it is missing or older than renderer/, shared/ or examples/. */
export function builtRenderer(repo: string): string {
  const outDir = path.join(repo, 'out', 'renderer');
  const index = path.join(outDir, 'index.html');
  const sources = Math.max(...['renderer', 'shared', 'examples'].map((d) => newestMtime(path.join(repo, d))));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return outDir;
  const result = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (result.status !== 0 || !existsSync(index)) throw new Error('`npm run build` failed: the renderer could not be built for the end-to-end test.');
  return outDir;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(options: { width?: number; height?: number } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install -y chromium\`.`);
  const profile = await mkdtemp(path.join(tmpdir(), 'sf-canvas-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
