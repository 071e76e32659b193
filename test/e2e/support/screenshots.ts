/**
 * Where the end-to-end tests put their screenshots. Tests never rewrite tracked files: by default
 * they go to test-results/screenshots (ignored by git); `npm run screenshots` sets
 * UPDATE_SCREENSHOTS=1 to refresh the README's images in docs/screenshots.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export function screenshotDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const dir = env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO, 'docs/screenshots') : path.join(REPO, 'test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
