/**
 * Preload (sandboxed, CommonJS). Exposes the window's API as one frozen object; the typed
 * contract and its methods arrive with the desktop-shell issue.
 */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('seedanceFlow', Object.freeze({ platform: process.platform }));
