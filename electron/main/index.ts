/**
 * Electron main process entry (ES module, out/main/index.js). Everything that must happen before
 * the app is ready happens here, synchronously: the renderer sandbox for every window, and the
 * media preview scheme's privileges. The rest is in app.ts.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, protocol } from 'electron';
import { createAppService } from '../service/service';
import { startDesktopApp } from './app';
import { MEDIA_SCHEME_PRIVILEGES } from './media-protocol';

app.enableSandbox();
protocol.registerSchemesAsPrivileged([MEDIA_SCHEME_PRIVILEGES]);
startDesktopApp({ createAppService, mainDir: dirname(fileURLToPath(import.meta.url)) });
