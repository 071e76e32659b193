/** A minimal PNG writer (8-bit RGB, no interlace), enough to draw the simulated last frame. */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export type Rgb = readonly [number, number, number];

/**
 * Encodes 8-bit RGB pixels (`rgb` holds width x height x 3 bytes, row by row). Rows use the Sub
 * filter, which suits gradients.
 */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > 50_000_000) {
    throw new RangeError(`cannot draw a ${width}x${height} PNG`);
  }
  if (rgb.length !== width * height * 3) throw new RangeError(`expected ${width * height * 3} bytes of RGB, got ${rgb.length}`);
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const src = y * width * 3;
    raw[row] = 1; // filter: Sub
    for (let i = 0; i < width * 3; i++) {
      const left = i >= 3 ? (rgb[src + i - 3] ?? 0) : 0;
      raw[row + 1 + i] = ((rgb[src + i] ?? 0) - left) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The simulated last frame: a diagonal gradient in the colours of the result video. */
export function drawLastFrame(width: number, height: number): Buffer {
  const from: Rgb = [0x20, 0x3a, 0x60];
  const to: Rgb = [0xd0, 0x80, 0x40];
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / Math.max(1, width - 1) + y / Math.max(1, height - 1)) / 2;
      const at = (y * width + x) * 3;
      rgb[at] = Math.round(from[0] + (to[0] - from[0]) * t);
      rgb[at + 1] = Math.round(from[1] + (to[1] - from[1]) * t);
      rgb[at + 2] = Math.round(from[2] + (to[2] - from[2]) * t);
    }
  }
  return encodePng(width, height, rgb);
}
