import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaProbeError } from './errors';
import { probeImportable, probeMedia } from './probe';
import { fixture } from './test-fixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-probe-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const tmp = (name: string, content: string | Uint8Array) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};
const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('probeMedia on real files', () => {
  it('reads an MP4: kind, type, bytes, sha256, duration, size, tracks', async () => {
    const file = fixture('video-3s-854x480.mp4');
    const facts = await probeMedia(file);
    expect(facts).toMatchObject({
      kind: 'video',
      mimeType: 'video/mp4',
      fileName: 'video-3s-854x480.mp4',
      width: 854,
      height: 480,
      hasVideoTrack: true,
      hasAudioTrack: true,
      extensionKind: 'video',
      bytes: readFileSync(file).length,
      sha256: sha256Of(file),
    });
    expect(facts.seconds).toBeCloseTo(3, 1);
  });

  it.each([
    ['video-3s-854x480.mov', 'video/quicktime', 3],
    ['video-3s-854x480-moov-at-end.mp4', 'video/mp4', 3],
    ['video-1s-854x480.mp4', 'video/mp4', 1],
    ['video-16s-854x480.mp4', 'video/mp4', 16],
  ])('reads %s', async (name, mimeType, seconds) => {
    const facts = await probeMedia(fixture(name));
    expect(facts).toMatchObject({ kind: 'video', mimeType, width: 854, height: 480 });
    expect(facts.seconds).toBeCloseTo(seconds, 1);
  });

  it('reads the picture size of a small video', async () => {
    expect(await probeMedia(fixture('video-3s-320x240.mp4'))).toMatchObject({ width: 320, height: 240 });
  });

  it.each([
    ['audio-3s.mp3', 'audio/mpeg', 3.06],
    ['audio-3s.wav', 'audio/wav', 3],
    ['audio-1s.wav', 'audio/wav', 1],
  ])('reads the duration of %s', async (name, mimeType, seconds) => {
    const facts = await probeMedia(fixture(name));
    expect(facts).toMatchObject({ kind: 'audio', mimeType });
    expect(facts.width).toBeUndefined();
    expect(facts.seconds).toBeCloseTo(seconds, 1);
  });

  it.each([
    ['image-640x480.png', 'image/png', 640, 480],
    ['image-640x480.jpg', 'image/jpeg', 640, 480],
    ['image-640x480.webp', 'image/webp', 640, 480],
    ['image-100x100.png', 'image/png', 100, 100],
    ['image-3000x500.png', 'image/png', 3000, 500],
  ])('reads the size of %s', async (name, mimeType, width, height) => {
    const facts = await probeMedia(fixture(name));
    expect(facts).toMatchObject({ kind: 'image', mimeType, width, height });
    expect(facts.seconds).toBeUndefined();
  });

  it('believes the content over the extension', async () => {
    const file = path.join(dir, 'actually-a-png.mp4');
    copyFileSync(fixture('image-640x480.png'), file);
    expect(await probeMedia(file)).toMatchObject({ kind: 'image', mimeType: 'image/png', extensionKind: 'video', width: 640 });
  });

  it('reports a format the model refuses by its type, without failing', async () => {
    const gif = tmp('still.gif', Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
    expect(await probeMedia(gif)).toMatchObject({ kind: 'image', mimeType: 'image/gif', width: 1, height: 1 });
  });
});

describe('probeMedia errors say which file and what to do', () => {
  const failure = async (file: string) => {
    const error = await probeMedia(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaProbeError);
    expect((error as MediaProbeError).path).toBe(file);
    return (error as MediaProbeError).message;
  };

  it('for a missing file', async () => {
    const file = path.join(dir, 'gone.mp4');
    expect(await failure(file)).toBe(`${file} was not found. Check the path, or wire in the file again if it was moved or renamed.`);
  });

  it('for a folder and an empty file', async () => {
    const folder = path.join(dir, 'folder.mp4');
    mkdirSync(folder);
    expect(await failure(folder)).toMatch(/is a folder, not a media file/);
    expect(await failure(tmp('empty.wav', ''))).toBe('empty.wav is empty (0 bytes). Export or copy the file again.');
  });

  it('for text named like a video, and for an unknown file', async () => {
    expect(await failure(tmp('notes.mp4', 'just some text, not a movie'))).toBe(
      'notes.mp4 is named like a video file but its content is not a format Seedance takes, or the file is damaged. Re-export it as MP4 (H.264).',
    );
    expect(await failure(tmp('data.bin', 'xyz'.repeat(30)))).toMatch(/^data\.bin is not a media file Seedance can use\. It takes MP4 or MOV video/);
  });

  it('for a truncated MP4 (no movie header)', async () => {
    const truncated = tmp('cut.mp4', readFileSync(fixture('video-3s-854x480-moov-at-end.mp4')).subarray(0, 4000));
    expect(await failure(truncated)).toMatch(/^cut\.mp4 looks like an MP4 video but could not be read \(.+\)\. The file may be damaged or incomplete: re-export it as MP4 \(H\.264\)\.$/);
  });

  it('for a damaged PNG and a damaged WAV', async () => {
    const png = readFileSync(fixture('image-640x480.png'));
    expect(await failure(tmp('cut.png', png.subarray(0, 12)))).toMatch(/^cut\.png looks like a PNG image but could not be read/);
    expect(await failure(tmp('cut.wav', Buffer.from('RIFF\x10\x00\x00\x00WAVEjunk', 'latin1')))).toMatch(/^cut\.wav looks like a WAV audio but could not be read.*re-export it as MP3 or WAV/);
  });
});

/** One MPEG-1 Layer III frame header (128 kbit/s, 44.1 kHz, joint stereo): 417 bytes a frame. */
const mp3Frame = () => {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return frame;
};
const frames = (n: number) => Buffer.concat(Array.from({ length: n }, mp3Frame));
const prose = Buffer.from('These are my private notes, not audio at all. '.repeat(2500));

describe('probeMedia reads an MP3 from its real frames (issue 8.8)', () => {
  const failure = async (file: string) => ((await probeMedia(file).catch((e: unknown) => e)) as Error).message;

  it('refuses text behind MP3 frame-sync bytes', async () => {
    expect(await failure(tmp('sync.mp3', Buffer.concat([Buffer.from([0xff, 0xfb]), prose])))).toMatch(/^sync\.mp3 looks like an MP3 audio but could not be read/);
  });

  it('refuses a few real frames followed by text (a duration guessed from the file size is not audio)', async () => {
    expect(await failure(tmp('four-frames.mp3', Buffer.concat([frames(4), prose])))).toMatch(
      /^four-frames\.mp3 looks like an MP3 audio but could not be read \(only \d+% of it is MPEG audio frames\)/,
    );
  });

  it('takes the duration from the frames, with an ID3v1 tag at the end', async () => {
    const tag = Buffer.concat([Buffer.from('TAG'), Buffer.alloc(125)]);
    const facts = await probeMedia(tmp('frames.mp3', Buffer.concat([frames(200), tag])));
    expect(facts).toMatchObject({ kind: 'audio', mimeType: 'audio/mpeg' });
    expect(facts.seconds).toBeCloseTo((200 * 1152) / 44100, 3);
  });
});

describe('probeImportable: only a format Seedance takes, with every fact read (issue 8.8)', () => {
  const failure = async (file: string) => {
    const error = await probeImportable(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaProbeError);
    return (error as MediaProbeError).message;
  };

  it('refuses GIF and BMP, also when text follows a real signature', async () => {
    expect(await failure(tmp('fake.gif', Buffer.concat([Buffer.from('GIF89a'), prose])))).toBe(
      'fake.gif is a GIF image; Seedance takes JPEG, PNG or WebP images. Convert it to PNG or JPEG and import it again.',
    );
    expect(await failure(tmp('fake.bmp', Buffer.concat([Buffer.from('BM'), prose])))).toMatch(/^fake\.bmp is a BMP image; Seedance takes JPEG, PNG or WebP images/);
    const gif = tmp('real.gif', Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
    expect(await failure(gif)).toMatch(/^real\.gif is a GIF image/);
  });

  it('refuses what probeMedia refuses', async () => {
    expect(await failure(tmp('notes.mp3', Buffer.concat([frames(4), prose])))).toMatch(/could not be read/);
  });

  it.each([
    ['video-3s-854x480.mp4'],
    ['video-3s-854x480.mov'],
    ['audio-3s.mp3'],
    ['audio-3s.wav'],
    ['image-640x480.png'],
    ['image-640x480.jpg'],
    ['image-640x480.webp'],
  ])('accepts %s', async (name) => {
    expect(await probeImportable(fixture(name))).toMatchObject({ fileName: name });
  });
});
