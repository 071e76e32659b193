/**
 * Browser mode's URL paths, in one place: the host (electron/host) serves them and the window's
 * HTTP transport calls them.
 */
export const BROWSER_PATHS = {
  /** `POST <call><method>`: one call through the contract. */
  call: '/api/call/',
  /** `GET`: every event, as server-sent events. */
  events: '/api/events',
  /** `GET <media><mediaId>`: a preview of a media file the Node side knows. */
  media: '/media/',
} as const;

/** The preview URL of a media file the Node side knows, in browser mode. */
export function browserMediaUrl(mediaId: string): string {
  return `${BROWSER_PATHS.media}${encodeURIComponent(mediaId)}`;
}
