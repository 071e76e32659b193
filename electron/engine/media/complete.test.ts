import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertCompleteMedia, IncompleteMediaError } from './complete';
import { fixture } from './test-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'sf-complete-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const whole = {
  mp4: readFileSync(fixture('video-3s-854x480.mp4')),
  'moov-at-end.mp4': readFileSync(fixture('video-3s-854x480-moov-at-end.mp4')),
  mov: readFileSync(fixture('video-3s-854x480.mov')),
  png: readFileSync(fixture('image-640x480.png')),
  jpg: readFileSync(fixture('image-640x480.jpg')),
  webp: readFileSync(fixture('image-640x480.webp')),
  result: readFileSync(join(import.meta.dirname, '../../../test/fixtures/simulator/result.mp4')),
};

describe('assertCompleteMedia', () => {
  it.each(Object.entries(whole))('accepts a whole %s', async (name, bytes) => {
    await expect(assertCompleteMedia(write(`whole-${name}`, bytes))).resolves.toBeUndefined();
  });

  it.each(Object.entries(whole))('refuses %s cut short anywhere', async (name, bytes) => {
    for (const fraction of [0.1, 0.5, 0.9]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * fraction));
      await expect(assertCompleteMedia(write(`cut-${fraction}-${name}`, cut))).rejects.toThrow(IncompleteMediaError);
    }
    await expect(assertCompleteMedia(write(`cut-1-${name}`, bytes.subarray(0, bytes.length - 1)))).rejects.toThrow(IncompleteMediaError);
  });

  it('refuses an empty file, text, and a format no result has', async () => {
    await expect(assertCompleteMedia(write('empty.mp4', new Uint8Array()))).rejects.toThrow(/empty/);
    await expect(assertCompleteMedia(write('text.mp4', Buffer.from('<html>error</html>')))).rejects.toThrow(/not a video or image/);
    await expect(assertCompleteMedia(write('a.gif', Buffer.from('GIF89a......')))).rejects.toThrow(/GIF image is not a Seedance result/);
  });

  it('refuses an MP4 whose boxes hold no movie header', async () => {
    const ftyp = Buffer.from([0, 0, 0, 16, ...Buffer.from('ftypisom'), 0, 0, 2, 0]);
    const mdat = Buffer.from([0, 0, 0, 12, ...Buffer.from('mdat'), 1, 2, 3, 4]);
    await expect(assertCompleteMedia(write('no-moov.mp4', Buffer.concat([ftyp, mdat])))).rejects.toThrow(/moov/);
  });
});
