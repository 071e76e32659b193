import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { externalUrl, installSessionGuards, installWebContentsGuards } from './guards';

const APP = 'file:///app/out/renderer/index.html';

function contents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const fake = {
    on: (name: string, listener: (...args: unknown[]) => void) => emitter.on(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const fire = (name: string, url: string) => {
    const event = { url, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    emitter.emit(name, event, url);
    return event.defaultPrevented;
  };
  return { fake, fire, open: (url: string) => openHandler?.({ url }) };
}

function guarded() {
  const c = contents();
  const openExternal = vi.fn(async (_url: string) => undefined);
  const log = vi.fn();
  installWebContentsGuards(c.fake as never, { isAppUrl: (url) => url.startsWith(APP), openExternal, log });
  return { ...c, openExternal, log };
}

describe('navigation guard', () => {
  it('lets the page reload or move within itself', () => {
    const c = guarded();
    expect(c.fire('will-navigate', APP)).toBe(false);
    expect(c.fire('will-navigate', `${APP}#/settings`)).toBe(false);
  });

  it('blocks navigation and redirects anywhere else', () => {
    const c = guarded();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'seedance-media://media/x', 'javascript:alert(1)', 'data:text/html,hi']) {
      expect(c.fire('will-navigate', url), url).toBe(true);
      expect(c.fire('will-redirect', url), url).toBe(true);
    }
    expect(c.openExternal).not.toHaveBeenCalled();
    expect(c.log).toHaveBeenCalledWith(expect.stringContaining('Blocked navigation'));
  });

  it('prevents <webview> from attaching', () => {
    const c = guarded();
    expect(c.fire('will-attach-webview', 'about:blank')).toBe(true);
  });
});

describe('window.open', () => {
  it('is always denied; http(s) links open in the system browser', () => {
    const c = guarded();
    expect(c.open('https://docs.modellix.ai/')).toEqual({ action: 'deny' });
    expect(c.openExternal).toHaveBeenCalledWith('https://docs.modellix.ai/');
  });

  it('sends nothing else anywhere', () => {
    const c = guarded();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', APP, 'https://user:pw@example.com/', 'nonsense']) {
      expect(c.open(url), url).toEqual({ action: 'deny' });
    }
    expect(c.openExternal).not.toHaveBeenCalled();
  });

  it('survives the system browser failing', async () => {
    const c = guarded();
    c.openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(c.log).toHaveBeenCalledWith(expect.stringContaining('no browser')));
  });

  it('externalUrl accepts only plain http(s) URLs', () => {
    expect(externalUrl('http://example.com')).toBe('http://example.com/');
    expect(externalUrl('HTTPS://Example.com/a?b#c')).toBe('https://example.com/a?b#c');
    expect(externalUrl('file:///x')).toBeUndefined();
    expect(externalUrl('https://a:b@example.com')).toBeUndefined();
  });
});

describe('permissions', () => {
  const APP = 'file:///app/out/renderer/index.html';
  function guarded() {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    installSessionGuards(
      {
        setPermissionRequestHandler: (h: never) => (handlers.request = h),
        setPermissionCheckHandler: (h: never) => (handlers.check = h),
        setDevicePermissionHandler: (h: never) => (handlers.device = h),
      } as never,
      (url) => url === APP,
    );
    return handlers;
  }
  const page = (url: string) => ({ getURL: () => url });

  it('answers every request and check with no, from any page', () => {
    const handlers = guarded();
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      for (const url of [APP, 'https://example.com/']) {
        const callback = vi.fn();
        handlers.request?.(page(url), permission, callback, { requestingUrl: url });
        expect(callback, permission).toHaveBeenCalledWith(false);
        expect(handlers.check?.(page(url), permission, 'file://', { requestingUrl: url }), permission).toBe(false);
      }
    }
    expect(handlers.device?.({ deviceType: 'usb' })).toBe(false);
  });

  it('lets only the app page show notifications', () => {
    const handlers = guarded();
    const yes = vi.fn();
    handlers.request?.(page(APP), 'notifications', yes, { requestingUrl: APP });
    expect(yes).toHaveBeenCalledWith(true);
    expect(handlers.check?.(page(APP), 'notifications', 'file://', {})).toBe(true);
    const no = vi.fn();
    handlers.request?.(page(APP), 'notifications', no, { requestingUrl: 'https://example.com/frame' });
    expect(no).toHaveBeenCalledWith(false);
    expect(handlers.check?.(page('https://example.com/'), 'notifications', 'https://example.com', {})).toBe(false);
    expect(handlers.check?.(null, 'notifications', 'file://', {})).toBe(false);
  });
});
