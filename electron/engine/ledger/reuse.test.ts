import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from './ledger';
import { requestIdentity, RESULT_URL_LIFETIME_MS } from './reuse';
import { intent, runStarted, SERVICE, sha } from './test-support/events';

let dir: string;
let ledger: Ledger;
let now: Date;
const day = 86_400_000;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-reuse-'));
  now = new Date('2025-05-01T12:00:00Z');
  ledger = await Ledger.open(path.join(dir, 'data'), { now: () => now });
  await ledger.append(runStarted('r1'));
});
afterEach(async () => {
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one task to success; returns its request hash. */
async function succeed(taskKey: string, body: Record<string, unknown>, download?: { path: string; bytes: number }): Promise<string> {
  const event = intent('r1', taskKey, body);
  await ledger.append(event);
  await ledger.append({ type: 'task.submitted', taskKey, taskId: `id-${taskKey}` });
  await ledger.append({ type: 'task.succeeded', taskKey, resources: [{ url: `https://cdn/${taskKey}.mp4`, type: 'video' }] });
  if (download) {
    await ledger.append({ type: 'task.downloaded', taskKey, outputs: [{ url: `https://cdn/${taskKey}.mp4`, path: download.path, sha256: sha('d'), bytes: download.bytes }] });
  }
  return event.requestHash;
}

describe('findReusable', () => {
  it('reuses a fixed-seed success whose downloaded file still exists', async () => {
    const file = path.join(dir, 'out.mp4');
    writeFileSync(file, '12345');
    const hash = await succeed('t1', { prompt: 'fox', seed: 42 }, { path: file, bytes: 5 });
    now = new Date(now.getTime() + 30 * day); // URLs long gone, the file is what counts
    const found = ledger.findReusable(hash, SERVICE);
    expect(found).toMatchObject({ via: 'files', task: { taskKey: 't1' }, outputs: [{ path: file }] });
  });

  it('falls back to the URLs while they are younger than 7 days', async () => {
    const hash = await succeed('t1', { prompt: 'fox', seed: 42 }, { path: path.join(dir, 'deleted.mp4'), bytes: 5 });
    expect(ledger.findReusable(hash, SERVICE)).toMatchObject({ via: 'urls', resources: [{ url: 'https://cdn/t1.mp4' }] });
    now = new Date(now.getTime() + RESULT_URL_LIFETIME_MS - 1000);
    expect(ledger.findReusable(hash, SERVICE)?.via).toBe('urls');
    now = new Date(now.getTime() + 2000);
    expect(ledger.findReusable(hash, SERVICE)).toBeUndefined();
  });

  it('does not count a file whose size changed', async () => {
    const file = path.join(dir, 'out.mp4');
    writeFileSync(file, '123');
    const hash = await succeed('t1', { prompt: 'fox', seed: 1 }, { path: file, bytes: 5 });
    expect(ledger.findReusable(hash, SERVICE)?.via).toBe('urls');
  });

  it('never reuses seed -1 or a body without a seed', async () => {
    const random = await succeed('t1', { prompt: 'fox', seed: -1 });
    const absent = await succeed('t2', { prompt: 'fox' });
    expect(ledger.findReusable(random, SERVICE)).toBeUndefined();
    expect(ledger.findReusable(absent, SERVICE)).toBeUndefined();
  });

  it('needs the very same request: any body change or another model is a miss', async () => {
    const hash = await succeed('t1', { prompt: 'fox', seed: 42, duration: 5 });
    expect(ledger.findReusable(hash, SERVICE)).toBeDefined();
    const other = intent('r1', 'x', { prompt: 'fox', seed: 42, duration: 6 });
    expect(ledger.findReusable(other.requestHash, SERVICE)).toBeUndefined();
    expect(intent('r1', 'y', { duration: 5, seed: 42, prompt: 'fox' }).requestHash).toBe(hash);
  });

  it('only reuses succeeded tasks, and prefers the newest', async () => {
    const body = { prompt: 'fox', seed: 9 };
    const pending = intent('r1', 'p', body);
    await ledger.append(pending);
    await ledger.append({ type: 'task.submitted', taskKey: 'p', taskId: 'id-p' });
    expect(ledger.findReusable(pending.requestHash, SERVICE)).toBeUndefined();
    await ledger.append({ type: 'task.failed', taskKey: 'p', reason: 'x', retryable: true, phase: 'task' });
    expect(ledger.findReusable(pending.requestHash, SERVICE)).toBeUndefined();
    await succeed('old', body);
    now = new Date(now.getTime() + day);
    await succeed('new', body);
    expect(ledger.findReusable(pending.requestHash, SERVICE)?.task.taskKey).toBe('new');
  });
});

describe('requestIdentity', () => {
  it('is the same for the same file uploaded under another URL, and differs when the file or the prompt differs', () => {
    const body = (u: string, prompt = 'Restyle [Video 1]') => ({ prompt, video_urls: [u] });
    const a = requestIdentity('seedance-2.0-v2v', body('https://u/1'), { 'video_urls:0': 'a'.repeat(64) });
    expect(requestIdentity('seedance-2.0-v2v', body('https://u/2'), { 'video_urls:0': 'a'.repeat(64) })).toBe(a);
    expect(requestIdentity('seedance-2.0-v2v', body('https://u/1'), { 'video_urls:0': 'b'.repeat(64) })).not.toBe(a);
    expect(requestIdentity('seedance-2.0-v2v', body('https://u/1', 'Other'), { 'video_urls:0': 'a'.repeat(64) })).not.toBe(a);
    // Without upload hashes, the URL itself is the input.
    expect(requestIdentity('seedance-2.0-v2v', body('https://u/1'))).not.toBe(requestIdentity('seedance-2.0-v2v', body('https://u/2')));
  });
});
