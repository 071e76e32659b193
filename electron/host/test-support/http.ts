/**
 * Raw HTTP for the host's tests: node:http lets a test send any Host, Origin or path exactly as
 * written (fetch would normalise the path and refuses to set Host).
 */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface RawRequest {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function send(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: options.port, path: options.path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${options.port}`, ...options.headers }, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens an event stream and collects its text until `close()`. */
export function openStream(options: RawRequest): Promise<{ status: number; headers: IncomingHttpHeaders; text(): string; waitFor(fragment: string, ms?: number): Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: options.port, path: options.path, method: 'GET', headers: { Host: `127.0.0.1:${options.port}`, ...options.headers }, setHost: false },
      (res) => {
        let text = '';
        const waiters = new Set<() => void>();
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          for (const check of [...waiters]) check();
        });
        res.on('error', () => undefined);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: () => text,
          waitFor: (fragment, ms = 5000) =>
            new Promise<void>((done, fail) => {
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`stream did not carry ${JSON.stringify(fragment)} within ${ms} ms; got ${JSON.stringify(text)}`));
              }, ms);
              function check() {
                if (!text.includes(fragment)) return;
                clearTimeout(timer);
                waiters.delete(check);
                done();
              }
              waiters.add(check);
              check();
            }),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
