/**
 * Sends a file the way a CDN would (GET/HEAD, one byte range), optionally throttled or cut short
 * while promising the full length. Every timer it starts is registered so the server can clear it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ServeMode {
  /** Send at most this many bytes per second. */
  bytesPerSecond?: number;
  /** Send only this many bytes of the body, then cut the connection (Content-Length stays full). */
  truncateTo?: number;
  /** Send no Content-Length: the body ends when the connection closes (default false). */
  unannounced?: boolean;
}

export interface TimerRegistry {
  add(timer: NodeJS.Timeout): void;
  delete(timer: NodeJS.Timeout): void;
}

const TICK_MS = 50;

type Range = { start: number; end: number } | 'unsatisfiable' | undefined;

function parseRange(header: string | undefined, size: number): Range {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export function serveBytes(
  req: IncomingMessage,
  res: ServerResponse,
  bytes: Buffer,
  contentType: string,
  mode: ServeMode,
  timers: TimerRegistry,
): void {
  const range = parseRange(req.headers.range, bytes.length);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${bytes.length}`, 'Content-Length': '0' });
    res.end();
    return;
  }
  const body = range ? bytes.subarray(range.start, range.end + 1) : bytes;
  if (mode.unannounced) {
    // No length and no chunked framing: the close of the connection is the end of the body.
    res.useChunkedEncodingByDefault = false;
    res.shouldKeepAlive = false;
  }
  res.writeHead(range ? 206 : 200, {
    'Content-Type': contentType,
    ...(mode.unannounced ? { Connection: 'close' } : { 'Content-Length': String(body.length) }),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    ...(range ? { 'Content-Range': `bytes ${range.start}-${range.end}/${bytes.length}` } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const limit = mode.truncateTo !== undefined ? Math.min(mode.truncateTo, body.length) : body.length;
  const cut = limit < body.length;
  const finish = () => {
    if (cut && !mode.unannounced) res.socket?.destroySoon();
    else res.end();
  };
  if (mode.bytesPerSecond === undefined) {
    if (limit > 0) res.write(body.subarray(0, limit));
    finish();
    return;
  }
  const perTick = Math.max(1, Math.ceil((mode.bytesPerSecond * TICK_MS) / 1000));
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return stop();
    const next = Math.min(limit, sent + perTick);
    if (next > sent) res.write(body.subarray(sent, next));
    sent = next;
    if (sent >= limit) {
      stop();
      finish();
    }
  }, TICK_MS);
  const stop = () => {
    clearInterval(timer);
    timers.delete(timer);
  };
  timers.add(timer);
  res.on('close', stop);
}
