/**
 * The simulator's settings and injectable faults, as zod schemas: the CLI hands them in from the
 * command line (outside data), tests from code. Every fault with a `count` is used up one request
 * at a time; without a `count` it stays on until replaced with `setFaults`.
 */
import { z } from 'zod';
import { ROUTE_KINDS } from '../modellix/protocol';

/** Routes a fault can be aimed at: the API routes, plus `download` (results and uploaded files). */
export const FAULT_ROUTES = [...ROUTE_KINDS, 'download'] as const;
export type FaultRoute = (typeof FAULT_ROUTES)[number];
/** Where 429, 5xx and latency faults apply when `on` is not given: every API route, not downloads. */
export const DEFAULT_FAULT_ROUTES: readonly FaultRoute[] = ROUTE_KINDS;

export const DEFAULT_FAILURE_REASON =
  'The input image may contain a real person: the request was refused by content moderation (InputImageSensitiveContentDetected.PrivacyInformation).';

const count = z.number().int().min(0).max(1_000_000);
const routes = z.array(z.enum(FAULT_ROUTES)).min(1);

export const faultsSchema = z.strictObject({
  /** N answers of 429 with a wait hint in the chosen header. */
  rateLimit: z
    .strictObject({
      count: count.optional(),
      on: routes.optional(),
      retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
      header: z.enum(['seconds', 'http-date', 'ratelimit-reset', 'none']).default('seconds'),
    })
    .optional(),
  /** N answers of a 5xx status. */
  serverError: z
    .strictObject({
      count: count.optional(),
      on: routes.optional(),
      status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
    })
    .optional(),
  /** N submits whose connection is destroyed without an answer, before or after the task exists. */
  dropSubmit: z.strictObject({ count: count.optional(), when: z.enum(['before-create', 'after-create']) }).optional(),
  /** The next N tasks end as failed with this reason, in this field of the task answer. */
  failTasks: z
    .strictObject({
      count: count.optional(),
      reason: z.string().min(1).max(2000).default(DEFAULT_FAILURE_REASON),
      field: z.enum(['error', 'error.message', 'message', 'fail_reason']).default('error'),
    })
    .optional(),
  /** N downloads sent at this many bytes per second. */
  slowDownloads: z.strictObject({ count: count.optional(), bytesPerSecond: z.number().int().min(1).max(1_000_000_000) }).optional(),
  /**
   * N downloads that stop after `keepBytes` (default: half). `announce: 'length'` promises the full
   * Content-Length; `'none'` sends no length and ends the body by closing the connection, so the
   * cut looks like a normal end to the client (HTTP/1.0 style, as some CDNs and proxies do).
   */
  truncateDownloads: z
    .strictObject({ count: count.optional(), keepBytes: z.number().int().min(0).optional(), announce: z.enum(['length', 'none']).default('length') })
    .optional(),
  /** N result downloads answered 404, as an expired result URL is. */
  expiredResults: z.strictObject({ count: count.optional() }).optional(),
  /** N answers held back this long (for timeout tests). On a submit the task is created first. */
  latency: z.strictObject({ count: count.optional(), on: routes.optional(), ms: z.number().int().min(0).max(600_000) }).optional(),
  /** Error messages repeat the API key the request carried, as a careless server might. */
  echoKey: z.boolean().optional(),
});
export type FaultsInput = z.input<typeof faultsSchema>;
export type Faults = z.output<typeof faultsSchema>;

const DAY_MS = 24 * 60 * 60 * 1000;
const MiB = 1024 * 1024;

export const simulatorOptionsSchema = z.strictObject({
  /** 0 picks a free port. The server always binds 127.0.0.1. */
  port: z.number().int().min(0).max(65535).default(0),
  /** Keys accepted as `Authorization: Bearer <key>`; when absent any non-empty key is accepted. */
  apiKeys: z.array(z.string().min(1)).min(1).optional(),
  /** Time from submit to the final state. 0 makes a task final on its first poll. */
  processingMs: z.number().int().min(0).max(DAY_MS).default(0),
  /** Time a task stays `pending` before `processing` (default: a third of processingMs). */
  pendingMs: z.number().int().min(0).max(DAY_MS).optional(),
  balanceUsd: z.number().min(0).max(1e9).default(100),
  /** Billed per second of requested output (default free, so the balance never runs out). */
  pricePerSecondUsd: z.number().min(0).max(1000).default(0),
  /** Result URLs answer 404 this long after the task finished (the docs say 7 days). */
  resultTtlMs: z.number().int().min(1).max(365 * DAY_MS).default(7 * DAY_MS),
  maxTasks: z.number().int().min(1).max(1_000_000).default(10_000),
  maxUploads: z.number().int().min(1).max(100_000).default(1_000),
  maxUploadBytes: z.number().int().min(1).max(1024 * MiB).default(64 * MiB),
  maxUploadTotalBytes: z.number().int().min(1).max(8 * 1024 * MiB).default(512 * MiB),
  /** Largest submit body (base64 images make bodies big). */
  maxBodyBytes: z.number().int().min(1).max(1024 * MiB).default(64 * MiB),
  /** The MP4 served as every result (default: test/fixtures/simulator/result.mp4). */
  resultVideoPath: z.string().min(1).optional(),
  faults: faultsSchema.default({}),
});

export interface SimulatorHooks {
  /** The simulator's clock (default Date.now): task states and result expiry follow it. */
  now?: () => number;
  /** Where to write a line about a request the simulator could not handle (default: nowhere). */
  log?: (line: string) => void;
}

export type SimulatorOptions = z.input<typeof simulatorOptionsSchema> & SimulatorHooks;
