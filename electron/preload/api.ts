/**
 * What the preload gives the page, built over Electron IPC (the `ipcRenderer` and `webUtils`
 * parts it needs are passed in, so this file is tested without Electron):
 * - `seedanceFlow`: the contract as one typed object (`createApiClient`): every method, and `on`
 *   for events, whose every subscription returns the function that removes just that listener;
 * - `seedanceMediaUrl(mediaId)`: the preview URL of a media file the Node side knows;
 * - `pathForFile(file)`: the path of a file dropped from the desktop (`webUtils.getPathForFile`),
 *   which is also reported to the main process (DROPPED_CHANNEL) so the window may open it by path;
 *   a File the page made itself has no path, and nothing is reported.
 * The page never sees `ipcRenderer` or an IPC event object, only payloads.
 */
import { createApiClient, type ApiTransport, type EventName, type SeedanceApi } from '../../shared/api';
import { CALL_CHANNEL, DROPPED_CHANNEL, EVENT_CHANNEL, mediaUrl } from '../main/channels';

/** The parts of `ipcRenderer` the bridge uses. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
}

export interface PreloadWebUtils {
  getPathForFile(file: File): string;
}

/** The globals the preload exposes on `window` (the renderer declares them from this type). */
export interface PreloadGlobals {
  seedanceFlow: SeedanceApi;
  seedanceMediaUrl(mediaId: string): string;
  pathForFile(file: File): string;
}

type Listener = (payload: unknown) => void;

/**
 * Events that may arrive before the page has subscribed (a graph file named on the command line is
 * sent as soon as the page has loaded, possibly before React's effects run): kept, a few at most,
 * and handed to the first subscriber.
 */
const HELD_UNTIL_SUBSCRIBED: ReadonlySet<EventName> = new Set<EventName>(['menu.command']);
const MAX_HELD = 8;

/** One IPC listener for every subscription; each subscription removes only its own listener. */
export function createIpcTransport(ipc: PreloadIpc): ApiTransport {
  const listeners = new Map<string, Set<Listener>>();
  const held = new Map<string, unknown[]>();
  ipc.on(EVENT_CHANNEL, (_event, name, payload) => {
    if (typeof name !== 'string') return;
    const set = listeners.get(name);
    if (set && set.size > 0) {
      for (const listener of [...set]) listener(payload);
    } else if (HELD_UNTIL_SUBSCRIBED.has(name as EventName)) {
      const queue = held.get(name) ?? [];
      queue.push(payload);
      held.set(name, queue.slice(-MAX_HELD));
    }
  });
  return {
    call: (method, args) => ipc.invoke(CALL_CHANNEL, method, args),
    subscribe(event, listener) {
      // Each subscription is its own entry, even if the same function subscribes twice.
      const own: Listener = (payload) => listener(payload);
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(own);
      listeners.set(event, set);
      const waiting = held.get(event);
      if (waiting) {
        held.delete(event);
        queueMicrotask(() => {
          for (const payload of waiting) if (set.has(own)) own(payload);
        });
      }
      return () => {
        set.delete(own);
      };
    },
  };
}

export function buildPreloadGlobals(ipc: PreloadIpc, webUtils: PreloadWebUtils): PreloadGlobals {
  return {
    seedanceFlow: createApiClient(createIpcTransport(ipc)),
    seedanceMediaUrl: (mediaId: string) => mediaUrl(mediaId),
    pathForFile: (file: File) => {
      const path = webUtils.getPathForFile(file);
      if (path) ipc.send(DROPPED_CHANNEL, path);
      return path;
    },
  };
}
