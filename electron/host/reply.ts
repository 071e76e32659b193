/** Small writers for the host's own answers (errors, redirects); routes stream their own bodies. */
import type { ServerResponse } from 'node:http';
import type { CallAnswer } from '../../shared/api';

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: CallAnswer, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** An envelope the window's client understands, for failures the host itself decides. */
export function failure(code: 'bad-arguments' | 'failed' | 'unknown-method' | 'forbidden', message: string): CallAnswer {
  return { ok: false, error: { code, message } };
}
