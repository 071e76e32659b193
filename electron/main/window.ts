/**
 * The main window: placed where it was last time (clamped to the displays connected now),
 * hardened web preferences, shown on first paint, and loading only the app's own page.
 */
import { BrowserWindow, type Rectangle } from 'electron';
import type { RendererLocation } from './renderer-location';
import { mainWindowOptions } from './window-options';
import { placeWindow, readWindowState, trackWindowState, type WindowStateTracker } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  location: RendererLocation;
  /** window-state.json in the data folder. */
  statePath: string;
  /** Electron's `screen` (only the displays' work areas are read). */
  screen: { getAllDisplays(): { workArea: Rectangle }[]; getPrimaryDisplay(): { workArea: Rectangle } };
  log?(message: string): void;
}

export interface MainWindow {
  window: BrowserWindow;
  state: WindowStateTracker;
}

export function createMainWindow(options: MainWindowOptions): MainWindow {
  const placement = placeWindow(
    readWindowState(options.statePath),
    options.screen.getAllDisplays().map((d) => d.workArea),
    options.screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow(mainWindowOptions(placement, options.preloadPath));
  const state = trackWindowState(window, options.statePath, options.log ? { log: options.log } : {});
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  const loaded = options.location.kind === 'dev' ? window.loadURL(options.location.url) : window.loadFile(options.location.indexPath);
  loaded.catch((error: unknown) => options.log?.(`The window could not load its page: ${String(error)}`));
  return { window, state };
}

/** Brings a window to the front (a second launch of the app). */
export function focusWindow(window: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
