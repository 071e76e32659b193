/**
 * The Modellix wire protocol, defined once: paths, answer schemas and the normalised task answer.
 * The client parses answers with it and the simulator produces answers typed by it, so the two
 * cannot drift apart. Everything here follows docs/modellix-api.md; where that document says a
 * shape is inferred, the comment says so too.
 */
import { z } from 'zod';
import { API_PREFIX, decodePathSegment, parseSubmitPath } from '../../../shared/models/submit-path';

// ---------------------------------------------------------------------------------------------
// Paths (the submit path is shared with the model registry: shared/models/submit-path.ts)

export const paths = {
  task: (taskId: string) => `${API_PREFIX}/tasks/${encodeURIComponent(taskId)}`,
  upload: `${API_PREFIX}/media/files`,
  uploadedFile: (fileId: string) => `${API_PREFIX}/media/files/${encodeURIComponent(fileId)}`,
  validateKey: `${API_PREFIX}/apikey/validate`,
  balance: `${API_PREFIX}/team/balance`,
  models: `${API_PREFIX}/models`,
} as const;

export type Route =
  | { kind: 'submit'; provider: string; model: string; alias: boolean }
  | { kind: 'poll'; taskId: string }
  | { kind: 'upload' }
  | { kind: 'delete-upload'; fileId: string }
  | { kind: 'validate-key' }
  | { kind: 'balance' }
  | { kind: 'models' };
export type RouteKind = Route['kind'];
export const ROUTE_KINDS = ['submit', 'poll', 'upload', 'delete-upload', 'validate-key', 'balance', 'models'] as const;

/** The HTTP method each route answers. */
export const ROUTE_METHODS: Readonly<Record<RouteKind, string>> = {
  submit: 'POST',
  poll: 'GET',
  upload: 'POST',
  'delete-upload': 'DELETE',
  'validate-key': 'GET',
  balance: 'GET',
  models: 'GET',
};

