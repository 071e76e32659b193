export { startHost, LOOPBACK, type Host, type HostOptions } from './server';
export { startBrowserMode, type BrowserMode, type BrowserModeOptions } from './browser-mode';
export { RendererMissingError } from './static-files';
export { CONTENT_SECURITY_POLICY } from './headers';
