/**
 * How long a browser may keep a file of the built renderer. Vite names what it emits under
 * `assets/` after its content (`index-B1x2y3z4.js`): such a file never changes, so it is kept a
 * year without asking. Everything else (index.html above all, which names those files) is
 * revalidated on every use with its ETag, so a rebuild shows up on the next reload.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** `assets/<name>-<hash>.<ext>`, the hash being Vite's 8 or more URL-safe base64 characters. */
const HASHED_ASSET = /^assets\/(?:[^/]+\/)*[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

/** Whether a path relative to the renderer folder (with `/`) is a content-hashed asset. */
export function isHashedAsset(relativePath: string): boolean {
  return HASHED_ASSET.test(relativePath);
}

export function cacheControlFor(relativePath: string): string {
  return isHashedAsset(relativePath) ? IMMUTABLE : REVALIDATE;
}
