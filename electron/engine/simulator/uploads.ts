/** Uploaded files: parsed from multipart with busboy, kept in memory (bounded), served back at their URL. */
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import busboy from 'busboy';
import { MEDIA_LIMITS } from '../../../shared/models';
import { mimeTypeForFileName } from '../modellix/mime';

export interface StoredFile {
  fileId: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  createdAt: number;
}

export type UploadOutcome =
  | { ok: true; fileName: string; mimeType: string; bytes: Buffer }
  | { ok: false; status: 400 | 413 | 415; detail: string };

const ACCEPTED_UPLOAD_TYPES: ReadonlySet<string> = new Set(
  Object.values(MEDIA_LIMITS).flatMap((limits) => limits.mimeTypes),
);

/** Reads the one multipart field `file`. Everything else in the form is drained and ignored. */
export function receiveUpload(req: IncomingMessage, maxBytes: number): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, parts: 21 } });
    } catch {
      req.resume();
      resolve({ ok: false, status: 415, detail: 'send multipart/form-data with one field named file' });
      return;
    }
    let file: { fileName: string; mimeType: string; chunks: Buffer[] } | undefined;
    let problem: UploadOutcome | undefined;
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const current = { fileName: info.filename || 'upload', mimeType: info.mimeType, chunks: [] as Buffer[] };
      file = current;
      stream.on('data', (data: Buffer) => current.chunks.push(data));
      stream.on('limit', () => {
        problem = { ok: false, status: 413, detail: `the file is larger than ${maxBytes} bytes` };
      });
    });
    parser.on('error', () => {
      req.unpipe(parser);
      req.resume();
      resolve({ ok: false, status: 400, detail: 'the multipart body could not be read' });
    });
    parser.on('close', () => {
      if (problem) return resolve(problem);
      if (!file) return resolve({ ok: false, status: 400, detail: 'the form has no field named file' });
      const declared = file.mimeType.toLowerCase();
      const mimeType =
        declared === '' || declared === 'application/octet-stream' ? mimeTypeForFileName(file.fileName) : declared;
      if (!ACCEPTED_UPLOAD_TYPES.has(mimeType)) {
        return resolve({
          ok: false,
          status: 415,
          detail: `${mimeType} is not accepted; send PNG, JPEG, WebP, MP4, MOV, MP3 or WAV`,
        });
      }
      resolve({ ok: true, fileName: file.fileName, mimeType, bytes: Buffer.concat(file.chunks) });
    });
    // A connection cut mid-upload: busboy may never finish, so settle here (a no-op once settled).
    req.on('close', () => {
      if (!req.complete) resolve({ ok: false, status: 400, detail: 'the upload was cut off' });
    });
    req.pipe(parser);
  });
}

export class UploadStore {
  private readonly files = new Map<string, StoredFile>();
  private totalBytes = 0;

  constructor(
    private readonly maxFiles: number,
    private readonly maxTotalBytes: number,
  ) {}

  /** Stores a file, or says why not (the store is full). */
  add(file: Omit<StoredFile, 'fileId'>): StoredFile | undefined {
    if (this.files.size >= this.maxFiles || this.totalBytes + file.bytes.length > this.maxTotalBytes) return undefined;
    const stored: StoredFile = { ...file, fileId: `file-sim-${randomUUID()}` };
    this.files.set(stored.fileId, stored);
    this.totalBytes += stored.bytes.length;
    return stored;
  }

  get(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  delete(fileId: string): boolean {
    const file = this.files.get(fileId);
    if (!file) return false;
    this.files.delete(fileId);
    this.totalBytes -= file.bytes.length;
    return true;
  }
}

export function fileUrl(baseUrl: string, file: StoredFile): string {
  return `${baseUrl}/files/${encodeURIComponent(file.fileId)}/${encodeURIComponent(file.fileName)}`;
}
