import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from './window-options';

describe('window options', () => {
  it('isolate and sandbox the renderer, with no Node, no webviews and no insecure content', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toMatchObject({
      preload: '/p/preload.cjs',
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
    });
  });

  it('never turns on anything that weakens the renderer', () => {
    const prefs = secureWebPreferences('/p/preload.cjs') as Record<string, unknown>;
    for (const risky of ['enableBlinkFeatures', 'nodeIntegrationInWorker', 'plugins', 'enableWebSQL', 'disableBlinkFeatures']) {
      expect(prefs[risky] === true || typeof prefs[risky] === 'string', risky).toBe(false);
    }
  });

  it('place the window where it was, hidden until painted, with secure preferences', () => {
    const options = mainWindowOptions({ x: 5, y: 6, width: 1000, height: 700, maximized: false }, '/p/preload.cjs');
    expect(options).toMatchObject({ x: 5, y: 6, width: 1000, height: 700, show: false });
    expect(options.webPreferences).toEqual(secureWebPreferences('/p/preload.cjs'));
    expect(mainWindowOptions({ width: 1000, height: 700, maximized: false }, '/p').center).toBe(true);
  });
});
