/** `POST /api/call/<method>` over real HTTP: the contract's envelope, and what the host refuses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './test-support/fixture';
import { send } from './test-support/http';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ maxBodyBytes: 1024, secrets: ['sk-the-secret-key'] });
});
afterAll(async () => {
  await t.close();
});

const call = (method: string, body: string, headers: Record<string, string> = {}) =>
  send({ port: t.host.port, method: 'POST', path: `/api/call/${method}`, body, headers: { ...t.auth, Origin: t.host.origin, 'Content-Type': 'application/json', ...headers } });

describe('POST /api/call/<method>', () => {
  it('answers a valid call with the result envelope', async () => {
    const res = await call('app.info', '{}');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.text)).toEqual({ ok: true, result: { version: '0.0.0-test', mode: 'browser', platform: process.platform, dataDir: '/nonexistent/test', examplesDir: null } });
  });

  it('takes an empty body as no arguments', async () => {
    expect(JSON.parse((await call('app.info', '')).text)).toMatchObject({ ok: true });
  });

  it('accepts a charset in the content type', async () => {
    expect((await call('app.info', '{}', { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('answers a malformed argument with bad-arguments, and the handler never runs', async () => {
    const before = t.service.calls.length;
    const res = await call('app.info', '{"unexpected":1}');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
    const wrongType = await call('tasks.list', '{"limit":"many"}');
    expect(JSON.parse(wrongType.text)).toMatchObject({ ok: false, error: { code: 'bad-arguments', message: expect.stringContaining('limit') } });
    expect(t.service.calls.length).toBe(before);
  });

  it('answers an unknown method with unknown-method', async () => {
    expect(JSON.parse((await call('no.such.method', '{}')).text)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(JSON.parse((await call('__proto__', '{}')).text)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect((await call('app.info%2F..', '{}')).status).toBe(404);
  });

  it('passes a handler failure on as failed', async () => {
    expect(JSON.parse((await call('balance', '{}')).text)).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it('refuses a body that is not JSON: 400', async () => {
    const res = await call('app.info', '{not json');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])('refuses Content-Type "%s": 415', async (type) => {
    const res = await call('app.info', '{}', { 'Content-Type': type });
    expect(res.status).toBe(415);
  });

  it('refuses a body over the limit: 413', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(2000) });
    expect((await call('app.info', big)).status).toBe(413);
    // Also when the size is not announced (chunked).
    const chunked = await send({
      port: t.host.port,
      method: 'POST',
      path: '/api/call/app.info',
      body: big,
      headers: { ...t.auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    });
    expect(chunked.status).toBe(413);
  });

  it('accepts only POST', async () => {
    const res = await send({ port: t.host.port, method: 'GET', path: '/api/call/app.info', headers: t.auth });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });
});
