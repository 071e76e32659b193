/**
 * A Modellix-compatible HTTP server on 127.0.0.1, speaking the protocol in ../modellix/protocol.ts:
 * both submit paths, tasks, uploads, key check, balance, models, and the result files themselves.
 * Request bodies are checked with the model registry's `validateBody`, as strictly as the service.
 * Faults can be injected at start and at run time (see options.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MODELS, MODEL_IDS, PROVIDER, defaultOf, modelForPath, validateBody, type ModelFamily } from '../../../shared/models';
import {
  ROUTE_METHODS,
  errorEnvelope,
  paths,
  routeOf,
  successEnvelope,
  type BalanceData,
  type KeyCheckData,
  type ModelEntryData,
  type Route,
  type RouteKind,
  type SubmitData,
  type TaskData,
  type UploadData,
} from '../modellix/protocol';
import { FaultBox } from './faults';
import { bearerKey, readBody, sendJson } from './http-util';
import { loadResultMedia } from './media';
import { simulatorOptionsSchema, type FaultRoute, type Faults, type FaultsInput, type SimulatorOptions } from './options';
import { serveBytes, type ServeMode } from './serve-bytes';
import { StatsRecorder, submitBodyHash, type SimulatorStats, type StatsCounter } from './stats';
import { TaskStore } from './tasks';
import { UploadStore, fileUrl, receiveUpload } from './uploads';

export interface SimulatorHandle {
  /** `http://127.0.0.1:<port>`: the base URL to give the client. */
  readonly url: string;
  readonly port: number;
  /** A snapshot of the counters (read it again for fresh figures). */
  readonly stats: SimulatorStats;
  /** A snapshot of the faults still in force. */
  readonly faults: Faults;
  /** Replaces every fault; `{}` clears them. Throws on an invalid plan. */
  setFaults(faults: FaultsInput): void;
  /** Stops listening, cuts open connections and clears every timer. */
  close(): Promise<void>;
}

const FAMILY_TYPES: Readonly<Record<ModelFamily, string>> = {
  v2v: 'video-to-video',
  i2v: 'image-to-video',
  t2v: 'text-to-video',
};

type Download = { kind: 'result'; taskId: string; name: 'video.mp4' | 'last-frame.png' } | { kind: 'file'; fileId: string };

function matchDownload(pathname: string): Download | undefined {
  const parts = pathname.split('/');
  try {
    if (parts.length === 4 && parts[1] === 'results' && parts[2] && (parts[3] === 'video.mp4' || parts[3] === 'last-frame.png')) {
      return { kind: 'result', taskId: decodeURIComponent(parts[2]), name: parts[3] };
    }
    if (parts.length === 4 && parts[1] === 'files' && parts[2]) return { kind: 'file', fileId: decodeURIComponent(parts[2]) };
  } catch {
    return undefined;
  }
  return undefined;
}

/** What each API route adds to the stats (uploads count when a file is stored). */
const ROUTE_COUNTERS: Readonly<Record<RouteKind, StatsCounter | undefined>> = {
  submit: 'submitRequests',
  poll: 'polls',
  upload: undefined,
  'delete-upload': 'deletes',
  'validate-key': 'keyChecks',
  balance: 'balanceChecks',
  models: 'modelLists',
};

