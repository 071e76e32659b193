/**
 * Browser mode's HTTP server: the built renderer, the contract over `POST /api/call/<method>`,
 * server-sent events, and media previews, on 127.0.0.1 only. Every request passes the guard
 * (Host, Origin, token) before any route runs. Nothing here logs a URL, the token or the key.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { AppService } from '../service/types';
import { API_CALL_PREFIX, DEFAULT_MAX_BODY_BYTES, serveApiCall } from './api-route';
import { cookieName, sessionCookie } from './cookie';
import { createEventStreams, EVENTS_PATH } from './events-route';
import { checkRequest } from './guard';
import { setSecurityHeaders } from './headers';
import { MEDIA_PREFIX, serveMedia } from './media-route';
import { failure, sendJson, sendText } from './reply';
import { createStaticFiles } from './static-files';
import { createToken } from './token';

export const LOOPBACK = '127.0.0.1';

const hostOptionsSchema = z.object({
  rendererDir: z.string().min(1),
  port: z.number().int().min(0).max(65535).default(0),
  host: z.literal(LOOPBACK).default(LOOPBACK),
  maxBodyBytes: z.number().int().positive().default(DEFAULT_MAX_BODY_BYTES),
  heartbeatMs: z.number().int().positive().default(15_000),
});

export interface HostOptions {
  service: AppService;
  /** The built renderer: out/renderer. */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Always 127.0.0.1: browser mode never listens on another interface. */
  host?: typeof LOOPBACK;
  maxBodyBytes?: number;
  heartbeatMs?: number;
  /** Unexpected errors, never with a URL, header or argument. */
  log?: (line: string) => void;
}

export interface Host {
  /** The address to open: `http://127.0.0.1:<port>/?token=<token>`. Print it; never log it. */
  url: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  token: string;
  /** Ends open event streams and connections, then stops listening. */
  close(): Promise<void>;
}

function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret.length >= 4 ? out.split(secret).join('[redacted]') : out), text);
}

type Route = 'page' | 'api-call' | 'events' | 'media' | 'static';

function routeOf(pathname: string): Route {
  if (pathname === '/') return 'page';
  if (pathname.startsWith(API_CALL_PREFIX)) return 'api-call';
  if (pathname === EVENTS_PATH) return 'events';
  if (pathname.startsWith(MEDIA_PREFIX)) return 'media';
  return 'static';
}

export async function startHost(options: HostOptions): Promise<Host> {
  const settings = hostOptionsSchema.parse({
    rendererDir: options.rendererDir,
    port: options.port,
    host: options.host,
    maxBodyBytes: options.maxBodyBytes,
    heartbeatMs: options.heartbeatMs,
  });
  const { service, log } = options;
  const token = createToken();
  const files = await createStaticFiles(settings.rendererDir);
  const streams = createEventStreams(service, settings.heartbeatMs);
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const method = req.method ?? 'GET';
    // Only origin-form targets ("/path?query"); "//host/path" must not be read as another host.
    const target = req.url ?? '';
    let url: URL;
    try {
      if (!target.startsWith('/')) throw new Error('not origin-form');
      url = new URL(`http://${LOOPBACK}${target}`);
    } catch {
      return sendText(res, 400, 'Bad request.');
    }
    const route = routeOf(url.pathname);
    const queryToken = route === 'page' && method === 'GET' ? (url.searchParams.get('token') ?? undefined) : undefined;
    const verdict = checkRequest({ method, headers: req.headers, queryToken }, { port, token, cookieName: cookieName(port) });
    if (!verdict.ok) {
      const reason = verdict.status === 401 ? `${verdict.reason} Open the address that \`seedance-flow serve\` printed.` : verdict.reason;
      if (route === 'api-call') return sendJson(res, verdict.status, failure('forbidden', reason));
      return sendText(res, verdict.status, reason);
    }
    if (verdict.via === 'query') {
      // The token leaves the address bar at once: the cookie carries it from now on.
      res.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(cookieName(port), token), 'Cache-Control': 'no-store' });
      return void res.end();
    }
    const head = method === 'HEAD';
    switch (route) {
      case 'api-call':
        return serveApiCall({ service, maxBodyBytes: settings.maxBodyBytes, ...(log ? { log } : {}) }, req, res, url.pathname);
      case 'events':
        return streams.serve(req, res);
      case 'media':
        return serveMedia(service, req, res, url.pathname);
      case 'page':
      case 'static':
        if (method !== 'GET' && !head) return sendText(res, 405, 'Only GET and HEAD.', { Allow: 'GET, HEAD' });
        return files.serve({ pathname: url.pathname, head, headers: req.headers }, res);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log?.(`browser mode: a request failed: ${scrub(error instanceof Error ? error.message : String(error), [token, ...service.secrets()])}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error.');
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 0; // event streams stay open

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        files.close();
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
