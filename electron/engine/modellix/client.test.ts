/** The client against the simulator over real HTTP: the happy paths and the service's refusals. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../../shared/models';
import { startSimulator, type SimulatorHandle } from '../simulator';
import { createModellixClient, normalizeBaseUrl, type ModellixClient } from './client';
import { errorForFailedTask } from './classify';
import { FinalError, SubmitRejectedError, isModellixError, type AnyModellixError } from './errors';

const KEY = 'sk-test-client-0123456789abcdef';
const T2V = MODELS['seedance-2.0-t2v'].path;
const V2V = MODELS['seedance-2.0-v2v'].path;
const VIDEO = fileURLToPath(new URL('../../../test/fixtures/simulator/result.mp4', import.meta.url));

async function caught(promise: Promise<unknown>): Promise<AnyModellixError> {
  try {
    await promise;
  } catch (error) {
    if (isModellixError(error)) return error;
    throw error;
  }
  throw new Error('expected a Modellix error');
}

describe('client against the simulator', () => {
  let clock = Date.UTC(2026, 0, 1);
  let sim: SimulatorHandle;
  let client: ModellixClient;

  beforeAll(async () => {
    sim = await startSimulator({ apiKeys: [KEY], processingMs: 3000, pendingMs: 1000, now: () => clock });
    client = createModellixClient({ baseUrl: sim.url, apiKey: KEY, timeoutMs: 5000 });
  });
  afterAll(() => sim.close());

  it('submits on the /async path and polls pending -> processing -> success', async () => {
    const receipt = await client.submit(T2V, { prompt: 'A lighthouse at dusk', return_last_frame: true });
    expect(receipt.status).toBe('pending');
    expect(receipt.modelId).toBe('seedance-2.0-t2v');
    expect(receipt.pollUrl).toBe(`${sim.url}/api/v1/tasks/${receipt.taskId}`);
    expect((await client.poll(receipt.pollUrl)).status).toBe('pending');
    clock += 1500;
    expect((await client.poll(receipt.taskId)).status).toBe('processing');
    clock += 1500;
    const done = await client.poll(receipt.taskId);
    expect(done.status).toBe('success');
    expect(done.elapsedMs).toBe(3000);
    expect(done.video).toEqual({ url: `${sim.url}/results/${receipt.taskId}/video.mp4`, width: 854, height: 480 });
    expect(done.lastFrame).toEqual({ url: `${sim.url}/results/${receipt.taskId}/last-frame.png` });

    const video = Buffer.from(await (await fetch(done.video?.url ?? '')).arrayBuffer());
    expect(video.subarray(4, 8).toString('ascii')).toBe('ftyp');
    expect(video.equals(readFileSync(VIDEO))).toBe(true);
    const frame = Buffer.from(await (await fetch(done.lastFrame?.url ?? '')).arrayBuffer());
    expect(frame.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('submits on the alias path without /async', async () => {
    const before = sim.stats.submits.viaAlias;
    const receipt = await client.submit(T2V.replace(/\/async$/, ''), { prompt: 'A red kite' });
    expect(receipt.taskId).toMatch(/^task-/);
    expect(sim.stats.submits.viaAlias).toBe(before + 1);
    clock += 3000;
    const done = await client.poll(receipt.taskId);
    expect(done.status).toBe('success');
    expect(done.lastFrame).toBeUndefined();
  });

  it('uploads a file by path and by bytes, serves it back, and deletes it', async () => {
    const fromPath = await client.upload({ path: VIDEO });
    expect(fromPath).toMatchObject({ fileName: 'result.mp4', mimeType: 'video/mp4', size: readFileSync(VIDEO).length });
    const served = Buffer.from(await (await fetch(fromPath.url)).arrayBuffer());
    expect(served.equals(readFileSync(VIDEO))).toBe(true);

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const fromBytes = await client.upload({ data: new Uint8Array(png), fileName: 'still.png' });
    expect(fromBytes).toMatchObject({ fileName: 'still.png', mimeType: 'image/png', size: png.length });
    expect(typeof fromBytes.createdAt).toBe('string');

    await client.deleteUpload(fromBytes.fileId);
    expect((await fetch(fromBytes.url)).status).toBe(404);
    const again = await caught(client.deleteUpload(fromBytes.fileId));
    expect(again).toBeInstanceOf(FinalError);
    expect(again.status).toBe(404);
    expect(again.message).toContain(fromBytes.fileId);
  });

  it('refuses an upload of a file it cannot read, sending nothing', async () => {
    const uploads = sim.stats.uploads;
    const error = await caught(client.upload({ path: '/nonexistent/clip.mp4' }));
    expect(error).toMatchObject({ kind: 'final', reason: 'local-file' });
    expect(error.message).toContain('/nonexistent/clip.mp4');
    expect(sim.stats.uploads).toBe(uploads);
  });

  it('checks the key: valid, and a wrong key as a normal false', async () => {
    expect(await client.validateKey()).toEqual({ valid: true });
    const wrong = createModellixClient({ baseUrl: sim.url, apiKey: 'sk-not-the-right-one' });
    expect(await wrong.validateKey()).toEqual({ valid: false });
  });

  it('reads the balance and the model list', async () => {
    expect(await client.balance()).toEqual({ balanceUsd: 100 });
    const models = await client.listModels();
    expect(models.map((m) => m.slug)).toContain('bytedance/seedance-2.0-v2v');
    expect(models).toHaveLength(9);
  });

  it('401: says the key is missing or wrong and where to set it', async () => {
    const wrong = createModellixClient({ baseUrl: sim.url, apiKey: 'sk-not-the-right-one' });
    const onSubmit = await caught(wrong.submit(T2V, { prompt: 'x' }));
    expect(onSubmit).toBeInstanceOf(SubmitRejectedError);
    expect(onSubmit).toMatchObject({ kind: 'rejected', status: 401 });
    expect(onSubmit.message).toMatch(/missing or wrong/);
    expect(onSubmit.message).toMatch(/MODELLIX_API_KEY/);
    expect(onSubmit.message).toMatch(/Settings/);
    const onBalance = await caught(wrong.balance());
    expect(onBalance).toMatchObject({ kind: 'final', status: 401 });
  });

  it('a missing key fails before anything is sent', async () => {
    const requests = sim.stats.requests;
    const none = createModellixClient({ baseUrl: sim.url, apiKey: '  ' });
    const error = await caught(none.submit(T2V, { prompt: 'x' }));
    expect(error).toMatchObject({ kind: 'rejected', reason: 'invalid-request' });
    expect(error.message).toMatch(/MODELLIX_API_KEY/);
    expect(sim.stats.requests).toBe(requests);
  });

  it("400: passes on the service's own words, naming every field", async () => {
    const error = await caught(client.submit(V2V, { prompt: '', resolution: '8k' }));
    expect(error).toMatchObject({ kind: 'rejected', status: 400, reason: 'http' });
    expect(error.message).toMatch(/^Bad Request: /);
    expect(error.message).toContain('Prompt must not be empty');
    expect(error.message).toContain('Video inputs is required');
    expect(error.message).toContain('Resolution must be one of 480p, 720p, 1080p');
    expect(error.serviceMessage).toBe(error.message);
  });

  it('404: an unknown model is rejected', async () => {
    const error = await caught(client.submit('/api/v1/bytedance/seedance-9/async', { prompt: 'x' }));
    expect(error).toMatchObject({ kind: 'rejected', status: 404 });
    expect(error.message).toMatch(/does not know this model/);
    const task = await caught(client.poll('task-missing'));
    expect(task).toMatchObject({ kind: 'final', status: 404, taskId: 'task-missing' });
  });

  it('refuses a path that is not a submit path, sending nothing', async () => {
    const error = await caught(client.submit('/api/v1/tasks/x', { prompt: 'x' }));
    expect(error).toMatchObject({ kind: 'rejected', reason: 'invalid-request' });
    const notObject = await caught(client.submit(T2V, ['x']));
    expect(notObject).toMatchObject({ kind: 'rejected', reason: 'invalid-request' });
  });

  it("a failed task carries the service's reason", async () => {
    sim.setFaults({ failTasks: { count: 1, reason: 'Real human faces are not allowed (moderation).', field: 'error.message' } });
    const receipt = await client.submit(T2V, { prompt: 'A portrait' });
    clock += 3000;
    const failed = await client.poll(receipt.taskId);
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'Real human faces are not allowed (moderation).' });
    const error = errorForFailedTask(failed);
    expect(error).toMatchObject({ kind: 'task-failed', taskId: receipt.taskId });
    expect(error.message).toContain('Real human faces are not allowed (moderation).');
    sim.setFaults({});
  });

  it('never sends the key to another origin when polling a foreign get_result URL', async () => {
    const receipt = await client.submit(T2V, { prompt: 'A boat' });
    const seen: string[] = [];
    const spying = createModellixClient({
      baseUrl: sim.url,
      apiKey: KEY,
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    const snapshot = await spying.poll(`https://elsewhere.example.com/api/v1/tasks/${receipt.taskId}`);
    expect(snapshot.taskId).toBe(receipt.taskId);
    expect(seen).toEqual([`${sim.url}/api/v1/tasks/${receipt.taskId}`]);
    const notTask = await caught(spying.poll('https://elsewhere.example.com/steal'));
    expect(notTask).toMatchObject({ kind: 'final', reason: 'invalid-request' });
    expect(seen).toHaveLength(1);
  });
});

describe('base URL', () => {
  it('takes an https origin, or http on loopback only', () => {
    expect(normalizeBaseUrl('https://api.modellix.ai/')).toBe('https://api.modellix.ai');
    expect(normalizeBaseUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(() => normalizeBaseUrl('http://api.modellix.ai')).toThrow(/https/);
    expect(() => normalizeBaseUrl('https://api.modellix.ai/v1')).toThrow(/origin/);
    expect(() => normalizeBaseUrl('https://user:pw@api.modellix.ai')).toThrow(/origin/);
    expect(() => normalizeBaseUrl('nope')).toThrow(/not a URL/);
  });
});