/** Which API route a path (without query) is, or undefined. Does not look at the method. */
export function routeOf(pathname: string): Route | undefined {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (!trimmed.startsWith(`${API_PREFIX}/`)) return undefined;
  const segments = trimmed.slice(API_PREFIX.length + 1).split('/');
  const [first, second, third] = segments;
  if (first === undefined) return undefined;
  if (trimmed === paths.upload) return { kind: 'upload' };
  if (trimmed === paths.validateKey) return { kind: 'validate-key' };
  if (trimmed === paths.balance) return { kind: 'balance' };
  if (trimmed === paths.models) return { kind: 'models' };
  if (first === 'tasks' && segments.length === 2 && second !== undefined) {
    const taskId = decodePathSegment(second);
    return taskId === undefined ? undefined : { kind: 'poll', taskId };
  }
  if (first === 'media' && second === 'files' && segments.length === 3 && third !== undefined) {
    const fileId = decodePathSegment(third);
    return fileId === undefined ? undefined : { kind: 'delete-upload', fileId };
  }
  const submit = parseSubmitPath(trimmed);
  return submit ? { kind: 'submit', ...submit } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Envelope

export const SUCCESS_CODE = 0;

/** The category word the service puts before the detail of an error message. */
export const ERROR_CATEGORIES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const envelopeSchema = z.looseObject({
  code: z.number().int(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
});

export interface SuccessEnvelope<T> {
  code: typeof SUCCESS_CODE;
  message: 'success';
  data: T;
}
export interface ErrorEnvelope {
  code: number;
  message: string;
}

export function successEnvelope<T>(data: T): SuccessEnvelope<T> {
  return { code: SUCCESS_CODE, message: 'success', data };
}

/** `{"code": <status>, "message": "<Category>: <detail>"}`. */
export function errorEnvelope(status: number, detail: string): ErrorEnvelope {
  return { code: status, message: `${ERROR_CATEGORIES[status] ?? 'Error'}: ${detail}` };
}

export type EnvelopeRead =
  | { type: 'success'; data: unknown; message?: string }
  | { type: 'error'; code: number; message?: string }
  | { type: 'invalid'; problem: string };

/** Reads any JSON answer as an envelope: a success (code 0), an error, or not an envelope. */
export function readEnvelope(json: unknown): EnvelopeRead {
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return { type: 'invalid', problem: 'the answer is not a {code, message, data} envelope' };
  const message = parsed.data.message ?? undefined;
  if (parsed.data.code !== SUCCESS_CODE) return { type: 'error', code: parsed.data.code, ...(message ? { message } : {}) };
  return { type: 'success', data: parsed.data.data, ...(message ? { message } : {}) };
}

/** The `message` of an error answer, when the body is one. */
export function errorMessageOf(json: unknown): string | undefined {
  const read = readEnvelope(json);
  if (read.type === 'error' || read.type === 'success') return read.message;
  if (json !== null && typeof json === 'object' && 'message' in json) {
    const message = (json as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'data'}: ${issue.message}`)
    .join('; ');
}

function parseData<S extends z.ZodType>(schema: S, json: unknown, what: string): Parsed<z.output<S>> {
  const envelope = readEnvelope(json);
  if (envelope.type === 'invalid') return { ok: false, problem: envelope.problem };
  if (envelope.type === 'error') return { ok: false, problem: `the ${what} answer has error code ${envelope.code}` };
  const result = schema.safeParse(envelope.data);
  if (!result.success) return { ok: false, problem: `the ${what} answer is not as documented (${describeIssues(result.error)})` };
  return { ok: true, value: result.data };
}

// ---------------------------------------------------------------------------------------------
// Task states

export type TaskStatus = 'pending' | 'processing' | 'success' | 'failed';

const STATUS_WORDS: Readonly<Record<string, TaskStatus>> = {
  pending: 'pending',
  processing: 'processing',
  success: 'success',
  failed: 'failed',
  // Defensive aliases, as the doc lists them.
  succeeded: 'success',
  completed: 'success',
  cancelled: 'failed',
  canceled: 'failed',
  error: 'failed',
};

/** The task state a status word stands for, or undefined for a word the doc does not list. */
export function taskStatusOf(word: string): TaskStatus | undefined {
  return STATUS_WORDS[word.trim().toLowerCase()];
}

// ---------------------------------------------------------------------------------------------
// Submit answer

export const submitDataSchema = z.looseObject({
  status: z.string().min(1),
  task_id: z.string().min(1),
  model_id: z.string().nullish(),
  get_result: z.looseObject({ method: z.string().nullish(), url: z.string().min(1) }).nullish(),
});
export type SubmitData = z.input<typeof submitDataSchema>;

export interface SubmitReceipt {
  taskId: string;
  status: TaskStatus;
  modelId?: string;
  /** `get_result.url` when the answer has one (absolute, as the service sent it). */
  resultUrl?: string;
}

export function parseSubmitAnswer(json: unknown): Parsed<SubmitReceipt> {
  const parsed = parseData(submitDataSchema, json, 'submit');
  if (!parsed.ok) return parsed;
  const data = parsed.value;
  const status = taskStatusOf(data.status);
  if (!status) return { ok: false, problem: `the submit answer has an unknown status ${JSON.stringify(data.status)}` };
  return {
    ok: true,
    value: {
      taskId: data.task_id,
      status,
      ...(data.model_id ? { modelId: data.model_id } : {}),
      ...(data.get_result?.url ? { resultUrl: data.get_result.url } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Task answer

/** A result resource as documented: `url` and `type` required, the rest optional. */
export const resourceObjectSchema = z.looseObject({
  url: z.string().min(1),
  type: z.string().min(1),
  format: z.string().nullish(),
  role: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
});
/** The doc says to accept a bare URL string as a resource, too. */
export const resourceSchema = z.union([z.string().min(1), resourceObjectSchema]);

const resourceListSchema = z.array(resourceSchema).max(1000);

export const taskDataSchema = z.looseObject({
  status: z.string().min(1),
  task_id: z.string().min(1),
  model_id: z.string().nullish(),
  /** Looks like elapsed milliseconds. */
  duration: z.number().nullish(),
  result: z
    .looseObject({
      resources: resourceListSchema.nullish(),
      metadata: z.record(z.string(), z.unknown()).nullish(),
      extensions: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
  /** Accepted when `result` is absent. */
  resources: resourceListSchema.nullish(),
  // Failure text: the field name is not documented; any of these may carry it (inferred).
  error: z.union([z.string(), z.looseObject({ message: z.string().nullish() })]).nullish(),
  message: z.string().nullish(),
  fail_reason: z.string().nullish(),
});
export type TaskData = z.input<typeof taskDataSchema>;
export type ResourceData = z.input<typeof resourceObjectSchema>;

export type ResourceType = 'video' | 'image' | 'audio';

export interface TaskResource {
  url: string;
  /** As sent, lower case; inferred from the URL's extension for a bare URL string. */
  type?: string;
  format?: string;
  role?: string;
  width?: number;
  height?: number;
}

export interface TaskSnapshot {
  status: TaskStatus;
  /** The status word exactly as the service sent it. */
  rawStatus: string;
  taskId: string;
  modelId?: string;
  video?: { url: string; width?: number; height?: number };
  /** Inferred: an image resource whose role is not `primary` (sent with `return_last_frame`). */
  lastFrame?: { url: string };
  resources: TaskResource[];
  /** The service's own words, when the task failed. */
  failureReason?: string;
  /** `data.duration`, which looks like elapsed milliseconds. */
  elapsedMs?: number;
}

const EXTENSION_TYPES: Readonly<Record<string, ResourceType>> = {
  mp4: 'video',
  mov: 'video',
  webm: 'video',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  webp: 'image',
  mp3: 'audio',
  wav: 'audio',
};

function typeFromUrl(url: string): ResourceType | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    pathname = url.split(/[?#]/)[0] ?? url;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return ext ? EXTENSION_TYPES[ext] : undefined;
}

function normalizeResource(item: z.output<typeof resourceSchema>): TaskResource {
  if (typeof item === 'string') {
    const type = typeFromUrl(item);
    return { url: item, ...(type ? { type } : {}) };
  }
  const resource: TaskResource = { url: item.url, type: item.type.toLowerCase() };
  if (item.format) resource.format = item.format;
  if (item.role) resource.role = item.role;
  if (typeof item.width === 'number') resource.width = item.width;
  if (typeof item.height === 'number') resource.height = item.height;
  return resource;
}

function firstText(...candidates: (string | null | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate.trim().length > 0) return candidate.trim();
  }
  return undefined;
}

function failureReasonOf(data: z.output<typeof taskDataSchema>, envelopeMessage: string | undefined): string | undefined {
  const error = data.error;
  return firstText(
    typeof error === 'string' ? error : undefined,
    typeof error === 'object' && error !== null ? error.message : undefined,
    data.message,
    data.fail_reason,
    envelopeMessage && envelopeMessage.toLowerCase() !== 'success' ? envelopeMessage : undefined,
  );
}

/** The video: the primary video resource, else the first video resource. */
export function pickVideo<R extends Pick<TaskResource, 'type' | 'role'>>(resources: readonly R[]): R | undefined {
  const videos = resources.filter((r) => r.type === 'video');
  return videos.find((r) => r.role === 'primary') ?? videos[0];
}

/** The last frame (inferred): an image resource whose role is not `primary`. */
export function pickLastFrame<R extends Pick<TaskResource, 'type' | 'role'>>(resources: readonly R[]): R | undefined {
  return resources.find((r) => r.type === 'image' && r.role !== 'primary');
}

/** Turns a task answer (the whole JSON envelope) into a TaskSnapshot, tolerant where the doc says. */
export function parseTaskAnswer(json: unknown): Parsed<TaskSnapshot> {
  const parsed = parseData(taskDataSchema, json, 'task');
  if (!parsed.ok) return parsed;
  const data = parsed.value;
  const status = taskStatusOf(data.status);
  if (!status) return { ok: false, problem: `the task answer has an unknown status ${JSON.stringify(data.status)}` };
  const rawResources = data.result?.resources ?? data.resources ?? [];
  const resources = rawResources.map(normalizeResource);
  const snapshot: TaskSnapshot = { status, rawStatus: data.status, taskId: data.task_id, resources };
  if (data.model_id) snapshot.modelId = data.model_id;
  if (typeof data.duration === 'number' && Number.isFinite(data.duration) && data.duration >= 0) {
    snapshot.elapsedMs = data.duration;
  }
  if (status === 'success') {
    const video = pickVideo(resources);
    if (video) {
      snapshot.video = {
        url: video.url,
        ...(video.width !== undefined ? { width: video.width } : {}),
        ...(video.height !== undefined ? { height: video.height } : {}),
      };
    }
    const lastFrame = pickLastFrame(resources);
    if (lastFrame) snapshot.lastFrame = { url: lastFrame.url };
  }
  if (status === 'failed') {
    const envelope = readEnvelope(json);
    const reason = failureReasonOf(data, envelope.type === 'success' ? envelope.message : undefined);
    if (reason) snapshot.failureReason = reason;
  }
  return { ok: true, value: snapshot };
}

// ---------------------------------------------------------------------------------------------
// Upload, key check, balance, models

export const uploadDataSchema = z.looseObject({
  file_id: z.string().min(1),
  url: z.string().min(1),
  type: z.string(),
  filename: z.string(),
  size: z.number().int().nonnegative(),
  /** The format is not documented: an ISO string or epoch number (inferred). */
  created_at: z.union([z.string(), z.number()]),
});
export type UploadData = z.input<typeof uploadDataSchema>;

export interface UploadedFile {
  fileId: string;
  url: string;
  mimeType: string;
  fileName: string;
  size: number;
  createdAt: string | number;
}

export function parseUploadAnswer(json: unknown): Parsed<UploadedFile> {
  const parsed = parseData(uploadDataSchema, json, 'upload');
  if (!parsed.ok) return parsed;
  const d = parsed.value;
  return {
    ok: true,
    value: { fileId: d.file_id, url: d.url, mimeType: d.type, fileName: d.filename, size: d.size, createdAt: d.created_at },
  };
}

export const keyCheckDataSchema = z.looseObject({ is_valid: z.boolean() });
export type KeyCheckData = z.input<typeof keyCheckDataSchema>;

export function parseKeyCheckAnswer(json: unknown): Parsed<{ valid: boolean }> {
  const parsed = parseData(keyCheckDataSchema, json, 'key check');
  return parsed.ok ? { ok: true, value: { valid: parsed.value.is_valid } } : parsed;
}

export const balanceDataSchema = z.looseObject({ balance: z.number().finite() });
export type BalanceData = z.input<typeof balanceDataSchema>;

export function parseBalanceAnswer(json: unknown): Parsed<{ balanceUsd: number }> {
  const parsed = parseData(balanceDataSchema, json, 'balance');
  return parsed.ok ? { ok: true, value: { balanceUsd: parsed.value.balance } } : parsed;
}

/**
 * The model list. The doc only says "lists active models"; Modellix's own CLI reads a top-level
 * `models` array of objects with a `slug` ("provider/model"). Inferred: accept that array at the top
 * level or under `data`.
 */
export const modelEntrySchema = z.looseObject({
  slug: z.string().min(1),
  type: z.string().nullish(),
  description: z.string().nullish(),
  provider: z.string().nullish(),
});
export type ModelEntryData = z.input<typeof modelEntrySchema>;
const modelListSchema = z.array(modelEntrySchema).max(10_000);

export interface ModelListing {
  slug: string;
  provider?: string;
  type?: string;
  description?: string;
}

export function parseModelsAnswer(json: unknown): Parsed<ModelListing[]> {
  const envelope = readEnvelope(json);
  if (envelope.type === 'invalid') return { ok: false, problem: envelope.problem };
  if (envelope.type === 'error') return { ok: false, problem: `the models answer has error code ${envelope.code}` };
  const top = (json as { models?: unknown }).models;
  const data = envelope.data as { models?: unknown } | unknown[] | undefined;
  const candidate = top ?? (Array.isArray(data) ? data : data?.models);
  const result = modelListSchema.safeParse(candidate);
  if (!result.success) return { ok: false, problem: `the models answer is not as expected (${describeIssues(result.error)})` };
  return {
    ok: true,
    value: result.data.map((m) => ({
      slug: m.slug,
      ...(m.provider ? { provider: m.provider } : { provider: m.slug.split('/')[0] }),
      ...(m.type ? { type: m.type } : {}),
      ...(m.description ? { description: m.description } : {}),
    })),
  };
}
