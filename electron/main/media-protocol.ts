/**
 * `seedance-media://media/<id>`: previews of media files the app service knows (files the user
 * imported or picked, and run outputs), looked up by opaque id. There is no general file access:
 * an id the service does not know, any other host or path, and any method but GET/HEAD answer
 * 404. Range requests are served (206), so <video> and <audio> can seek.
 *
 * The scheme is registered as privileged (standard, secure, stream) before the app is ready, and
 * handled with `protocol.handle` once it is.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import type { CustomScheme } from 'electron';
import { MAX_MEDIA_ID_LENGTH, MEDIA_HOST, MEDIA_SCHEME } from './channels';

export const MEDIA_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: MEDIA_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    stream: true,
    supportFetchAPI: false,
    corsEnabled: false,
    bypassCSP: false,
    allowServiceWorkers: false,
    codeCache: false,
  },
};

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type ByteRange = { start: number; end: number };

/**
 * The byte range a `Range` header asks for, clamped to the file: undefined means "the whole file"
 * (no header, or one we do not serve as a range such as several ranges), 'unsatisfiable' means 416.
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The media id a preview URL names, or undefined when the URL is not one of ours. */
export function mediaIdOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.hostname !== MEDIA_HOST) return undefined;
  if (parsed.username || parsed.password || parsed.port) return undefined;
  const encoded = parsed.pathname.replace(/^\//, '');
  if (encoded === '' || encoded.includes('/')) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  return id.length > 0 && id.length <= MAX_MEDIA_ID_LENGTH ? id : undefined;
}

const COMMON_HEADERS = {
  'Accept-Ranges': 'bytes',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // A media file opened as a page may run nothing.
  'Content-Security-Policy': "default-src 'none'; sandbox",
};

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

function body(path: string, range: ByteRange | undefined): ReadableStream<Uint8Array> {
  const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}

/** The `protocol.handle` handler: `lookup` is the service's `mediaPath`. */
export function createMediaHandler(lookup: (mediaId: string) => string | undefined): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const id = mediaIdOf(request.url);
    const path = id === undefined ? undefined : lookup(id);
    if (!path) return notFound();
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) return notFound();
      size = info.size;
    } catch {
      return notFound();
    }
    const type = contentTypeOf(path);
    const range = parseRange(request.headers.get('range'), size);
    if (range === 'unsatisfiable') {
      return new Response(null, { status: 416, headers: { ...COMMON_HEADERS, 'Content-Range': `bytes */${size}` } });
    }
    const head = request.method === 'HEAD';
    if (!range) {
      return new Response(head ? null : body(path, undefined), {
        status: 200,
        headers: { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': String(size) },
      });
    }
    return new Response(head ? null : body(path, range), {
      status: 206,
      headers: {
        ...COMMON_HEADERS,
        'Content-Type': type,
        'Content-Length': String(range.end - range.start + 1),
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      },
    });
  };
}
