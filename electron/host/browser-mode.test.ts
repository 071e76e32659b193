/**
 * Browser mode with the real app service over real HTTP: the contract answers in 'browser' mode,
 * a key set through the window lands in a user-only file (and the status note says so), no answer
 * or event carries the key, and an imported file can be previewed through /media with a range.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../engine/simulator';
import { createAppService } from '../service/service';
import { startBrowserMode, type BrowserMode } from './browser-mode';
import { makeRendererDir } from './test-support/fixture';
import { openStream, send } from './test-support/http';

const KEY = 'sk-browser-mode-0123456789';
const MEDIA = fileURLToPath(new URL('../../test/fixtures/media/', import.meta.url));

let dir: string;
let mode: BrowserMode;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sf-browser-mode-'));
  mode = await startBrowserMode({
    dataDir: path.join(dir, 'data'),
    env: {},
    version: '1.2.3',
    rendererDir: await makeRendererDir(dir),
    defaultOutDir: path.join(dir, 'out'),
    createService: createAppService,
  });
});
afterAll(async () => {
  await mode.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  ok: boolean;
  result?: Record<string, unknown>;
  error?: { code: string };
}

async function call(method: string, args: unknown): Promise<{ text: string; json: Answer }> {
  const res = await send({
    port: mode.host.port,
    method: 'POST',
    path: `/api/call/${method}`,
    body: JSON.stringify(args),
    headers: { Authorization: `Bearer ${mode.host.token}`, Origin: mode.host.origin, 'Content-Type': 'application/json' },
  });
  expect(res.status).toBe(200);
  return { text: res.text, json: JSON.parse(res.text) as Answer };
}

describe('browser mode with the real app service', () => {
  it('answers app.info in browser mode', async () => {
    const { json } = await call('app.info', {});
    expect(json).toEqual({ ok: true, result: { version: '1.2.3', mode: 'browser', platform: process.platform, dataDir: path.join(dir, 'data'), examplesDir: expect.stringMatching(/examples$/) } });
  });

  it('keeps a key set in the window in a file only this user can read, says so, and never returns it', async () => {
    const stream = await openStream({ port: mode.host.port, path: '/api/events', headers: { Authorization: `Bearer ${mode.host.token}` } });
    try {
      const before = await call('key.status', {});
      expect(before.json.result).toMatchObject({ present: false, source: 'none' });

      const set = await call('key.set', { key: KEY });
      expect(set.json.result).toMatchObject({ present: true, source: 'file', encryptionAvailable: false });
      expect(String(set.json.result?.note)).toContain(mode.keyFile);
      expect(String(set.json.result?.note)).toContain('only your user account can read');
      expect((await stat(mode.keyFile)).mode & 0o777).toBe(0o600);

      await stream.waitFor('event: key.changed');
      for (const method of ['key.status', 'app.info', 'settings.get']) expect((await call(method, {})).text).not.toContain(KEY);
      expect(set.text).not.toContain(KEY);
      expect(stream.text()).not.toContain(KEY);
    } finally {
      stream.close();
    }
  });

  it('refuses a malformed argument with bad-arguments', async () => {
    expect((await call('key.set', { key: 'short' })).json).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
  });

  it('previews an imported file through /media, with a byte range', async () => {
    const imported = await call('media.import', { paths: [path.join(MEDIA, 'image-640x480.png')] });
    const files = (imported.json.result?.files ?? []) as { mediaId: string; bytes: number }[];
    expect(files).toHaveLength(1);
    const [file] = files;
    const res = await send({ port: mode.host.port, path: `/media/${encodeURIComponent(file?.mediaId ?? '')}`, headers: { Authorization: `Bearer ${mode.host.token}`, Range: 'bytes=0-7' } });
    expect(res.status).toBe(206);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.body.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('browser mode and MODELLIX_BASE_URL (issue 8.4)', () => {
  it('sends the window\'s calls where the variable points, over real HTTP', async () => {
    const sim = await startSimulator({ apiKeys: [KEY] });
    const own = await mkdtemp(path.join(tmpdir(), 'sf-browser-env-'));
    const envMode = await startBrowserMode({
      dataDir: path.join(own, 'data'),
      env: { MODELLIX_BASE_URL: sim.url, MODELLIX_API_KEY: KEY },
      version: '1.2.3',
      rendererDir: await makeRendererDir(own),
      defaultOutDir: path.join(own, 'out'),
      createService: createAppService,
    });
    try {
      const post = async (method: string) =>
        JSON.parse(
          (
            await send({
              port: envMode.host.port,
              method: 'POST',
              path: `/api/call/${method}`,
              body: '{}',
              headers: { Authorization: `Bearer ${envMode.host.token}`, Origin: envMode.host.origin, 'Content-Type': 'application/json' },
            })
          ).text,
        ) as Answer;
      expect(await post('connection.info')).toEqual({ ok: true, result: { baseUrl: sim.url, source: 'env', simulated: false } });
      expect(await post('key.validate')).toMatchObject({ ok: true, result: { valid: true } });
      expect(sim.stats.keyChecks).toBe(1);
    } finally {
      await envMode.close();
      await sim.close();
      await rm(own, { recursive: true, force: true });
    }
  });
});
