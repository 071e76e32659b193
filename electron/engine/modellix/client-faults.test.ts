/** Every injected fault, classified as the API contract rules; and the key never leaks. */
import { inspect } from 'node:util';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../../shared/models';
import { startSimulator, type SimulatorHandle } from '../simulator';
import { createModellixClient, type ModellixClient } from './client';
import { errorForFailedTask } from './classify';
import { isModellixError, type AnyModellixError } from './errors';
import { OUTCOME_UNKNOWN_ADVICE } from './messages';

const KEY = 'sk-faults-9f8e7d6c5b4a3210';
const T2V = MODELS['seedance-2.0-t2v'].path;
/** A whole second, so that HTTP dates (second resolution) give exact waits. */
const NOW = Date.UTC(2026, 2, 1, 9, 30, 0);

async function caught(promise: Promise<unknown>): Promise<AnyModellixError> {
  try {
    await promise;
  } catch (error) {
    if (isModellixError(error)) return error;
    throw error;
  }
  throw new Error('expected a Modellix error');
}

describe('fault classification over HTTP', () => {
  let sim: SimulatorHandle;
  let client: ModellixClient;
  let prompt = 0;
  const body = () => ({ prompt: `Shot ${++prompt}` });

  beforeAll(async () => {
    sim = await startSimulator({ apiKeys: [KEY], processingMs: 0, now: () => NOW });
    client = createModellixClient({ baseUrl: sim.url, apiKey: KEY, timeoutMs: 2000, now: () => NOW });
  });
  afterEach(() => sim.setFaults({}));
  afterAll(() => sim.close());

  it('429 on submit with Retry-After seconds: rejected, with the wait, and no task', async () => {
    sim.setFaults({ rateLimit: { count: 1, on: ['submit'], retryAfterSeconds: 2, header: 'seconds' } });
    const before = sim.stats.submits.total;
    const error = await caught(client.submit(T2V, body()));
    expect(error).toMatchObject({ kind: 'rejected', status: 429, retryAfterMs: 2000 });
    expect(error.message).toMatch(/not created.*Wait 2 s/);
    expect(sim.stats.submits.total).toBe(before);
    // The burst is over: the same submit may go again and succeeds.
    await expect(client.submit(T2V, body())).resolves.toMatchObject({ status: 'pending' });
  });

  it('429 with Retry-After as an HTTP date: retryable', async () => {
    sim.setFaults({ rateLimit: { count: 1, on: ['poll'], retryAfterSeconds: 3, header: 'http-date' } });
    const receipt = await client.submit(T2V, body());
    const error = await caught(client.poll(receipt.taskId));
    expect(error).toMatchObject({ kind: 'retryable', status: 429, retryAfterMs: 3000 });
    await expect(client.poll(receipt.taskId)).resolves.toMatchObject({ status: 'success' });
  });

  it('429 with X-RateLimit-Reset: retryable, wait until the reset', async () => {
    sim.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 5, header: 'ratelimit-reset' } });
    const error = await caught(client.balance());
    expect(error).toMatchObject({ kind: 'retryable', status: 429, retryAfterMs: 5000 });
  });

  it('429 without any hint: retryable, no wait given', async () => {
    sim.setFaults({ rateLimit: { count: 1, header: 'none' } });
    const error = await caught(client.validateKey());
    expect(error.kind).toBe('retryable');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it.each([500, 502, 503, 504] as const)('%i: retryable for a poll, outcome unknown for a submit', async (status) => {
    const receipt = await client.submit(T2V, body());
    sim.setFaults({ serverError: { count: 2, status } });
    const onPoll = await caught(client.poll(receipt.taskId));
    expect(onPoll).toMatchObject({ kind: 'retryable', status });
    const onSubmit = await caught(client.submit(T2V, body()));
    expect(onSubmit).toMatchObject({ kind: 'outcome-unknown', status });
    expect(onSubmit.message).toContain(OUTCOME_UNKNOWN_ADVICE);
    await expect(client.poll(receipt.taskId)).resolves.toMatchObject({ status: 'success' });
  });

  it('5xx bursts on uploads and key checks are retryable', async () => {
    sim.setFaults({ serverError: { count: 2, status: 503, on: ['upload', 'validate-key'] } });
    const upload = await caught(client.upload({ data: new Uint8Array([1, 2, 3]), fileName: 'a.png' }));
    expect(upload).toMatchObject({ kind: 'retryable', status: 503 });
    expect(await caught(client.validateKey())).toMatchObject({ kind: 'retryable', status: 503 });
    await expect(client.validateKey()).resolves.toEqual({ valid: true });
  });

  it('a connection dropped after the task was created: outcome unknown, never re-sent', async () => {
    sim.setFaults({ dropSubmit: { count: 1, when: 'after-create' } });
    const before = sim.stats.submits;
    const error = await caught(client.submit(T2V, body()));
    expect(error).toMatchObject({ kind: 'outcome-unknown', reason: 'network' });
    expect(error.message).toContain(OUTCOME_UNKNOWN_ADVICE);
    const after = sim.stats.submits;
    expect(after.total).toBe(before.total + 1); // the task exists (and would be billed)
    expect(after.requests).toBe(before.requests + 1); // the client did not send it again
    expect(after.duplicates).toEqual([]);
    expect(sim.stats.faults.droppedAfterCreate).toBe(1);
  });

  it('a connection dropped before the task was created is still outcome unknown to the client', async () => {
    sim.setFaults({ dropSubmit: { count: 1, when: 'before-create' } });
    const before = sim.stats.submits.total;
    const error = await caught(client.submit(T2V, body()));
    expect(error.kind).toBe('outcome-unknown');
    expect(sim.stats.submits.total).toBe(before);
  });

  it('a timeout after the submit left: outcome unknown (the task exists)', async () => {
    sim.setFaults({ latency: { count: 1, on: ['submit'], ms: 1000 } });
    const before = sim.stats.submits.total;
    const started = Date.now();
    const error = await caught(client.submit(T2V, body(), { timeoutMs: 150 }));
    expect(Date.now() - started).toBeLessThan(900);
    expect(error).toMatchObject({ kind: 'outcome-unknown', reason: 'timeout' });
    expect(error.message).toMatch(/within 0\.15 s/);
    expect(sim.stats.submits.total).toBe(before + 1);
  });

  it('a timeout on a poll is retryable', async () => {
    const receipt = await client.submit(T2V, body());
    sim.setFaults({ latency: { count: 1, on: ['poll'], ms: 1000 } });
    const error = await caught(client.poll(receipt.taskId, { timeoutMs: 100 }));
    expect(error).toMatchObject({ kind: 'retryable', reason: 'timeout', taskId: receipt.taskId });
  });

  it('cancelling: before sending is a clean rejection; during a poll it is final', async () => {
    const cancelled = new AbortController();
    cancelled.abort();
    const requests = sim.stats.requests;
    expect(await caught(client.submit(T2V, body(), { signal: cancelled.signal }))).toMatchObject({
      kind: 'rejected',
      reason: 'aborted',
    });
    expect(sim.stats.requests).toBe(requests);
    const receipt = await client.submit(T2V, body());
    sim.setFaults({ latency: { count: 1, on: ['poll'], ms: 1000 } });
    const later = new AbortController();
    setTimeout(() => later.abort(), 50);
    expect(await caught(client.poll(receipt.taskId, { signal: later.signal }))).toMatchObject({ kind: 'final', reason: 'aborted' });
  });

  it('402: tells the user to top up', async () => {
    const poor = await startSimulator({ apiKeys: [KEY], balanceUsd: 0.2, pricePerSecondUsd: 0.1 });
    try {
      const c = createModellixClient({ baseUrl: poor.url, apiKey: KEY });
      const error = await caught(c.submit(T2V, { prompt: 'An expensive shot', duration: 5 }));
      expect(error).toMatchObject({ kind: 'rejected', status: 402 });
      expect(error.message).toMatch(/Top up the Modellix balance/);
      expect(error.serviceMessage).toMatch(/^Payment Required: insufficient balance/);
      expect(poor.stats.submits.total).toBe(0);
    } finally {
      await poor.close();
    }
  });
});

