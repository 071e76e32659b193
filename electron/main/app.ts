/**
 * The desktop app's lifecycle: one instance (a second launch focuses the first and hands it the
 * graph file it was given), the app service with safeStorage-backed key storage and native
 * dialogs, the media preview protocol, the IPC binding of the contract, the menu, the window,
 * and an orderly quit (runs cancelled and the ledger released before the process ends).
 */
import { join } from 'node:path';
import { app, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell, type BrowserWindow } from 'electron';
import type { CallAnswer, EventOf, MethodName } from '../../shared/api';
import { QUIT_WAIT_MS } from '../engine/runner/submits-in-flight';
import { findExamplesDir } from '../service/examples-dir';
import { createChosenPaths } from '../service/chosen-paths';
import { createKeyStore } from '../service/key-store';
import type { AppService, AppServiceOptions } from '../service/types';
import { MEDIA_SCHEME } from './channels';
import { installCspHeaders } from './csp';
import { createNativeDialogs } from './dialogs';
import { installSessionGuards, installWebContentsGuards } from './guards';
import { bindIpc } from './ipc';
import { graphPathFromArgv, graphPathFromInstanceData, type SecondInstanceData } from './launch-args';
import { createMediaHandler } from './media-protocol';
import { buildMenuTemplate, type MenuCommand, type RecentFile } from './menu';
import { isAppUrl, rendererLocation } from './renderer-location';
import { safeStorageEncryption } from './safe-storage';
import { createMainWindow, focusWindow, type MainWindow } from './window';
import { windowStatePath } from './window-state';

export const APP_USER_MODEL_ID = 'dev.seedanceflow.app';

/** Switches that would open the app to a debugger; a packaged app refuses to start with them. */
const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'inspect', 'inspect-brk', 'inspect-port'];

/** How long quitting waits for the service to cancel runs, hear back from submits already sent and release the ledger. */
export const DISPOSE_TIMEOUT_MS = QUIT_WAIT_MS + 5_000;

export interface DesktopAppOptions {
  createAppService(options: AppServiceOptions): AppService;
  /** The folder of the built main script (out/main): the preload and the page are found from it. */
  mainDir: string;
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  log?(message: string): void;
}

export interface DesktopApp {
  /** Settles once the window is open (or start-up failed and the app is exiting). */
  ready: Promise<void>;
  service(): AppService | undefined;
  window(): BrowserWindow | undefined;
  /** Asks the window to open a graph file (recent files, a second launch, a file the OS opens). */
  requestOpen(path: string): void;
}

