import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl, rendererLocation } from './renderer-location';

const mainDir = '/opt/seedance/resources/app.asar/out/main';
const index = '/opt/seedance/resources/app.asar/out/renderer/index.html';

describe('renderer location', () => {
  it('is out/renderer/index.html next to the main script', () => {
    expect(rendererLocation({ isPackaged: true, mainDir })).toEqual({ kind: 'file', indexPath: index });
  });

  it('uses the dev server only in an unpackaged app, and only on loopback', () => {
    expect(rendererLocation({ isPackaged: false, mainDir, devServerUrl: 'http://localhost:5173/' })).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(rendererLocation({ isPackaged: true, mainDir, devServerUrl: 'http://localhost:5173/' }).kind).toBe('file');
    expect(rendererLocation({ isPackaged: false, mainDir, devServerUrl: 'https://evil.example/' }).kind).toBe('file');
    expect(rendererLocation({ isPackaged: false, mainDir, devServerUrl: 'file:///tmp/x.html' }).kind).toBe('file');
    expect(rendererLocation({ isPackaged: false, mainDir, devServerUrl: 'not a url' }).kind).toBe('file');
  });
});

describe('isAppUrl', () => {
  const file = rendererLocation({ isPackaged: true, mainDir });
  const dev = rendererLocation({ isPackaged: false, mainDir, devServerUrl: 'http://127.0.0.1:5173' });

  it('accepts our page with any query or fragment', () => {
    const url = pathToFileURL(index).href;
    expect(isAppUrl(url, file)).toBe(true);
    expect(isAppUrl(`${url}?x=1#/graph`, file)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5173/src/main.tsx', dev)).toBe(true);
  });

  it('refuses every other page', () => {
    for (const url of [
      pathToFileURL('/opt/seedance/resources/app.asar/out/renderer/other.html').href,
      pathToFileURL('/etc/passwd').href,
      'file://remote-host/opt/seedance/resources/app.asar/out/renderer/index.html',
      'https://example.com/',
      'seedance-media://media/abc',
      'about:blank',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAppUrl(url, file), url).toBe(false);
    }
    for (const url of ['http://127.0.0.1:5174/', 'http://localhost:5173/', 'https://127.0.0.1:5173/', pathToFileURL(index).href]) {
      expect(isAppUrl(url, dev), url).toBe(false);
    }
  });
});
