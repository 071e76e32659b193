/**
 * The built renderer's files (out/renderer), read-only: only regular files inside the folder,
 * no listing, no dot-files, nothing reached through `..`, an encoded slash or a symlink out.
 * Text files go out compressed when the browser accepts it (brotli, else gzip; computed once and
 * kept in memory), hashed assets are cached for a year, everything else (index.html) is
 * revalidated with its ETag and answered 304 when unchanged.
 */
import { promises as fsp } from 'node:fs';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import path from 'node:path';
import { negotiateEncoding, type ContentCoding } from './accept-encoding';
import { cacheControlFor } from './cache-policy';
import { createCompressedFiles, isCompressible } from './compressed';
import { etagOf, matchesEtag } from './etag';
import { contentTypeOf } from './mime';
import { sendText } from './reply';
import { streamFile } from './stream-file';

export interface StaticRequest {
  /** Already URL-parsed, still percent-encoded. */
  pathname: string;
  head: boolean;
  headers: IncomingHttpHeaders;
}

export interface StaticFiles {
  /** Answers a GET or HEAD. */
  serve(request: StaticRequest, res: ServerResponse): Promise<void>;
  /** Resolves when the files found at start are compressed (tests, benchmarks). */
  warmed: Promise<void>;
  /** Stops compressing ahead. */
  close(): void;
}

export class RendererMissingError extends Error {
  override readonly name = 'RendererMissingError';
}

/** Brotli first: it is smaller, and every browser that sends it reads it. */
const CODINGS: readonly ContentCoding[] = ['br', 'gzip'];

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

interface Found {
  file: string;
  /** Relative to the root, with `/`. */
  relative: string;
  size: number;
  mtimeMs: number;
}

async function realFileInside(root: string, file: string): Promise<Found | undefined> {
  try {
    const real = await fsp.realpath(file);
    if (!real.startsWith(root + path.sep)) return undefined;
    const stat = await fsp.stat(real);
    if (!stat.isFile()) return undefined;
    return { file: real, relative: path.relative(root, real).split(path.sep).join('/'), size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}

/** Every regular file under `root` that would be served, for warming up. */
async function servableFiles(root: string): Promise<Found[]> {
  const entries = await fsp.readdir(root, { recursive: true, withFileTypes: true });
  const found: Found[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(root, full).split(path.sep).join('/');
    const ok = resolveStaticPath(root, `/${relative}`) === full && (await realFileInside(root, full));
    if (ok) found.push(ok);
  }
  return found;
}

export async function createStaticFiles(rendererDir: string): Promise<StaticFiles> {
  let root: string;
  try {
    root = await fsp.realpath(rendererDir);
    await fsp.access(path.join(root, 'index.html'));
  } catch {
    throw new RendererMissingError(`The window is not built: ${path.join(rendererDir, 'index.html')} is missing. Run \`npm run build\` first.`);
  }
  const compressed = createCompressedFiles();
  let closed = false;

  // Brotli at its best quality takes about a second for the main chunk: do it before the page asks.
  const warmed = (async () => {
    for (const found of await servableFiles(root)) {
      if (closed) return;
      if (!isCompressible(contentTypeOf(found.file), found.size)) continue;
      for (const coding of CODINGS) await compressed.body(found.file, etagOf(found), coding);
    }
  })().catch(() => undefined);

  return {
    warmed,
    close() {
      closed = true;
    },
    async serve({ pathname, head, headers }, res) {
      const wanted = resolveStaticPath(root, pathname);
      const found = wanted === undefined ? undefined : await realFileInside(root, wanted);
      if (!found) {
        // Browsers ask for a favicon on their own; without one, say "nothing" rather than log a 404.
        if (pathname === '/favicon.ico') return void res.writeHead(204, { 'Cache-Control': 'no-cache' }).end();
        return sendText(res, 404, 'Not found.');
      }
      const contentType = contentTypeOf(found.file);
      const etag = etagOf(found);
      const compressible = isCompressible(contentType, found.size);
      const validators: Record<string, string> = {
        'Cache-Control': cacheControlFor(found.relative),
        ETag: etag,
        ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
      };
      if (matchesEtag(headers['if-none-match'], etag)) return void res.writeHead(304, validators).end();

      const coding = compressible ? negotiateEncoding(headers['accept-encoding'], CODINGS) : undefined;
      const body = coding ? await compressed.body(found.file, etag, coding) : undefined;
      if (coding && body) {
        res.writeHead(200, { 'Content-Type': contentType, 'Content-Encoding': coding, 'Content-Length': String(body.length), ...validators });
        return void res.end(head ? undefined : body);
      }
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(found.size), ...validators });
      if (head) return void res.end();
      await streamFile(res, found.file);
    },
  };
}
