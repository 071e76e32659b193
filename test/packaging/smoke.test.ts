/**
 * Runs the built main script (out/main/index.js: the main process with the real app service
 * bundled in) in plain Node, with `electron` resolved to a scripted stand-in
 * (fake-electron/electron.mjs). This is as close to starting the app as this machine allows: it
 * proves the bundle loads with no missing module, registers the media scheme and turns on the
 * sandbox before anything else, builds the service, and answers the contract over IPC from the
 * window's page (and refuses a foreign frame). Needs `npm run build` (package.test.ts runs it;
 * this file runs it too when out/ is missing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface SmokeReport {
  order: string[];
  schemes?: { scheme: string; privileges: Record<string, boolean> }[];
  windows: { webPreferences: Record<string, unknown>; preloadExists: boolean }[];
  loaded?: string;
  pageExists?: boolean;
  calls: [string, { ok: boolean; result?: Record<string, unknown>; error?: { code: string; message: string } }][];
  navigationBlocked?: boolean;
  windowOpen?: { action: string };
  mediaUnknown?: number | string;
  menu?: string[];
  events?: string[];
  permissionRequestHandler?: string;
  cspHeaders?: string;
  error?: string;
  exit?: number;
}

let report: SmokeReport;

beforeAll(() => {
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
  const stdout = execFileSync(process.execPath, ['--import', './test/packaging/fake-electron/register.mjs', 'out/main/index.js'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MODELLIX_API_KEY: '', ELECTRON_RENDERER_URL: 'http://localhost:5173' },
    timeout: 60_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('SMOKE:'));
  if (!line) throw new Error(`The built main script printed no report:\n${stdout}`);
  report = JSON.parse(line.slice('SMOKE:'.length)) as SmokeReport;
});

describe('built main script under a stand-in electron', () => {
  it('starts without error and quits cleanly', () => {
    expect(report.error).toBeUndefined();
    expect(report.exit).toBeUndefined();
  });

  it('turns on the sandbox and registers the media scheme before asking for the lock or readiness', () => {
    expect(report.order.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock']);
    expect(report.schemes?.[0]).toMatchObject({ scheme: 'seedance-media', privileges: { standard: true, secure: true, stream: true } });
  });

  it('opens one hardened window on the packaged page, ignoring the dev-server variable when packaged', () => {
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(report.windows[0]?.preloadExists).toBe(true);
    expect(report.loaded).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html$/);
    expect(report.pageExists).toBe(true);
    expect(report.permissionRequestHandler).toBe('function');
    expect(report.cspHeaders).toBe('function');
    expect(report.menu).toEqual(['&File', '&Edit', '&View', '&Run', '&Help']);
  });

  it('answers the contract over IPC with the real service', () => {
    const calls = Object.fromEntries(report.calls);
    expect(calls['app.info']).toMatchObject({ ok: true, result: { mode: 'desktop', version: '0.0.0-smoke' } });
    expect(calls['key.status']).toMatchObject({ ok: true, result: { present: false, encryptionAvailable: false } });
    expect(calls['key.set']).toMatchObject({ ok: true, result: { present: true, source: 'session' } });
    expect(JSON.stringify(report)).not.toContain('mlx-smoke-key-1234567');
    expect(calls['runs.list']).toMatchObject({ ok: true, result: { runs: [] } });
    expect(calls['settings.get']).toMatchObject({ ok: true });
    expect(calls['media.import:bad']).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    expect(calls.foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.events).toContain('key.changed');
  });

  it('blocks navigation, window.open and unknown media', () => {
    expect(report.navigationBlocked).toBe(true);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.mediaUnknown).toBe(404);
  });
});
