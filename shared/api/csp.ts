/**
 * The window's Content-Security-Policy, one definition for every place that sends it: the Electron
 * main process (a response header), browser mode (a response header) and renderer/index.html (a
 * <meta> tag for the page loaded from file://; tests keep it equal to this).
 *
 * No eval, no inline script, no remote code. Previews may come from `seedance-media:` (files the
 * service registered, desktop) or the page's own origin (browser mode), and blob:/data:. Nothing may
 * be framed, no form may post, and the page may connect only to its own origin.
 */

/** The desktop app's scheme for previews of imported media and outputs. */
export const MEDIA_SCHEME = 'seedance-media';

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

export function serializeCsp(directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}
