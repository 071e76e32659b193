/**
 * The end-to-end test opens the renderer as `npm run build` writes it (out/renderer); it builds
 * once more when that is missing or older than the sources it comes from.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Returns out/renderer, built from the current sources. */
export function ensureRendererBuilt(repo: string): string {
  const outDir = path.join(repo, 'out', 'renderer');
  const index = path.join(outDir, 'index.html');
  const sources = Math.max(newestMtime(path.join(repo, 'renderer')), newestMtime(path.join(repo, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return outDir;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: repo, stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (result.status !== 0 || !existsSync(index)) throw new Error('`npm run build` failed: the renderer could not be built for the browser-mode test.');
  return outDir;
}
