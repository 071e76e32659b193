/**
 * A stand-in for the `electron` module in main-process tests (`vi.mock('electron', () =>
 * import('./test-support/fake-electron'))`): the parts of the API our code uses, as event
 * emitters and vi.fn spies with just enough behaviour to drive the code. `resetFakeElectron()`
 * puts everything back between tests.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter extends EventEmitter {
  /** Emits like Electron does: listeners get an event object first with preventDefault. */
  fire(name: string, extra: Record<string, unknown> = {}, ...args: unknown[]): { defaultPrevented: boolean } {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        event.defaultPrevented = true;
      },
      ...extra,
    };
    this.emit(name, event, ...args);
    return event;
  }
}

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(public url: string) {}
}

export class FakeWebContents extends Emitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  destroyed = false;
  loading = true;
  mainFrame = new FakeFrame('');
  windowOpenHandler: Listener | undefined;
  send = vi.fn();
  isDestroyed = () => this.destroyed;
  isLoading = () => this.loading;
  setWindowOpenHandler = vi.fn((handler: Listener) => {
    this.windowOpenHandler = handler;
  });
  /** What the page would see after loading `url`. */
  finishLoad(url: string): void {
    this.mainFrame.url = url;
    this.loading = false;
    this.emit('did-finish-load');
  }
}

export class BrowserWindow extends Emitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows = () => BrowserWindow.instances.filter((w) => !w.destroyed);
  webContents = new FakeWebContents();
  destroyed = false;
  maximized = false;
  minimized = false;
  fullScreen = false;
  visible = false;
  bounds: { x: number; y: number; width: number; height: number };
  constructor(public options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    this.bounds = {
      x: (options.x as number | undefined) ?? 0,
      y: (options.y as number | undefined) ?? 0,
      width: (options.width as number | undefined) ?? 800,
      height: (options.height as number | undefined) ?? 600,
    };
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }
  isDestroyed = () => this.destroyed;
  isMaximized = () => this.maximized;
  isMinimized = () => this.minimized;
  isFullScreen = () => this.fullScreen;
  isVisible = () => this.visible;
  getNormalBounds = () => ({ ...this.bounds });
  maximize = vi.fn(() => {
    this.maximized = true;
  });
  restore = vi.fn(() => {
    this.minimized = false;
  });
  show = vi.fn(() => {
    this.visible = true;
  });
  focus = vi.fn();
  /** Pages load asynchronously, as in Electron: `did-finish-load` comes after the call returns. */
  loadURL = vi.fn(async (url: string) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.webContents.finishLoad(url);
  });
  loadFile = vi.fn(async (path: string) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.webContents.finishLoad(pathToFileURL(path).href);
  });
  close(): void {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends Emitter {
  isPackaged = false;
  ready = false;
  readyWaiters: (() => void)[] = [];
  paths: Record<string, string> = {};
  switches = new Set<string>();
  singleInstance = true;
  commandLine = { hasSwitch: vi.fn((name: string) => this.switches.has(name)) };
  requestSingleInstanceLock = vi.fn((_data?: unknown) => this.singleInstance);
  quit = vi.fn(() => {
    const event = this.fire('before-quit');
    if (!event.defaultPrevented) this.emit('quitted');
  });
  exit = vi.fn();
  enableSandbox = vi.fn();
  setAppUserModelId = vi.fn();
  addRecentDocument = vi.fn();
  getVersion = () => '0.1.0-test';
  getName = () => 'Seedance Flow';
  isReady = () => this.ready;
  getPath = vi.fn((name: string) => {
    const path = this.paths[name];
    if (!path) throw new Error(`no path ${name}`);
    return path;
  });
  whenReady = () =>
    new Promise<void>((resolve) => {
      if (this.ready) resolve();
      else this.readyWaiters.push(resolve);
    });
  /** Makes the app ready, as Electron would once it has started. */
  becomeReady(): void {
    this.ready = true;
    for (const waiter of this.readyWaiters.splice(0)) waiter();
    this.emit('ready');
  }
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  listeners: new Map<string, Listener>(),
  on: vi.fn((channel: string, listener: Listener) => {
    ipcMain.listeners.set(channel, listener);
    return ipcMain;
  }),
  removeListener: vi.fn((channel: string, _listener: Listener) => {
    ipcMain.listeners.delete(channel);
    return ipcMain;
  }),
  handle: vi.fn((channel: string, listener: Listener) => {
    ipcMain.handlers.set(channel, listener);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

export const protocol = {
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
    protocol.handlers.set(scheme, handler);
  }),
};

export const Menu = {
  current: undefined as { template: unknown[] } | undefined,
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: unknown[] } | null) => {
    Menu.current = menu ?? undefined;
  }),
};

export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  showErrorBox: vi.fn(),
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
  showItemInFolder: vi.fn(),
};

export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  encryptString: vi.fn((plain: string) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`)),
  decryptString: vi.fn((data: Buffer) => Buffer.from(data.toString().replace(/^enc:/, ''), 'base64').toString()),
};

const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
export const screen = {
  displays: [display],
  getAllDisplays: vi.fn(() => screen.displays),
  getPrimaryDisplay: vi.fn(() => screen.displays[0] ?? display),
};

function fakeSession() {
  return {
    permissionRequestHandler: undefined as Listener | undefined,
    permissionCheckHandler: undefined as Listener | undefined,
    devicePermissionHandler: undefined as Listener | undefined,
    headersListener: undefined as Listener | undefined,
    setPermissionRequestHandler: vi.fn((handler: Listener) => {
      session.defaultSession.permissionRequestHandler = handler;
    }),
    setPermissionCheckHandler: vi.fn((handler: Listener) => {
      session.defaultSession.permissionCheckHandler = handler;
    }),
    setDevicePermissionHandler: vi.fn((handler: Listener) => {
      session.defaultSession.devicePermissionHandler = handler;
    }),
    webRequest: {
      onHeadersReceived: vi.fn((listener: Listener) => {
        session.defaultSession.headersListener = listener;
      }),
    },
  };
}
export const session = { defaultSession: fakeSession() };

// Preload side.
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((name: string, value: unknown) => {
    contextBridge.exposed.set(name, value);
  }),
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  send: vi.fn((..._args: unknown[]) => undefined),
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: false, error: { code: 'failed', message: 'not wired' } })),
});

export const webUtils = { getPathForFile: vi.fn((_file: unknown) => '/dropped/file.mp4') };

export function resetFakeElectron(): void {
  app.removeAllListeners();
  Object.assign(app, { isPackaged: false, ready: false, readyWaiters: [], paths: {}, switches: new Set<string>(), singleInstance: true });
  BrowserWindow.instances = [];
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  protocol.handlers.clear();
  Menu.current = undefined;
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  Object.assign(safeStorage, { available: true, backend: 'gnome_libsecret' });
  screen.displays = [display];
  session.defaultSession = fakeSession();
  vi.clearAllMocks();
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  Menu,
  dialog,
  shell,
  safeStorage,
  screen,
  session,
  contextBridge,
  ipcRenderer,
  webUtils,
};