function drain(req: IncomingMessage): void {
  req.resume();
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const { now = Date.now, log = () => undefined, ...rest } = options;
  const settings = simulatorOptionsSchema.parse(rest);
  const media = loadResultMedia(settings.resultVideoPath);
  const faults = new FaultBox(settings.faults);
  const stats = new StatsRecorder();
  const tasks = new TaskStore(
    { processingMs: settings.processingMs, pendingMs: settings.pendingMs ?? Math.floor(settings.processingMs / 3) },
    settings.maxTasks,
  );
  const uploads = new UploadStore(settings.maxUploads, settings.maxUploadTotalBytes);
  const timers = new Set<NodeJS.Timeout>();
  let balance = settings.balanceUsd;
  let baseUrl = '';

  function later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  /** Sends a JSON answer, held back when a latency fault is aimed at this route. */
  function reply(res: ServerResponse, route: FaultRoute, status: number, body: unknown, headers?: Record<string, string>) {
    const delay = faults.take('latency', route);
    if (!delay || delay.ms === 0) return sendJson(res, status, body, headers);
    stats.faults.delayed += 1;
    later(delay.ms, () => sendJson(res, status, body, headers));
  }

  /** Sends an error envelope; with the echoKey fault, the message repeats the key it was sent. */
  function fail(
    req: IncomingMessage,
    res: ServerResponse,
    route: FaultRoute,
    status: number,
    detail: string,
    headers?: Record<string, string>,
  ) {
    drain(req);
    const key = bearerKey(req);
    const echo = faults.echoKey && key ? ` (API key ${key})` : '';
    reply(res, route, status, errorEnvelope(status, `${detail}${echo}`), headers);
  }

  /** Answers with an injected 429 or 5xx, if one is due on this route. */
  function injectedFailure(req: IncomingMessage, res: ServerResponse, route: FaultRoute): boolean {
    const limited = faults.take('rateLimit', route);
    if (limited) {
      stats.faults.rateLimited += 1;
      const headers: Record<string, string> = {};
      const wait = limited.retryAfterSeconds;
      if (limited.header === 'seconds') headers['Retry-After'] = String(wait);
      if (limited.header === 'http-date') headers['Retry-After'] = new Date(now() + wait * 1000).toUTCString();
      if (limited.header === 'ratelimit-reset') headers['X-RateLimit-Reset'] = String(Math.ceil(now() / 1000) + wait);
      fail(req, res, route, 429, 'rate limit reached; slow down', headers);
      return true;
    }
    const broken = faults.take('serverError', route);
    if (broken) {
      stats.faults.serverErrors += 1;
      fail(req, res, route, broken.status, 'simulated server failure');
      return true;
    }
    return false;
  }

  async function submit(req: IncomingMessage, res: ServerResponse, route: Extract<Route, { kind: 'submit' }>, pathname: string) {
    if (route.provider !== PROVIDER) return fail(req, res, 'submit', 404, `provider ${route.provider} not found`);
    const spec = modelForPath(pathname);
    if (!spec) return fail(req, res, 'submit', 404, `model ${route.provider}/${route.model} not found`);
    if (!/\bjson\b/i.test(req.headers['content-type'] ?? '')) {
      return fail(req, res, 'submit', 415, 'send the request body as application/json');
    }
    const read = await readBody(req, settings.maxBodyBytes);
    if (!read.ok) {
      return read.tooLarge
        ? fail(req, res, 'submit', 413, `the request body is larger than ${settings.maxBodyBytes} bytes`)
        : fail(req, res, 'submit', 400, 'the request body could not be read');
    }
    let body: unknown;
    try {
      body = JSON.parse(read.bytes.toString('utf8'));
    } catch {
      return fail(req, res, 'submit', 400, 'the request body is not valid JSON');
    }
    const check = validateBody(spec.id, body);
    if (!check.ok) return fail(req, res, 'submit', 400, check.issues.map((issue) => issue.message).join('; '));
    const defaultSeconds = defaultOf(spec.id, 'duration');
    const seconds = check.body.duration ?? (typeof defaultSeconds === 'number' ? defaultSeconds : 5);
    const cost = seconds * settings.pricePerSecondUsd;
    if (cost > balance + 1e-9) {
      return fail(req, res, 'submit', 402, `insufficient balance: the task costs $${cost.toFixed(2)}, the balance is $${balance.toFixed(2)}`);
    }
    if (faults.take('dropSubmit', undefined, (f) => f.when === 'before-create')) {
      stats.faults.droppedBeforeCreate += 1;
      req.socket.destroy();
      return;
    }
    const failure = faults.take('failTasks');
    if (failure) stats.faults.failedTasks += 1;
    const task = tasks.create({
      modelId: spec.id,
      createdAt: now(),
      lastFrame: check.body.return_last_frame === true,
      ...(failure ? { failure: { reason: failure.reason, field: failure.field } } : {}),
    });
    balance -= cost;
    stats.taskCreated(submitBodyHash(spec.id, body), route.alias, task.id);
    if (faults.take('dropSubmit', undefined, (f) => f.when === 'after-create')) {
      stats.faults.droppedAfterCreate += 1;
      req.socket.destroy();
      return;
    }
    const data: SubmitData = {
      status: 'pending',
      task_id: task.id,
      model_id: spec.id,
      get_result: { method: 'GET', url: `${baseUrl}${paths.task(task.id)}` },
    };
    reply(res, 'submit', 200, successEnvelope(data));
  }

  function poll(req: IncomingMessage, res: ServerResponse, taskId: string) {
    const task = tasks.get(taskId);
    if (!task) return fail(req, res, 'poll', 404, `task ${taskId} not found`);
    const data: TaskData = tasks.answer(task, now(), baseUrl, media);
    reply(res, 'poll', 200, successEnvelope(data));
  }

  async function upload(req: IncomingMessage, res: ServerResponse) {
    const outcome = await receiveUpload(req, settings.maxUploadBytes);
    if (!outcome.ok) return fail(req, res, 'upload', outcome.status, outcome.detail);
    const stored = uploads.add({ fileName: outcome.fileName, mimeType: outcome.mimeType, bytes: outcome.bytes, createdAt: now() });
    if (!stored) return fail(req, res, 'upload', 413, "the simulator's upload storage is full; delete some uploads");
    stats.uploadStored(stored.bytes);
    const data: UploadData = {
      file_id: stored.fileId,
      url: fileUrl(baseUrl, stored),
      type: stored.mimeType,
      filename: stored.fileName,
      size: stored.bytes.length,
      created_at: new Date(stored.createdAt).toISOString(),
    };
    reply(res, 'upload', 200, successEnvelope(data));
  }

  function listModels(res: ServerResponse) {
    // Inferred shape: Modellix's own CLI reads a top-level `models` array of `{ slug, ... }`.
    const models: ModelEntryData[] = MODEL_IDS.map((id) => ({
      slug: `${PROVIDER}/${id}`,
      provider: PROVIDER,
      type: FAMILY_TYPES[MODELS[id].family],
      description: MODELS[id].name,
    }));
    reply(res, 'models', 200, { code: 0, message: 'success', models });
  }

  function download(req: IncomingMessage, res: ServerResponse, target: Download) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return fail(req, res, 'download', 405, `${req.method ?? ''} is not allowed here`, { Allow: 'GET, HEAD' });
    }
    stats.count('downloads');
    if (injectedFailure(req, res, 'download')) return;
    let bytes: Buffer;
    let type: string;
    if (target.kind === 'result') {
      const task = tasks.get(target.taskId);
      const ready = task !== undefined && tasks.statusAt(task, now()) === 'success';
      if (!task || !ready || (target.name === 'last-frame.png' && !task.lastFrame)) {
        return fail(req, res, 'download', 404, 'no such result');
      }
      if (now() - tasks.finishedAt(task) > settings.resultTtlMs) return fail(req, res, 'download', 404, 'the result has expired');
      if (req.method === 'GET' && faults.take('expiredResults')) {
        stats.faults.expiredResults += 1;
        return fail(req, res, 'download', 404, 'the result has expired');
      }
      [bytes, type] = target.name === 'video.mp4' ? [media.video, 'video/mp4'] : [media.lastFrame, 'image/png'];
    } else {
      const file = uploads.get(target.fileId);
      if (!file) return fail(req, res, 'download', 404, 'no such file');
      [bytes, type] = [file.bytes, file.mimeType];
    }
    const mode: ServeMode = {};
    if (req.method === 'GET') {
      const slow = faults.take('slowDownloads');
      if (slow) {
        stats.faults.slowDownloads += 1;
        mode.bytesPerSecond = slow.bytesPerSecond;
      }
      const cut = faults.take('truncateDownloads');
      if (cut) {
        stats.faults.truncatedDownloads += 1;
        mode.truncateTo = cut.keepBytes ?? Math.floor(bytes.length / 2);
        if (cut.announce === 'none') mode.unannounced = true;
      }
    }
    const delay = faults.take('latency', 'download');
    if (delay && delay.ms > 0) {
      stats.faults.delayed += 1;
      later(delay.ms, () => serveBytes(req, res, bytes, type, mode, timers));
    } else {
      serveBytes(req, res, bytes, type, mode, timers);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.count('requests');
    const url = new URL(req.url ?? '/', baseUrl);
    const target = matchDownload(url.pathname);
    if (target) return download(req, res, target);
    const route = routeOf(url.pathname);
    if (!route) {
      drain(req);
      return sendJson(res, 404, errorEnvelope(404, `no API path ${url.pathname}`));
    }
    const method = ROUTE_METHODS[route.kind];
    if (req.method !== method) {
      drain(req);
      return sendJson(res, 405, errorEnvelope(405, `${req.method ?? ''} is not allowed on ${url.pathname}`), { Allow: method });
    }
    const key = bearerKey(req);
    const authorized = key !== undefined && (settings.apiKeys === undefined || settings.apiKeys.includes(key));
    if (!authorized && route.kind !== 'validate-key') {
      return fail(req, res, route.kind, 401, 'invalid or missing API key');
    }
    // Counted before any injected fault, so a rate-limited request still shows.
    const counter = ROUTE_COUNTERS[route.kind];
    if (counter) stats.count(counter);
    if (injectedFailure(req, res, route.kind)) return;
    switch (route.kind) {
      case 'submit':
        return submit(req, res, route, url.pathname);
      case 'poll':
        return poll(req, res, route.taskId);
      case 'upload':
        return upload(req, res);
      case 'delete-upload':
        if (!uploads.delete(route.fileId)) return fail(req, res, 'delete-upload', 404, `file ${route.fileId} not found`);
        return reply(res, 'delete-upload', 200, successEnvelope({ file_id: route.fileId, deleted: true }));
      case 'validate-key': {
        // A wrong key is a normal answer here, not a 401.
        const data: KeyCheckData = { is_valid: authorized };
        return reply(res, 'validate-key', 200, successEnvelope(data));
      }
      case 'balance': {
        const data: BalanceData = { balance: Math.round(balance * 100) / 100 };
        return reply(res, 'balance', 200, successEnvelope(data));
      }
      case 'models':
        return listModels(res);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`simulator: ${req.method ?? ''} ${req.url ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
      sendJson(res, 500, errorEnvelope(500, 'the simulator failed on this request'));
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    get stats() {
      return stats.snapshot();
    },
    get faults() {
      return faults.snapshot();
    },
    setFaults(next: FaultsInput) {
      faults.set(next);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
