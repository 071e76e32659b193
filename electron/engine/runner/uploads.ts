/**
 * Local files reach Modellix through the upload endpoint, once per content and service: the
 * ledger remembers each upload by the file's sha256 and the service it went to, and two tasks
 * that need the same file share one upload.
 */
import { basename } from 'node:path';
import pLimit from 'p-limit';
import { sha256File } from '../fs';
import type { Ledger } from '../ledger';
import { isModellixError, type ModellixClient } from '../modellix';
import { sleep } from './sleep';

export interface UploadedInput {
  url: string;
  sha256: string;
  /** True when an earlier upload of the same content was used. */
  cached: boolean;
}

export class Uploader {
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly inFlight = new Map<string, Promise<UploadedInput>>();

  constructor(
    private readonly client: ModellixClient,
    private readonly ledger: Ledger,
    concurrency = 2,
    private readonly retries = 4,
    private readonly backoffMs = 500,
  ) {
    this.limit = pLimit(concurrency);
  }

  /** The URL of a local file on Modellix, uploading it only if this content was never uploaded. */
  async upload(path: string, signal?: AbortSignal): Promise<UploadedInput> {
    const sha256 = await sha256File(path);
    const known = this.ledger.uploadFor(sha256, this.client.baseUrl);
    if (known) return { url: known.url, sha256, cached: true };
    let pending = this.inFlight.get(sha256);
    if (!pending) {
      pending = this.limit(() => this.send(path, sha256, signal)).finally(() => this.inFlight.delete(sha256));
      this.inFlight.set(sha256, pending);
      return pending;
    }
    return { ...(await pending), cached: true };
  }

  private async send(path: string, sha256: string, signal?: AbortSignal): Promise<UploadedInput> {
    for (let i = 0; ; i++) {
      try {
        const uploaded = await this.client.upload({ path }, signal ? { signal } : {});
        await this.ledger.append({
          type: 'upload.cached',
          sha256,
          service: this.client.baseUrl,
          url: uploaded.url,
          fileId: uploaded.fileId,
          mimeType: uploaded.mimeType,
          bytes: uploaded.size,
          fileName: basename(path),
        });
        return { url: uploaded.url, sha256, cached: false };
      } catch (error) {
        // An upload is not a paid task: a retryable failure is simply tried again.
        if (!isModellixError(error) || error.kind !== 'retryable' || i >= this.retries) throw error;
        await sleep(error.retryAfterMs ?? Math.min(10_000, this.backoffMs * 2 ** i), signal);
      }
    }
  }
}
