/** The simulator over raw HTTP (no client): the protocol, validation, lifecycle, faults and bounds. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../../shared/models';
import { startSimulator, type SimulatorHandle } from './server';
import { submitBodyHash } from './stats';
import { DEFAULT_FAILURE_REASON } from './options';

const KEY = 'sk-sim-test-abcdef';
const T2V = MODELS['seedance-2.0-t2v'].path;
const V2V = MODELS['seedance-2.0-v2v'].path;

interface Answer {
  status: number;
  headers: Headers;
  json: { code: number; message: string; data?: Record<string, unknown>; models?: unknown[] };
}

/** A fetch helper sending `key` as the bearer token (null: no Authorization header). */
function client(sim: SimulatorHandle, key: string | null = KEY) {
  return async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const headers = new Headers(init.headers);
    if (key !== null) headers.set('Authorization', `Bearer ${key}`);
    if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    const res = await fetch(`${sim.url}${path}`, { ...init, headers });
    return { status: res.status, headers: res.headers, json: (await res.json()) as Answer['json'] };
  };
}

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

describe('simulator protocol', () => {
  let clock = Date.UTC(2026, 5, 1);
  let sim: SimulatorHandle;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    sim = await startSimulator({ apiKeys: [KEY], processingMs: 3000, pendingMs: 1000, now: () => clock });
    api = client(sim);
  });
  afterEach(() => sim.setFaults({}));
  afterAll(() => sim.close());

  it('binds 127.0.0.1 on a free port', () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.port).toBeGreaterThan(0);
  });

  it('demands a bearer key: missing or wrong is a 401 envelope; the key check answers false instead', async () => {
    expect(await client(sim, null)('/api/v1/team/balance')).toMatchObject({
      status: 401,
      json: { code: 401, message: 'Unauthorized: invalid or missing API key' },
    });
    expect((await client(sim, 'nope')(T2V, post({ prompt: 'x' }))).status).toBe(401);
    expect(await client(sim, 'nope')('/api/v1/apikey/validate')).toMatchObject({
      status: 200,
      json: { code: 0, data: { is_valid: false } },
    });
    expect((await api('/api/v1/apikey/validate')).json.data).toEqual({ is_valid: true });
  });

  it('answers unknown paths 404 and wrong methods 405', async () => {
    expect(await api('/api/v2/nothing')).toMatchObject({ status: 404, json: { code: 404 } });
    const wrong = await api('/api/v1/team/balance', { method: 'POST' });
    expect(wrong).toMatchObject({ status: 405, json: { code: 405 } });
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('validates submit bodies with the model registry', async () => {
    const missing = await api(V2V, post({ prompt: 'x' }));
    expect(missing).toMatchObject({ status: 400, json: { code: 400, message: 'Bad Request: Video inputs is required' } });
    const many = await api(T2V, post({ prompt: 'x'.repeat(2001), seed: 1.5, colour: 'red' }));
    expect(many.status).toBe(400);
    expect(many.json.message).toMatch(/^Bad Request: /);
    expect(many.json.message).toContain('Prompt is 2001 characters; the limit is 2000');
    expect(many.json.message).toContain('Seed must be a whole number');
    expect(many.json.message).toContain('colour is not a field of');
    expect((await api(T2V, { method: 'POST', body: '{nope' })).json.message).toBe('Bad Request: the request body is not valid JSON');
    const plain = await api(T2V, { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } });
    expect(plain).toMatchObject({ status: 415, json: { message: 'Unsupported Media Type: send the request body as application/json' } });
    expect(sim.stats.submits.total).toBe(0);
  });

  it('answers 404 for an unknown model or provider', async () => {
    expect((await api('/api/v1/bytedance/seedance-9/async', post({ prompt: 'x' }))).json).toEqual({
      code: 404,
      message: 'Not Found: model bytedance/seedance-9 not found',
    });
    expect((await api('/api/v1/openai/seedance-2.0-t2v/async', post({ prompt: 'x' }))).json.message).toBe(
      'Not Found: provider openai not found',
    );
  });

  it('runs a task pending -> processing -> success on the clock, and serves its results', async () => {
    const submitted = await api(T2V, post({ prompt: 'A harbour', return_last_frame: true }));
    expect(submitted.status).toBe(200);
    const data = submitted.json.data ?? {};
    const taskId = String(data.task_id);
    expect(data).toEqual({
      status: 'pending',
      task_id: taskId,
      model_id: 'seedance-2.0-t2v',
      get_result: { method: 'GET', url: `${sim.url}/api/v1/tasks/${taskId}` },
    });
    const state = async () => (await api(`/api/v1/tasks/${taskId}`)).json.data;
    expect(await state()).toEqual({ status: 'pending', task_id: taskId, model_id: 'seedance-2.0-t2v' });
    expect((await fetch(`${sim.url}/results/${taskId}/video.mp4`)).status).toBe(404);
    clock += 1000;
    expect((await state())?.status).toBe('processing');
    clock += 2000;
    const done = await state();
    expect(done).toMatchObject({
      status: 'success',
      duration: 3000,
      result: {
        resources: [
          { url: `${sim.url}/results/${taskId}/video.mp4`, type: 'video', format: 'mp4', role: 'primary', width: 854, height: 480 },
          { url: `${sim.url}/results/${taskId}/last-frame.png`, type: 'image', format: 'png', role: 'last_frame' },
        ],
        metadata: { request_id: expect.stringMatching(/^req-/) as unknown },
      },
    });
    const video = await fetch(`${sim.url}/results/${taskId}/video.mp4`);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(Number(video.headers.get('content-length'))).toBe((await video.arrayBuffer()).byteLength);
    const frame = await fetch(`${sim.url}/results/${taskId}/last-frame.png`);
    expect(frame.headers.get('content-type')).toBe('image/png');

    const ranged = await fetch(`${sim.url}/results/${taskId}/video.mp4`, { headers: { Range: 'bytes=4-7' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).toString('ascii')).toBe('ftyp');
    expect(ranged.headers.get('content-range')).toMatch(/^bytes 4-7\/\d+$/);
    const head = await fetch(`${sim.url}/results/${taskId}/video.mp4`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('serves no last frame unless it was asked for, and expires results after their time to live', async () => {
    const ttl = await startSimulator({ apiKeys: [KEY], resultTtlMs: 60_000, now: () => clock });
    try {
      const taskId = String((await client(ttl)(T2V, post({ prompt: 'x' }))).json.data?.task_id);
      expect((await fetch(`${ttl.url}/results/${taskId}/last-frame.png`)).status).toBe(404);
      expect((await fetch(`${ttl.url}/results/${taskId}/video.mp4`)).status).toBe(200);
      clock += 60_001;
      const expired = await fetch(`${ttl.url}/results/${taskId}/video.mp4`);
      expect(expired.status).toBe(404);
      expect(((await expired.json()) as { message: string }).message).toBe('Not Found: the result has expired');
    } finally {
      await ttl.close();
    }
  });

  it('answers 404 for an unknown task', async () => {
    expect((await api('/api/v1/tasks/task-nope')).json).toEqual({ code: 404, message: 'Not Found: task task-nope not found' });
  });

  it('accepts uploads (multipart field file), serves them back and deletes them', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('fake png bytes')], { type: 'image/png' }), 'ref.png');
    const up = await api('/api/v1/media/files', { method: 'POST', body: form });
    expect(up.status).toBe(200);
    const data = up.json.data ?? {};
    expect(data).toMatchObject({ type: 'image/png', filename: 'ref.png', size: 14 });
    expect(String(data.file_id)).toMatch(/^file-sim-/);
    expect(Number.isNaN(Date.parse(String(data.created_at)))).toBe(false);
    expect(await (await fetch(String(data.url))).text()).toBe('fake png bytes');
    expect(Object.values(sim.stats.uploadsByContentHash)).toContain(1);

    expect((await api(`/api/v1/media/files/${String(data.file_id)}`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(String(data.url))).status).toBe(404);
    expect((await api(`/api/v1/media/files/${String(data.file_id)}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses bad uploads with the right status', async () => {
    const noFile = new FormData();
    noFile.append('other', 'x');
    expect((await api('/api/v1/media/files', { method: 'POST', body: noFile })).json.message).toBe(
      'Bad Request: the form has no field named file',
    );
    const text = new FormData();
    text.append('file', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
    expect((await api('/api/v1/media/files', { method: 'POST', body: text })).status).toBe(415);
    expect((await api('/api/v1/media/files', { method: 'POST', body: JSON.stringify({ a: 1 }) })).status).toBe(415);
    const octet = new FormData();
    octet.append('file', new Blob(['x'], { type: 'application/octet-stream' }), 'clip.mov');
    expect((await api('/api/v1/media/files', { method: 'POST', body: octet })).json.data).toMatchObject({ type: 'video/quicktime' });

    const small = await startSimulator({ apiKeys: [KEY], maxUploadBytes: 10 });
    try {
      const big = new FormData();
      big.append('file', new Blob([Buffer.alloc(11)], { type: 'image/png' }), 'big.png');
      expect((await client(small)('/api/v1/media/files', { method: 'POST', body: big })).status).toBe(413);
      expect(small.stats.uploads).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('reports the balance and the models', async () => {
    expect((await api('/api/v1/team/balance')).json.data).toEqual({ balance: 100 });
    const models = await api('/api/v1/models');
    expect(models.json.models).toHaveLength(9);
    expect(models.json.models?.[0]).toMatchObject({ slug: 'bytedance/seedance-2.0-v2v', provider: 'bytedance', type: 'video-to-video' });
  });
});

describe('simulator faults', () => {
  let sim: SimulatorHandle;
  let api: ReturnType<typeof client>;
  let n = 0;
  const body = () => ({ prompt: `Fault shot ${++n}` });

  beforeAll(async () => {
    sim = await startSimulator({ apiKeys: [KEY], processingMs: 0 });
    api = client(sim);
  });
  afterEach(() => sim.setFaults({}));
  afterAll(() => sim.close());

  it('429 bursts use up their count and carry the chosen header', async () => {
    sim.setFaults({ rateLimit: { count: 2, retryAfterSeconds: 7 } });
    const first = await api('/api/v1/team/balance');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.json.message).toMatch(/^Too Many Requests: /);
    expect((await api('/api/v1/team/balance')).status).toBe(429);
    expect((await api('/api/v1/team/balance')).status).toBe(200);
    expect(sim.faults.rateLimit?.count).toBe(0);
    sim.setFaults({ rateLimit: { count: 1, header: 'ratelimit-reset', retryAfterSeconds: 3 } });
    const reset = Number((await api('/api/v1/team/balance')).headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 2);
  });

  it('5xx bursts hit only the routes they are aimed at', async () => {
    sim.setFaults({ serverError: { count: 1, status: 502, on: ['poll'] } });
    expect((await api('/api/v1/team/balance')).status).toBe(200);
    expect((await api('/api/v1/tasks/whatever')).status).toBe(502);
    expect((await api('/api/v1/tasks/whatever')).status).toBe(404);
    expect(sim.stats.faults.serverErrors).toBe(1);
  });

  it('drops a submit before or after creating the task', async () => {
    const before = sim.stats.submits.total;
    sim.setFaults({ dropSubmit: { count: 1, when: 'before-create' } });
    await expect(api(T2V, post(body()))).rejects.toThrow();
    expect(sim.stats.submits.total).toBe(before);
    sim.setFaults({ dropSubmit: { count: 1, when: 'after-create' } });
    await expect(api(T2V, post(body()))).rejects.toThrow();
    expect(sim.stats.submits.total).toBe(before + 1);
    expect((await api(T2V, post(body()))).status).toBe(200);
  });

  it.each([
    ['error', { error: 'Face refused' }],
    ['error.message', { error: { message: 'Face refused' } }],
    ['message', { message: 'Face refused' }],
    ['fail_reason', { fail_reason: 'Face refused' }],
  ] as const)('fails tasks with the reason in %s', async (field, expected) => {
    sim.setFaults({ failTasks: { count: 1, reason: 'Face refused', field } });
    const taskId = String((await api(T2V, post(body()))).json.data?.task_id);
    const answer = (await api(`/api/v1/tasks/${taskId}`)).json.data;
    expect(answer).toEqual({ status: 'failed', task_id: taskId, model_id: 'seedance-2.0-t2v', duration: 0, ...expected });
    expect((await fetch(`${sim.url}/results/${taskId}/video.mp4`)).status).toBe(404);
  });

  it('has a face-moderation reason by default', async () => {
    sim.setFaults({ failTasks: { count: 1 } });
    const taskId = String((await api(T2V, post(body()))).json.data?.task_id);
    expect((await api(`/api/v1/tasks/${taskId}`)).json.data?.error).toBe(DEFAULT_FAILURE_REASON);
  });

  it('throttles, truncates and expires downloads', async () => {
    const taskId = String((await api(T2V, post(body()))).json.data?.task_id);
    const url = `${sim.url}/results/${taskId}/video.mp4`;
    const full = (await (await fetch(url)).arrayBuffer()).byteLength;

    sim.setFaults({ slowDownloads: { count: 1, bytesPerSecond: 100_000 } });
    const started = Date.now();
    expect((await (await fetch(url)).arrayBuffer()).byteLength).toBe(full);
    expect(Date.now() - started).toBeGreaterThanOrEqual(full / 100 - 60); // ~17 KB at 100 KB/s, in 50 ms ticks

    sim.setFaults({ truncateDownloads: { count: 1, keepBytes: 1000 } });
    const cut = await fetch(url);
    expect(Number(cut.headers.get('content-length'))).toBe(full);
    await expect(cut.arrayBuffer()).rejects.toThrow();

    sim.setFaults({ expiredResults: { count: 1 } });
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(url)).status).toBe(200);
    expect(sim.stats.faults).toMatchObject({ slowDownloads: 1, truncatedDownloads: 1, expiredResults: 1 });
  });

  it('counts submits per body hash, so a duplicate submit shows', async () => {
    const same = { prompt: 'Twice', seed: 7 };
    await api(T2V, post(same));
    expect(sim.stats.submits.duplicates).toEqual([]);
    await api(T2V, post({ seed: 7, prompt: 'Twice' }));
    const hash = submitBodyHash('seedance-2.0-t2v', same);
    expect(sim.stats.submits.byBodyHash[hash]).toBe(2);
    expect(sim.stats.submits.duplicates).toEqual([hash]);
  });

  it('refuses an invalid fault plan', () => {
    expect(() => sim.setFaults({ rateLimit: { count: -1 } })).toThrow();
    expect(() => sim.setFaults({ nonsense: true } as never)).toThrow();
  });
});

describe('simulator bounds', () => {
  it('forgets the oldest task past maxTasks', async () => {
    const sim = await startSimulator({ apiKeys: [KEY], maxTasks: 2 });
    try {
      const api = client(sim);
      const ids: string[] = [];
      for (const prompt of ['a', 'b', 'c']) ids.push(String((await api(T2V, post({ prompt }))).json.data?.task_id));
      expect((await api(`/api/v1/tasks/${ids[0] ?? ''}`)).status).toBe(404);
      expect((await api(`/api/v1/tasks/${ids[2] ?? ''}`)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('closes promptly with slow downloads and held answers in flight, clearing their timers', async () => {
    const sim = await startSimulator({ apiKeys: [KEY], faults: { slowDownloads: { bytesPerSecond: 10 }, latency: { ms: 60_000, on: ['balance'] } } });
    const api = client(sim);
    const taskId = String((await api(T2V, post({ prompt: 'x' }))).json.data?.task_id);
    const slow = fetch(`${sim.url}/results/${taskId}/video.mp4`)
      .then((r) => r.arrayBuffer())
      .then(() => 'finished', () => 'cut');
    const held = api('/api/v1/team/balance').then(() => 'answered', () => 'cut');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await slow).toBe('cut');
    expect(await held).toBe('cut');
    await sim.close(); // closing twice is harmless
  });
});