describe('transport failures', () => {
  it('connection refused: nothing was sent, so even a submit is rejected; a poll is retryable', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const client = createModellixClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: KEY, timeoutMs: 2000 });
    expect(await caught(client.submit(T2V, { prompt: 'x' }))).toMatchObject({
      kind: 'rejected',
      reason: 'network',
      code: 'ECONNREFUSED',
    });
    expect(await caught(client.poll('task-1'))).toMatchObject({ kind: 'retryable', reason: 'network' });
  });

  function fakeFetch(status: number, text: string, headers: Record<string, string> = {}): typeof fetch {
    return () => Promise.resolve(new Response(text, { status, headers }));
  }

  it('an unreadable success answer: outcome unknown for a submit, final otherwise', async () => {
    const html = createModellixClient({ baseUrl: 'https://api.modellix.ai', apiKey: KEY, fetch: fakeFetch(200, '<html>ok</html>') });
    const submit = await caught(html.submit(T2V, { prompt: 'x' }));
    expect(submit).toMatchObject({ kind: 'outcome-unknown', reason: 'bad-answer', status: 200 });
    expect(await caught(html.poll('task-1'))).toMatchObject({ kind: 'final', reason: 'bad-answer' });

    const noTaskId = fakeFetch(200, JSON.stringify({ code: 0, message: 'success', data: { status: 'pending' } }));
    const odd = createModellixClient({ baseUrl: 'https://api.modellix.ai', apiKey: KEY, fetch: noTaskId });
    expect(await caught(odd.submit(T2V, { prompt: 'x' }))).toMatchObject({ kind: 'outcome-unknown', reason: 'bad-answer' });
  });

  it('an error envelope under HTTP 200 counts as its code', async () => {
    const body = JSON.stringify({ code: 402, message: 'Payment Required: insufficient balance' });
    const c = createModellixClient({ baseUrl: 'https://api.modellix.ai', apiKey: KEY, fetch: fakeFetch(200, body) });
    expect(await caught(c.submit(T2V, { prompt: 'x' }))).toMatchObject({ kind: 'rejected', status: 402 });
  });

  it('an answer larger than the limit is not read', async () => {
    const big = fakeFetch(200, 'x'.repeat(2048));
    const c = createModellixClient({ baseUrl: 'https://api.modellix.ai', apiKey: KEY, fetch: big, maxAnswerBytes: 1024 });
    expect(await caught(c.submit(T2V, { prompt: 'x' }))).toMatchObject({ kind: 'outcome-unknown', reason: 'bad-answer' });
    expect(await caught(c.balance())).toMatchObject({ kind: 'final', reason: 'bad-answer' });
  });

  it('a redirect is not followed (it could carry the key elsewhere)', async () => {
    const redirect = fakeFetch(302, '', { Location: 'https://elsewhere.example.com/' });
    const c = createModellixClient({ baseUrl: 'https://api.modellix.ai', apiKey: KEY, fetch: redirect });
    expect(await caught(c.balance())).toMatchObject({ kind: 'final', status: 302 });
    expect(await caught(c.submit(T2V, { prompt: 'x' }))).toMatchObject({ kind: 'outcome-unknown', status: 302 });
  });
});

