/**
 * The Modellix HTTP client: one method per documented call, each with a time limit, answers checked
 * with the protocol's zod schemas, failures thrown as typed errors (see errors.ts). It never retries
 * anything itself; a submit in particular is never sent twice. The API key lives only in this
 * closure: it is not a property of the client and is redacted from every message.
 */
import { basename } from 'node:path';
import { openAsBlob } from 'node:fs';
import {
  errorForBadAnswer,
  errorForInvalidRequest,
  errorForLocalFile,
  errorForStatus,
  errorForTransport,
  type ClassifyContext,
} from './classify';
import { sendRequest, type HttpMethod } from './http';
import type { MessageContext } from './messages';
import { mimeTypeForFileName } from './mime';
import {
  errorMessageOf,
  parseBalanceAnswer,
  parseKeyCheckAnswer,
  parseModelsAnswer,
  parseSubmitAnswer,
  parseTaskAnswer,
  parseUploadAnswer,
  paths,
  readEnvelope,
  routeOf,
  type ModelListing,
  type Parsed,
  type SubmitReceipt,
  type TaskSnapshot,
  type UploadedFile,
} from './protocol';
import { MESSAGE_REDACTION_MIN_LENGTH, makeRedactor } from './redact';
import { retryAfterMs } from './retry-after';

export const DEFAULT_BASE_URL = 'https://api.modellix.ai';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_UPLOAD_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface ModellixClientOptions {
  /** An origin such as `https://api.modellix.ai`; plain http only for loopback (the simulator). */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Time limit of each request, answer included (default 30 s). */
  timeoutMs?: number;
  /** Time limit of an upload (default 5 min). */
  uploadTimeoutMs?: number;
  /** Answers larger than this are not read (default 4 MiB). */
  maxAnswerBytes?: number;
  /** Clock for `Retry-After` dates (default Date.now). */
  now?: () => number;
}

export interface CallOptions {
  /** Overrides the client's time limit for this call. */
  timeoutMs?: number;
  /** Cancels the call. */
  signal?: AbortSignal;
}

export interface SubmitResult extends SubmitReceipt {
  /** Where to poll: `get_result.url` when it points at the base URL's origin, else the task path. */
  pollUrl: string;
}

export type UploadSource =
  | { path: string; fileName?: string; mimeType?: string }
  | { data: Blob | Uint8Array; fileName: string; mimeType?: string };

