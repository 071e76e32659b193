/**
 * The window's Content-Security-Policy (shared/api/csp.ts) as a response header for our own pages
 * (the dev server in development, where the HMR socket is allowed too).
 */
import type { Session } from 'electron';
import { CSP_DIRECTIVES, serializeCsp as serialize } from '../../shared/api/csp';
import { isAppUrl, type RendererLocation } from './renderer-location';

/** The policy for the window. In development the dev server's HMR socket is allowed too. */
export { CSP_DIRECTIVES };

export function contentSecurityPolicy(location: RendererLocation): string {
  if (location.kind !== 'dev') return serialize(CSP_DIRECTIVES);
  const socket = location.origin.replace(/^http/, 'ws');
  return serialize({ ...CSP_DIRECTIVES, 'connect-src': [...(CSP_DIRECTIVES['connect-src'] ?? []), socket] });
}

/** Directive name -> sources, for comparing policies. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** Response headers with our policy in place of any the server sent. */
export function withCspHeader(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

/** Sends the policy with every response for our own pages (responses for anything else pass untouched). */
export function installCspHeaders(session: Pick<Session, 'webRequest'>, location: RendererLocation): void {
  const policy = contentSecurityPolicy(location);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isAppUrl(details.url, location)) callback({ responseHeaders: withCspHeader(details.responseHeaders, policy) });
    else callback({});
  });
}
