/**
 * A fake of the contract for the shell and canvas tests: graph files, recent files, the recovery
 * file and settings in memory; media facts from the file name; events emitted by hand. Browser
 * mode by default (no native dialogs: open/save without a path answer `canceled`).
 */
import { vi } from 'vitest';
import { createApiClient, settingsSchema, type EventName, type EventOf, type KeyStatus, type MediaInfo, type PipelineEntry, type ResultOf, type SeedanceApi } from '../../../shared/api';
import { emptyGraph, parseGraph, serializeGraph, type GraphDocument, type GraphEdge, type GraphNode } from '../../../shared/graph';
import { mediaKindOfFileName, type MediaKind, type ModelId } from '../../../shared/models';
import { estimateRuns, planGraph, scopePlan, type RunTarget } from '../../../shared/plan';
import { batchRowsOf } from '../../../shared/batch';
import { openDocument, useCanvasUi } from '../store/canvas-ui';
import { useRunStatus } from '../store/run-status';
import { useEditor } from '../store/editor';
import { useShell } from '../store/shell';

/** A stand-in content hash for the fake library (64 hex digits that change with the graph's text). */
export function fakeHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
}

/** A library entry as the Node side lists it (shared/pipeline/ports gives the ports). */
export function pipelineEntryOf(graph: GraphDocument, path: string): PipelineEntry {
  return { path, name: graph.name ?? path, hash: fakeHash(serializeGraph(graph)), graph };
}

export interface FakeApi extends SeedanceApi {
  /** The pipeline library `pipelines.list` answers with. */
  pipelines: PipelineEntry[];
  files: Map<string, string>;
  recovery: { graph: GraphDocument; path: string | null; savedAt: string } | null;
  keyStatus: KeyStatus;
  /** What `connection.info` answers (default: the saved address, or the real service). */
  connection: ResultOf<'connection.info'> | null;
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  /** Sends any payload, as a transport would: `on` checks it against the contract as the real client does. */
  emitRaw(event: EventName, payload: unknown): void;
  calls: { method: string; args: unknown }[];
  /** Results marked as favourites (`results.favourite`), by path. */
  favourites: Set<string>;
}

export function fakeMedia(path: string, kind?: MediaKind): MediaInfo {
  const fileName = path.split('/').pop() ?? path;
  return { mediaId: `m-${fileName}`, path, fileName, kind: kind ?? mediaKindOfFileName(fileName) ?? 'video', bytes: 1000, problems: [] };
}

