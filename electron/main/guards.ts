/**
 * What the page may not do, enforced by the main process whatever the page's code says:
 * - navigate or be redirected anywhere but the app's own page;
 * - open windows (http(s) links go to the system browser instead, nothing else goes anywhere);
 * - attach a <webview>;
 * - get any permission (camera, microphone, geolocation, HID, serial, USB, ...), but for the
 *   app's own page to show notifications (a long run ended while the window was in the background).
 * `installWebContentsGuards` is applied to every web contents the app creates
 * (`app.on('web-contents-created')`), not only to the main window.
 */
import type { Session, WebContents } from 'electron';

export interface GuardOptions {
  /** The app's own page (see renderer-location). */
  isAppUrl(url: string): boolean;
  /** Hands a URL to the system browser (shell.openExternal). */
  openExternal(url: string): Promise<void>;
  log?(message: string): void;
}

/** The URL if it is an http(s) URL the system browser may open; undefined for anything else. */
export function externalUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    if (parsed.username || parsed.password) return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}

function short(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function installWebContentsGuards(contents: GuardedContents, options: GuardOptions): void {
  const log = options.log ?? (() => undefined);
  const stayInApp = (event: { url: string; preventDefault(): void }, what: string) => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
    log(`Blocked ${what} to ${short(event.url)}`);
  };
  contents.on('will-navigate', (event) => stayInApp(event, 'navigation'));
  contents.on('will-redirect', (event) => stayInApp(event, 'redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrl(url);
    if (external) {
      options.openExternal(external).catch((error: unknown) => log(`Could not open ${short(external)}: ${String(error)}`));
    } else {
      log(`Blocked a new window for ${short(url)}`);
    }
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>');
  });
}

type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * Every permission request and check is answered "no", except notifications asked for by the
 * app's own page (`isAppUrl` on the URL that asks, or else on the page's).
 */
export function installSessionGuards(session: GuardedSession, isAppUrl: (url: string) => boolean): void {
  const ours = (url: string | undefined) => url !== undefined && url !== '' && isAppUrl(url);
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(permission === 'notifications' && ours(details.requestingUrl || contents.getURL())),
  );
  session.setPermissionCheckHandler((contents, permission, _origin, details) => permission === 'notifications' && ours(details.requestingUrl || contents?.getURL()));
  session.setDevicePermissionHandler(() => false);
}
