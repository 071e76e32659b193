import { describe, expect, it } from 'vitest';
import { checkMediaFile, checkMediaTotals, mediaKindOfFileName } from './limits';

describe('media limits', () => {
  it('guesses the media kind from the file name', () => {
    expect(mediaKindOfFileName('/a/b/Clip.MP4')).toBe('video');
    expect(mediaKindOfFileName('x.mov')).toBe('video');
    expect(mediaKindOfFileName('still.webp')).toBe('image');
    expect(mediaKindOfFileName('song.wav')).toBe('audio');
    expect(mediaKindOfFileName('notes.txt')).toBeUndefined();
    expect(mediaKindOfFileName('noext')).toBeUndefined();
  });
  it('accepts a file inside every limit', () => {
    expect(checkMediaFile({ kind: 'video', mimeType: 'video/mp4', bytes: 1e6, seconds: 5, width: 854, height: 480 })).toEqual([]);
    expect(checkMediaFile({ kind: 'image', mimeType: 'image/png', bytes: 1e5, width: 640, height: 480 })).toEqual([]);
    expect(checkMediaFile({ kind: 'audio', mimeType: 'audio/mpeg', bytes: 1e5, seconds: 3 })).toEqual([]);
  });
  it('names each limit a file breaks', () => {
    expect(checkMediaFile({ kind: 'video', seconds: 1.5 })).toEqual(['lasts 1.5 s; each video must last at least 2 s']);
    expect(checkMediaFile({ kind: 'video', seconds: 16 })).toEqual(['lasts 16.0 s; each video may last at most 15 s']);
    expect(checkMediaFile({ kind: 'video', bytes: 60 * 1024 * 1024 })).toEqual(['is 60.0 MB; the limit is 50.0 MB']);
    expect(checkMediaFile({ kind: 'video', width: 1920, height: 1080 })[0]).toMatch(/too large/);
    expect(checkMediaFile({ kind: 'video', width: 320, height: 240 })[0]).toMatch(/too small/);
    expect(checkMediaFile({ kind: 'video', mimeType: 'video/webm' })[0]).toMatch(/is video\/webm; the model takes MP4, MOV/);
    expect(checkMediaFile({ kind: 'image', width: 100, height: 100 })).toEqual(['is 100x100; each side must be at least 300 px']);
    expect(checkMediaFile({ kind: 'image', width: 3000, height: 500 })).toEqual(['has an aspect ratio of 6.00; it must be between 0.4 and 2.5']);
    expect(checkMediaFile({ kind: 'image', width: 7000, height: 6000 })).toEqual(['is 7000x6000; each side must be at most 6000 px']);
    expect(checkMediaFile({ kind: 'audio', bytes: 16 * 1024 * 1024 })).toEqual(['is 16.0 MB; the limit is 15.0 MB']);
  });
  it('checks totals across the files of one kind', () => {
    expect(checkMediaTotals('video', [{ kind: 'video', seconds: 8 }, { kind: 'video', seconds: 8 }])).toEqual([
      'the video inputs last 16.0 s together; the limit is 15 s in all',
    ]);
    expect(checkMediaTotals('audio', [{ kind: 'audio', seconds: 7 }, { kind: 'audio', seconds: 8 }])).toEqual([]);
    expect(checkMediaTotals('video', [{ kind: 'video', bytes: 30 * 1024 * 1024 }, { kind: 'video', bytes: 30 * 1024 * 1024 }])[0]).toMatch(/60.0 MB together/);
  });
});
