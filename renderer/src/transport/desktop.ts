/**
 * The desktop preload's bridge, when the page runs inside the Electron window: `window.seedanceFlow`
 * (the finished API: every method and `on`; a bare transport, `call` + `subscribe`, is taken too)
 * and `window.seedanceMediaUrl` (preview URLs on the app's media protocol). Anything else is not
 * a bridge, and browser mode's HTTP transport is used. `window.pathForFile` gives the path of a
 * file dropped from the desktop.
 */
import { METHOD_NAMES, type ApiTransport, type SeedanceApi } from '../../../shared/api';

export interface DesktopBridge {
  transport?: ApiTransport;
  api?: SeedanceApi;
  mediaUrl?: (mediaId: string) => string;
}

const isFunction = (value: unknown): value is (...args: never[]) => unknown => typeof value === 'function';

function field(value: object, name: string): unknown {
  return (value as Record<string, unknown>)[name];
}

export function findDesktopBridge(scope: object): DesktopBridge | undefined {
  const bridge = field(scope, 'seedanceFlow');
  if (typeof bridge !== 'object' || bridge === null) return undefined;
  const mediaUrl = field(scope, 'seedanceMediaUrl');
  const extra = isFunction(mediaUrl) ? { mediaUrl: mediaUrl as (mediaId: string) => string } : {};
  if (isFunction(field(bridge, 'call')) && isFunction(field(bridge, 'subscribe'))) return { transport: bridge as ApiTransport, ...extra };
  if (isFunction(field(bridge, 'on')) && METHOD_NAMES.every((m) => isFunction(field(bridge, m)))) return { api: bridge as SeedanceApi, ...extra };
  return undefined;
}

/** The preload's `window.pathForFile` (webUtils.getPathForFile), when the desktop app provides it. */
export function desktopPathForFile(file: File): string | undefined {
  const pathForFile = (globalThis as { pathForFile?: (file: File) => string }).pathForFile;
  if (typeof pathForFile !== 'function') return undefined;
  try {
    const path = pathForFile(file);
    return path ? path : undefined;
  } catch {
    return undefined;
  }
}
