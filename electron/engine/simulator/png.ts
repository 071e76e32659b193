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

/** Encodes an image whose pixel (x, y) is `pixel(x, y)`. Rows use the Sub filter (good for gradients). */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > 50_000_000) {
    throw new RangeError(`cannot draw a ${width}x${height} PNG`);
  }
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 1; // filter: Sub
    let prev: Rgb = [0, 0, 0];
    for (let x = 0; x < width; x++) {
      const px = pixel(x, y);
      const at = row + 1 + x * 3;
      for (let c = 0; c < 3; c++) raw[at + c] = ((px[c] ?? 0) - (prev[c] ?? 0)) & 0xff;
      prev = px;
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
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The simulated last frame: a diagonal gradient in the colours of the result video. */
export function drawLastFrame(width: number, height: number): Buffer {
  const from: Rgb = [0x20, 0x3a, 0x60];
  const to: Rgb = [0xd0, 0x80, 0x40];
  return encodePng(width, height, (x, y) => {
    const t = (x / Math.max(1, width - 1) + y / Math.max(1, height - 1)) / 2;
    const mix = (c: 0 | 1 | 2) => Math.round(from[c] + (to[c] - from[c]) * t);
    return [mix(0), mix(1), mix(2)];
  });
}
