/**
 * Downloads a result as soon as it exists: streamed into a temp file, checked (its announced
 * length, and its container is whole), renamed into place, retried on a lost connection or a
 * cut-off body. Result URLs are kept by Modellix for
 * about 7 days, so an expired URL is a final error that says so.
 */
import { dirname } from 'node:path';
import { describeFsError, IncompleteWriteError, isLocalFsError, writeStreamAtomic, type WrittenFile } from '../fs';
import { assertCompleteMedia, IncompleteMediaError } from '../media/complete';
import { sleep } from './sleep';

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The local disk refused the file (full, read-only, no permission): the result itself is fine. */
    readonly local = false,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Attempts after the first, for retryable failures. */
  retries?: number;
  /** Base delay between attempts (doubles each time, capped at 10 s). */
  backoffMs?: number;
  /** Time limit of one attempt. */
  timeoutMs?: number;
  /** Called before a retry, with the reason and the wait. */
  onRetry?: (reason: string, waitMs: number) => void;
}

async function attempt(url: string, target: string, options: DownloadOptions): Promise<WrittenFile> {
  const fetchImpl = options.fetch ?? fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10 * 60_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetchImpl(url, { signal, redirect: 'follow' });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new DownloadError(`the connection failed (${error instanceof Error ? error.message : String(error)})`, true);
  }
  if (response.status === 404 || response.status === 410 || response.status === 403) {
    await response.body?.cancel();
    throw new DownloadError(
      `the result URL answered ${response.status}: it has most likely expired (Modellix keeps results for about 7 days), so this output cannot be downloaded any more`,
      false,
    );
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new DownloadError(`the server answered ${response.status}`, response.status === 429 || response.status >= 500);
  }
  const length = Number(response.headers.get('content-length'));
  try {
    return await writeStreamAtomic(target, response.body, {
      ...(Number.isSafeInteger(length) && length > 0 ? { expectedBytes: length } : {}),
      signal,
      // Without a Content-Length a cut-off body ends like a whole one: the container tells.
      verify: assertCompleteMedia,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (error instanceof IncompleteWriteError) throw new DownloadError(error.message, true);
    if (error instanceof IncompleteMediaError) throw new DownloadError(`the download is incomplete (${error.message}); it was discarded`, true);
    if (isLocalFsError(error)) throw new DownloadError(`it could not be saved in ${dirname(target)}: ${describeFsError(error)}`, false, true);
    throw new DownloadError(`the download broke off (${error instanceof Error ? error.message : String(error)})`, true);
  }
}

/** Downloads `url` to `target` atomically: the target is either complete or untouched. */
export async function downloadFile(url: string, target: string, options: DownloadOptions = {}): Promise<WrittenFile> {
  const retries = options.retries ?? 5;
  const backoff = options.backoffMs ?? 1000;
  for (let i = 0; ; i++) {
    try {
      return await attempt(url, target, options);
    } catch (error) {
      if (!(error instanceof DownloadError) || !error.retryable || i >= retries) throw error;
      const wait = Math.min(10_000, backoff * 2 ** i);
      options.onRetry?.(error.message, wait);
      await sleep(wait, options.signal);
    }
  }
}
