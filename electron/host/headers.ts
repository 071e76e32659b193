/**
 * Headers every browser-mode response carries, whatever the route: the same Content-Security-Policy
 * as the renderer's meta tag (a test keeps the two equal), no MIME sniffing, no referrer (the page
 * URL may have carried the token), no framing.
 */
import type { ServerResponse } from 'node:http';
import { serializeCsp } from '../../shared/api/csp';

export const CONTENT_SECURITY_POLICY = serializeCsp();

const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
