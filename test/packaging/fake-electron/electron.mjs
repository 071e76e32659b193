/**
 * A scripted stand-in for the `electron` module, for running the *built* main script
 * (out/main/index.js, with the real app service bundled in) in plain Node. It plays the app's
 * start-up: ready, the window loads its page, the page calls the contract over the IPC handler,
 * a foreign frame tries too, the media protocol is asked for something unknown; then it quits.
 * Everything observed is printed as one JSON line prefixed with SMOKE: for the test to check.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const home = mkdtempSync(join(tmpdir(), 'seedance-smoke-'));
const report = { calls: [], order: [], windows: [] };
const ipcHandlers = new Map();
const protocolHandlers = new Map();
const noop = () => undefined;

class FakeApp extends EventEmitter {
  isPackaged = true;
  commandLine = { hasSwitch: () => false };
  ready = false;
  quitting = false;
  enableSandbox() {
    report.order.push('enableSandbox');
  }
  requestSingleInstanceLock() {
    report.order.push('requestSingleInstanceLock');
    return true;
  }
  whenReady() {
    report.order.push('whenReady');
    return new Promise((resolve) =>
      setTimeout(() => {
        this.ready = true;
        resolve();
      }, 10),
    );
  }
  isReady() {
    return this.ready;
  }
  getPath(name) {
    return join(home, name);
  }
  getVersion() {
    return '0.0.0-smoke';
  }
  getName() {
    return 'Seedance Flow';
  }
  setAppUserModelId() {}
  addRecentDocument() {}
  quit() {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) {
      console.log(`SMOKE:${JSON.stringify(report)}`);
      rmSync(home, { recursive: true, force: true });
      process.exit(0);
    }
  }
  exit(code) {
    console.log(`SMOKE:${JSON.stringify({ ...report, exit: code })}`);
    process.exit(code ?? 0);
  }
}
export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    report.order.push('registerSchemesAsPrivileged');
    report.schemes = schemes;
  },
  handle(scheme, handler) {
    protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel, handler) {
    ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
  },
  on(channel, listener) {
    ipcHandlers.set(`on:${channel}`, listener);
  },
  removeListener(channel) {
    ipcHandlers.delete(`on:${channel}`);
  },
};

export const Menu = {
  buildFromTemplate: (template) => {
    report.menu = template.map((item) => item.label ?? item.role);
    return { template };
  },
  setApplicationMenu: noop,
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) => (report.permissionRequestHandler = typeof handler),
    setPermissionCheckHandler: (handler) => (report.permissionCheckHandler = typeof handler),
    setDevicePermissionHandler: noop,
    webRequest: { onHeadersReceived: (handler) => (report.cspHeaders = typeof handler) },
  },
};

export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => {
    throw new Error('no encryption in the smoke run');
  },
  decryptString: () => {
    throw new Error('no encryption in the smoke run');
  },
};

const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
export const screen = { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) };
export const dialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }), showMessageBox: async () => ({ response: 0, checkboxChecked: false }), showErrorBox: (title, message) => (report.error = `${title}: ${message}`) };
export const shell = { openExternal: async () => undefined, showItemInFolder: noop };

class WebContents extends EventEmitter {
  mainFrame = { parent: null, url: '' };
  sent = [];
  isDestroyed = () => false;
  isLoading = () => false;
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, ...args) {
    this.sent.push([channel, ...args]);
  }
}

async function call(sender, frame, method, args) {
  const handler = ipcHandlers.get('seedance:call');
  return handler({ sender, senderFrame: frame }, method, args);
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.webContents = new WebContents();
    const preload = options.webPreferences?.preload;
    report.windows.push({ webPreferences: options.webPreferences, preloadExists: Boolean(preload && existsSync(preload)) });
    app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  isMaximized = () => false;
  isFullScreen = () => false;
  getNormalBounds = () => ({ x: 0, y: 0, width: 1400, height: 900 });
  show = noop;
  focus = noop;
  restore = noop;
  maximize = noop;
  async loadURL(url) {
    report.loaded = url;
  }
  async loadFile(path) {
    report.loaded = pathToFileURL(path).href;
    report.pageExists = existsSync(path);
    this.webContents.mainFrame.url = report.loaded;
    setTimeout(() => void this.play(), 10);
  }
  async play() {
    try {
      const wc = this.webContents;
      this.emit('ready-to-show');
      wc.emit('did-finish-load');
      const navigation = { url: 'https://evil.example/', defaultPrevented: false, preventDefault: () => (navigation.defaultPrevented = true) };
      wc.emit('will-navigate', navigation);
      report.navigationBlocked = navigation.defaultPrevented;
      report.windowOpen = wc.windowOpenHandler?.({ url: 'file:///etc/passwd' });
      report.calls.push(['app.info', await call(wc, wc.mainFrame, 'app.info', {})]);
      report.calls.push(['key.status', await call(wc, wc.mainFrame, 'key.status', {})]);
      report.calls.push(['key.set', await call(wc, wc.mainFrame, 'key.set', { key: 'mlx-smoke-key-1234567' })]);
      report.calls.push(['runs.list', await call(wc, wc.mainFrame, 'runs.list', { limit: 5 })]);
      report.calls.push(['settings.get', await call(wc, wc.mainFrame, 'settings.get', {})]);
      report.calls.push(['media.import:bad', await call(wc, wc.mainFrame, 'media.import', { paths: [] })]);
      report.calls.push(['foreign', await call(wc, { parent: wc.mainFrame, url: report.loaded }, 'app.info', {})]);
      const media = protocolHandlers.get('seedance-media');
      report.mediaUnknown = media ? (await media(new Request('seedance-media://media/unknown'))).status : 'no handler';
      report.events = wc.sent.map(([, name]) => name);
    } catch (error) {
      report.error = String(error?.stack ?? error);
    }
    app.quit();
  }
}

export default { app, protocol, ipcMain, Menu, session, safeStorage, screen, dialog, shell, BrowserWindow };
