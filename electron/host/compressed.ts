/**
 * The renderer's text files compressed once and kept in memory: brotli (quality 11) and gzip
 * (level 9), each computed on the libuv thread pool the first time it is asked for (or while
 * warming up at start) and reused until the file changes. A file that does not get smaller is
 * sent as it is.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { ContentCoding } from './accept-encoding';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Smaller files fit one packet as they are; larger ones are streamed as they are. */
export const MIN_COMPRESS_BYTES = 1024;
export const MAX_COMPRESS_BYTES = 16 * 1024 * 1024;

const TEXT_TYPES = /^(?:text\/|application\/(?:json|javascript|xml|wasm)|image\/svg\+xml)/;

/** Whether a file of this type and size is worth compressing. */
export function isCompressible(contentType: string, size: number): boolean {
  return TEXT_TYPES.test(contentType) && size >= MIN_COMPRESS_BYTES && size <= MAX_COMPRESS_BYTES;
}

export async function compress(bytes: Buffer, coding: ContentCoding): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(bytes, { level: 9 });
  return brotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

export interface CompressedFiles {
  /**
   * `file` in `coding`, for the version of it named by `version` (its ETag): computed once,
   * then kept. Undefined when it does not get smaller or cannot be read: send it as it is.
   */
  body(file: string, version: string, coding: ContentCoding): Promise<Buffer | undefined>;
}

export function createCompressedFiles(): CompressedFiles {
  const cache = new Map<string, { version: string; bodies: Map<ContentCoding, Promise<Buffer | undefined>> }>();

  async function make(file: string, coding: ContentCoding): Promise<Buffer | undefined> {
    const bytes = await readFile(file);
    const packed = await compress(bytes, coding);
    return packed.length < bytes.length ? packed : undefined;
  }

  return {
    body(file, version, coding) {
      let entry = cache.get(file);
      if (entry?.version !== version) {
        entry = { version, bodies: new Map() };
        cache.set(file, entry);
      }
      let body = entry.bodies.get(coding);
      if (!body) {
        const bodies = entry.bodies;
        body = make(file, coding).catch(() => {
          // Not kept: the next request tries again.
          bodies.delete(coding);
          return undefined;
        });
        bodies.set(coding, body);
      }
      return body;
    },
  };
}
