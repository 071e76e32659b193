/**
 * Where the window's page comes from, and which URLs count as "ours". A packaged app only ever
 * loads its own `out/renderer/index.html`; the Vite dev server (ELECTRON_RENDERER_URL, set by
 * `electron-vite dev`) is honoured only in an unpackaged app and only on a loopback address, so
 * an environment variable can never point a shipped app, preload and all, at a remote page.
 */
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RendererLocation =
  | { kind: 'file'; indexPath: string }
  | { kind: 'dev'; url: string; origin: string };

export interface RendererLocationOptions {
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, when electron-vite's dev server runs. */
  devServerUrl?: string | undefined;
  /** The folder of the built main script (out/main). */
  mainDir: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function rendererLocation(options: RendererLocationOptions): RendererLocation {
  if (!options.isPackaged && options.devServerUrl) {
    const url = parseUrl(options.devServerUrl);
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) {
      return { kind: 'dev', url: url.href, origin: url.origin };
    }
  }
  return { kind: 'file', indexPath: resolve(options.mainDir, '..', 'renderer', 'index.html') };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function samePath(a: string, b: string): boolean {
  return sep === '\\' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Whether `url` is the app's own page (any query or fragment): the only place the window may be. */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (location.kind === 'dev') return parsed.origin === location.origin;
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  try {
    return samePath(resolve(fileURLToPath(parsed)), location.indexPath);
  } catch {
    return false;
  }
}
