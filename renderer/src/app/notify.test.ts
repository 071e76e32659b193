// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOTIFY_AFTER_MS, notifyRunsEnded, pageNotifier, type Notifier } from './notify';

function fakeNotifier(background: boolean): Notifier & { shown: [string, string][] } {
  const shown: [string, string][] = [];
  return { shown, inBackground: () => background, show: (title, body) => (shown.push([title, body]), true), ask: () => undefined };
}

afterEach(() => vi.unstubAllGlobals());

describe('notifyRunsEnded', () => {
  it('notifies only for a long run that ended while the window was in the background', () => {
    const away = fakeNotifier(true);
    expect(notifyRunsEnded(away, true, 'Run finished: 3 succeeded.', NOTIFY_AFTER_MS)).toBe(true);
    expect(notifyRunsEnded(away, false, 'Run finished: 1 failed.', NOTIFY_AFTER_MS * 4)).toBe(true);
    expect(away.shown).toEqual([
      ['Seedance Flow: run finished', 'Run finished: 3 succeeded.'],
      ['Seedance Flow: run ended with problems', 'Run finished: 1 failed.'],
    ]);
    expect(notifyRunsEnded(away, true, 'short', NOTIFY_AFTER_MS - 1)).toBe(false);
    const here = fakeNotifier(false);
    expect(notifyRunsEnded(here, true, 'long', NOTIFY_AFTER_MS * 10)).toBe(false);
    expect(here.shown).toEqual([]);
  });
});

describe('pageNotifier', () => {
  it('shows a web notification only with the permission, asks only once, and a click brings the window forward', () => {
    const made: { title: string; body?: string; onclick: (() => void) | null; close: () => void }[] = [];
    const requestPermission = vi.fn(async () => 'granted');
    class FakeNotification {
      static permission = 'default';
      static requestPermission = requestPermission;
      onclick: (() => void) | null = null;
      close = vi.fn();
      constructor(
        readonly title: string,
        options?: { body?: string },
      ) {
        made.push(Object.assign(this, { body: options?.body }));
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    const notifier = pageNotifier();
    expect(notifier.show('t', 'b')).toBe(false);
    notifier.ask();
    expect(requestPermission).toHaveBeenCalledTimes(1);
    FakeNotification.permission = 'granted';
    notifier.ask();
    expect(requestPermission).toHaveBeenCalledTimes(1);
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    expect(notifier.show('Seedance Flow: run finished', 'Run finished: 1 succeeded.')).toBe(true);
    expect(made.map((n) => [n.title, n.body])).toEqual([['Seedance Flow: run finished', 'Run finished: 1 succeeded.']]);
    made[0]?.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(made[0]?.close).toHaveBeenCalled();
  });
});