export function createFakeApi(options: { mode?: 'desktop' | 'browser'; encryptionAvailable?: boolean } = {}): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // Events reach listeners through the real client, so they are checked as in the window.
  const client = createApiClient({
    call: async () => ({ ok: false, error: { code: 'failed', message: 'not used' } }),
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
  let settings = settingsSchema.parse({});
  let recent: ResultOf<'graph.recent'>['files'] = [];
  const deliver = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const api = {
    pipelines: [],
    files: new Map<string, string>(),
    recovery: null,
    connection: null,
    keyStatus: { present: false, source: 'none', encryptionAvailable: options.encryptionAvailable ?? false, note: 'Kept in a file only your user account can read.' },
    calls: [],
    favourites: new Set<string>(),
    emit: deliver,
    emitRaw: deliver,
    on: client.on,
  } as unknown as FakeApi;
  const remember = (path: string) => {
    recent = [{ path, name: path.split('/').pop() ?? path, openedAt: new Date().toISOString() }, ...recent.filter((f) => f.path !== path)];
  };
  const handlers: Record<string, (args: never) => Promise<unknown>> = {
    'app.info': async () => ({ version: 'test', mode: options.mode ?? 'browser', platform: 'linux', dataDir: '/data', examplesDir: '/repo/examples' }),
    'graph.open': async ({ path }: { path?: string }) => {
      if (!path) return { canceled: true };
      const text = api.files.get(path);
      if (text === undefined) throw new Error(`${path} does not exist any more.`);
      const parsed = parseGraph(text);
      if (!parsed.ok) throw new Error(`${path} is not a graph`);
      remember(path);
      return { canceled: false, path, graph: parsed.graph };
    },
    'graph.save': async ({ path, graph }: { path?: string; graph: GraphDocument }) => {
      if (!path) return { canceled: true };
      api.files.set(path, serializeGraph(graph));
      remember(path);
      return { canceled: false, path };
    },
    'graph.recent': async () => ({ files: recent }),
    'autosave.write': async ({ graph, path }: { graph: GraphDocument; path: string | null }) => {
      api.recovery = { graph, path, savedAt: '2025-01-01T00:00:00.000Z' };
      return {};
    },
    'autosave.read': async () => ({ recovery: api.recovery }),
    'autosave.clear': async () => {
      api.recovery = null;
      return {};
    },
    'media.pick': async () => ({ canceled: false, unsupported: true, files: [] }),
    'media.import': async ({ paths }: { paths: string[] }) => ({
      files: paths.filter((p) => mediaKindOfFileName(p)).map((p) => fakeMedia(p)),
      errors: paths.filter((p) => !mediaKindOfFileName(p)).map((p) => ({ path: p, message: 'is not a media file' })),
    }),
    plan: async ({ graph, target, runs = 1 }: { graph: GraphDocument; target?: RunTarget; runs?: number }) => {
      const plan = scopePlan(graph, planGraph(graph), target);
      // The real estimate over the fake's settings: what the service does with its own plan.
      const estimate = estimateRuns(Array.from({ length: runs }, () => plan), settings.prices);
      return {
        ok: plan.ok,
        tasks: plan.tasks.map((t) => ({ node: t.node, model: t.model, path: t.path, body: {} })),
        issues: plan.issues,
        problems: [],
        videoSeconds: plan.tasks.length * 5,
        kept: plan.kept,
        summary: { ...estimate, simulated: api.connection?.simulated ?? false },
      };
    },
    'run.start': async () => ({ runIds: ['run-1'] }),
    'run.cancel': async () => ({ cancelled: 1 }),
    'batch.readCsv': async () => ({ canceled: false, unsupported: true }),
    'batch.status': async ({ graph }: { graph: GraphDocument }) => {
      const rows = batchRowsOf(graph);
      return { rows: rows.kind === 'rows' ? rows.rows.map((r) => ({ row: r.row, status: 'not-run', outputs: [] })) : [] };
    },
    'batch.plan': async ({ graph }: { graph: GraphDocument }) => {
      const rows = batchRowsOf(graph);
      const numbers = rows.kind === 'rows' ? rows.rows.map((r) => r.row) : [];
      return { rows: numbers, tasks: numbers.length, videoSeconds: numbers.length * 5, problems: [], summary: summaryOf(numbers.length, numbers.length * 5) };
    },
    'batch.run': async ({ graph }: { graph: GraphDocument }) => {
      const rows = batchRowsOf(graph);
      const numbers = rows.kind === 'rows' ? rows.rows.map((r) => r.row) : [];
      return { runIds: numbers.map((n) => `batch-run-${n}`), rows: numbers };
    },
    'run.resume': async () => ({ runIds: ['crashed'], unknown: [{ runId: 'crashed', node: 'shot1' }], elsewhere: [{ runId: 'other', service: 'http://127.0.0.1:8977' }], closed: [] }),
    'tasks.list': async () => ({ tasks: [] }),
    'runs.list': async () => ({ runs: [] }),
    'key.status': async () => api.keyStatus,
    'key.set': async () => {
      api.keyStatus = { ...api.keyStatus, present: true, source: 'file' };
      return api.keyStatus;
    },
    'key.clear': async () => {
      api.keyStatus = { ...api.keyStatus, present: false, source: 'none' };
      return api.keyStatus;
    },
    'key.validate': async () => ({ valid: true, message: 'Modellix accepted the key.' }),
    balance: async () => ({ balanceUsd: 1 }),
    'settings.get': async () => settings,
    'connection.info': async () => api.connection ?? { baseUrl: settings.baseUrl, source: 'default', simulated: false },
    'settings.set': async (patch: Partial<typeof settings>) => {
      settings = settingsSchema.parse({ ...settings, ...patch });
      return settings;
    },
    'shell.reveal': async () => ({ shown: true }),
    // Like browser mode: the window opens the preview URL itself.
    'shell.open': async () => ({ opened: false }),
    'results.favourite': async ({ path, favourite }: { path: string; favourite: boolean }) => {
      if (favourite) api.favourites.add(path);
      else api.favourites.delete(path);
      return { favourite };
    },
    'results.favourites': async () => ({ paths: [...api.favourites] }),
    'results.copyFavourites': async ({ folder }: { folder?: string }) =>
      folder === undefined
        ? { canceled: false, unsupported: true }
        : { canceled: false, unsupported: false, folder, copied: [...api.favourites].map((from) => ({ from, to: `${folder}/${from.split('/').pop() ?? from}` })), alreadyThere: [] },
    'pipelines.list': async () => ({ pipelines: api.pipelines, problems: [] }),
    'pipelines.save': async (args: { graph: GraphDocument; name: string }) => {
      const entry = { ...pipelineEntryOf(args.graph, `/data/pipelines/${args.name}.seedance.json`) };
      api.pipelines = [...api.pipelines.filter((p) => p.path !== entry.path), entry];
      return entry;
    },
  };
  for (const [method, handler] of Object.entries(handlers)) {
    (api as unknown as Record<string, unknown>)[method] = vi.fn(async (args: unknown) => {
      api.calls.push({ method, args });
      return handler(args as never);
    });
  }
  return api;
}

/** Every store back to a fresh window. */
export function resetStores(graph: GraphDocument = emptyGraph(), path: string | null = null): void {
  openDocument(graph, path);
  useEditor.setState({ media: {}, notice: null });
  useCanvasUi.setState({ selectedNodes: [], selectedEdges: [], dialog: null, focus: null, snapToGrid: true });
  useShell.setState({ mode: null, dataDir: null, recent: [], question: null, startDismissed: false, settingsOpen: false, runIds: [], runProblems: [], results: [], running: false, unfinishedRuns: 0, version: null });
  useRunStatus.getState().clear();
}

export function assetNode(id: string, media: MediaKind, path?: string, x = 0, y = 0): GraphNode {
  return { id, type: 'asset', position: { x, y }, data: { media, ...(path ? { source: { kind: 'file' as const, path } } : {}) } };
}

export function seedanceNode(id: string, prompt = '', model: ModelId = 'seedance-2.0-v2v', x = 400, y = 0): GraphNode {
  return { id, type: 'seedance', position: { x, y }, data: { model, prompt, settings: {} } };
}

export function edge(id: string, source: string, target: string, targetHandle: string, sourceHandle: GraphEdge['sourceHandle'] = 'media'): GraphEdge {
  return { id, source, sourceHandle, target, targetHandle };
}

export function graphWith(nodes: GraphNode[], edges: GraphEdge[] = [], name?: string): GraphDocument {
  return { ...emptyGraph(name), nodes, edges };
}

/** The services the App gets in tests: the fake contract, preview URLs, and optionally dropped-file paths. */
export function servicesOf(api: FakeApi, pathForFile?: (file: File) => string | undefined) {
  return { api, mediaUrl: (id: string) => `/media/${id}`, ...(pathForFile ? { pathForFile } : {}) };
}

/** A run summary (the `plan` / `batch.plan` estimate) of `tasks` tasks and `seconds` seconds, without prices. */
export function summaryOf(tasks: number, seconds: number) {
  return { runs: 1, planned: tasks, tasks, seconds, lines: [], usd: null, missing: [], simulated: false };
}
