/**
 * MP3 (MPEG audio) read from its frames: the frame headers are walked from the first frame to the
 * end of the file, and the duration is the sum of the frames' samples. A file is MPEG audio only
 * when frames cover nearly all of it: a few real frames in front of anything else are not audio,
 * although a tag reader would happily guess a duration from the file's size.
 */
import { open, type FileHandle } from 'node:fs/promises';

export interface MpegFacts {
  seconds: number;
  frames: number;
  /** Share of the audio part of the file (tags left out) that is whole, chained frames. */
  coverage: number;
}

/** Share of the file that must be frames: room for a damaged frame or padding, not for a payload. */
const MIN_MPEG_COVERAGE = 0.9;

const CHUNK_BYTES = 256 * 1024;

interface FrameHeader {
  /** Stream identity: version, layer and sample rate must stay the same from frame to frame. */
  stream: number;
  length: number;
  samples: number;
  sampleRate: number;
  /** Bytes from the frame start to where a Xing/Info tag would sit. */
  tagOffset: number;
}

// Bit rates in kbit/s by [MPEG-1 or not][layer 1..3][index].
const BITRATES: readonly (readonly (readonly number[])[])[] = [
  [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
  [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
];
// Sample rates by version bits (0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1).
const SAMPLE_RATES: Readonly<Record<number, readonly number[]>> = { 0: [11025, 12000, 8000], 2: [22050, 24000, 16000], 3: [44100, 48000, 32000] };

/** The frame header at `b[0..3]`, or undefined when those bytes are not one. */
export function parseFrameHeader(b: Uint8Array): FrameHeader | undefined {
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = b;
  if (b.length < 4 || b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const layer = 4 - layerBits;
  const mpeg1 = version === 3;
  const kbps = BITRATES[mpeg1 ? 1 : 0]?.[layer - 1]?.[bitrateIndex];
  const sampleRate = SAMPLE_RATES[version]?.[rateIndex];
  if (!kbps || !sampleRate) return undefined;
  const padding = (b2 >> 1) & 1;
  const samples = layer === 1 ? 384 : layer === 3 && !mpeg1 ? 576 : 1152;
  const length = layer === 1 ? (Math.floor((12 * kbps * 1000) / sampleRate) + padding) * 4 : Math.floor(((samples / 8) * kbps * 1000) / sampleRate) + padding;
  const mono = b3 >> 6 === 3;
  const sideInfo = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  return { stream: (version << 8) | (layer << 4) | rateIndex, length, samples, sampleRate, tagOffset: 4 + sideInfo };
}

/** Forward-only reads of a file through one window. */
class Window {
  private buffer = new Uint8Array(0);
  private base = 0;
  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {}

  async bytes(position: number, length: number): Promise<Uint8Array> {
    const end = Math.min(position + length, this.size);
    if (position < this.base || end > this.base + this.buffer.length) {
      const chunk = new Uint8Array(Math.max(0, Math.min(Math.max(length, CHUNK_BYTES), this.size - position)));
      const { bytesRead } = await this.handle.read(chunk, 0, chunk.length, position);
      this.buffer = chunk.subarray(0, bytesRead);
      this.base = position;
    }
    return this.buffer.subarray(position - this.base, end - this.base);
  }

  /** The first position from `position` (before `end`) holding 0xFF, the start of any frame; else `end`. */
  async nextSync(position: number, end: number): Promise<number> {
    for (let at = position; at < end; ) {
      const chunk = await this.bytes(at, Math.min(CHUNK_BYTES, end - at));
      if (chunk.length === 0) break;
      const found = chunk.indexOf(0xff);
      if (found >= 0) return at + found;
      at += chunk.length;
    }
    return end;
  }
}

const ascii = (b: Uint8Array) => String.fromCharCode(...b);

/** Where the audio starts: after an ID3v2 tag (its size is in the header), else at 0. */
async function audioStart(window: Window): Promise<number> {
  const head = await window.bytes(0, 10);
  if (ascii(head.subarray(0, 3)) !== 'ID3' || head.length < 10) return 0;
  const size = ((head[6] ?? 0) << 21) | ((head[7] ?? 0) << 14) | ((head[8] ?? 0) << 7) | (head[9] ?? 0);
  const footer = ((head[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

/** Whether the first frame is a Xing/Info (LAME) or VBRI header frame rather than audio. */
async function isStreamInfoFrame(window: Window, position: number, header: FrameHeader): Promise<boolean> {
  const tag = ascii(await window.bytes(position + header.tagOffset, 4));
  return tag === 'Xing' || tag === 'Info' || ascii(await window.bytes(position + 36, 4)) === 'VBRI';
}

/** Tags that may end an MP3 after its last frame (APEv2, Lyrics3, ID3v1). */
async function isEndTag(window: Window, position: number): Promise<boolean> {
  const text = ascii(await window.bytes(position, 11));
  return text.startsWith('APETAGEX') || text.startsWith('LYRICSBEGIN') || text.startsWith('TAG');
}

/** Walks the frames of an MP3 file; throws when the file is not MPEG audio from end to end. */
export async function readMpegFacts(file: string): Promise<MpegFacts> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const window = new Window(handle, size);
    const start = await audioStart(window);
    let end = size;
    if (size - 128 >= start && ascii(await window.bytes(size - 128, 3)) === 'TAG') end = size - 128;

    let position = start;
    let covered = 0;
    let samples = 0;
    let frames = 0;
    let sampleRate = 0;
    let stream: number | undefined;
    let chained = false;
    while (position + 4 <= end) {
      const header = parseFrameHeader(await window.bytes(position, 4));
      const next = header ? position + header.length : position;
      let isFrame = false;
      if (header && next <= end && (stream === undefined || header.stream === stream)) {
        if (chained || next === end) isFrame = true;
        else {
          // Outside a chain a lone sync pattern is not enough: the next frame must follow.
          const following = parseFrameHeader(await window.bytes(next, 4));
          isFrame = (following !== undefined && following.stream === header.stream) || (await isEndTag(window, next));
        }
      }
      if (header && isFrame) {
        // A Xing/Info/VBRI frame at the start describes the stream; it holds no audio.
        const describes = frames === 0 && (await isStreamInfoFrame(window, position, header));
        if (!describes) samples += header.samples;
        stream = header.stream;
        sampleRate = header.sampleRate;
        covered += header.length;
        frames++;
        chained = true;
        position = next;
        continue;
      }
      if (chained && (await isEndTag(window, position))) {
        end = position;
        break;
      }
      chained = false;
      position = await window.nextSync(position + 1, end);
      // Past this much that is not frames the file cannot pass: stop reading it.
      if (position - start - covered > (1 - MIN_MPEG_COVERAGE) * (end - start)) break;
    }
    const audioBytes = Math.max(1, end - start);
    const coverage = covered / audioBytes;
    if (frames === 0 || sampleRate === 0) throw new Error('no MPEG audio frames were found');
    if (coverage < MIN_MPEG_COVERAGE) throw new Error(`only ${Math.floor(coverage * 100)}% of it is MPEG audio frames`);
    return { seconds: samples / sampleRate, frames, coverage };
  } finally {
    await handle.close();
  }
}
