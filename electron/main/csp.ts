/**
 * The window's Content-Security-Policy. The same policy is in renderer/index.html as a <meta> tag
 * (it covers the page loaded from file://, where no response headers exist) and is sent as a
 * response header for our own pages (the dev server in development). A test keeps the two equal.
 *
 * No eval, no inline script, no remote code: scripts come only from the app itself. Media and
 * image previews may come from `seedance-media:` (files the service registered) and blob:/data:.
 * Nothing may be framed, no form may post, and the page may connect only to its own origin.
 */
import type { Session } from 'electron';
import { MEDIA_SCHEME } from './channels';
import { isAppUrl, type RendererLocation } from './renderer-location';

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:', `${MEDIA_SCHEME}:`],
  'media-src': ["'self'", 'blob:', `${MEDIA_SCHEME}:`],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function serialize(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The policy for the window. In development the dev server's HMR socket is allowed too. */
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
