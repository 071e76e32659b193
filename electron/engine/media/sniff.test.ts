import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, sniffMediaType } from './sniff';
import { fixture } from './test-fixtures';

const head = (name: string) => new Uint8Array(readFileSync(fixture(name)).subarray(0, SNIFF_BYTES));
const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe('sniffMediaType', () => {
  it.each([
    ['video-3s-854x480.mp4', 'video', 'video/mp4'],
    ['video-3s-854x480-moov-at-end.mp4', 'video', 'video/mp4'],
    ['video-3s-854x480.mov', 'video', 'video/quicktime'],
    ['audio-3s.mp3', 'audio', 'audio/mpeg'],
    ['audio-3s.wav', 'audio', 'audio/wav'],
    ['image-640x480.png', 'image', 'image/png'],
    ['image-640x480.jpg', 'image', 'image/jpeg'],
    ['image-640x480.webp', 'image', 'image/webp'],
  ])('knows %s from its content', (name, kind, mimeType) => {
    expect(sniffMediaType(head(name))).toMatchObject({ kind, mimeType });
  });

  it('names formats Seedance does not take', () => {
    expect(sniffMediaType(bytes('GIF89a', 1, 0, 1, 0))?.mimeType).toBe('image/gif');
    expect(sniffMediaType(bytes(0x1a, 0x45, 0xdf, 0xa3, 0, 0))?.mimeType).toBe('video/webm');
    expect(sniffMediaType(bytes(0, 0, 0, 0x18, 'ftypheic', 0, 0, 0, 0))?.mimeType).toBe('image/heic');
    expect(sniffMediaType(bytes(0, 0, 0, 0x18, 'ftypM4A ', 0, 0, 0, 0))).toMatchObject({ kind: 'audio', mimeType: 'audio/mp4' });
    expect(sniffMediaType(bytes('RIFF', 0, 0, 0, 0, 'AVI LIST'))?.mimeType).toBe('video/x-msvideo');
    expect(sniffMediaType(bytes('fLaC', 0, 0, 0, 0x22))?.mimeType).toBe('audio/flac');
    expect(sniffMediaType(bytes('OggS', 0, 2))?.mimeType).toBe('audio/ogg');
    expect(sniffMediaType(bytes(0xff, 0xf1, 0x50, 0x80))?.mimeType).toBe('audio/aac');
    expect(sniffMediaType(bytes(0xff, 0xfb, 0x90, 0x64))?.mimeType).toBe('audio/mpeg');
    expect(sniffMediaType(bytes(0, 0, 0, 8, 'wide', 0, 0, 0, 8, 'mdat'))?.mimeType).toBe('video/quicktime');
  });

  it('knows nothing of text or random bytes', () => {
    expect(sniffMediaType(bytes('hello world, this is text'))).toBeUndefined();
    expect(sniffMediaType(new Uint8Array(0))).toBeUndefined();
  });
});
