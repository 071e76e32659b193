/**
 * Names shared by the main process and the preload: the two IPC channels of the contract and the
 * media preview protocol. No `electron` import here, so the preload bundle can take it too.
 */

/** `ipcRenderer.invoke(CALL_CHANNEL, method, args)` resolves to the contract's `CallAnswer`. */
export const CALL_CHANNEL = 'seedance:call';
/** `webContents.send(EVENT_CHANNEL, eventName, payload)`: one channel for every contract event. */
export const EVENT_CHANNEL = 'seedance:event';

/**
 * `ipcRenderer.send(DROPPED_CHANNEL, path)`: the preload reports the path of a file dropped on the
 * window, which it read from the File itself (`webUtils.getPathForFile`); the page cannot send on
 * it. The main process then lets the window open that graph file by path.
 */
export const DROPPED_CHANNEL = 'seedance:dropped';

/** Serves only media files the service registered (imports and outputs), by opaque id. */
export { MEDIA_SCHEME } from '../../shared/api/csp';
import { MEDIA_SCHEME } from '../../shared/api/csp';
export const MEDIA_HOST = 'media';

/** Longest media id the preview URL accepts (ids are opaque, but never this long). */
export const MAX_MEDIA_ID_LENGTH = 512;

/** The preview URL of one media file: `seedance-media://media/<id>`. */
export function mediaUrl(mediaId: string): string {
  if (typeof mediaId !== 'string' || mediaId.length === 0 || mediaId.length > MAX_MEDIA_ID_LENGTH) {
    throw new TypeError('A media id is a non-empty string.');
  }
  return `${MEDIA_SCHEME}://${MEDIA_HOST}/${encodeURIComponent(mediaId)}`;
}
