import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mediaUrl } from './channels';
import { createMediaHandler, mediaIdOf, MEDIA_SCHEME_PRIVILEGES, parseRange } from './media-protocol';

const dir = mkdtempSync(join(tmpdir(), 'seedance-media-'));
const video = join(dir, 'clip.mp4');
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
writeFileSync(video, bytes);
writeFileSync(join(dir, 'secret.txt'), 'not for the page');
mkdirSync(join(dir, 'folder'));
const known: Record<string, string> = { 'v1': video, 'gone': join(dir, 'missing.mp4'), 'dir': join(dir, 'folder'), 'a/b c': video };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const handler = createMediaHandler((id) => known[id]);
const get = (url: string, init: RequestInit = {}) => handler(new Request(url, init));

describe('seedance-media protocol', () => {
  it('is registered as a standard, secure, streaming scheme that bypasses nothing', () => {
    expect(MEDIA_SCHEME_PRIVILEGES).toEqual({
      scheme: 'seedance-media',
      privileges: expect.objectContaining({ standard: true, secure: true, stream: true, bypassCSP: false, supportFetchAPI: false, corsEnabled: false }),
    });
  });

  it('serves a file the service knows, whole', async () => {
    const response = await get(mediaUrl('v1'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('serves byte ranges so video can seek', async () => {
    const partial = await get(mediaUrl('v1'), { headers: { Range: 'bytes=100-199' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(partial.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await partial.arrayBuffer())).toEqual(bytes.subarray(100, 200));

    const open = await get(mediaUrl('v1'), { headers: { Range: 'bytes=990-' } });
    expect(open.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect(Buffer.from(await open.arrayBuffer())).toEqual(bytes.subarray(990));

    const suffix = await get(mediaUrl('v1'), { headers: { Range: 'bytes=-10' } });
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(bytes.subarray(990));

    const beyond = await get(mediaUrl('v1'), { headers: { Range: 'bytes=5000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
  });

  it('answers HEAD without a body', async () => {
    const response = await get(mediaUrl('v1'), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });

  it('decodes ids that needed escaping', async () => {
    expect(mediaUrl('a/b c')).toBe('seedance-media://media/a%2Fb%20c');
    expect((await get(mediaUrl('a/b c'))).status).toBe(200);
  });

  it('answers 404 for everything else', async () => {
    const urls = [
      mediaUrl('unknown'),
      mediaUrl('gone'),
      mediaUrl('dir'),
      'seedance-media://media/',
      'seedance-media://media/v1/extra',
      'seedance-media://other/v1',
      'seedance-media://media:8080/v1',
      `seedance-media://media/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      'seedance-media://media/..%2Fsecret.txt',
      'seedance-media://media/%E0%A4%A',
      `file://${video}`,
    ];
    for (const url of urls) expect((await get(url)).status, url).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) expect((await get(mediaUrl('v1'), { method })).status, method).toBe(404);
  });

  it('reads ids only from our own URLs', () => {
    expect(mediaIdOf('seedance-media://media/abc')).toBe('abc');
    expect(mediaIdOf(`seedance-media://media/${'x'.repeat(600)}`)).toBeUndefined();
    expect(mediaIdOf('https://media/abc')).toBeUndefined();
    expect(mediaIdOf('seedance-media://user@media/abc')).toBeUndefined();
  });
});

describe('parseRange', () => {
  it('understands the single ranges media elements send', () => {
    expect(parseRange(null, 100)).toBeUndefined();
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-20', 100)).toEqual({ start: 10, end: 20 });
    expect(parseRange('bytes=10-1000', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=-30', 100)).toEqual({ start: 70, end: 99 });
    expect(parseRange('bytes=-300', 100)).toEqual({ start: 0, end: 99 });
  });

  it('refuses what cannot be satisfied, and serves the whole file for what it does not parse', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=20-10', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
    expect(parseRange('bytes=-', 100)).toBeUndefined();
  });
});
