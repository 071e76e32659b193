import { readFileSync, statSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MEDIA_LIMITS, checkMediaFile } from '../../../shared/models';
import { RESULT_VIDEO_FACTS, findResultVideoFixture, loadResultMedia } from './media';
import { drawLastFrame, encodePng } from './png';

/** Width and height of every track header (tkhd) in an MP4, from the box layout of ISO/IEC 14496-12. */
function trackSizes(mp4: Buffer): { width: number; height: number }[] {
  const sizes: { width: number; height: number }[] = [];
  for (let at = mp4.indexOf('tkhd'); at > 0; at = mp4.indexOf('tkhd', at + 4)) {
    const version = mp4[at + 4];
    const body = at + 4; // version/flags start here
    const fixed = version === 1 ? 4 + 8 + 8 + 4 + 4 + 8 : 4 + 4 + 4 + 4 + 4 + 4;
    const tail = body + fixed + 8 + 2 + 2 + 2 + 2 + 36;
    sizes.push({ width: mp4.readUInt32BE(tail) / 65536, height: mp4.readUInt32BE(tail + 4) / 65536 });
  }
  return sizes;
}

describe('result video fixture', () => {
  it('is a small real MP4 that matches RESULT_VIDEO_FACTS and passes the model input limits', () => {
    const path = findResultVideoFixture();
    const mp4 = readFileSync(path);
    expect(statSync(path).size).toBeLessThan(30 * 1024);
    expect(mp4.subarray(4, 8).toString('ascii')).toBe('ftyp');
    expect(mp4.includes('avc1')).toBe(true); // H.264
    expect(mp4.includes('mp4a')).toBe(true); // AAC
    const video = trackSizes(mp4).find((s) => s.width > 0);
    expect(video).toEqual({ width: RESULT_VIDEO_FACTS.width, height: RESULT_VIDEO_FACTS.height });
    // A result can be chained into a next video-to-video node: the model's own input rules accept it.
    expect(
      checkMediaFile({
        kind: 'video',
        bytes: mp4.length,
        mimeType: 'video/mp4',
        seconds: RESULT_VIDEO_FACTS.seconds,
        width: RESULT_VIDEO_FACTS.width,
        height: RESULT_VIDEO_FACTS.height,
      }),
    ).toEqual([]);
    expect(MEDIA_LIMITS.video.minSeconds).toBeLessThanOrEqual(RESULT_VIDEO_FACTS.seconds);
  });

  it('loads a video from a given path without claiming its size', () => {
    const media = loadResultMedia(findResultVideoFixture());
    expect(media.videoSize).toBeUndefined();
    expect(loadResultMedia().videoSize).toEqual({ width: 854, height: 480 });
  });
});

describe('PNG writer', () => {
  it('writes a valid PNG whose pixels decode back', () => {
    const rgb = new Uint8Array(3 * 2 * 3);
    for (let y = 0; y < 2; y++) for (let x = 0; x < 3; x++) rgb.set([x * 10, y * 20, 255], (y * 3 + x) * 3);
    const png = encodePng(3, 2, rgb);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(3);
    expect(png.readUInt32BE(20)).toBe(2);
    const idatAt = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
    // Undo the Sub filter of row 1 and compare with the pixels drawn.
    const row = raw.subarray(10, 20);
    expect(row[0]).toBe(1);
    const pixels: number[] = [];
    for (let i = 1; i < row.length; i++) pixels.push(((row[i] ?? 0) + (i > 3 ? (pixels[i - 4] ?? 0) : 0)) & 0xff);
    expect(pixels).toEqual([0, 20, 255, 10, 20, 255, 20, 20, 255]);
    expect(() => encodePng(0, 1, new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(RangeError);
  });

  it('draws a last frame the image rules accept', () => {
    const frame = drawLastFrame(854, 480);
    expect(frame.length).toBeLessThan(64 * 1024);
    expect(checkMediaFile({ kind: 'image', bytes: frame.length, mimeType: 'image/png', width: 854, height: 480 })).toEqual([]);
  });
});
