import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api';
import { CALL_CHANNEL, DROPPED_CHANNEL, EVENT_CHANNEL } from '../main/channels';
import { buildPreloadGlobals, createIpcTransport } from './api';

function fakeIpc() {
  const emitter = new EventEmitter();
  const ipc = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, result: { runs: [] } })),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener)),
    send: vi.fn((..._args: unknown[]) => undefined),
  };
  const send = (name: unknown, payload: unknown) => emitter.emit(EVENT_CHANNEL, { sender: 'ipc-event' }, name, payload);
  return { ipc, send, emitter };
}

const save = { command: 'save' } as const;

describe('preload API', () => {
  it('tells the main process the path of a file dropped on the window, read from the File itself (issue 8.6)', () => {
    const { ipc } = fakeIpc();
    const paths = new Map<File, string>();
    const dropped = new File(['{}'], 'dropped.seedance.json');
    paths.set(dropped, '/w/dropped.seedance.json');
    const { pathForFile } = buildPreloadGlobals(ipc, { getPathForFile: (file) => paths.get(file) ?? '' });
    expect(pathForFile(dropped)).toBe('/w/dropped.seedance.json');
    expect(ipc.send).toHaveBeenCalledWith(DROPPED_CHANNEL, '/w/dropped.seedance.json');
    // A File the page made itself has no path: nothing is reported.
    expect(pathForFile(new File(['x'], 'made-up.seedance.json'))).toBe('');
    expect(ipc.send).toHaveBeenCalledTimes(1);
  });

  it('calls a method over seedance:call and checks the answer', async () => {
    const { ipc } = fakeIpc();
    const { seedanceFlow } = buildPreloadGlobals(ipc, { getPathForFile: () => '' });
    expect(await seedanceFlow['runs.list']({})).toEqual({ runs: [] });
    expect(ipc.invoke).toHaveBeenCalledWith(CALL_CHANNEL, 'runs.list', {});
    ipc.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'bad-arguments', message: 'runs.list was called with bad arguments: limit' } });
    await expect(seedanceFlow['runs.list']({ limit: -1 })).rejects.toEqual(new ApiError('bad-arguments', 'runs.list was called with bad arguments: limit'));
    ipc.invoke.mockResolvedValueOnce({ ok: true, result: { runs: 'not a list' } });
    await expect(seedanceFlow['runs.list']({})).rejects.toMatchObject({ code: 'failed' });
  });

  it('uses one IPC listener however many subscriptions there are', () => {
    const { ipc, emitter } = fakeIpc();
    const { seedanceFlow } = buildPreloadGlobals(ipc, { getPathForFile: () => '' });
    for (let i = 0; i < 20; i++) seedanceFlow.on('menu.command', () => undefined);
    expect(emitter.listenerCount(EVENT_CHANNEL)).toBe(1);
  });

  it('delivers payloads (never the IPC event) and each unsubscribe removes only its own listener', () => {
    const { ipc, send } = fakeIpc();
    const { seedanceFlow } = buildPreloadGlobals(ipc, { getPathForFile: () => '' });
    const a = vi.fn();
    const b = vi.fn();
    const offA = seedanceFlow.on('menu.command', a);
    const offA2 = seedanceFlow.on('menu.command', a);
    seedanceFlow.on('menu.command', b);
    send('menu.command', save);
    expect(a).toHaveBeenCalledTimes(2);
    expect(a).toHaveBeenCalledWith(save);
    offA();
    send('menu.command', save);
    expect(a).toHaveBeenCalledTimes(3);
    expect(b).toHaveBeenCalledTimes(2);
    offA2();
    offA2();
    send('menu.command', save);
    expect(a).toHaveBeenCalledTimes(3);
    expect(b).toHaveBeenCalledTimes(3);
  });

  it('drops events that do not match the contract, and events for other names', () => {
    const { ipc, send } = fakeIpc();
    const { seedanceFlow } = buildPreloadGlobals(ipc, { getPathForFile: () => '' });
    const listener = vi.fn();
    seedanceFlow.on('settings.changed', listener);
    send('settings.changed', { concurrency: 'many' });
    send('menu.command', save);
    send(42, save);
    expect(listener).not.toHaveBeenCalled();
    expect(() => seedanceFlow.on('no.such.event' as 'menu.command', listener)).toThrow(ApiError);
  });

  it('hands an event the contract refuses to onInvalid, when given, and never to the listener', () => {
    const { ipc, send } = fakeIpc();
    const { seedanceFlow } = buildPreloadGlobals(ipc, { getPathForFile: () => '' });
    const listener = vi.fn();
    const onInvalid = vi.fn();
    seedanceFlow.on('menu.command', listener, onInvalid);
    send('menu.command', { command: 'frobnicate' });
    send('menu.command', save);
    expect(onInvalid.mock.calls).toEqual([[{ command: 'frobnicate' }]]);
    expect(listener.mock.calls).toEqual([[save]]);
  });

  it('holds a menu command that arrives before anyone listens, for the first subscriber', async () => {
    const { ipc, send } = fakeIpc();
    const transport = createIpcTransport(ipc);
    send('menu.command', { command: 'open' });
    send('settings.changed', {});
    const first = vi.fn();
    transport.subscribe('menu.command', first);
    const settings = vi.fn();
    transport.subscribe('settings.changed', settings);
    await Promise.resolve();
    expect(first).toHaveBeenCalledWith({ command: 'open' });
    const second = vi.fn();
    transport.subscribe('menu.command', second);
    await Promise.resolve();
    expect(second).not.toHaveBeenCalled();
    expect(settings).not.toHaveBeenCalled();
  });

  it('gives preview URLs for media ids and paths for dropped files', () => {
    const { ipc } = fakeIpc();
    const getPathForFile = vi.fn(() => '/home/u/clip.mp4');
    const globals = buildPreloadGlobals(ipc, { getPathForFile });
    expect(globals.seedanceMediaUrl('abc 1')).toBe('seedance-media://media/abc%201');
    expect(() => globals.seedanceMediaUrl('')).toThrow(TypeError);
    const file = { name: 'clip.mp4' } as File;
    expect(globals.pathForFile(file)).toBe('/home/u/clip.mp4');
    expect(getPathForFile).toHaveBeenCalledWith(file);
  });
});
