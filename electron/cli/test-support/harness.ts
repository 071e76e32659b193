/**
 * Test harness for the CLI: in-memory io (stdout, stderr, stdin, signals), the real planning
 * functions of the runner with `startRuns` / `resumeRuns` as spies, and fixture folders.
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import type { RunEvent } from '../../../shared/api/run-events';
import { Ledger } from '../../engine/ledger';
import type { ModellixClient } from '../../engine/modellix';
import { batchRowOutcomes, planRecipe, preflightRecipe, recipeFor, recoverTask } from '../../engine/runner/index';
import type { RunnerDeps, RunRecipe, RunSummary } from '../../engine/runner/types';
import type { SimulatorHandle } from '../../engine/simulator';
import { runCli } from '../cli';
import type { CliContext, CliDeps, CliIo, CliSignal } from '../context';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_FIXTURES = path.join(REPO, 'test/fixtures/cli');
export const MEDIA_FIXTURES = path.join(REPO, 'test/fixtures/media');

class Buffered extends Writable {
  text = '';
  isTTY: boolean;
  columns = 100;
  constructor(isTTY: boolean) {
    super();
    this.isTTY = isTTY;
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export interface TestIo extends CliIo {
  stdout: Buffered;
  stderr: Buffered;
  stdin: PassThrough & { isTTY?: boolean };
  /** Delivers a signal to the handlers the CLI installed. */
  signal(signal: CliSignal): void;
  exitCalls: number[];
}

export function makeIo(options: { cwd: string; env?: Record<string, string | undefined>; tty?: boolean; platform?: NodeJS.Platform; homedir?: string; now?: number }): TestIo {
  const handlers = new Map<CliSignal, Set<() => void>>();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.tty ?? false;
  const exitCalls: number[] = [];
  return {
    stdout: new Buffered(options.tty ?? false),
    stderr: new Buffered(options.tty ?? false),
    stdin,
    env: options.env ?? {},
    cwd: options.cwd,
    platform: options.platform ?? 'linux',
    homedir: options.homedir ?? path.join(options.cwd, 'home'),
    onSignal(signal, handler) {
      const set = handlers.get(signal) ?? new Set();
      set.add(handler);
      handlers.set(signal, set);
      return () => void set.delete(handler);
    },
    exit: (code) => void exitCalls.push(code),
    now: () => options.now ?? Date.now(),
    signal(signal) {
      for (const handler of [...(handlers.get(signal) ?? [])]) handler();
    },
    exitCalls,
  };
}

/** A summary in which every node of the recipe's plan ended with `outcome`. */
export function summaryFor(recipe: RunRecipe, runId: string, outcome: RunSummary['nodes'][number]['outcome'] = 'succeeded'): RunSummary {
  const plan = planRecipe(recipe);
  const ok = outcome === 'succeeded' || outcome === 'reused';
  return {
    runId,
    recipe,
    folder: recipe.outDir,
    ok,
    nodes: plan.tasks.map((t) => ({ node: t.node, outcome, files: ok ? [path.join(recipe.outDir, `${t.node}.mp4`)] : [], ...(ok ? {} : { message: `${t.node} ${outcome}` }) })),
    problems: [],
  };
}

export type StartRuns = (recipes: readonly RunRecipe[], deps: RunnerDeps) => Promise<RunSummary[]>;

/** Emits a plausible event stream for each recipe and returns successful summaries. */
export const succeedAll: StartRuns = async (recipes, deps) =>
  recipes.map((recipe, i) => {
    const runId = `00000000-0000-4000-8000-00000000000${i}`;
    const plan = planRecipe(recipe);
    const at = 1_700_000_000_000;
    const emit = (event: RunEvent) => deps.onEvent?.(event);
    emit({ type: 'run.started', runId, at, graph: recipe.graphFile, tasks: plan.tasks.length, ...(recipe.batchRow ? { row: recipe.batchRow } : {}) });
    for (const task of plan.tasks) {
      emit({ type: 'task.queued', runId, at, node: task.node, model: task.model });
      emit({ type: 'task.submitted', runId, at, node: task.node, taskId: `task-${task.node}` });
      emit({ type: 'task.succeeded', runId, at, node: task.node, taskId: `task-${task.node}`, outputs: [`/out/${task.node}.mp4`] });
      emit({ type: 'node.done', runId, at, node: task.node, ok: true });
    }
    emit({ type: 'run.done', runId, at, ok: true, succeeded: plan.tasks.length, reused: 0, failed: 0, unknown: 0, cancelled: 0, skipped: 0 });
    return summaryFor(recipe, runId);
  });

export interface Harness {
  dir: string;
  io: TestIo;
  deps: CliDeps & {
    runner: CliDeps['runner'] & { startRuns: ReturnType<typeof vi.fn<StartRuns>>; resumeRuns: ReturnType<typeof vi.fn<CliDeps['runner']['resumeRuns']>> };
    openLedger: ReturnType<typeof vi.fn<CliDeps['openLedger']>>;
    createClient: ReturnType<typeof vi.fn<CliDeps['createClient']>>;
    startSimulator: ReturnType<typeof vi.fn<CliDeps['startSimulator']>>;
  };
  ctx: CliContext;
  run(...argv: string[]): Promise<number>;
  /** Nothing was sent: no runner start, no client, no ledger. */
  nothingSent(): boolean;
  cleanup(): void;
}

/**
 * A temp folder holding the CLI fixtures and `clip.mp4` (a real 3 s video), and a CLI wired to
 * real planning and fake sending. The data dir is `<dir>/data`.
 */
export function makeHarness(options: { env?: Record<string, string | undefined>; tty?: boolean; startRuns?: StartRuns } = {}): Harness {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-cli-'));
  cpSync(CLI_FIXTURES, dir, { recursive: true });
  copyFileSync(path.join(MEDIA_FIXTURES, 'video-3s-854x480.mp4'), path.join(dir, 'clip.mp4'));
  const io = makeIo({ cwd: dir, env: { SEEDANCE_FLOW_HOME: path.join(dir, 'data'), ...options.env }, tty: options.tty ?? false });
  const fakeClient = { baseUrl: 'fake' } as unknown as ModellixClient;
  const deps = {
    runner: {
      recipeFor,
      planRecipe,
      preflightRecipe,
      batchRowOutcomes,
      recoverTask,
      startRuns: vi.fn<StartRuns>(options.startRuns ?? succeedAll),
      resumeRuns: vi.fn<CliDeps['runner']['resumeRuns']>(async () => ({ runs: [], unknown: [], elsewhere: [] })),
    },
    openLedger: vi.fn<CliDeps['openLedger']>((dataDir) => Ledger.open(dataDir, { releaseOnExit: false })),
    createClient: vi.fn<CliDeps['createClient']>(() => fakeClient),
    startSimulator: vi.fn<CliDeps['startSimulator']>(async () => ({ url: 'http://127.0.0.1:1', port: 1 }) as unknown as SimulatorHandle),
  };
  const ctx: CliContext = { io, deps, version: '9.9.9-test' };
  return {
    dir,
    io,
    deps,
    ctx,
    run: (...argv) => runCli(argv, ctx),
    nothingSent: () =>
      deps.runner.startRuns.mock.calls.length === 0 &&
      deps.runner.resumeRuns.mock.calls.length === 0 &&
      deps.createClient.mock.calls.length === 0,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const API_KEY = 'sk-live-0123456789abcdef-SECRET';
