import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLocalInputs } from './check';
import type { ProbedMedia } from './probe';
import { fixture } from './test-fixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-check-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const messages = async (...inputs: Parameters<typeof checkLocalInputs>[0]) => (await checkLocalInputs(inputs)).problems.map((p) => p.message);

describe('checkLocalInputs', () => {
  it('passes valid inputs of every kind', async () => {
    const report = await checkLocalInputs([
      { path: fixture('video-3s-854x480.mp4'), kind: 'video', label: 'Video 1' },
      { path: fixture('video-3s-854x480.mov'), kind: 'video', label: 'Video 2' },
      { path: fixture('audio-3s.mp3'), kind: 'audio' },
      fixture('audio-3s.wav'),
      fixture('image-640x480.png'),
      fixture('image-640x480.jpg'),
      fixture('image-640x480.webp'),
    ]);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => f.fileName)).toEqual([
      'video-3s-854x480.mp4', 'video-3s-854x480.mov', 'audio-3s.mp3', 'audio-3s.wav', 'image-640x480.png', 'image-640x480.jpg', 'image-640x480.webp',
    ]);
    expect(report.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });

  it('flags a video that is too short', async () => {
    expect(await messages({ path: fixture('video-1s-854x480.mp4'), label: 'Video 1' })).toEqual([
      'Video 1 (video-1s-854x480.mp4) lasts 1.0 s; each video must last at least 2 s.',
    ]);
  });

  it('flags a video that is too long, also in the total', async () => {
    expect(await messages(fixture('video-16s-854x480.mp4'))).toEqual([
      'video-16s-854x480.mp4 lasts 16.0 s; each video may last at most 15 s.',
      'The video inputs last 16.0 s together; the limit is 15 s in all (video-16s-854x480.mp4 16.0 s). Shorten or remove some of them.',
    ]);
  });

  it('flags a video below about 480p', async () => {
    expect(await messages(fixture('video-3s-320x240.mp4'))).toEqual([
      'video-3s-320x240.mp4 is 320x240; too small (the model wants about 480p to 720p).',
    ]);
  });

  it('flags videos that are fine alone but too long together', async () => {
    const clips = Array.from({ length: 6 }, () => fixture('video-3s-854x480.mp4'));
    const report = await checkLocalInputs(clips);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]?.files).toHaveLength(6);
    expect(report.problems[0]?.message).toMatch(/^The video inputs last 18\.0 s together; the limit is 15 s in all \(video-3s-854x480\.mp4 3\.0 s, /);
  });

  it('flags audio too short alone and too long together', async () => {
    expect(await messages({ path: fixture('audio-1s.wav'), label: 'Audio 1' })).toEqual([
      'Audio 1 (audio-1s.wav) lasts 1.0 s; each audio must last at least 2 s.',
    ]);
    const total = await messages(...Array.from({ length: 5 }, () => fixture('audio-3s.mp3')));
    expect(total).toEqual([expect.stringMatching(/^The audio inputs last 15\.3 s together; the limit is 15 s in all/)]);
  });

  it('flags images too small and with a bad aspect ratio', async () => {
    expect(await messages(fixture('image-100x100.png'), { path: fixture('image-3000x500.png'), label: 'Image 2' })).toEqual([
      'image-100x100.png is 100x100; each side must be at least 300 px.',
      'Image 2 (image-3000x500.png) has an aspect ratio of 6.00; it must be between 0.4 and 2.5.',
    ]);
  });

  it('flags a file of the wrong kind for its slot, and a misleading extension', async () => {
    expect(await messages({ path: fixture('image-640x480.png'), kind: 'video', label: 'Video 1' })).toEqual([
      'Video 1 (image-640x480.png) is an image (PNG image); this input takes a video (MP4, MOV).',
    ]);
    const renamed = path.join(dir, 'clip.mp4');
    copyFileSync(fixture('image-640x480.png'), renamed);
    expect(await messages(renamed)).toEqual(['clip.mp4 is an image (PNG image) although its name says video; rename it with the right extension.']);
  });

  it('flags a format the model does not take', async () => {
    const gif = path.join(dir, 'x.gif');
    writeFileSync(gif, Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
    expect(await messages(gif)).toEqual([
      'x.gif is image/gif; the model takes JPG, JPEG, PNG, WEBP.',
      'x.gif is 1x1; each side must be at least 300 px.',
    ]);
  });

  it('reports unreadable files alongside the others instead of stopping', async () => {
    const missing = path.join(dir, 'missing.mov');
    const report = await checkLocalInputs([{ path: missing, label: 'Video 2' }, fixture('video-1s-854x480.mp4'), fixture('image-640x480.png')]);
    expect(report.ok).toBe(false);
    expect(report.files).toHaveLength(2);
    expect(report.problems.map((p) => p.files)).toEqual([[missing], [fixture('video-1s-854x480.mp4')]]);
    expect(report.problems[0]?.message).toBe(`Video 2: ${missing} was not found. Check the path, or wire in the file again if it was moved or renamed.`);
  });

  it('checks total size from the probed facts', async () => {
    const big = (name: string): ProbedMedia => ({
      kind: 'video', path: `/v/${name}`, fileName: name, bytes: 30 * 1024 * 1024, mimeType: 'video/mp4', sha256: 'a'.repeat(64), label: 'MP4 video', seconds: 3, width: 854, height: 480,
    });
    const report = await checkLocalInputs(['a.mp4', 'b.mp4'], { probe: async (p) => big(p) });
    expect(report.problems.map((p) => p.message)).toEqual([
      'The video inputs are 60.0 MB together; the limit is 50 MB (a.mp4 30.0 MB, b.mp4 30.0 MB). Compress or remove some of them.',
    ]);
  });
});
