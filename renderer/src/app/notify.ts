/**
 * A system notification when runs end while the window is in the background: the user started a
 * long run and went to another window. Only runs that took at least `NOTIFY_AFTER_MS` (a short
 * run ends while the user still looks), and only when the page is hidden or its window has no
 * focus. The page asks for the permission as the user starts a run (the desktop app grants it to
 * its own page only, electron/main/guards.ts; a browser asks the user once).
 */

/** How long a run must have taken for its end to be worth a notification. */
export const NOTIFY_AFTER_MS = 15_000;

export interface Notifier {
  /** The page is hidden or its window has no focus. */
  inBackground(): boolean;
  /** Shows a notification (clicking it brings the window forward); false when none may be shown. */
  show(title: string, body: string): boolean;
  /** Asks for the permission if it was never asked for. */
  ask(): void;
}

/** The web Notification API of this page (Electron's renderer and browsers alike). */
export function pageNotifier(): Notifier {
  const api = () => (typeof window !== 'undefined' && 'Notification' in window ? window.Notification : undefined);
  return {
    inBackground: () => document.hidden || !document.hasFocus(),
    show(title, body) {
      const Notice = api();
      if (Notice?.permission !== 'granted') return false;
      const shown = new Notice(title, { body });
      shown.onclick = () => {
        window.focus();
        shown.close();
      };
      return true;
    },
    ask() {
      const Notice = api();
      if (Notice?.permission === 'default') void Notice.requestPermission().catch(() => undefined);
    },
  };
}

/** Notifies that runs ended, when they took long and the window is in the background; whether it did. */
export function notifyRunsEnded(notifier: Notifier, ok: boolean, text: string, tookMs: number): boolean {
  if (tookMs < NOTIFY_AFTER_MS || !notifier.inBackground()) return false;
  return notifier.show(ok ? 'Seedance Flow: run finished' : 'Seedance Flow: run ended with problems', text);
}