export interface ModellixClient {
  readonly baseUrl: string;
  /** `POST modelPath` (a submit path such as `ModelSpec.path`). Never retried. */
  submit(modelPath: string, body: unknown, options?: CallOptions): Promise<SubmitResult>;
  /** `GET /api/v1/tasks/{id}`, or the `get_result.url` of a submit. */
  poll(taskIdOrUrl: string, options?: CallOptions): Promise<TaskSnapshot>;
  /** `POST /api/v1/media/files`, multipart field `file`. */
  upload(source: UploadSource, options?: CallOptions): Promise<UploadedFile>;
  /** `DELETE /api/v1/media/files/{id}`. */
  deleteUpload(fileId: string, options?: CallOptions): Promise<void>;
  /** `GET /api/v1/apikey/validate`. A wrong key is `{ valid: false }`, not an error. */
  validateKey(options?: CallOptions): Promise<{ valid: boolean }>;
  /** `GET /api/v1/team/balance`, in USD. */
  balance(options?: CallOptions): Promise<{ balanceUsd: number }>;
  /** `GET /api/v1/models`. */
  listModels(options?: CallOptions): Promise<ModelListing[]>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Checks and normalises the base URL: an http(s) origin, https unless loopback. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new TypeError(`The Modellix base URL ${JSON.stringify(baseUrl)} is not a URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new TypeError('The Modellix base URL must use https (plain http only on this machine, e.g. the simulator).');
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new TypeError('The Modellix base URL must be an origin only, such as https://api.modellix.ai.');
  }
  return url.origin;
}

const PRINTABLE = /^[\x21-\x7e]+$/;

function parseJson(text: string): unknown {
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createModellixClient(options: ModellixClientOptions): ModellixClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const apiKey = options.apiKey.trim();
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const uploadTimeoutMs = options.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const now = options.now ?? Date.now;
  const redact = makeRedactor([options.apiKey]);
  const redactMessage = makeRedactor([options.apiKey], MESSAGE_REDACTION_MIN_LENGTH);

  function context(message: Omit<MessageContext, 'timeoutMs'>, limit: number): ClassifyContext {
    return {
      ...message,
      ...(message.taskId !== undefined ? { taskId: redact(message.taskId) } : {}),
      ...(message.fileId !== undefined ? { fileId: redact(message.fileId) } : {}),
      timeoutMs: limit,
      redact,
      redactMessage,
      maxAnswerBytes,
    };
  }

  interface Exchange {
    ctx: ClassifyContext;
    method: HttpMethod;
    url: string;
    body?: string | FormData;
    signal?: AbortSignal;
    /** Statuses answered as values instead of errors. */
    accept?: readonly number[];
  }

  /** Sends one request; returns the parsed JSON of a success answer or throws a typed error. */
  async function exchange(req: Exchange): Promise<{ status: number; json: unknown }> {
    if (apiKey.length === 0) {
      throw errorForInvalidRequest(
        req.ctx,
        'The Modellix API key is missing. Set MODELLIX_API_KEY or enter the key in Settings.',
      );
    }
    if (!PRINTABLE.test(apiKey)) {
      throw errorForInvalidRequest(
        req.ctx,
        'The Modellix API key contains spaces or characters that cannot be sent. Copy it again into MODELLIX_API_KEY or Settings.',
      );
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' };
    if (typeof req.body === 'string') headers['Content-Type'] = 'application/json';
    const result = await sendRequest(fetchImpl, {
      url: req.url,
      method: req.method,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      timeoutMs: req.ctx.timeoutMs,
      ...(req.signal ? { signal: req.signal } : {}),
      maxAnswerBytes,
    });
    if (!result.ok) throw errorForTransport(req.ctx, result.failure);
    const { status, headers: answerHeaders, text } = result.answer;
    const json = parseJson(text);
    if (req.accept?.includes(status)) return { status, json };
    const wait = () => retryAfterMs(answerHeaders, now());
    if (status < 200 || status >= 300) throw errorForStatus(req.ctx, status, errorMessageOf(json), wait());
    const envelope = readEnvelope(json);
    if (envelope.type === 'error') {
      // Inferred: an error envelope under HTTP 2xx is treated as its code, when that is an HTTP error status.
      if (envelope.code >= 400 && envelope.code <= 599) throw errorForStatus(req.ctx, envelope.code, envelope.message, wait());
      return { status, json };
    }
    return { status, json };
  }

  function unwrap<T>(ctx: ClassifyContext, parsed: Parsed<T>, status: number): T {
    if (!parsed.ok) throw errorForBadAnswer(ctx, parsed.problem, status);
    return parsed.value;
  }

  /** The URL to poll and the task id it names; never a URL on another origin (the key would go there). */
  function pollTarget(ctx: ClassifyContext, taskIdOrUrl: string): { url: string; taskId: string } {
    const input = taskIdOrUrl.trim();
    if (!/^https?:\/\//i.test(input)) {
      if (input.length === 0) throw errorForInvalidRequest(ctx, 'No task id was given to check.');
      return { url: `${baseUrl}${paths.task(input)}`, taskId: input };
    }
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw errorForInvalidRequest(ctx, `The task address ${JSON.stringify(redact(input))} is not a URL.`);
    }
    const route = routeOf(url.pathname);
    if (route?.kind !== 'poll') {
      throw errorForInvalidRequest(ctx, `The task address ${redact(url.origin + url.pathname)} is not a Modellix task path.`);
    }
    const sameOrigin = url.origin === baseUrl;
    return { url: sameOrigin ? url.href : `${baseUrl}${paths.task(route.taskId)}`, taskId: route.taskId };
  }

  async function blobOf(ctx: ClassifyContext, source: UploadSource): Promise<{ blob: Blob; fileName: string }> {
    if ('path' in source) {
      const fileName = source.fileName ?? basename(source.path);
      const type = source.mimeType ?? mimeTypeForFileName(fileName);
      try {
        return { blob: await openAsBlob(source.path, { type }), fileName };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const why = typeof code === 'string' ? ` (${code})` : '';
        throw errorForLocalFile(ctx, `Cannot read ${redact(source.path)}${why}; nothing was uploaded.`);
      }
    }
    const type = source.mimeType ?? mimeTypeForFileName(source.fileName);
    const blob =
      source.data instanceof Blob
        ? source.data.type === type
          ? source.data
          : new Blob([source.data], { type })
        : new Blob([new Uint8Array(source.data)], { type });
    return { blob, fileName: source.fileName };
  }

  const client: ModellixClient = {
    baseUrl,

    async submit(modelPath, body, call = {}) {
      const ctx = context({ operation: 'submit' }, call.timeoutMs ?? timeoutMs);
      const route = routeOf(modelPath);
      if (!modelPath.startsWith('/') || route?.kind !== 'submit') {
        throw errorForInvalidRequest(ctx, `${redact(modelPath)} is not a Modellix submit path; nothing was sent.`);
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw errorForInvalidRequest(ctx, 'The request body must be a JSON object; nothing was sent.');
      }
      let text: string;
      try {
        text = JSON.stringify(body);
      } catch {
        throw errorForInvalidRequest(ctx, 'The request body cannot be written as JSON; nothing was sent.');
      }
      const answer = await exchange({ ctx, method: 'POST', url: `${baseUrl}${modelPath}`, body: text, ...signalOf(call) });
      const receipt = unwrap(ctx, parseSubmitAnswer(answer.json), answer.status);
      let pollUrl = `${baseUrl}${paths.task(receipt.taskId)}`;
      if (receipt.resultUrl) {
        try {
          pollUrl = pollTarget({ ...ctx, operation: 'poll' }, receipt.resultUrl).url;
        } catch {
          // An unusable get_result.url: keep the documented task path.
        }
      }
      return { ...receipt, pollUrl };
    },

    async poll(taskIdOrUrl, call = {}) {
      const ctx = context({ operation: 'poll' }, call.timeoutMs ?? timeoutMs);
      const target = pollTarget(ctx, taskIdOrUrl);
      const taskCtx = { ...ctx, taskId: redact(target.taskId) };
      const answer = await exchange({ ctx: taskCtx, method: 'GET', url: target.url, ...signalOf(call) });
      const snapshot = unwrap(taskCtx, parseTaskAnswer(answer.json), answer.status);
      if (snapshot.taskId !== target.taskId) {
        throw errorForBadAnswer(taskCtx, `asked for task ${target.taskId}, the answer is about ${snapshot.taskId}`, answer.status);
      }
      if (snapshot.failureReason !== undefined) snapshot.failureReason = redact(snapshot.failureReason);
      return snapshot;
    },

    async upload(source, call = {}) {
      const ctx = context({ operation: 'upload' }, call.timeoutMs ?? uploadTimeoutMs);
      const { blob, fileName } = await blobOf(ctx, source);
      const form = new FormData();
      form.append('file', blob, fileName);
      const answer = await exchange({ ctx, method: 'POST', url: `${baseUrl}${paths.upload}`, body: form, ...signalOf(call) });
      return unwrap(ctx, parseUploadAnswer(answer.json), answer.status);
    },

    async deleteUpload(fileId, call = {}) {
      const ctx = context({ operation: 'delete-upload', fileId }, call.timeoutMs ?? timeoutMs);
      if (fileId.trim().length === 0) throw errorForInvalidRequest(ctx, 'No uploaded file id was given to delete.');
      const answer = await exchange({ ctx, method: 'DELETE', url: `${baseUrl}${paths.uploadedFile(fileId)}`, ...signalOf(call) });
      // The answer's data is not documented: an empty body or any success envelope will do.
      if (answer.json !== undefined && readEnvelope(answer.json).type === 'invalid') {
        throw errorForBadAnswer(ctx, 'the delete answer is not an envelope', answer.status);
      }
    },

    async validateKey(call = {}) {
      const ctx = context({ operation: 'validate-key' }, call.timeoutMs ?? timeoutMs);
      // Inferred: a 401 here says the same as the documented `is_valid: false`.
      const answer = await exchange({ ctx, method: 'GET', url: `${baseUrl}${paths.validateKey}`, accept: [401], ...signalOf(call) });
      if (answer.status === 401) return { valid: false };
      return unwrap(ctx, parseKeyCheckAnswer(answer.json), answer.status);
    },

    async balance(call = {}) {
      const ctx = context({ operation: 'balance' }, call.timeoutMs ?? timeoutMs);
      const answer = await exchange({ ctx, method: 'GET', url: `${baseUrl}${paths.balance}`, ...signalOf(call) });
      return unwrap(ctx, parseBalanceAnswer(answer.json), answer.status);
    },

    async listModels(call = {}) {
      const ctx = context({ operation: 'models' }, call.timeoutMs ?? timeoutMs);
      const answer = await exchange({ ctx, method: 'GET', url: `${baseUrl}${paths.models}`, ...signalOf(call) });
      return unwrap(ctx, parseModelsAnswer(answer.json), answer.status);
    },
  };
  return Object.freeze(client);
}

function signalOf(call: CallOptions): { signal?: AbortSignal } {
  return call.signal ? { signal: call.signal } : {};
}
