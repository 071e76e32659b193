/**
 * The guard over real HTTP, on every route: Host (DNS rebinding), Origin, token (header, cookie,
 * first-open query); the static files (traversal, headers); loopback only.
 */
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './headers';
import { startHost } from './server';
import { createFakeService } from './test-support/fake-service';
import { SECRET_OUTSIDE, startTestHost, type TestHost } from './test-support/fixture';
import { send } from './test-support/http';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => {
  await t.close();
});

const ROUTES = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/assets/app.js' },
  { method: 'POST', path: '/api/call/app.info', body: '{}', headers: { 'Content-Type': 'application/json' } },
  { method: 'GET', path: '/api/events' },
  { method: 'GET', path: '/media/anything' },
];

describe('the token', () => {
  it.each(ROUTES)('is required on $method $path: none -> 401', async (route) => {
    const res = await send({ port: t.host.port, ...route });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain(t.host.token);
  });

  it.each(ROUTES)('must be right on $method $path: a wrong bearer -> 401, a wrong cookie -> 401', async (route) => {
    const wrong = `${t.host.token.slice(0, -1)}${t.host.token.endsWith('A') ? 'B' : 'A'}`;
    const bearer = await send({ port: t.host.port, ...route, headers: { ...route.headers, Authorization: `Bearer ${wrong}` } });
    expect(bearer.status).toBe(401);
    const cookie = await send({ port: t.host.port, ...route, headers: { ...route.headers, Cookie: `seedance_flow_${t.host.port}=${wrong}`, Origin: t.host.origin } });
    expect(cookie.status).toBe(401);
  });

  it('answers an API call without the token with an envelope the window understands', async () => {
    const res = await send({ port: t.host.port, method: 'POST', path: '/api/call/app.info', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('is rejected with a wrong ?token= on first open, and ignored as a query anywhere but /', async () => {
    expect((await send({ port: t.host.port, path: '/?token=nope' })).status).toBe(401);
    expect((await send({ port: t.host.port, path: `/assets/app.js?token=${t.host.token}` })).status).toBe(401);
  });

  it('opens the page once with ?token=: an HttpOnly SameSite=Strict cookie, and a redirect that drops the token', async () => {
    const first = await send({ port: t.host.port, path: new URL(t.host.url).pathname + new URL(t.host.url).search });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^seedance_flow_${t.host.port}=${t.host.token};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');

    const jar = cookie.split(';')[0] ?? '';
    const page = await send({ port: t.host.port, path: '/', headers: { Cookie: jar } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('aria-label="Seedance Flow"');
    const call = await send({
      port: t.host.port,
      method: 'POST',
      path: '/api/call/app.info',
      body: '{}',
      headers: { Cookie: jar, Origin: t.host.origin, 'Content-Type': 'application/json' },
    });
    expect(call.status).toBe(200);
  });

  it('in a cookie is not enough to change something without an Origin (a bearer is)', async () => {
    const jar = `seedance_flow_${t.host.port}=${t.host.token}`;
    const post = { port: t.host.port, method: 'POST', path: '/api/call/app.info', body: '{}' };
    expect((await send({ ...post, headers: { Cookie: jar, 'Content-Type': 'application/json' } })).status).toBe(403);
    expect((await send({ ...post, headers: { ...t.auth, 'Content-Type': 'application/json' } })).status).toBe(200);
  });

  it('of another server on another port does not open this one', async () => {
    const other = await startHost({ service: createFakeService(), rendererDir: t.rendererDir });
    try {
      const res = await send({ port: t.host.port, path: '/', headers: { Cookie: `seedance_flow_${other.port}=${other.token}` } });
      expect(res.status).toBe(401);
      expect(other.token).not.toBe(t.host.token);
    } finally {
      await other.close();
    }
  });
});

describe('the Origin header', () => {
  it.each(ROUTES)('from another site -> 403 on $method $path, even with the right token', async (route) => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${t.host.port + 1}`, `https://127.0.0.1:${t.host.port}`, 'null']) {
      const res = await send({ port: t.host.port, ...route, headers: { ...route.headers, ...t.auth, Origin: origin } });
      expect(res.status, origin).toBe(403);
    }
  });

  it('of our own page is accepted', async () => {
    const res = await send({ port: t.host.port, method: 'POST', path: '/api/call/app.info', body: '{}', headers: { ...t.auth, Origin: t.host.origin, 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
  });
});

describe('the Host header (DNS rebinding)', () => {
  it.each(ROUTES)('naming another host -> 403 on $method $path, even with the right token', async (route) => {
    for (const host of [`evil.example:${t.host.port}`, '127.0.0.1', `127.0.0.1:${t.host.port + 1}`, `0.0.0.0:${t.host.port}`, `[::1]:${t.host.port}`]) {
      const res = await send({ port: t.host.port, ...route, headers: { ...route.headers, ...t.auth, Host: host } });
      expect(res.status, host).toBe(403);
    }
  });

  it('is required: a raw HTTP/1.0 request without Host -> 403', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(t.host.port, '127.0.0.1', () => socket.write(`GET / HTTP/1.0\r\nAuthorization: Bearer ${t.host.token}\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 403/);
  });

  it('may be localhost:<port>', async () => {
    const res = await send({ port: t.host.port, path: '/', headers: { ...t.auth, Host: `localhost:${t.host.port}` } });
    expect(res.status).toBe(200);
  });
});

describe('static files', () => {
  it('serves index.html with the CSP, revalidated with an ETag, nosniff, no referrer, no framing', async () => {
    const res = await send({ port: t.host.port, path: '/', headers: t.auth });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toMatch(/^W\/"/);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('answers an unchanged index.html with 304 and the security headers, only with the token', async () => {
    const first = await send({ port: t.host.port, path: '/', headers: t.auth });
    const etag = String(first.headers.etag);
    const again = await send({ port: t.host.port, path: '/', headers: { ...t.auth, 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(again.headers['x-frame-options']).toBe('DENY');
    expect((await send({ port: t.host.port, path: '/', headers: { 'If-None-Match': etag } })).status).toBe(401);
  });

  it('puts the security headers on refusals too', async () => {
    const res = await send({ port: t.host.port, path: '/' });
    expect(res.status).toBe(401);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('gives JavaScript and CSS their MIME types', async () => {
    const js = await send({ port: t.host.port, path: '/assets/app.js', headers: t.auth });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await send({ port: t.host.port, path: '/assets/style.css', headers: t.auth });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const res = await send({ port: t.host.port, method: 'HEAD', path: '/assets/app.js', headers: t.auth });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    expect(res.body.length).toBe(0);
  });

  it.each([
    '/../outside.txt',
    '/assets/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/assets/..%2f..%2foutside.txt',
    '/assets/%2e%2e%2f%2e%2e%2foutside.txt',
    '/..%5coutside.txt',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '//127.0.0.1/assets/../../outside.txt',
    'http://127.0.0.1/../outside.txt',
    '/.env',
    '/assets/link.txt',
    '/assets/app.js%00.html',
    '/%E0%A4%A',
  ])('never leaves the renderer folder: %s -> 404', async (pathname) => {
    const res = await send({ port: t.host.port, path: pathname, headers: t.auth });
    expect([400, 404]).toContain(res.status);
    expect(res.text).not.toContain(SECRET_OUTSIDE);
  });

  it('lists no folder', async () => {
    for (const pathname of ['/assets', '/assets/']) {
      const res = await send({ port: t.host.port, path: pathname, headers: t.auth });
      expect(res.status, pathname).toBe(404);
      expect(res.text).not.toContain('app.js');
    }
  });

  it('accepts only GET and HEAD', async () => {
    const res = await send({ port: t.host.port, method: 'DELETE', path: '/assets/app.js', headers: { ...t.auth, Origin: t.host.origin } });
    expect(res.status).toBe(405);
  });

  it('refuses to start without a built renderer, saying what to run', async () => {
    await expect(startHost({ service: createFakeService(), rendererDir: `${t.dir}/missing` })).rejects.toThrow(/npm run build/);
  });
});

describe('listening', () => {
  it('binds 127.0.0.1 only, on the port it reports', () => {
    expect(t.host.origin).toBe(`http://127.0.0.1:${t.host.port}`);
    expect(t.host.url).toBe(`http://127.0.0.1:${t.host.port}/?token=${t.host.token}`);
    expect(t.host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('cannot be reached on another address of this machine', async () => {
    const others = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .filter((a) => a.family === 'IPv4' && a.address !== '127.0.0.1')
      .map((a) => a.address);
    for (const address of [...others, '127.0.0.2']) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect(t.host.port, address);
        socket.setTimeout(1000, () => {
          socket.destroy();
          resolve(false);
        });
        socket.on('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
  });

  it('refuses any other host option', async () => {
    await expect(startHost({ service: createFakeService(), rendererDir: t.rendererDir, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow();
  });

  it('closes with open event streams', async () => {
    const other = await startTestHost();
    const { openStream } = await import('./test-support/http');
    const stream = await openStream({ port: other.host.port, path: '/api/events', headers: other.auth });
    expect(stream.status).toBe(200);
    await other.close();
    expect(other.service.listenerCount()).toBe(0);
  });
});
