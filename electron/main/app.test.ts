import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiHandlers, EventName, EventOf } from '../../shared/api';
import { emptyGraph } from '../../shared/graph/schema';
import type { AppService, AppServiceOptions, EventListener } from '../service/types';
import { QUIT_WAIT_MS } from '../engine/runner/submits-in-flight';
import { DISPOSE_TIMEOUT_MS, startDesktopApp } from './app';
import { CALL_CHANNEL, DROPPED_CHANNEL, mediaUrl } from './channels';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, resetFakeElectron, safeStorage, session, shell } from './test-support/fake-electron';

vi.mock('electron', () => import('./test-support/fake-electron'));

const KEY = 'mlx-live-key-0123456789';

function fakeService(options: AppServiceOptions) {
  const listeners = new Set<EventListener>();
  const emitted: { event: EventName; payload: unknown }[] = [];
  const handlers = {
    'graph.recent': vi.fn(async () => ({ files: [{ path: '/w/recent.seedance.json', name: 'recent.seedance.json', openedAt: '2025-01-01T00:00:00Z' }] })),
    'graph.save': vi.fn(async () => ({ canceled: false, path: '/w/saved.seedance.json' })),
    'app.info': vi.fn(async () => ({ version: '1', mode: 'desktop', platform: 'linux', dataDir: options.dataDir, examplesDir: options.examplesDir ?? null })),
  } as unknown as ApiHandlers;
  const service = {
    options,
    emitted,
    handlers,
    subscribe: (listener: EventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: vi.fn(<E extends EventName>(event: E, payload: EventOf<E>) => {
      emitted.push({ event, payload });
      for (const listener of listeners) listener(event, payload);
    }),
    secrets: () => [KEY],
    mediaPath: vi.fn((id: string) => (id === 'known' ? media : undefined)),
    submitsInFlight: vi.fn(() => 0),
    dispose: vi.fn(async () => undefined),
  };
  return service;
}
type FakeService = ReturnType<typeof fakeService>;

const root = mkdtempSync(join(tmpdir(), 'seedance-app-'));
const media = join(root, 'clip.mp4');
writeFileSync(media, 'video bytes');
const graph = join(root, 'launch.seedance.json');
writeFileSync(graph, '{}');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function start(options: { argv?: string[]; env?: Record<string, string>; createAppService?: (o: AppServiceOptions) => AppService } = {}) {
  const dir = mkdtempSync(join(root, 'run-'));
  for (const name of ['userData', 'documents', 'videos']) mkdirSync(join(dir, name));
  app.paths = { userData: join(dir, 'userData'), documents: join(dir, 'documents'), videos: join(dir, 'videos') };
  let service: FakeService | undefined;
  const createAppService = vi.fn(
    options.createAppService ??
      ((o: AppServiceOptions) => {
        service = fakeService(o);
        return service as unknown as AppService;
      }),
  );
  const log = vi.fn();
  const desktop = startDesktopApp({ createAppService, mainDir: '/app/out/main', argv: options.argv ?? ['/usr/bin/electron', '.'], env: options.env ?? {}, cwd: root, log });
  return { desktop, createAppService, log, dir, service: () => service as FakeService };
}

async function started(options: Parameters<typeof start>[0] = {}) {
  const s = start(options);
  app.becomeReady();
  await s.desktop?.ready;
  const window = BrowserWindow.instances[0] as BrowserWindow;
  await vi.waitFor(() => expect(window.webContents.isLoading()).toBe(false));
  return { ...s, window };
}

function callFrom(window: BrowserWindow, method: string, args: unknown) {
  const handler = ipcMain.handlers.get(CALL_CHANNEL) as (...a: unknown[]) => Promise<unknown>;
  return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, method, args);
}

