import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { MIN_SIZE, type WindowPlacement } from './window-state';

/** The renderer is untrusted: isolated, sandboxed, no Node, no webviews, no insecure content. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** The main window's options: placed where it was, hidden until its first paint. */
export function mainWindowOptions(placement: WindowPlacement, preload: string): BrowserWindowConstructorOptions {
  return {
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : { center: true }),
    width: placement.width,
    height: placement.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Seedance Flow',
    backgroundColor: '#16161a',
    webPreferences: secureWebPreferences(preload),
  };
}
