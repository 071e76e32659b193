/**
 * The app service: the contract's handlers over the engine, for the desktop app and browser mode
 * alike. No electron import: the hosts bring their dialogs and key store (see ports.ts).
 */
import { basename, dirname, join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { z } from 'zod';
import {
  ApiError,
  settingsSchema,
  type ApiHandlers,
  type EventName,
  type EventOf,
  type KeyStatus,
  type MediaInfo,
  type ParsedArgsOf,
  type RunView,
  type Settings,
} from '../../shared/api';
import { graphSchema } from '../../shared/graph';
import { describeRef, buildBody, estimateRuns } from '../../shared/plan';
import { checkMediaFile } from '../../shared/models/limits';
import { probeImportable, MediaProbeError } from '../engine/media';
import { BASE_URL_ENV, BaseUrlError, resolveBaseUrl, type BaseUrlSource } from '../engine/modellix/base-url';
import { normalizeBaseUrl } from '../engine/modellix/client';
import { preflightRecipe, recipeFor, type RecipeInput } from '../engine/runner';
import { graphWithoutBatch } from '../../shared/batch';
import { createBatchHandlers } from './batch';
import { readGraphFile, writeGraphFile } from './graph-files';
import { listPipelines, pipelineFolders, savePipeline } from './pipelines';
import { jsonStore } from './json-store';
import { SETTINGS_FILE, storedSettingsSchema } from './settings-file';
import { createKeyGate } from './key-gate';
import { expandFolders } from './media-folders';
import { MediaRegistry } from './media-registry';
import { listTaskViews } from './task-views';
import { createHistoryHandlers } from './history';
import { checkedFolder, copyResults, isFavourite, knownResults, resultOfPath, writeFavourite } from './favourites';
import { clientFor, RunManager, type Connection } from './run-manager';
import { createBuiltInSimulator, isSimulated, SIMULATED_GONE, SIMULATED_KEY } from './simulated';
import type { AppService, AppServiceOptions, EventListener } from './types';

const RECENT_LIMIT = 12;

const recentSchema = z.array(z.strictObject({ path: z.string(), name: z.string(), openedAt: z.string() }));
const recoverySchema = z.strictObject({ graph: graphSchema, path: z.string().nullable(), savedAt: z.string() });

/** A service address from Settings: an origin, https (plain http only on this machine). */
function checkedBaseUrl(value: string): string {
  try {
    return normalizeBaseUrl(value);
  } catch (error) {
    throw new ApiError('bad-arguments', `The service address cannot be used: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function createAppService(options: AppServiceOptions): AppService {
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(event: E, payload: EventOf<E>) => {
    for (const listener of listeners) listener(event, payload);
  };
  const settingsStore = jsonStore(join(options.dataDir, SETTINGS_FILE), storedSettingsSchema, () => settingsSchema.parse({}));
  const recentStore = jsonStore(join(options.dataDir, 'recent.json'), recentSchema, () => []);
  const recoveryStore = jsonStore(join(options.dataDir, 'recovery.json'), recoverySchema.nullable(), () => null);
  const media = new MediaRegistry();
  const runs = new RunManager({
    dataDir: options.dataDir,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    onEvent: (event) => emit('run.event', event),
    ...(options.log ? { log: options.log } : {}),
  });

  /**
   * Whether the window may name this graph file itself: a path the host allows (any, in browser
   * mode; those the user chose outside the page, on the desktop) or one of the recent files.
   */
  async function mayName(path: string): Promise<boolean> {
    if (options.graphPaths.allows(path)) return true;
    const absolute = resolve(path);
    return (await recentStore.read()).some((file) => resolve(file.path) === absolute);
  }

  async function remember(path: string): Promise<void> {
    options.graphPaths.grant(path);
    const list = (await recentStore.read()).filter((f) => f.path !== path);
    list.unshift({ path, name: basename(path), openedAt: new Date().toISOString() });
    await recentStore.write(list.slice(0, RECENT_LIMIT));
  }

  const keyGate = createKeyGate({ keyStore: options.keyStore, dialogs: options.dialogs });

  /** Where Modellix calls go now (MODELLIX_BASE_URL, else the saved address, else the real service). */
  async function baseUrlNow(): Promise<{ baseUrl: string; source: Exclude<BaseUrlSource, 'flag'> }> {
    const settings = await settingsStore.read();
    try {
      return resolveBaseUrl({ env: options.env, saved: settings.baseUrl });
    } catch (error) {
      if (!(error instanceof BaseUrlError)) throw error;
      const advice = error.source === 'env' ? `Fix or unset ${BASE_URL_ENV} and restart Seedance Flow.` : 'Fix the service address in Settings.';
      throw new ApiError('failed', `${error.message} ${advice}`);
    }
  }

  /** Every call that sends the key builds its connection here: the key gate checks where it goes. */
  async function connection(): Promise<{ baseUrl: string; apiKey: string; concurrency: number }> {
    const { baseUrl } = await baseUrlNow();
    const apiKey = await keyGate.keyFor(baseUrl);
    return { baseUrl, apiKey, concurrency: (await settingsStore.read()).concurrency };
  }

  const simulator = createBuiltInSimulator(options.examplesDir);

  /** Sidecar writes one at a time, so two quick toggles cannot lose one another. */
  const sidecarWrites = pLimit(1);

  /** The pipeline library's folders: the data folder's, then those the settings add. */
  async function libraryFolders(): Promise<string[]> {
    return pipelineFolders(options.dataDir, (await settingsStore.read()).pipelineFolders ?? []);
  }

  /** The results of `runIds` whose sidecar marks them as favourites. */
  async function favouritesOf(runIds: readonly string[]) {
    const results = knownResults(await runs.state(), runIds);
    const marks = await Promise.all(results.map(isFavourite));
    return results.filter((_, i) => marks[i]);
  }

  /** Whether the window's runs go to the built-in simulator now (simulated.ts). */
  async function simulatedNow(): Promise<boolean> {
    // The base-URL rule says whether the user chose a service: anything but its default (an
    // address that cannot be used was still chosen).
    const source = await baseUrlNow().then(
      (resolved) => resolved.source,
      () => 'settings' as const,
    );
    const { simulated } = await settingsStore.read();
    return isSimulated({ setting: simulated, keyPresent: options.keyStore.get() !== undefined, serviceChosen: source !== 'default' });
  }

  /** Where runs go: the built-in simulator with its own key in simulated mode, else the user's service and key. */
  async function runConnection(simulated: boolean): Promise<Connection> {
    if (!simulated) return connection();
    return { baseUrl: await simulator.url(), apiKey: SIMULATED_KEY, concurrency: (await settingsStore.read()).concurrency, simulated: true };
  }

  async function keyStatus(): Promise<KeyStatus> {
    const current = await baseUrlNow().then(
      (resolved) => resolved.baseUrl,
      () => undefined,
    );
    return keyGate.status(current);
  }

  async function keyChanged(): Promise<KeyStatus> {
    const status = await keyStatus();
    emit('key.changed', status);
    return status;
  }

  async function outDir(): Promise<string> {
    const settings = await settingsStore.read();
    return settings.outDir || options.defaultOutDir;
  }

  /** A run of the window's graph: media paths relative to its file, outputs to the settings' folder. */
  async function recipeInput(input: Pick<ParsedArgsOf<'plan'>, 'graph' | 'graphPath' | 'variables' | 'bindings' | 'target'>): Promise<RecipeInput> {
    const { graph, graphPath, variables, bindings, target } = input;
    return {
      // A single run takes each node's first item; the batch's rows stay out of its recipe.
      graph: graphWithoutBatch(graph),
      graphFile: graphPath,
      baseDir: graphPath ? dirname(graphPath) : options.dataDir,
      outDir: await outDir(),
      ...(variables ? { variables } : {}),
      ...(bindings ? { bindings } : {}),
      ...(target ? { target } : {}),
    };
  }

  /** Only a file whose full probe succeeds is registered, and so served to the window. */
  async function importOne(path: string): Promise<MediaInfo> {
    const probed = await probeImportable(path);
    const mediaId = media.register(probed.path);
    return {
      mediaId,
      path: probed.path,
      fileName: probed.fileName,
      kind: probed.kind,
      ...(probed.mimeType ? { mimeType: probed.mimeType } : {}),
      bytes: probed.bytes,
      ...(probed.seconds !== undefined ? { seconds: probed.seconds } : {}),
      ...(probed.width !== undefined ? { width: probed.width } : {}),
      ...(probed.height !== undefined ? { height: probed.height } : {}),
      problems: checkMediaFile(probed),
    };
  }

  async function importAll(given: readonly string[]) {
    const files: MediaInfo[] = [];
    // A folder gives its media files, in name order (one batch row each on an asset node).
    const { paths, errors } = await expandFolders(given);
    for (const path of paths) {
      try {
        files.push(await importOne(path));
      } catch (error) {
        errors.push({ path, message: error instanceof MediaProbeError || error instanceof Error ? error.message : String(error) });
      }
    }
    return { files, errors };
  }

  const batchHandlers = createBatchHandlers({
    runs,
    dialogs: options.dialogs,
    recipeInput,
    simulatedNow,
    prices: async () => (await settingsStore.read()).prices,
    runConnection,
    register: (path) => media.register(path),
    isActive: (runId) => runs.isActive(runId),
  });

  const handlers: ApiHandlers = {
    ...batchHandlers,
    'app.info': async () => ({
      version: options.version,
      mode: options.mode,
      platform: process.platform,
      dataDir: options.dataDir,
      examplesDir: options.examplesDir ?? null,
    }),

    'graph.open': async ({ path }) => {
      if (path !== undefined && !(await mayName(path))) {
        throw new ApiError(
          'forbidden',
          `Seedance Flow opens only graph files you chose (File > Open, Open Recent, a file dropped on the window or given to the app). Use File > Open to pick ${path}.`,
        );
      }
      const chosen = path ?? (await options.dialogs.openGraph());
      if (!chosen) return { canceled: true };
      const { graph, migratedFrom } = await readGraphFile(chosen);
      await remember(chosen);
      return { canceled: false, path: chosen, graph, ...(migratedFrom !== undefined ? { migratedFrom } : {}) };
    },
    'graph.save': async ({ path, graph }) => {
      if (path !== undefined && !(await mayName(path))) {
        throw new ApiError('forbidden', `Seedance Flow saves only to graph files you chose. Use File > Save As to choose where to save this graph.`);
      }
      const chosen = path ?? (await options.dialogs.saveGraph(`${graph.name ?? 'Untitled'}.seedance.json`));
      if (!chosen) return { canceled: true };
      await writeGraphFile(chosen, graph);
      await remember(chosen);
      return { canceled: false, path: chosen };
    },
    'graph.recent': async () => ({ files: await recentStore.read() }),

    'autosave.write': async ({ graph, path }) => {
      await recoveryStore.write({ graph, path, savedAt: new Date().toISOString() });
      return {};
    },
    'autosave.read': async () => ({ recovery: await recoveryStore.read() }),
    'autosave.clear': async () => {
      await recoveryStore.write(null);
      return {};
    },

    'media.pick': async ({ kinds, multiple }) => {
      if (!options.dialogs.native) return { canceled: false, unsupported: true, files: [] };
      const paths = await options.dialogs.pickMedia(kinds, multiple);
      if (!paths || paths.length === 0) return { canceled: true };
      const { files } = await importAll(paths);
      return { canceled: false, unsupported: false, files };
    },
    'media.import': async ({ paths }) => importAll(paths),

    'plan': async ({ runs: count, media: checkMedia, ...input }) => {
      const recipe = recipeFor(await recipeInput(input));
      const preflight = await preflightRecipe(recipe, { media: checkMedia });
      // Every run of one Run plans the same tasks (run.start); the estimate counts shared requests once.
      // Nodes a target keeps are counted as paid: an upper bound (they are paid only when changed).
      const estimate = estimateRuns(Array.from({ length: count }, () => preflight.plan), (await settingsStore.read()).prices);
      return {
        ok: preflight.plan.ok && preflight.problems.length === 0,
        tasks: preflight.plan.tasks.map((t) => ({ node: t.node, model: t.model, path: t.path, body: buildBody(t, describeRef) })),
        issues: preflight.plan.issues,
        problems: preflight.mediaProblems,
        videoSeconds: preflight.videoSeconds,
        kept: preflight.plan.kept,
        summary: { ...estimate, simulated: await simulatedNow() },
      };
    },
    'run.start': async ({ runs: count, force, ...input }) => {
      const simulated = await simulatedNow();
      const base = { ...(await recipeInput(input)), force, simulated };
      const recipes = Array.from({ length: count }, (_, i) => recipeFor(count > 1 ? { ...base, repeat: i + 1 } : base));
      const preflight = await preflightRecipe(recipes[0] as (typeof recipes)[number]);
      if (preflight.problems.length > 0) {
        throw new ApiError('failed', `Nothing was sent; fix these first:\n${preflight.problems.join('\n')}`);
      }
      const runIds = await runs.start(recipes, await runConnection(simulated));
      return { runIds };
    },
    'run.resume': async () => {
      const simulated = await simulatedNow();
      // Simulated runs of an earlier session cannot be finished: that simulator, and its tasks, are gone.
      const builtIn = await simulator.current();
      const closed = await runs.closeLost((run) => run.recipe?.['simulated'] === true && run.service !== builtIn, SIMULATED_GONE);
      const { runIds, unknown, elsewhere } = await runs.resume(await runConnection(simulated));
      return { runIds, unknown: unknown.map((task) => ({ runId: task.runId, node: task.nodeId })), elsewhere, closed };
    },
    'run.cancel': async ({ runId }) => ({ cancelled: runs.cancel(runId) }),

    'tasks.list': async ({ runId, limit }) => ({ tasks: listTaskViews(await runs.state(), { runId, limit }, (path) => media.register(path)) }),
    'runs.list': async ({ limit }) => {
      const state = await runs.state();
      const views: RunView[] = [...state.runs.values()].slice(-limit).reverse().map((run) => {
        const recipe = run.recipe as { graph?: { name?: unknown } } | undefined;
        const name = typeof recipe?.graph?.name === 'string' ? recipe.graph.name : undefined;
        return {
          runId: run.runId,
          graphPath: run.graphFile,
          ...(name ? { graphName: name } : {}),
          startedAt: run.startedAt,
          outcome: run.outcome ?? 'running',
          ...(run.batchRow !== null ? { batchRow: run.batchRow } : {}),
          ...(run.repeat !== undefined ? { repeat: run.repeat } : {}),
          tasks: run.taskKeys.length,
        };
      });
      return { runs: views };
    },

    'key.status': keyStatus,
    'key.set': async ({ key, allowPlainText }) => {
      // Bound to where runs go now: it is sent nowhere else without the user's say-so.
      await options.keyStore.set(key, { allowPlainText, origin: (await baseUrlNow()).baseUrl });
      return keyChanged();
    },
    'key.clear': async () => {
      await options.keyStore.clear();
      return keyChanged();
    },
    'key.validate': async () => {
      const { baseUrl, apiKey } = await connection();
      const { valid } = await clientFor({ baseUrl, apiKey }, options.fetch).validateKey();
      return { valid, message: valid ? 'Modellix accepted the key.' : 'Modellix refused the key: copy it again from your Modellix dashboard.' };
    },
    'balance': async () => {
      const { baseUrl, apiKey } = await connection();
      return clientFor({ baseUrl, apiKey }, options.fetch).balance();
    },

    'settings.get': async () => settingsStore.read(),
    'settings.set': async (patch) => {
      const baseUrl = patch.baseUrl === undefined ? {} : { baseUrl: checkedBaseUrl(patch.baseUrl) };
      const next: Settings = settingsSchema.parse({ ...(await settingsStore.read()), ...patch, ...baseUrl });
      await settingsStore.write(next);
      emit('settings.changed', next);
      if (patch.baseUrl !== undefined) await keyChanged();
      return next;
    },
    'connection.info': async () => {
      if (await simulatedNow()) return { baseUrl: await simulator.url(), source: 'simulated', simulated: true };
      try {
        return { ...(await baseUrlNow()), simulated: false };
      } catch (error) {
        const saved = (await settingsStore.read()).baseUrl;
        const fromEnv = options.env[BASE_URL_ENV]?.trim();
        return { baseUrl: fromEnv || saved, source: fromEnv ? 'env' : 'settings', simulated: false, problem: error instanceof Error ? error.message : String(error) };
      }
    },

    ...createHistoryHandlers({ runs, register: (path) => media.register(path), simulatedNow, runConnection, outDir }),

    'shell.reveal': async ({ path }) => {
      // Only files the window was shown (imported media, outputs) can be revealed.
      if (!media.has(path)) throw new ApiError('forbidden', 'Only imported media and run outputs can be shown in the file browser.');
      if (!options.dialogs.reveal) return { shown: false };
      await options.dialogs.reveal(path);
      return { shown: true };
    },
    'shell.open': async ({ path }) => {
      if (!media.has(path)) throw new ApiError('forbidden', 'Only imported media and run outputs can be opened from the window.');
      if (!options.dialogs.openFile) return { opened: false };
      await options.dialogs.openFile(path);
      return { opened: true };
    },

    'results.favourite': async ({ path, favourite }) => {
      const result = resultOfPath(await runs.state(), path);
      await sidecarWrites(() => writeFavourite(result, favourite));
      return { favourite };
    },
    'results.favourites': async ({ runIds }) => ({ paths: [...new Set((await favouritesOf(runIds)).map((r) => r.key))] }),
    'results.copyFavourites': async ({ runIds, folder }) => {
      // Files are written only where the user chose: the native picker on the desktop, a typed path in browser mode.
      if (options.dialogs.native && folder !== undefined) {
        throw new ApiError('forbidden', 'Choose the folder in the folder picker: Seedance Flow copies only into a folder you picked.');
      }
      if (!options.dialogs.native && folder === undefined) return { canceled: false, unsupported: true };
      const chosen = folder ?? (await options.dialogs.pickFolder('Copy favourites to folder'));
      if (!chosen) return { canceled: true };
      const target = await checkedFolder(chosen);
      const report = await copyResults(await favouritesOf(runIds), target);
      return { canceled: false, unsupported: false, folder: target, ...report };
    },
    'pipelines.list': async () => {
      const { pipelines, problems } = await listPipelines(await libraryFolders());
      return { pipelines, problems };
    },
    'pipelines.save': async (args) => savePipeline(await libraryFolders(), args),
  };

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    secrets: () => {
      const stored = options.keyStore.get();
      return stored ? [stored.key] : [];
    },
    mediaPath: (id) => media.pathOf(id),
    submitsInFlight: () => runs.submits.size,
    dispose: async () => {
      await runs.dispose();
      await simulator.close();
    },
  };
}

