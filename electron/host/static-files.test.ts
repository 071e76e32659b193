/**
 * The renderer's files over real HTTP, without the guard: content codings by Accept-Encoding,
 * Cache-Control by kind of file, ETag and 304. (The guard, traversal and the security headers are
 * tested through the whole host in server.test.ts.)
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles, type StaticFiles } from './static-files';
import { send } from './test-support/http';

const HASHED = '/assets/index-AbCd1234.js';
const SCRIPT = `export const greeting = "hello from the renderer";\n`.repeat(400);
const INDEX = `<!doctype html><title>Seedance Flow</title>${'<!-- padding -->'.repeat(100)}<script type="module" src="./assets/index-AbCd1234.js"></script>\n`;

let dir: string;
let files: StaticFiles;
let server: Server;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sf-static-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), INDEX);
  await writeFile(path.join(dir, HASHED), SCRIPT);
  await writeFile(path.join(dir, 'assets/unhashed.js'), SCRIPT);
  await writeFile(path.join(dir, 'assets/tiny.css'), 'body{}\n');
  await writeFile(path.join(dir, 'assets/picture-Zz9Yy8Xx.png'), Buffer.alloc(4096, 7));
  files = await createStaticFiles(dir);
  server = createServer((req, res) => {
    void files.serve({ pathname: new URL(req.url ?? '/', 'http://127.0.0.1').pathname, head: req.method === 'HEAD', headers: req.headers }, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  files?.close();
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}, method = 'GET') => send({ port, path: pathname, method, headers });

describe('content codings', () => {
  it('sends brotli to a browser that takes it, decoding to the file, with Vary', async () => {
    const res = await get(HASHED, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(res.body).toString('utf8')).toBe(SCRIPT);
  });

  it('sends gzip when brotli is not accepted', async () => {
    const res = await get(HASHED, { 'Accept-Encoding': 'gzip, deflate' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(res.body).toString('utf8')).toBe(SCRIPT);
  });

  it('sends the file as it is without Accept-Encoding, still saying it varies', async () => {
    const res = await get(HASHED);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.text).toBe(SCRIPT);
    expect(Number(res.headers['content-length'])).toBe(SCRIPT.length);
  });

  it('compresses index.html too', async () => {
    const res = await get('/', { 'Accept-Encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.body).toString('utf8')).toBe(INDEX);
  });

  it('leaves images and files under 1 KB alone, and does not say Vary for them', async () => {
    for (const pathname of ['/assets/picture-Zz9Yy8Xx.png', '/assets/tiny.css']) {
      const res = await get(pathname, { 'Accept-Encoding': 'gzip, br' });
      expect(res.status, pathname).toBe(200);
      expect(res.headers['content-encoding'], pathname).toBeUndefined();
      expect(res.headers.vary, pathname).toBeUndefined();
    }
  });

  it('answers HEAD with the headers of the coded body and no body', async () => {
    const full = await get(HASHED, { 'Accept-Encoding': 'br' });
    const head = await get(HASHED, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(String(full.body.length));
    expect(head.body.length).toBe(0);
  });

  it('has compressed every text file found at start ahead of the first request', async () => {
    await expect(files.warmed).resolves.toBeUndefined();
  });
});

describe('caching', () => {
  it('keeps hashed assets a year without asking', async () => {
    for (const pathname of [HASHED, '/assets/picture-Zz9Yy8Xx.png']) {
      const res = await get(pathname, { 'Accept-Encoding': 'gzip' });
      expect(res.headers['cache-control'], pathname).toBe('public, max-age=31536000, immutable');
      expect(res.headers.etag, pathname).toMatch(/^W\/"/);
    }
  });

  it('revalidates index.html and unhashed files every time, with an ETag', async () => {
    for (const pathname of ['/', '/index.html', '/assets/unhashed.js', '/assets/tiny.css']) {
      const res = await get(pathname);
      expect(res.headers['cache-control'], pathname).toBe('no-cache');
      expect(res.headers.etag, pathname).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    }
  });

  it('answers 304 without a body when the ETag still matches, whatever the coding', async () => {
    const first = await get('/', { 'Accept-Encoding': 'br' });
    const etag = String(first.headers.etag);
    for (const encoding of ['br', 'gzip', '']) {
      const again = await get('/', { 'If-None-Match': etag, ...(encoding ? { 'Accept-Encoding': encoding } : {}) });
      expect(again.status, encoding).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('no-cache');
      expect(again.headers.vary).toBe('Accept-Encoding');
    }
    expect((await get('/', { 'If-None-Match': 'W/"0-0"' })).status).toBe(200);
  });

  it('answers 200 with the new content and a new ETag once the file changed', async () => {
    const file = path.join(dir, 'assets/unhashed.js');
    const before = await get('/assets/unhashed.js', { 'Accept-Encoding': 'gzip' });
    const changed = SCRIPT.replace('hello', 'howdy');
    await writeFile(file, changed);
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    const after = await get('/assets/unhashed.js', { 'If-None-Match': String(before.headers.etag), 'Accept-Encoding': 'gzip' });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(gunzipSync(after.body).toString('utf8')).toBe(changed);
  });
});
