import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type ApiHandlers, type CallAnswer } from '../../shared/api';
import type { EventListener } from '../service/types';
import { CALL_CHANNEL, DROPPED_CHANNEL, EVENT_CHANNEL } from './channels';
import { bindIpc, createCallHandler, FORBIDDEN_ANSWER, forwardEvents, isTrustedSender, type IpcBindingOptions } from './ipc';

const APP = 'file:///app/out/renderer/index.html';
const KEY = 'mlx-secret-key-123456';

function handlers(): ApiHandlers {
  const out: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) out[method] = vi.fn(async () => ({ unexpected: true }));
  out['app.info'] = vi.fn(async () => ({ version: '1', mode: 'desktop', platform: 'linux', dataDir: '/d', examplesDir: null }));
  out['runs.list'] = vi.fn(async () => ({ runs: [] }));
  out['key.status'] = vi.fn(async () => ({ present: true, source: 'env', encryptionAvailable: true, note: `key ${KEY}` }));
  return out as unknown as ApiHandlers;
}

function setup() {
  const webContents = { send: vi.fn(), isDestroyed: () => false };
  const window = { isDestroyed: () => false, webContents };
  const listeners = new Set<EventListener>();
  const service = {
    handlers: handlers(),
    secrets: () => [KEY],
    subscribe: (listener: EventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const log = vi.fn();
  const afterCall = vi.fn();
  const options: IpcBindingOptions = { ipcMain: { handle: vi.fn(), removeHandler: vi.fn(), on: vi.fn(), removeListener: vi.fn() }, service, getWindow: () => window, isAppUrl: (u) => u.startsWith(APP), log, afterCall };
  const call = createCallHandler(options);
  const event = { sender: webContents, senderFrame: { parent: null, url: APP } };
  const emit: EventListener = (name, payload) => {
    for (const listener of listeners) listener(name, payload);
  };
  return { window, webContents, service, options, call, event, log, afterCall, emit, listeners };
}

const calledHandlers = (h: ApiHandlers) => Object.values(h).filter((fn) => (fn as ReturnType<typeof vi.fn>).mock.calls.length > 0);

describe('IPC call binding', () => {
  it('answers a well-formed call from our window through the contract', async () => {
    const s = setup();
    const answer = await s.call(s.event as never, 'runs.list', {});
    expect(answer).toEqual({ ok: true, result: { runs: [] } });
    expect(s.service.handlers['runs.list']).toHaveBeenCalledWith({ limit: 100 });
    expect(s.afterCall).toHaveBeenCalledWith('runs.list', answer);
  });

  it.each(METHOD_NAMES)('rejects malformed arguments for %s with a clear bad-arguments error', async (method) => {
    const s = setup();
    for (const args of [42, 'text', [1, 2], { notAField: true }]) {
      const answer = (await s.call(s.event as never, method, args)) as Extract<CallAnswer, { ok: false }>;
      expect(answer.ok, JSON.stringify(args)).toBe(false);
      expect(answer.error.code).toBe('bad-arguments');
      expect(answer.error.message).toContain(`${method} was called with bad arguments`);
    }
    expect(calledHandlers(s.service.handlers)).toEqual([]);
  });

  it('rejects an unknown method', async () => {
    const s = setup();
    const answer = await s.call(s.event as never, 'fs.readFile', { path: '/etc/passwd' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('never returns an answer that contains the API key', async () => {
    const s = setup();
    const answer = await s.call(s.event as never, 'key.status', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(JSON.stringify(answer)).not.toContain(KEY);
  });

  it('refuses calls from any other sender, frame or page', async () => {
    const s = setup();
    const foreign = [
      { sender: { send: vi.fn(), isDestroyed: () => false }, senderFrame: { parent: null, url: APP } },
      { sender: s.webContents, senderFrame: { parent: { url: APP }, url: APP } },
      { sender: s.webContents, senderFrame: { parent: null, url: 'https://evil.example/' } },
      { sender: s.webContents, senderFrame: null },
      {
        sender: s.webContents,
        get senderFrame(): never {
          throw new Error('frame gone');
        },
      },
    ];
    for (const event of foreign) {
      expect(await s.call(event as never, 'app.info', {})).toEqual(FORBIDDEN_ANSWER);
    }
    expect(calledHandlers(s.service.handlers)).toEqual([]);
    expect(s.log).toHaveBeenCalledWith(expect.stringContaining('Refused a app.info call'));
  });

  it('refuses every call when the window is gone', async () => {
    const s = setup();
    expect(isTrustedSender(s.event as never, undefined, () => true)).toBe(false);
    expect(isTrustedSender(s.event as never, { ...s.window, isDestroyed: () => true } as never, () => true)).toBe(false);
    expect(isTrustedSender(s.event as never, s.window as never, () => true)).toBe(true);
  });

  it('binds the call channel and unbinds it', () => {
    const s = setup();
    const unbind = bindIpc(s.options);
    expect(s.options.ipcMain.handle).toHaveBeenCalledWith(CALL_CHANNEL, expect.any(Function));
    expect(s.options.ipcMain.on).toHaveBeenCalledWith(DROPPED_CHANNEL, expect.any(Function));
    expect(s.listeners.size).toBe(1);
    unbind();
    expect(s.options.ipcMain.removeHandler).toHaveBeenCalledWith(CALL_CHANNEL);
    expect(s.options.ipcMain.removeListener).toHaveBeenCalledWith(DROPPED_CHANNEL, vi.mocked(s.options.ipcMain.on).mock.calls[0]?.[1]);
    expect(s.listeners.size).toBe(0);
  });
});

describe('event forwarding', () => {
  it('sends every service event to the window on one channel', () => {
    const s = setup();
    forwardEvents(s.options);
    s.emit('menu.command', { command: 'save' });
    expect(s.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'menu.command', { command: 'save' });
  });

  it('drops an event that would carry the key, and sends nothing to a closed window', () => {
    const s = setup();
    forwardEvents(s.options);
    s.emit('key.changed', { present: true, source: 'session', encryptionAvailable: false, note: `it is ${KEY}` });
    expect(s.webContents.send).not.toHaveBeenCalled();
    s.webContents.isDestroyed = () => true;
    s.emit('menu.command', { command: 'save' });
    expect(s.webContents.send).not.toHaveBeenCalled();
  });
});
