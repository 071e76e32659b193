import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './window-options';

describe('window options', () => {
  it('isolate and sandbox the renderer', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
  });
});
