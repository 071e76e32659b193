/**
 * Where the built renderer is, seen from this module: beside the built CLI (out/cli -> out/renderer)
 * or, run from source through tsx, in the checkout's out/renderer.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findRendererDir(from: string = import.meta.url): string | undefined {
  const candidates = ['../renderer/', '../../out/renderer/'].map((relative) => fileURLToPath(new URL(relative, from)));
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  return found === undefined ? undefined : path.resolve(found);
}
