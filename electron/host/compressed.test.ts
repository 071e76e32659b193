import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompressedFiles, isCompressible, MAX_COMPRESS_BYTES, MIN_COMPRESS_BYTES } from './compressed';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sf-compressed-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('isCompressible', () => {
  it('takes text, scripts, JSON, SVG and WebAssembly of a worthwhile size', () => {
    for (const type of ['text/html; charset=utf-8', 'text/javascript; charset=utf-8', 'text/css; charset=utf-8', 'application/json; charset=utf-8', 'image/svg+xml', 'application/wasm']) {
      expect(isCompressible(type, 50_000), type).toBe(true);
    }
  });
  it('leaves already compressed media, tiny files and huge files alone', () => {
    for (const type of ['image/png', 'video/mp4', 'font/woff2', 'application/octet-stream']) expect(isCompressible(type, 50_000), type).toBe(false);
    expect(isCompressible('text/javascript', MIN_COMPRESS_BYTES - 1)).toBe(false);
    expect(isCompressible('text/javascript', MAX_COMPRESS_BYTES + 1)).toBe(false);
  });
});

describe('createCompressedFiles', () => {
  it('gives the file back in brotli and gzip, the same content once decoded', async () => {
    const file = path.join(dir, 'app.js');
    const text = 'export const a = "seedance";\n'.repeat(500);
    await writeFile(file, text);
    const files = createCompressedFiles();
    const br = await files.body(file, 'v1', 'br');
    const gz = await files.body(file, 'v1', 'gzip');
    expect(br && brotliDecompressSync(br).toString('utf8')).toBe(text);
    expect(gz && gunzipSync(gz).toString('utf8')).toBe(text);
    expect(br?.length ?? Infinity).toBeLessThan(text.length / 10);
  });

  it('computes a body once per version, and again when the version changes', async () => {
    const file = path.join(dir, 'changing.js');
    await writeFile(file, 'a'.repeat(4000));
    const files = createCompressedFiles();
    const first = await files.body(file, 'v1', 'gzip');
    expect(await files.body(file, 'v1', 'gzip')).toBe(first);
    await writeFile(file, 'b'.repeat(4000));
    const second = await files.body(file, 'v2', 'gzip');
    expect(second).not.toBe(first);
    expect(second && gunzipSync(second).toString('utf8')).toBe('b'.repeat(4000));
  });

  it('says "send it as it is" for a file that does not shrink or cannot be read', async () => {
    const file = path.join(dir, 'random.bin');
    await writeFile(file, randomBytes(4096));
    const files = createCompressedFiles();
    expect(await files.body(path.join(dir, 'missing.js'), 'v1', 'gzip')).toBeUndefined();
    expect(await files.body(file, 'v1', 'gzip')).toBeUndefined();
    expect(await files.body(file, 'v1', 'br')).toBeUndefined();
  });
});
