/**
 * Crash-safe file writes: the content goes to a temp file in the target's own folder, is fsynced,
 * then renamed over the target, and the folder is fsynced. A reader sees the old file or the new
 * one, never a mix, whatever instant the process dies at. A crash can leave a temp file behind;
 * `removeAtomicTempFiles` clears them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { errorCode } from './errors';

const TEMP_SUFFIX = '.partial';
const TEMP_PATTERN = /^\..+\.[0-9]+\.[0-9a-f]{8}\.partial$/;

/** A unique temp path next to `target`: `.<name>.<pid>.<random>.partial`. */
export function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return path.join(dir, `.${base}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** Whether a file name is one of our temp files (for `target` when given). */
export function isAtomicTempName(name: string, target?: string): boolean {
  if (!TEMP_PATTERN.test(name)) return false;
  return target === undefined || name.startsWith(`.${path.basename(target)}.`);
}

/**
 * Fsyncs a folder so a rename or create inside it survives a power cut. Some platforms (Windows)
 * and file systems cannot open a folder for sync; that is not an error there.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isIgnorableDirSyncError(error)) throw error;
  } finally {
    await handle?.close();
  }
}

function isIgnorableDirSyncError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'EACCES' || code === 'ENOTSUP' || code === 'EBADF';
}

async function removeQuietly(file: string): Promise<void> {
  await fsp.rm(file, { force: true }).catch(() => undefined);
}

/** Renames the finished temp file over the target and makes the rename durable. */
async function commit(temp: string, target: string): Promise<void> {
  await fsp.rename(temp, target);
  await fsyncDir(path.dirname(target));
}

export interface WriteAtomicOptions {
  /** File mode for a new file (default 0o666 minus umask). */
  mode?: number;
}

/** Writes `data` to `target` atomically: all of it or, after a crash, the previous content. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: WriteAtomicOptions = {}): Promise<void> {
  const temp = tempPathFor(target);
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(temp, 'wx', options.mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await commit(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await removeQuietly(temp);
    throw error;
  }
}

/** A downloaded stream ended shorter or longer than announced, or its hash did not match. */
export class IncompleteWriteError extends Error {
  override readonly name = 'IncompleteWriteError';
  constructor(
    message: string,
    readonly target: string,
    readonly bytes: number,
    readonly expectedBytes?: number,
  ) {
    super(message);
  }
}

export interface WriteStreamAtomicOptions extends WriteAtomicOptions {
  /** The exact length the content must have (e.g. Content-Length); anything else is refused. */
  expectedBytes?: number;
  /** The sha256 (hex) the content must have. */
  expectedSha256?: string;
  /** Stops the copy; the temp file is removed and the target is left untouched. */
  signal?: AbortSignal;
  /** Checks the complete temp file before it takes the target's place; a throw discards it. */
  verify?: (tempFile: string) => Promise<void>;
}

export interface WrittenFile {
  path: string;
  bytes: number;
  /** Hex sha256 of the content. */
  sha256: string;
}

/** Byte chunks from a Node stream, a fetch body (web ReadableStream) or any async iterable. */
export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

function isWebStream(source: ByteSource): source is ReadableStream<Uint8Array> {
  return typeof (source as Partial<ReadableStream<Uint8Array>>).getReader === 'function';
}

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (isWebStream(source)) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const chunk of source) {
    if (typeof chunk === 'string') throw new TypeError('writeStreamAtomic expects bytes, not text: do not set an encoding on the stream');
    yield chunk;
  }
}

function describeBytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

/**
 * Copies a stream into `target` atomically (temp file, fsync, rename), hashing it on the way.
 * With `expectedBytes` a short (truncated) or long stream is refused and nothing is renamed.
 */
export async function writeStreamAtomic(target: string, source: ByteSource, options: WriteStreamAtomicOptions = {}): Promise<WrittenFile> {
  const { expectedBytes, expectedSha256, signal } = options;
  const temp = tempPathFor(target);
  const hash = createHash('sha256');
  let bytes = 0;
  let handle: FileHandle | undefined;
  try {
    signal?.throwIfAborted();
    handle = await fsp.open(temp, 'wx', options.mode);
    for await (const chunk of chunksOf(source)) {
      signal?.throwIfAborted();
      bytes += chunk.byteLength;
      if (expectedBytes !== undefined && bytes > expectedBytes) {
        throw new IncompleteWriteError(
          `${path.basename(target)}: received more than the announced ${describeBytes(expectedBytes)}; the download was discarded, try again.`,
          target, bytes, expectedBytes,
        );
      }
      hash.update(chunk);
      await writeFully(handle, chunk);
    }
    signal?.throwIfAborted();
    if (expectedBytes !== undefined && bytes !== expectedBytes) {
      throw new IncompleteWriteError(
        `${path.basename(target)}: the download stopped after ${describeBytes(bytes)} of ${describeBytes(expectedBytes)}; the partial file was discarded, try again.`,
        target, bytes, expectedBytes,
      );
    }
    const sha256 = hash.digest('hex');
    if (expectedSha256 !== undefined && sha256 !== expectedSha256.toLowerCase()) {
      throw new IncompleteWriteError(
        `${path.basename(target)}: the content does not match its expected sha256; the file was discarded, try again.`,
        target, bytes, expectedBytes,
      );
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await options.verify?.(temp);
    await commit(temp, target);
    return { path: target, bytes, sha256 };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await removeQuietly(temp);
    throw error;
  }
}

async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/**
 * Removes temp files a crash left in `dir` (only for `target` when given). Only call it while no
 * other process can be writing there (e.g. holding the folder's lock), or with `olderThanMs`.
 */
export async function removeAtomicTempFiles(dir: string, options: { target?: string; olderThanMs?: number } = {}): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  const now = Date.now();
  for (const name of names) {
    if (!isAtomicTempName(name, options.target)) continue;
    const file = path.join(dir, name);
    if (options.olderThanMs !== undefined) {
      const stat = await fsp.stat(file).catch(() => undefined);
      if (!stat || now - stat.mtimeMs < options.olderThanMs) continue;
    }
    await removeQuietly(file);
    removed.push(file);
  }
  return removed;
}