/** The `menu.command` that asks the window to open one file. */
function openFileCommand(path: string): EventOf<'menu.command'> {
  return { command: 'open', path };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function startDesktopApp(options: DesktopAppOptions): DesktopApp | undefined {
  const env = options.env ?? process.env;
  const log = options.log ?? ((message: string) => console.warn(`[seedance-flow] ${message}`));
  const argv = options.argv ?? process.argv;
  const cwd = options.cwd ?? process.cwd();

  if (app.isPackaged && DEBUG_SWITCHES.some((name) => app.commandLine.hasSwitch(name))) {
    log('Refusing to start with a debugging switch.');
    app.exit(1);
    return undefined;
  }

  const launchPath = graphPathFromArgv(argv.slice(app.isPackaged ? 1 : 2), cwd);
  /** Graph files the user named outside the page: the window may open or save them by path. */
  const graphPaths = createChosenPaths();
  if (launchPath) graphPaths.grant(launchPath);
  const instanceData: SecondInstanceData = launchPath ? { graphPath: launchPath } : {};
  if (!app.requestSingleInstanceLock(instanceData)) {
    app.quit();
    return undefined;
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const location = rendererLocation({ isPackaged: app.isPackaged, devServerUrl: env.ELECTRON_RENDERER_URL, mainDir: options.mainDir });
  const isOurs = (url: string) => isAppUrl(url, location);
  const preloadPath = join(options.mainDir, '..', 'preload', 'index.cjs');
  const openExternal = (url: string) => shell.openExternal(url);

  let service: AppService | undefined;
  let main: MainWindow | undefined;
  let rendererReady = false;
  let dataDir = '';
  /** Commands for the window that wait until its page has loaded. */
  const pending: EventOf<'menu.command'>[] = launchPath ? [openFileCommand(launchPath)] : [];

  const getWindow = () => (main && !main.window.isDestroyed() ? main.window : undefined);

  function deliver(): void {
    if (!service || !rendererReady || !getWindow()) return;
    for (const command of pending.splice(0)) service.emit('menu.command', command);
  }

  function openWindow(): void {
    if (getWindow() || !service) return;
    rendererReady = false;
    main = createMainWindow({ preloadPath, location, statePath: windowStatePath(dataDir), screen, log });
    const opened = main;
    opened.window.webContents.on('did-finish-load', () => {
      rendererReady = true;
      deliver();
    });
    opened.window.on('closed', () => {
      if (main === opened) main = undefined;
      rendererReady = false;
    });
  }

  /** Sends a command to the window, opening one first if there is none (macOS keeps running without). */
  function sendToWindow(command: EventOf<'menu.command'>, options: { focus?: boolean } = {}): void {
    pending.push(command);
    if (getWindow()) {
      if (options.focus) focusWindow(getWindow());
      deliver();
    } else if (app.isReady()) {
      openWindow();
    }
  }

  function requestOpen(path: string): void {
    // From the command line, a second launch, the OS or Open Recent: the user's own choice.
    graphPaths.grant(path);
    sendToWindow(openFileCommand(path), { focus: true });
  }

  async function refreshMenu(): Promise<void> {
    let recent: RecentFile[] = [];
    try {
      if (service) recent = (await service.handlers['graph.recent']({})).files;
    } catch (error) {
      log(`Could not read the recent files: ${String(error)}`);
    }
    const template = buildMenuTemplate({
      platform: process.platform,
      isPackaged: app.isPackaged,
      appName: app.getName(),
      recent,
      actions: {
        command: (command: MenuCommand) => sendToWindow({ command }),
        openRecent: requestOpen,
        openExternal: (url) => void openExternal(url).catch((error: unknown) => log(`Could not open ${url}: ${String(error)}`)),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  function afterCall(method: MethodName, answer: CallAnswer): void {
    if (!answer.ok || (method !== 'graph.open' && method !== 'graph.save')) return;
    const path = (answer.result as { path?: unknown } | null)?.path;
    if (typeof path === 'string') app.addRecentDocument(path);
    void refreshMenu();
  }

  function defaultOutDir(): string {
    for (const name of ['videos', 'documents', 'home'] as const) {
      try {
        return join(app.getPath(name), 'Seedance Flow');
      } catch {
        // Some platforms have no such folder; try the next.
      }
    }
    return join(dataDir, 'outputs');
  }

  // Listeners that must exist before the app is ready.
  app.on('second-instance', (_event, secondArgv, workingDirectory, additionalData) => {
    const handed = graphPathFromInstanceData(additionalData);
    const path = graphPathFromArgv(handed ? [handed] : secondArgv.slice(1), workingDirectory);
    if (path) requestOpen(path);
    else if (getWindow()) focusWindow(getWindow());
    else if (app.isReady()) openWindow();
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    requestOpen(path);
  });
  app.on('web-contents-created', (_event, contents) => installWebContentsGuards(contents, { isAppUrl: isOurs, openExternal, log }));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  let disposing = false;
  app.on('before-quit', (event) => {
    if (disposed || !service) return;
    event.preventDefault();
    if (disposing) return;
    disposing = true;
    const current = service;
    void (async () => {
      const submits = current.submitsInFlight();
      // The window says why it stays a moment: a task id still to come back is a task that may be billed.
      if (submits > 0) current.emit('app.quitting', { submits, waitMs: QUIT_WAIT_MS });
      await main?.state.save();
      await withTimeout(current.dispose(), DISPOSE_TIMEOUT_MS).catch((error: unknown) => log(`Shutting down: ${String(error)}`));
      disposed = true;
      app.quit();
    })();
  });

  const ready = app
    .whenReady()
    .then(async () => {
      dataDir = app.getPath('userData');
      installSessionGuards(session.defaultSession, isOurs);
      installCspHeaders(session.defaultSession, location);
      const keyStore = createKeyStore({ dataDir, env, encryption: safeStorageEncryption(safeStorage) });
      const dialogs = createNativeDialogs({ dialog, shell, getWindow, defaultDir: app.getPath('documents') });
      // Packaged, the examples ship as a resource folder; unpacked, they sit in the checkout.
      const resources = (process as { resourcesPath?: unknown }).resourcesPath;
      const examplesDir = app.isPackaged && typeof resources === 'string' ? join(resources, 'examples') : findExamplesDir(options.mainDir);
      const created = options.createAppService({ dataDir, mode: 'desktop', version: app.getVersion(), env, keyStore, dialogs, graphPaths, defaultOutDir: defaultOutDir(), examplesDir, log });
      service = created;
      protocol.handle(MEDIA_SCHEME, createMediaHandler((mediaId) => created.mediaPath(mediaId)));
      bindIpc({ ipcMain, service: created, getWindow, isAppUrl: isOurs, log, afterCall, onDroppedPath: (path) => graphPaths.grant(path) });
      await refreshMenu();
      openWindow();
      app.on('activate', () => {
        if (!getWindow()) openWindow();
      });
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(`Start-up failed: ${message}`);
      dialog.showErrorBox('Seedance Flow could not start', message);
      app.exit(1);
    });

  return { ready, service: () => service, window: getWindow, requestOpen };
}
