import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeElectron, screen, type BrowserWindow } from './test-support/fake-electron';
import { createMainWindow, focusWindow } from './window';
import { secureWebPreferences } from './window-options';
import { writeWindowState } from './window-state';

vi.mock('electron', () => import('./test-support/fake-electron'));

const made: string[] = [];
const statePath = () => {
  const d = mkdtempSync(join(tmpdir(), 'seedance-win-'));
  made.push(d);
  return join(d, 'window-state.json');
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('main window', () => {
  beforeEach(() => resetFakeElectron());

  it('is created hidden with the secure preferences and our preload, and loads our page from disk', async () => {
    const { window } = createMainWindow({ preloadPath: '/app/out/preload/index.cjs', location: { kind: 'file', indexPath: '/app/out/renderer/index.html' }, statePath: statePath(), screen });
    const fake = window as unknown as BrowserWindow;
    expect(fake.options).toMatchObject({ show: false, width: 1400, height: 900, center: true });
    expect(fake.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
    expect(fake.loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html');
    expect(fake.loadURL).not.toHaveBeenCalled();
    expect(fake.show).not.toHaveBeenCalled();
    fake.emit('ready-to-show');
    expect(fake.show).toHaveBeenCalled();
    expect(fake.maximize).not.toHaveBeenCalled();
  });

  it('loads the dev server in development', () => {
    const { window } = createMainWindow({ preloadPath: '/p', location: { kind: 'dev', url: 'http://localhost:5173/', origin: 'http://localhost:5173' }, statePath: statePath(), screen });
    expect((window as unknown as BrowserWindow).loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('reopens where it was, maximized if it was', async () => {
    const file = statePath();
    await writeWindowState(file, { version: 1, x: 50, y: 60, width: 1000, height: 700, maximized: true });
    const { window } = createMainWindow({ preloadPath: '/p', location: { kind: 'file', indexPath: '/i.html' }, statePath: file, screen });
    const fake = window as unknown as BrowserWindow;
    expect(fake.options).toMatchObject({ x: 50, y: 60, width: 1000, height: 700 });
    fake.emit('ready-to-show');
    expect(fake.maximize).toHaveBeenCalled();
  });

  it('is brought to the front when the app is launched again', () => {
    const { window } = createMainWindow({ preloadPath: '/p', location: { kind: 'file', indexPath: '/i.html' }, statePath: statePath(), screen });
    const fake = window as unknown as BrowserWindow;
    fake.minimized = true;
    focusWindow(window);
    expect(fake.restore).toHaveBeenCalled();
    expect(fake.focus).toHaveBeenCalled();
    focusWindow(undefined);
  });
});