describe('the API key never leaks', () => {
  const SECRET = 'sk-live-DO-NOT-LEAK-4242424242';

  function leaks(value: unknown): boolean {
    const texts = [inspect(value, { depth: 8, showHidden: true }), JSON.stringify(value) ?? ''];
    if (value instanceof Error) texts.push(value.message, value.stack ?? '', String(value));
    return texts.some((t) => t.includes(SECRET) || t.includes(encodeURIComponent(SECRET)));
  }

  it('is redacted from every error when a server echoes a wrong key', async () => {
    const sim = await startSimulator({ apiKeys: ['sk-some-other-key-1234567'], faults: { echoKey: true } });
    try {
      const wrong = createModellixClient({ baseUrl: sim.url, apiKey: SECRET });
      expect(leaks(wrong)).toBe(false);
      const calls = [() => wrong.submit(T2V, { prompt: 'x' }), () => wrong.poll('task-1'), () => wrong.balance()];
      for (const call of calls) {
        const error = await caught(call());
        expect(error.status).toBe(401);
        expect(error.serviceMessage).toContain('(API key [redacted])');
        expect(leaks(error), error.message).toBe(false);
      }
    } finally {
      await sim.close();
    }
  });

  it('is redacted from 400, 429, 5xx and failed-task text the server sends back', async () => {
    const sim = await startSimulator({ apiKeys: [SECRET], faults: { echoKey: true } });
    try {
      const client = createModellixClient({ baseUrl: sim.url, apiKey: SECRET });
      const errors: AnyModellixError[] = [];
      errors.push(await caught(client.submit(T2V, { prompt: '' })));
      sim.setFaults({ echoKey: true, rateLimit: { count: 1 } });
      errors.push(await caught(client.submit(T2V, { prompt: 'x' })));
      sim.setFaults({ echoKey: true, serverError: { count: 1 } });
      errors.push(await caught(client.balance()));
      errors.push(await caught(client.deleteUpload('file-none')));
      expect(errors.every((e) => e.serviceMessage?.includes('[redacted]'))).toBe(true);
      for (const error of errors) expect(leaks(error), error.message).toBe(false);

      sim.setFaults({ failTasks: { count: 1, reason: `Refused for key ${SECRET}` } });
      const receipt = await client.submit(T2V, { prompt: 'x' });
      const failed = await client.poll(receipt.taskId);
      expect(failed.failureReason).toBe('Refused for key [redacted]');
      expect(leaks(failed)).toBe(false);
      expect(leaks(errorForFailedTask(failed))).toBe(false);
      expect(leaks(client)).toBe(false);
    } finally {
      await sim.close();
    }
  });
});
