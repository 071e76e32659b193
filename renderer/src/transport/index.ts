/**
 * The window's one API object: through the desktop preload inside Electron, over HTTP in
 * browser mode. Everything in the renderer talks to the Node side through `api` and previews
 * media through `mediaUrl`.
 */
import { createApiClient, type SeedanceApi } from '../../../shared/api';
import { findDesktopBridge } from './desktop';

export { desktopPathForFile } from './desktop';
import { createHttpTransport, mediaUrl as httpMediaUrl } from './http-transport';

const bridge = findDesktopBridge(globalThis);

export const transportKind: 'desktop' | 'http' = bridge ? 'desktop' : 'http';

export const api: SeedanceApi = bridge?.api ?? createApiClient(bridge?.transport ?? createHttpTransport());

export const mediaUrl: (mediaId: string) => string = bridge?.mediaUrl ?? httpMediaUrl;
