import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFrameHeader, readMpegFacts } from './read-mpeg';
import { fixture } from './test-fixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-mpeg-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, joint stereo: 417 bytes and 1152 samples a frame. */
const frame = (tag?: string) => {
  const f = Buffer.alloc(417);
  f.set([0xff, 0xfb, 0x90, 0x64]);
  if (tag) f.write(tag, 36, 'latin1');
  return f;
};
const frames = (n: number) => Buffer.concat(Array.from({ length: n }, () => frame()));
const file = (name: string, ...parts: Buffer[]) => {
  const p = path.join(dir, name);
  writeFileSync(p, Buffer.concat(parts));
  return p;
};
const SECONDS_PER_FRAME = 1152 / 44100;

describe('readMpegFacts', () => {
  it('reads the fixture: an ID3v2 tag, an Info frame and MPEG-2 frames', async () => {
    expect(await readMpegFacts(fixture('audio-3s.mp3'))).toMatchObject({ frames: 118, coverage: 1, seconds: expect.closeTo(3.056, 3) });
  });

  it('parses frame headers and refuses reserved values', () => {
    expect(parseFrameHeader(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))).toMatchObject({ length: 417, samples: 1152, sampleRate: 44100 });
    expect(parseFrameHeader(new Uint8Array([0xff, 0xfb, 0xf0, 0x64]))).toBeUndefined(); // bit-rate index 15
    expect(parseFrameHeader(new Uint8Array([0xff, 0xfb, 0x9c, 0x64]))).toBeUndefined(); // sample-rate index 3
    expect(parseFrameHeader(new Uint8Array([0xff, 0xf9, 0x90, 0x64]))).toBeUndefined(); // layer 0 (ADTS AAC)
  });

  it('does not count a Xing header frame as audio', async () => {
    expect((await readMpegFacts(file('xing.mp3', frame('Xing'), frames(99)))).seconds).toBeCloseTo(99 * SECONDS_PER_FRAME, 6);
  });

  it('gets past a little damage and an APE tag at the end', async () => {
    const damaged = file('damaged.mp3', frames(100), Buffer.from('garbage!'), frames(100), Buffer.from('APETAGEX'), Buffer.alloc(2000));
    expect(await readMpegFacts(damaged)).toMatchObject({ frames: 200, seconds: expect.closeTo(200 * SECONDS_PER_FRAME, 6) });
  });

  it('refuses a file that is mostly something else', async () => {
    await expect(readMpegFacts(file('mostly-text.mp3', frames(10), Buffer.from('x'.repeat(10_000))))).rejects.toThrow(/only \d+% of it is MPEG audio frames/);
    await expect(readMpegFacts(file('no-frames.mp3', Buffer.from([0xff, 0xfb]), Buffer.from('text '.repeat(100))))).rejects.toThrow('no MPEG audio frames were found');
  });
});
