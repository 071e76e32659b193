/** `GET /media/<id>` over real HTTP: only files the service knows, with byte ranges. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './test-support/fixture';
import { send } from './test-support/http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const BYTES = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
let t: TestHost;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'sf-media-'));
  await writeFile(path.join(dir, 'clip.mp4'), BYTES);
  await writeFile(path.join(dir, 'empty.wav'), '');
  t = await startTestHost({
    dir,
    media: { clip: path.join(dir, 'clip.mp4'), 'id with space/and slash': path.join(dir, 'clip.mp4'), empty: path.join(dir, 'empty.wav'), gone: path.join(dir, 'gone.mp4') },
  });
});
afterAll(async () => {
  await t.close();
});

const get = (id: string, headers: Record<string, string> = {}) => send({ port: t.host.port, path: `/media/${id}`, headers: { ...t.auth, ...headers } });

describe('GET /media/<id>', () => {
  it('404s an id the service does not know, and a file path', async () => {
    expect((await get('unknown')).status).toBe(404);
    expect((await get(encodeURIComponent(path.join(t.dir, 'outside.txt')))).status).toBe(404);
    expect((await get('..%2F..%2Foutside.txt')).status).toBe(404);
    expect((await get('')).status).toBe(404);
  });

  it('404s a known id whose file is gone', async () => {
    expect((await get('gone')).status).toBe(404);
  });

  it('streams a known file whole, with its type and Accept-Ranges', async () => {
    const res = await get('clip');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.equals(BYTES)).toBe(true);
  });

  it('decodes the id from the path', async () => {
    expect((await get(encodeURIComponent('id with space/and slash'))).status).toBe(200);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=900-', 900, 999],
    ['bytes=-10', 990, 999],
    ['bytes=500-5000', 500, 999],
  ])('answers Range %s with 206 and exactly those bytes', async (range, start, end) => {
    const res = await get('clip', { Range: range });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(Number(res.headers['content-length'])).toBe(end - start + 1);
    expect(res.body.equals(BYTES.subarray(start, end + 1))).toBe(true);
  });

  it('answers an unsatisfiable range with 416', async () => {
    const res = await get('clip', { Range: 'bytes=1000-' });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */1000');
  });

  it('serves an empty file', async () => {
    const res = await get('empty');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.body.length).toBe(0);
  });

  it('accepts only GET and HEAD', async () => {
    const head = await send({ port: t.host.port, method: 'HEAD', path: '/media/clip', headers: t.auth });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('1000');
    const post = await send({ port: t.host.port, method: 'POST', path: '/media/clip', headers: { ...t.auth, Origin: t.host.origin } });
    expect(post.status).toBe(405);
  });
});
