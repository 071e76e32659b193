/**
 * `seedance-flow serve` through commander, with in-memory io, a fake service and a fake browser:
 * what it prints, what it hands the service, --open, --port, --data-dir, and a clean stop.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../cli/exit-codes';
import { createPrinter } from '../cli/output/printer';
import { makeIo, type TestIo } from '../cli/test-support/harness';
import type { AppServiceOptions } from '../service/types';
import { registerServeCommand, type ServeDeps } from './serve-command';
import { createFakeService, type FakeService } from './test-support/fake-service';
import { makeRendererDir } from './test-support/fixture';
import { send } from './test-support/http';

let dir: string;
let rendererDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sf-serve-'));
  rendererDir = await makeRendererDir(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Harness {
  io: TestIo;
  deps: ServeDeps & { opened: string[]; serviceOptions: AppServiceOptions[]; services: FakeService[] };
  run(args: string[]): { done: Promise<number | undefined> };
}

function harness(env: Record<string, string> = {}, overrides: Partial<ServeDeps> = {}): Harness {
  const io = makeIo({ cwd: dir, env });
  const opened: string[] = [];
  const serviceOptions: AppServiceOptions[] = [];
  const services: FakeService[] = [];
  const deps = {
    opened,
    serviceOptions,
    services,
    createService(options: AppServiceOptions) {
      serviceOptions.push(options);
      const service = createFakeService();
      services.push(service);
      return service;
    },
    rendererDir: () => rendererDir,
    openBrowser: (url: string) => void opened.push(url),
    ...overrides,
  };
  return {
    io,
    deps,
    run(args) {
      let code: number | undefined;
      const program = new Command().option('--data-dir <dir>').exitOverride();
      registerServeCommand(program, { ctx: { io, version: '9.9.9' }, printer: createPrinter(io), setExitCode: (c) => (code = c), deps });
      return { done: program.parseAsync(args, { from: 'user' }).then(() => code) };
    },
  };
}

async function printed(io: TestIo, fragment: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!io.stdout.text.includes(fragment)) {
    if (Date.now() > end) throw new Error(`never printed ${fragment}: ${io.stdout.text}${io.stderr.text}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function urlOf(io: TestIo): URL {
  const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(io.stdout.text);
  if (!match?.[1]) throw new Error(`no URL in ${io.stdout.text}`);
  return new URL(match[1]);
}

describe('seedance-flow serve', () => {
  it('serves on 127.0.0.1, prints the address with its token and where the key lives, and stops on Ctrl-C', async () => {
    const h = harness();
    const dataDir = path.join(dir, 'data');
    const { done } = h.run(['serve', '--data-dir', dataDir]);
    await printed(h.io, 'Press Ctrl-C to stop.');
    const url = urlOf(h.io);
    expect(url.hostname).toBe('127.0.0.1');
    expect(h.io.stdout.text).toContain(`kept in ${path.join(dataDir, 'api-key')}, readable only by your user account (no key is set yet)`);
    expect(h.io.stdout.text).toContain('read from MODELLIX_API_KEY');

    const token = url.searchParams.get('token') ?? '';
    const call = await send({ port: Number(url.port), method: 'POST', path: '/api/call/app.info', body: '{}', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
    expect(JSON.parse(call.text)).toMatchObject({ ok: true, result: { mode: 'browser' } });

    const [options] = h.deps.serviceOptions;
    expect(options).toMatchObject({ mode: 'browser', dataDir, version: '9.9.9', defaultOutDir: path.join(dir, 'seedance-output') });
    expect(options?.dialogs.native).toBe(false);
    expect(options?.keyStore.status()).toMatchObject({ present: false, source: 'none' });
    expect(h.deps.opened).toEqual([]);

    h.io.signal('SIGINT');
    expect(await done).toBe(0);
    expect(h.io.stdout.text).toContain('Browser mode stopped.');
    expect(h.deps.services[0]?.listenerCount()).toBe(0);
    await expect(send({ port: Number(url.port), path: '/', headers: { Authorization: `Bearer ${token}` } })).rejects.toThrow();
  });

  it('says the key comes from MODELLIX_API_KEY, and never prints it', async () => {
    const h = harness({ MODELLIX_API_KEY: 'sk-live-0123456789abcdef', SEEDANCE_FLOW_HOME: path.join(dir, 'home') });
    const { done } = h.run(['serve']);
    await printed(h.io, 'Press Ctrl-C to stop.');
    expect(h.io.stdout.text).toContain('API key: read from MODELLIX_API_KEY (not stored).');
    expect(h.io.stdout.text).toContain(`Data folder: ${path.join(dir, 'home')}`);
    expect(h.deps.serviceOptions[0]?.keyStore.status().source).toBe('env');
    h.io.signal('SIGTERM');
    expect(await done).toBe(0);
    expect(h.io.stdout.text + h.io.stderr.text).not.toContain('sk-live-0123456789abcdef');
  });

  it('sends the window\'s runs where MODELLIX_BASE_URL points, and says so (issue 8.4)', async () => {
    const h = harness({ MODELLIX_BASE_URL: 'http://127.0.0.1:8977/', SEEDANCE_FLOW_HOME: path.join(dir, 'home') });
    const { done } = h.run(['serve']);
    await printed(h.io, 'Press Ctrl-C to stop.');
    expect(h.io.stdout.text).toContain('Modellix: http://127.0.0.1:8977 (from MODELLIX_BASE_URL; Settings cannot change it while it is set).');
    expect(h.deps.serviceOptions[0]?.env.MODELLIX_BASE_URL).toBe('http://127.0.0.1:8977/');
    h.io.signal('SIGINT');
    expect(await done).toBe(0);
  });

  it('refuses a MODELLIX_BASE_URL it cannot use before starting anything', async () => {
    const h = harness({ MODELLIX_BASE_URL: 'http://api.modellix.ai', SEEDANCE_FLOW_HOME: path.join(dir, 'home') });
    await expect(h.run(['serve']).done).rejects.toThrow(/MODELLIX_BASE_URL: The Modellix base URL must use https/);
    expect(h.deps.serviceOptions).toEqual([]);
  });

  it('opens the printed address with --open, on the --port asked for', async () => {
    const port = await freePort();
    const h = harness({ SEEDANCE_FLOW_HOME: path.join(dir, 'home') });
    const { done } = h.run(['serve', '--open', '--port', String(port)]);
    await printed(h.io, 'Press Ctrl-C to stop.');
    expect(urlOf(h.io).port).toBe(String(port));
    expect(h.deps.opened).toEqual([urlOf(h.io).href]);
    h.io.signal('SIGINT');
    expect(await done).toBe(0);
  });

  it('reports a browser that cannot be started, and keeps serving', async () => {
    const h = harness({ SEEDANCE_FLOW_HOME: path.join(dir, 'home') }, { openBrowser: (_url, onError) => onError('Could not start xdg-open (ENOENT).') });
    const { done } = h.run(['serve', '--open']);
    await printed(h.io, 'Press Ctrl-C to stop.');
    expect(h.io.stderr.text).toContain('Could not start xdg-open (ENOENT). Open the address above yourself.');
    h.io.signal('SIGINT');
    expect(await done).toBe(0);
  });

  it('refuses a bad --port before starting anything', async () => {
    const h = harness();
    await expect(h.run(['serve', '--port', 'eighty']).done).rejects.toThrow(CliError);
    await expect(h.run(['serve', '--port', '70000']).done).rejects.toThrow(/--port must be/);
    expect(h.deps.serviceOptions).toEqual([]);
  });

  it('says which port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const h = harness({ SEEDANCE_FLOW_HOME: path.join(dir, 'home') });
      await expect(h.run(['serve', '--port', String(port)]).done).rejects.toThrow(`Port ${port} is taken on 127.0.0.1`);
      expect(h.deps.services[0]?.listenerCount()).toBe(0);
    } finally {
      blocker.close();
    }
  });

  it('asks for `npm run build` when the window is not built', async () => {
    const h = harness({}, { rendererDir: () => undefined });
    await expect(h.run(['serve']).done).rejects.toThrow(/npm run build/);
  });

  it('quits at once on a second Ctrl-C while stopping', async () => {
    let finishDispose: (() => void) | undefined;
    const h = harness({ SEEDANCE_FLOW_HOME: path.join(dir, 'home') }, {
      createService: () => ({
        ...createFakeService(),
        dispose: () => new Promise<void>((resolve) => (finishDispose = resolve)),
      }),
    });
    const { done } = h.run(['serve']);
    await printed(h.io, 'Press Ctrl-C to stop.');
    h.io.signal('SIGINT');
    await printed(h.io, 'Stopping');
    await vi.waitFor(() => expect(finishDispose).toBeTypeOf('function'));
    h.io.signal('SIGINT');
    expect(h.io.exitCalls).toEqual([130]);
    finishDispose?.();
    expect(await done).toBe(0);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
