/**
 * The built renderer's files (out/renderer), read-only: only regular files inside the folder,
 * no listing, no dot-files, nothing reached through `..`, an encoded slash or a symlink out.
 */
import { promises as fsp } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf } from './mime';
import { sendText } from './reply';
import { streamFile } from './stream-file';

export interface StaticFiles {
  /** Answers a GET or HEAD for `pathname` (already URL-parsed, still percent-encoded). */
  serve(res: ServerResponse, pathname: string, head: boolean): Promise<void>;
}

export class RendererMissingError extends Error {
  override readonly name = 'RendererMissingError';
}

/** The file a URL path names inside `root`, or undefined when it may not be served. */
export function resolveStaticPath(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s === '..' || s.startsWith('.'))) return undefined;
  const full = path.resolve(root, ...segments);
  return full.startsWith(root + path.sep) ? full : undefined;
}

async function realFileInside(root: string, file: string): Promise<{ file: string; size: number } | undefined> {
  try {
    const real = await fsp.realpath(file);
    if (!real.startsWith(root + path.sep)) return undefined;
    const stat = await fsp.stat(real);
    return stat.isFile() ? { file: real, size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

export async function createStaticFiles(rendererDir: string): Promise<StaticFiles> {
  let root: string;
  try {
    root = await fsp.realpath(rendererDir);
    await fsp.access(path.join(root, 'index.html'));
  } catch {
    throw new RendererMissingError(`The window is not built: ${path.join(rendererDir, 'index.html')} is missing. Run \`npm run build\` first.`);
  }

  return {
    async serve(res, pathname, head) {
      const wanted = resolveStaticPath(root, pathname);
      const found = wanted === undefined ? undefined : await realFileInside(root, wanted);
      if (!found) {
        // Browsers ask for a favicon on their own; without one, say "nothing" rather than log a 404.
        if (pathname === '/favicon.ico') return void res.writeHead(204, { 'Cache-Control': 'no-cache' }).end();
        return sendText(res, 404, 'Not found.');
      }
      const isIndex = found.file === path.join(root, 'index.html');
      res.writeHead(200, {
        'Content-Type': contentTypeOf(found.file),
        'Content-Length': String(found.size),
        'Cache-Control': isIndex ? 'no-store' : 'no-cache',
      });
      if (head) return void res.end();
      await streamFile(res, found.file);
    },
  };
}
