/**
 * Electron main process entry. Thin glue: the engine does the work (electron/engine), and this
 * file only owns the app lifecycle and the window. The contract and its IPC binding arrive with
 * the desktop-shell issue.
 */
import { app, BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { secureWebPreferences } from './window-options';

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Seedance Flow',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
