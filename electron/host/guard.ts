/**
 * The checks every request passes before any route runs, in this order:
 * 1. `Host` must be `127.0.0.1:<port>` or `localhost:<port>` (a rebound DNS name is refused: 403);
 * 2. `Origin`, when present, must be the origin the page was served from (403 otherwise);
 * 3. the token, from `Authorization: Bearer`, the session cookie, or `?token=` when the page is
 *    first opened (401 otherwise), compared in constant time.
 * A request that changes something (not GET/HEAD) on the strength of the cookie alone must also
 * carry our `Origin` (403 otherwise); with the token in `Authorization` (a script, curl) it need not.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { readCookie } from './cookie';
import { sameToken } from './token';

export interface GuardSettings {
  port: number;
  token: string;
  cookieName: string;
}

export interface GuardRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** `?token=` of the page URL; only offered for `GET /`. */
  queryToken?: string | undefined;
}

export type Verdict =
  | { ok: true; via: 'bearer' | 'cookie' | 'query' }
  | { ok: false; status: 401 | 403; reason: string };

const READ_ONLY = new Set(['GET', 'HEAD']);

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function bearerOf(headers: IncomingHttpHeaders): string | undefined | null {
  const header = single(headers.authorization);
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header.trim());
  return match?.[1] ?? null;
}

export function checkRequest(request: GuardRequest, settings: GuardSettings): Verdict {
  const host = single(request.headers.host)?.toLowerCase();
  if (host === undefined || !allowedHosts(settings.port).includes(host)) {
    return { ok: false, status: 403, reason: 'This server only answers requests addressed to 127.0.0.1 on its own port.' };
  }

  const origin = single(request.headers.origin);
  if (origin !== undefined && origin !== `http://${host}`) {
    return { ok: false, status: 403, reason: 'Requests from other sites are refused.' };
  }

  const bearer = bearerOf(request.headers);
  if (bearer === null || (bearer !== undefined && !sameToken(bearer, settings.token))) {
    return { ok: false, status: 401, reason: 'The access token is wrong.' };
  }
  if (bearer !== undefined) return { ok: true, via: 'bearer' };

  if (request.queryToken !== undefined) {
    return sameToken(request.queryToken, settings.token)
      ? { ok: true, via: 'query' }
      : { ok: false, status: 401, reason: 'The access token is wrong.' };
  }
  const cookie = readCookie(single(request.headers.cookie), settings.cookieName);
  if (cookie === undefined) return { ok: false, status: 401, reason: 'The access token is missing.' };
  if (!sameToken(cookie, settings.token)) return { ok: false, status: 401, reason: 'The access token is wrong.' };
  if (origin === undefined && !READ_ONLY.has(request.method)) {
    return { ok: false, status: 403, reason: "A request that changes something must come from the app's own page." };
  }
  return { ok: true, via: 'cookie' };
}
