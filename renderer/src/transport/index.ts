/**
 * The window's one API object: through the desktop preload inside Electron, over HTTP in
 * browser mode. Everything in the renderer talks to the Node side through `api` and previews
 * media through `mediaUrl`.
 */
import { browserMediaUrl, createApiClient, type SeedanceApi } from '../../../shared/api';
import { findDesktopBridge } from './desktop';
import { createHttpTransport } from './http-transport';

export { desktopPathForFile } from './desktop';

const bridge = findDesktopBridge(globalThis);

export const api: SeedanceApi = bridge?.api ?? createApiClient(bridge?.transport ?? createHttpTransport());

export const mediaUrl: (mediaId: string) => string = bridge?.mediaUrl ?? browserMediaUrl;
