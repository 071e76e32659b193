import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  IncompleteWriteError,
  isAtomicTempName,
  removeAtomicTempFiles,
  tempPathFor,
  writeFileAtomic,
  writeStreamAtomic,
} from './atomic';
import { sha256File, sha256Hex } from './hash';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

describe('writeFileAtomic', () => {
  it('creates a file and replaces an existing one, leaving no temp file', async () => {
    const target = path.join(dir, 'a.json');
    await writeFileAtomic(target, '{"v":1}');
    expect(readFileSync(target, 'utf8')).toBe('{"v":1}');
    await writeFileAtomic(target, new TextEncoder().encode('{"v":2}'));
    expect(readFileSync(target, 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('leaves the old content and no temp file when the write fails', async () => {
    const target = path.join(dir, 'missing-folder', 'a.json');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('temp names', () => {
  it('are recognised, per target, and cleaned up', async () => {
    const target = path.join(dir, 'out.mp4');
    const temp = tempPathFor(target);
    expect(path.dirname(temp)).toBe(dir);
    expect(isAtomicTempName(path.basename(temp))).toBe(true);
    expect(isAtomicTempName(path.basename(temp), target)).toBe(true);
    expect(isAtomicTempName(path.basename(temp), path.join(dir, 'other.mp4'))).toBe(false);
    expect(isAtomicTempName('out.mp4')).toBe(false);
    writeFileSync(temp, 'half');
    writeFileSync(target, 'whole');
    expect(await removeAtomicTempFiles(dir, { olderThanMs: 60_000 })).toEqual([]);
    expect(await removeAtomicTempFiles(dir)).toEqual([temp]);
    expect(readdirSync(dir)).toEqual(['out.mp4']);
    expect(await removeAtomicTempFiles(path.join(dir, 'nope'))).toEqual([]);
  });
});

describe('writeStreamAtomic', () => {
  it('writes a Node stream, returning length and sha256', async () => {
    const target = path.join(dir, 'video.mp4');
    const written = await writeStreamAtomic(target, Readable.from([Buffer.from('abc'), Buffer.from('def')]), { expectedBytes: 6 });
    expect(written).toEqual({ path: target, bytes: 6, sha256: sha('abcdef') });
    expect(readFileSync(target, 'utf8')).toBe('abcdef');
    expect(await sha256File(target)).toBe(sha('abcdef'));
    expect(sha256Hex('abcdef')).toBe(sha('abcdef'));
  });

  it('writes a web ReadableStream (a fetch body)', async () => {
    const target = path.join(dir, 'frame.png');
    const body = new Response('png-bytes').body;
    if (!body) throw new Error('no body');
    const written = await writeStreamAtomic(target, body);
    expect(written.bytes).toBe(9);
    expect(readFileSync(target, 'utf8')).toBe('png-bytes');
  });

  it('refuses a truncated stream and keeps the previous file', async () => {
    const target = path.join(dir, 'video.mp4');
    writeFileSync(target, 'previous');
    const error = await writeStreamAtomic(target, chunks('abc'), { expectedBytes: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteWriteError);
    expect((error as IncompleteWriteError).message).toMatch(/video\.mp4: the download stopped after 3 bytes of 10 bytes.*try again/);
    expect(readFileSync(target, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['video.mp4']);
  });

  it('refuses a stream longer than announced', async () => {
    const target = path.join(dir, 'video.mp4');
    await expect(writeStreamAtomic(target, chunks('abc', 'def'), { expectedBytes: 4 })).rejects.toThrow(/more than the announced 4 bytes/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses content with the wrong sha256', async () => {
    const target = path.join(dir, 'video.mp4');
    await expect(writeStreamAtomic(target, chunks('abc'), { expectedSha256: sha('abd') })).rejects.toThrow(/does not match its expected sha256/);
    await expect(writeStreamAtomic(target, chunks('abc'), { expectedSha256: sha('abc').toUpperCase() })).resolves.toMatchObject({ bytes: 3 });
  });

  it('removes the temp file when the source fails midway or is aborted', async () => {
    const target = path.join(dir, 'video.mp4');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([1, 2, 3]);
      throw new Error('socket hang up');
    }
    await expect(writeStreamAtomic(target, failing())).rejects.toThrow('socket hang up');
    const controller = new AbortController();
    async function* slow(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([1]);
      controller.abort();
      yield new Uint8Array([2]);
    }
    await expect(writeStreamAtomic(target, slow(), { signal: controller.signal })).rejects.toThrow(/abort/i);
    expect(readdirSync(dir)).toEqual([]);
  });
});