describe('desktop app lifecycle', () => {
  beforeEach(() => resetFakeElectron());

  it('a second instance hands over and quits before doing anything', () => {
    app.singleInstance = false;
    const s = start({ argv: ['/usr/bin/electron', '.', graph] });
    expect(s.desktop).toBeUndefined();
    expect(app.requestSingleInstanceLock).toHaveBeenCalledWith({ graphPath: graph });
    expect(app.quit).toHaveBeenCalled();
    app.becomeReady();
    expect(s.createAppService).not.toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('a packaged app refuses to start with a remote debugging switch', () => {
    app.isPackaged = true;
    app.switches.add('remote-debugging-port');
    expect(start().desktop).toBeUndefined();
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
  });

  it('on ready: hardens the session, builds the service, serves media, binds IPC, sets the menu and opens the window', async () => {
    const s = await started();
    const ses = session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalled();
    expect(ses.setPermissionCheckHandler).toHaveBeenCalled();
    expect(ses.webRequest.onHeadersReceived).toHaveBeenCalled();

    expect(s.createAppService).toHaveBeenCalledTimes(1);
    const options = s.createAppService.mock.calls[0]?.[0] as AppServiceOptions;
    expect(options).toMatchObject({ dataDir: join(s.dir, 'userData'), mode: 'desktop', version: '0.1.0-test', defaultOutDir: join(s.dir, 'videos', 'Seedance Flow') });
    expect(options.dialogs.native).toBe(true);

    const serve = protocol.handlers.get('seedance-media') as (r: Request) => Promise<Response>;
    expect(await (await serve(new Request(mediaUrl('known')))).text()).toBe('video bytes');
    expect((await serve(new Request(mediaUrl('other')))).status).toBe(404);

    expect(await callFrom(s.window, 'app.info', {})).toMatchObject({ ok: true, result: { mode: 'desktop' } });
    const stranger = new BrowserWindow({});
    expect(await callFrom(stranger, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(Menu.setApplicationMenu).toHaveBeenCalled();
    expect(JSON.stringify(Menu.current?.template)).toContain('recent.seedance.json');

    expect(s.window.options.webPreferences).toMatchObject({ preload: '/app/out/preload/index.cjs', sandbox: true, contextIsolation: true });
    expect(s.window.loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html');
  });

  it('gives the service the environment, so MODELLIX_BASE_URL decides where runs go (issue 8.4)', async () => {
    const env = { MODELLIX_BASE_URL: 'http://127.0.0.1:8977', MODELLIX_API_KEY: KEY };
    const s = await started({ env });
    const options = s.createAppService.mock.calls[0]?.[0] as AppServiceOptions;
    expect(options.env).toEqual(env);
    expect(options.keyStore.get()).toEqual({ key: KEY, origin: 'http://127.0.0.1:8977' });
  });

  it('asks about sending the key elsewhere with a native dialog from the main process (issue 8.5)', async () => {
    const s = await started();
    const { dialogs } = s.createAppService.mock.calls[0]?.[0] as AppServiceOptions;
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await dialogs.confirmKeyOrigin({ boundTo: 'https://api.modellix.ai', target: 'https://elsewhere.example' })).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledWith(s.window, expect.objectContaining({ message: expect.stringContaining('https://elsewhere.example') }));
  });

  it('lets the window name by path only graph files the user chose outside the page (issue 8.6)', async () => {
    const s = await started({ argv: ['/usr/bin/electron', '.', graph] });
    const { graphPaths } = s.createAppService.mock.calls[0]?.[0] as AppServiceOptions;
    expect(graphPaths.allows(graph)).toBe(true);
    expect(graphPaths.allows(join(root, 'never-chosen.seedance.json'))).toBe(false);

    const second = join(root, 'second.seedance.json');
    writeFileSync(second, '{}');
    app.fire('second-instance', {}, ['/opt/seedance-flow'], '/elsewhere', { graphPath: second });
    expect(graphPaths.allows(second)).toBe(true);
    app.fire('open-file', {}, '/w/from-the-finder.seedance.json');
    expect(graphPaths.allows('/w/from-the-finder.seedance.json')).toBe(true);

    // A file dropped on the window: the preload reports the path it read from the File itself.
    const dropped = ipcMain.listeners.get(DROPPED_CHANNEL) as (...a: unknown[]) => void;
    dropped({ sender: s.window.webContents, senderFrame: s.window.webContents.mainFrame }, '/w/dropped.seedance.json');
    expect(graphPaths.allows('/w/dropped.seedance.json')).toBe(true);
    const stranger = new BrowserWindow({});
    dropped({ sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame }, '/w/forged.seedance.json');
    dropped({ sender: s.window.webContents, senderFrame: s.window.webContents.mainFrame }, { path: '/w/object.seedance.json' });
    expect(graphPaths.allows('/w/forged.seedance.json')).toBe(false);
    expect(graphPaths.allows('/w/object.seedance.json')).toBe(false);
  });

  it('guards every web contents it creates', async () => {
    const s = await started();
    const event = s.window.webContents.fire('will-navigate', { url: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
    expect(s.window.webContents.windowOpenHandler?.({ url: 'https://docs.modellix.ai/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.modellix.ai/');
    expect(s.window.webContents.fire('will-attach-webview').defaultPrevented).toBe(true);
  });

  it('keeps the key for the session only when the OS cannot encrypt', async () => {
    safeStorage.available = false;
    const s = await started();
    const { keyStore } = s.createAppService.mock.calls[0]?.[0] as AppServiceOptions;
    expect(keyStore.status()).toMatchObject({ encryptionAvailable: false, source: 'none' });
    expect(await keyStore.set(KEY, { allowPlainText: false, origin: 'https://api.modellix.ai' })).toMatchObject({ source: 'session' });
  });

  it('uses OS encryption when there is a keyring', async () => {
    const s = await started();
    const { keyStore } = s.createAppService.mock.calls[0]?.[0] as AppServiceOptions;
    expect(await keyStore.set(KEY, { allowPlainText: false, origin: 'https://api.modellix.ai' })).toMatchObject({ source: 'encrypted' });
    expect(safeStorage.encryptString).toHaveBeenCalledWith(JSON.stringify({ v: 1, key: KEY, origin: 'https://api.modellix.ai' }));
  });

  it('asks the window to open a graph named on the command line once its page has loaded', async () => {
    const s = await started({ argv: ['/usr/bin/electron', '.', graph] });
    expect(s.service().emitted).toContainEqual({ event: 'menu.command', payload: { command: 'open', path: graph } });
  });

  it('a second launch focuses the window and opens the file it was given', async () => {
    const s = await started();
    s.window.minimized = true;
    app.fire('second-instance', {}, ['/opt/seedance-flow', 'ignored.json'], '/elsewhere', { graphPath: graph });
    expect(s.window.restore).toHaveBeenCalled();
    expect(s.window.focus).toHaveBeenCalled();
    expect(s.service().emitted).toContainEqual({ event: 'menu.command', payload: { command: 'open', path: graph } });
    app.fire('second-instance', {}, ['/opt/seedance-flow'], '/elsewhere', {});
    expect(s.window.focus).toHaveBeenCalledTimes(2);
  });

  it('sends menu commands to the window', async () => {
    const s = await started();
    const file = (Menu.current?.template as { submenu: { label?: string; click?: () => void }[] }[])[0];
    file?.submenu.find((i) => i.label === 'New')?.click?.();
    expect(s.service().emitted).toContainEqual({ event: 'menu.command', payload: { command: 'new' } });
    const recent = file?.submenu.find((i) => i.label === 'Open Recent') as unknown as { submenu: { click(): void }[] };
    recent.submenu[0]?.click();
    expect(s.service().emitted).toContainEqual({ event: 'menu.command', payload: { command: 'open', path: '/w/recent.seedance.json' } });
  });

  it('after a save, adds the file to the OS recent documents and rebuilds the menu', async () => {
    const s = await started();
    const before = Menu.setApplicationMenu.mock.calls.length;
    const refused = await callFrom(s.window, 'graph.save', { graph: { not: 'a graph' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    expect(app.addRecentDocument).not.toHaveBeenCalled();
    const answer = await callFrom(s.window, 'graph.save', { path: '/w/saved.seedance.json', graph: emptyGraph('demo') });
    expect(answer).toEqual({ ok: true, result: { canceled: false, path: '/w/saved.seedance.json' } });
    expect(app.addRecentDocument).toHaveBeenCalledWith('/w/saved.seedance.json');
    await vi.waitFor(() => expect(Menu.setApplicationMenu.mock.calls.length).toBeGreaterThan(before));
  });

  it('quits only after the service has cancelled runs and released the ledger', async () => {
    const s = await started();
    const quitted = vi.fn();
    app.on('quitted', quitted);
    app.quit();
    expect(quitted).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(quitted).toHaveBeenCalledTimes(1));
    expect(s.service().dispose).toHaveBeenCalledTimes(1);
  });

  it('quitting with submits in flight tells the window it waits for their answers', async () => {
    const s = await started();
    s.service().submitsInFlight.mockReturnValue(2);
    const quitted = vi.fn();
    app.on('quitted', quitted);
    app.quit();
    await vi.waitFor(() => expect(quitted).toHaveBeenCalledTimes(1));
    expect(s.service().emitted).toContainEqual({ event: 'app.quitting', payload: { submits: 2, waitMs: QUIT_WAIT_MS } });
    expect(DISPOSE_TIMEOUT_MS).toBeGreaterThan(QUIT_WAIT_MS);
  });

  it('quits when the last window closes (except on macOS)', async () => {
    const s = await started();
    s.window.close();
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
  });

  it('reports a failed start and exits', async () => {
    const s = start({
      createAppService: () => {
        throw new Error('ledger is locked by another process');
      },
    });
    app.becomeReady();
    await s.desktop?.ready;
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Seedance Flow could not start', 'ledger is locked by another process');
    expect(app.exit).toHaveBeenCalledWith(1);
  });
});
