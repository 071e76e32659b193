/**
 * Preload (sandboxed, bundled to CommonJS: out/preload/index.cjs). Exposes the contract to the
 * page through contextBridge, and nothing else: see api.ts.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { z } from 'zod';
import { buildPreloadGlobals } from './api';

// The page's Content-Security-Policy forbids eval: keep zod off its JIT path.
z.config({ jitless: true });

const globals = buildPreloadGlobals(ipcRenderer, webUtils);
contextBridge.exposeInMainWorld('seedanceFlow', globals.seedanceFlow);
contextBridge.exposeInMainWorld('seedanceMediaUrl', globals.seedanceMediaUrl);
contextBridge.exposeInMainWorld('pathForFile', globals.pathForFile);
