/**
 * Reads a small file the user named, safely: opened without blocking (a FIFO with no writer
 * would hang a plain read), checked on the open handle to be a regular file (never a pipe, a
 * device such as /dev/zero, a socket or a folder), and read only up to a limit. Errors name the
 * path and the problem, never the content.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { errorCode } from './errors';

export type RegularFileProblem = 'missing' | 'not-regular' | 'too-large' | 'unreadable';

export class RegularFileError extends Error {
  override readonly name = 'RegularFileError';
  constructor(
    readonly reason: RegularFileProblem,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a non-regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;

/** O_NONBLOCK does not exist on Windows, where FIFOs cannot be opened this way anyway. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readRegularFile(path: string, options: { maxBytes: number }): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') throw new RegularFileError('missing', path, `${path} does not exist.`);
    if (code === 'EISDIR') throw new RegularFileError('not-regular', path, `${path} is not a regular file (it is a folder).`);
    if (code === 'EACCES' || code === 'EPERM') throw new RegularFileError('unreadable', path, `${path} cannot be read (permission denied).`);
    throw new RegularFileError('unreadable', path, `${path} cannot be read (${code ?? 'unknown error'}).`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new RegularFileError('not-regular', path, `${path} is not a regular file (it is ${kindOf(stats)}).`);
    if (stats.size > options.maxBytes) {
      throw new RegularFileError('too-large', path, `${path} is ${bytes(stats.size)}; at most ${bytes(options.maxBytes)} are read.`);
    }
    // Read one byte more than allowed, to notice a file that grew since fstat.
    const buffer = Buffer.alloc(Math.min(stats.size, options.maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > options.maxBytes) {
      throw new RegularFileError('too-large', path, `${path} is over ${bytes(options.maxBytes)}; at most that is read.`);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof RegularFileError) throw error;
    throw new RegularFileError('unreadable', path, `${path} could not be read (${errorCode(error) ?? 'unknown error'}).`);
  } finally {
    await handle.close();
  }
}
