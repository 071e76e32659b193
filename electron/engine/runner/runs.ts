/**
 * Runs: a recipe's plan executed node by node. A node starts when its inputs exist (uploads
 * done, upstream outputs downloaded) and a concurrency slot is free. The same code starts a run
 * and finishes one after a crash: for each node it first asks the ledger what already happened.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { validateBody } from '../../../shared/models';
import { buildBody, type InputRef, type PlannedTask } from '../../../shared/plan';
import { isFixedSeed, requestHash, requestIdentity, RESULT_URL_LIFETIME_MS, seedOfBody, type Ledger, type ReusableTask, type TaskRecord } from '../ledger';
import { describeFsError, isLocalFsError, removeAtomicTempFiles } from '../fs';
import { downloadFile } from './downloads';
import { RunContext } from './context';
import { NodeTask, outputsOf, pickOutputs, RunStoppedError, type NodeEnd, type NodeOutputs } from './node-task';
import { graphHashOf, outputNames, planRecipe, runFolder } from './recipe';
import { isSuspended } from './suspend';
import { finishOrphanRun } from './task-only';
import { runRecipeSchema, type NodeResult, type RunnerDeps, type RunRecipe, type RunSummary } from './types';

class InputError extends Error {}

/** The latest task of a node in a run, if any; a retryable submit refusal counts as none. */
export function latestTask(ctx: RunContext, runId: string, node: string): TaskRecord | undefined {
  const record = ctx.ledger.tasksByRun(runId).filter((t) => t.nodeId === node).at(-1);
  if (record?.state === 'failed' && record.failure?.phase === 'submit' && record.failure.retryable) return undefined;
  return record;
}

async function resolveInput(
  ctx: RunContext,
  runId: string,
  task: PlannedTask,
  ref: InputRef,
  upstream: ReadonlyMap<string, NodeOutputs>,
  hashes: Record<string, string>,
  slot: string,
): Promise<string> {
  switch (ref.kind) {
    case 'url':
      return ref.url;
    case 'file': {
      const uploaded = await ctx.uploader.upload(ref.path, ctx.signal);
      hashes[slot] = uploaded.sha256;
      ctx.emit(runId, { type: 'task.uploading', node: task.node, file: ref.path, cached: uploaded.cached });
      return uploaded.url;
    }
    case 'output': {
      const out = upstream.get(ref.node)?.[ref.output];
      if (!out) throw new InputError(`"${ref.node}" gave no ${ref.output === 'video' ? 'video' : 'last frame'} to feed "${task.label}".`);
      const succeededAt = upstream.get(ref.node)?.succeededAt;
      const fresh = !out.file || !succeededAt || ctx.now() - Date.parse(succeededAt) < RESULT_URL_LIFETIME_MS;
      if (fresh) return out.url;
      // The upstream result URL has expired; its downloaded file goes up instead.
      return (await ctx.uploader.upload(out.file as string, ctx.signal)).url;
    }
  }
}

/** Why a node took an earlier result, in the words of its `task.reused` event. */
type ReuseKind = 'fixed-seed' | 'twin' | 'kept';

function reuseReason(source: TaskRecord, kind: ReuseKind): string {
  const id = source.taskId ?? source.taskKey;
  switch (kind) {
    case 'twin':
      return `the same request with a fixed seed as task ${id} of this invocation: sent once and shared, since a fixed seed gives the same video`;
    case 'kept':
      return `kept its latest result (task ${id}): only the chosen nodes run again, and this one's request is unchanged; nothing was paid`;
    case 'fixed-seed':
      return `same request and fixed seed as task ${id}; nothing was paid`;
  }
}

/** The earlier result a node may take instead of paying, by the rule of `kind`. */
function findEarlier(ctx: RunContext, task: PlannedTask, body: Record<string, unknown>, hashes: Record<string, string>, kind: ReuseKind): ReusableTask | undefined {
  return kind === 'kept'
    ? ctx.ledger.findLatestResult(task.node, requestIdentity(task.model, body, hashes), ctx.service)
    : ctx.ledger.findReusable(requestHash(task.model, body), ctx.service);
}

/**
 * Takes an earlier result instead of paying again: an identical request with a fixed seed (same
 * service), or, for a node kept by "Run this node" / "Run from here", its latest unchanged result.
 * Its files are used where they are; when only the result URLs are left, they are downloaded into this run.
 */
async function reuse(
  ctx: RunContext,
  runId: string,
  task: PlannedTask,
  request: { body: Record<string, unknown>; hashes: Record<string, string> },
  folder: string,
  kind: ReuseKind,
): Promise<NodeEnd | undefined> {
  const found = findEarlier(ctx, task, request.body, request.hashes, kind);
  if (!found) return undefined;
  let files = found.outputs;
  if (found.via === 'urls') {
    const names = outputNames(task.node);
    const picked = pickOutputs(found.resources);
    files = [];
    for (const [resource, name] of [[picked.video, names.video], [picked.lastFrame, names.lastFrame]] as const) {
      if (!resource) continue;
      const written = await downloadFile(resource.url, join(folder, name), { ...(ctx.fetch ? { fetch: ctx.fetch } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
      files.push({ url: resource.url, path: written.path, sha256: written.sha256, bytes: written.bytes });
    }
  }
  const outputs = files ?? [];
  await ctx.ledger.append({ type: 'node.reused', runId, nodeId: task.node, sourceTaskKey: found.task.taskKey, ...(outputs.length > 0 ? { outputs } : {}) });
  const paths = outputs.map((f) => f.path);
  const source = found.task;
  ctx.emit(runId, { type: 'task.reused', node: task.node, taskId: source.taskId ?? source.taskKey, outputs: paths, reason: reuseReason(source, kind) });
  return { node: task.node, outcome: 'reused', files: paths, ...(source.taskId ? { taskId: source.taskId } : {}), outputs: outputsOf(source, outputs) };
}

/**
 * A node whose request is identical (fixed seed) to one another run of this invocation is making:
 * it waits for that one and takes its result; it is never sent twice. When the first did not
 * succeed, this one is not sent either: it would pay for the same outcome.
 */
async function followTwin(ctx: RunContext, runId: string, task: PlannedTask, body: Record<string, unknown>, folder: string, first: NodeEnd): Promise<NodeEnd> {
  if (first.outcome === 'succeeded' || first.outcome === 'reused') {
    const taken = await reuse(ctx, runId, task, { body, hashes: {} }, folder, 'twin');
    if (taken) return taken;
  }
  const outcome = first.outcome === 'cancelled' || ctx.signal?.aborted ? 'cancelled' : 'skipped';
  const message =
    outcome === 'cancelled'
      ? 'Cancelled before it was submitted; nothing was paid.'
      : `Not sent: the same request with a fixed seed was made in this invocation and ended ${first.outcome === 'succeeded' || first.outcome === 'reused' ? 'without files to share' : first.outcome}; sending it again would pay for the same outcome. Run the graph again to retry it.`;
  ctx.emit(runId, { type: 'task.failed', node: task.node, outcome, message });
  return { node: task.node, outcome, message, files: [] };
}

async function runNode(
  ctx: RunContext,
  runId: string,
  recipe: RunRecipe,
  task: PlannedTask,
  upstream: ReadonlyMap<string, NodeOutputs>,
  folder: string,
  kept: boolean,
): Promise<NodeEnd> {
  const node = new NodeTask(ctx, runId, task, folder);
  const previous = latestTask(ctx, runId, task.node);
  if (previous) return node.continueFrom(previous);
  const reused = ctx.ledger.run(runId)?.reused.find((r) => r.nodeId === task.node);
  if (reused) {
    const source = ctx.ledger.task(reused.sourceTaskKey);
    const files = reused.outputs ?? source?.outputs;
    if (source && files?.every((o) => existsSync(o.path))) {
      return { node: task.node, outcome: 'reused', files: files.map((o) => o.path), outputs: outputsOf(source, files) };
    }
  }
  if (ctx.stopped) return { node: task.node, outcome: 'failed', message: ctx.stopped.message, files: [] };
  const hashes: Record<string, string> = {};
  const resolved = new Map<string, string>();
  try {
    for (const input of task.inputs) {
      const key = `${input.field}:${input.position ?? 0}`;
      resolved.set(key, await resolveInput(ctx, runId, task, input.ref, upstream, hashes, key));
    }
  } catch (error) {
    if (ctx.signal?.aborted) return { node: task.node, outcome: 'cancelled', message: 'Cancelled before it was submitted; nothing was paid.', files: [] };
    const message = error instanceof Error ? `An input of "${task.label}" could not be prepared: ${error.message}` : String(error);
    ctx.emit(runId, { type: 'task.failed', node: task.node, outcome: 'failed', message });
    return { node: task.node, outcome: 'failed', message, files: [] };
  }
  const body = buildBody(task, (_ref, input) => resolved.get(`${input.field}:${input.position ?? 0}`) as string);
  const check = validateBody(task.model, body);
  if (!check.ok) {
    const message = `"${task.label}": ${check.issues.map((i) => i.message).join('; ')}`;
    ctx.emit(runId, { type: 'task.failed', node: task.node, outcome: 'failed', message });
    return { node: task.node, outcome: 'failed', message, files: [] };
  }
  const send = async (): Promise<NodeEnd> => {
    // A node kept by "Run this node" / "Run from here" takes its latest unchanged result first.
    const rules: ReuseKind[] = [...(kept ? (['kept'] as const) : []), ...(recipe.force ? [] : (['fixed-seed'] as const))];
    for (const kind of rules) {
      const reusedEnd = await reuse(ctx, runId, task, { body, hashes }, folder, kind);
      if (reusedEnd) return reusedEnd;
    }
    try {
      return await node.submit(body, hashes);
    } catch (error) {
      if (error instanceof RunStoppedError) return { node: task.node, outcome: 'failed', message: error.message, files: [] };
      throw error;
    }
  };
  if (!isFixedSeed(seedOfBody(body))) return send();
  // A fixed seed: the same request elsewhere in this invocation gives the same video.
  const hash = requestHash(task.model, body);
  const first = ctx.sameRequest.get(hash);
  if (first) return followTwin(ctx, runId, task, body, folder, await first);
  const own = send();
  ctx.sameRequest.set(hash, own);
  return own;
}

function summarize(ctx: RunContext, runId: string, recipe: RunRecipe | null, results: NodeResult[], problems: string[], folder: string): RunSummary {
  const count = (o: NodeResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const ok = problems.length === 0 && results.every((r) => r.outcome === 'succeeded' || r.outcome === 'reused');
  ctx.emit(runId, {
    type: 'run.done',
    ok,
    succeeded: count('succeeded'),
    reused: count('reused'),
    failed: count('failed'),
    unknown: count('unknown'),
    cancelled: count('cancelled'),
    skipped: count('skipped'),
    outDir: folder,
  });
  return { runId, recipe, folder, ok, nodes: results, problems };
}

/** Executes (or finishes) one run whose `run.started` is already in the ledger. */
async function executeRun(ctx: RunContext, runId: string, recipe: RunRecipe): Promise<RunSummary> {
  const plan = planRecipe(recipe);
  const folder = runFolder(recipe, runId);
  ctx.emit(runId, {
    type: 'run.started',
    graph: recipe.graphFile,
    tasks: plan.tasks.length,
    ...(recipe.batchRow !== undefined ? { row: recipe.batchRow } : {}),
    ...(recipe.repeat !== undefined ? { repeat: recipe.repeat } : {}),
  });
  if (!plan.ok) {
    const problems = plan.issues.filter((i) => i.severity === 'error').map((i) => i.message);
    await ctx.ledger.append({ type: 'run.finished', runId, outcome: 'failed' });
    return summarize(ctx, runId, recipe, [], problems, folder);
  }
  try {
    await mkdir(folder, { recursive: true });
    // A process killed mid-download leaves a temp file; the download starts over, so clear them.
    await removeAtomicTempFiles(folder);
  } catch (error) {
    if (!isLocalFsError(error)) throw error;
    const problem = `The output folder ${folder} could not be created: ${describeFsError(error)}. Nothing was sent. Choose another output folder (--out, or Settings in the app) and run again.`;
    await ctx.ledger.append({ type: 'run.finished', runId, outcome: 'failed' });
    return summarize(ctx, runId, recipe, [], [problem], folder);
  }
  const ends = new Map<string, Promise<NodeEnd>>();
  const kept = new Set(plan.kept);
  for (const task of plan.tasks) {
    ctx.emit(runId, { type: 'task.queued', node: task.node, model: task.model });
    const end = (async (): Promise<NodeEnd> => {
      const deps = await Promise.all(task.dependsOn.map(async (d) => [d, await (ends.get(d) as Promise<NodeEnd>)] as const));
      const blocked = deps.find(([, e]) => e.outcome !== 'succeeded' && e.outcome !== 'reused');
      let result: NodeEnd;
      if (blocked) {
        const message = `Skipped: "${blocked[0]}" did not produce its output.`;
        ctx.emit(runId, { type: 'task.failed', node: task.node, outcome: 'skipped', message });
        result = { node: task.node, outcome: 'skipped', message, files: [] };
      } else {
        const upstream = new Map(deps.flatMap(([d, e]) => (e.outputs ? [[d, e.outputs] as const] : [])));
        result = await ctx.limit(() => runNode(ctx, runId, recipe, task, upstream, folder, kept.has(task.node)));
      }
      ctx.emit(runId, { type: 'node.done', node: task.node, ok: result.outcome === 'succeeded' || result.outcome === 'reused' });
      return result;
    })();
    ends.set(task.node, end);
  }
  return closeRun(ctx, runId, recipe, await Promise.all(ends.values()), folder);
}

/**
 * Sums up a run whose nodes have all ended and records its outcome, unless a download was lost
 * (the result is still on Modellix): such a run stays open, so `resume` can fetch what is missing.
 */
export async function closeRun(ctx: RunContext, runId: string, recipe: RunRecipe | null, results: readonly NodeEnd[], folder: string): Promise<RunSummary> {
  const summary = summarize(ctx, runId, recipe, results.map(({ outputs: _outputs, ...r }) => r), [], folder);
  const outcome = ctx.signal?.aborted
    ? 'cancelled'
    : summary.ok
      ? 'succeeded'
      : results.some((r) => r.outcome === 'succeeded' || r.outcome === 'reused')
        ? 'partial'
        : 'failed';
  const resumable = results.some((r) => r.outcome === 'failed' && latestTask(ctx, runId, r.node)?.state === 'succeeded');
  // A run suspended by quitting stays open: the next start resumes it.
  if (!resumable && !isSuspended(ctx.signal)) await ctx.ledger.append({ type: 'run.finished', runId, outcome });
  return summary;
}

/** Starts new runs, all at once, sharing one concurrency limit. */
export async function startRuns(
  recipes: readonly RunRecipe[],
  deps: RunnerDeps,
  hooks: { onRegistered?: (runIds: string[]) => void } = {},
): Promise<RunSummary[]> {
  const ctx = new RunContext(deps);
  const started = recipes.map((recipe) => [randomUUID(), recipe] as const);
  // Every run is on record before anything is sent: appended together, the lines share one
  // write and one fsync, so a crash leaves all of them or none.
  await Promise.all(
    started.map(([runId, recipe]) =>
      ctx.ledger.append({
        type: 'run.started',
        runId,
        graphFile: recipe.graphFile,
        graphHash: graphHashOf(recipe),
        batchRow: recipe.batchRow ?? null,
        ...(recipe.repeat !== undefined ? { repeat: recipe.repeat } : {}),
        ...(recipe.batchFile !== undefined ? { batchFile: recipe.batchFile } : {}),
        recipe: recipe as unknown as Record<string, never>,
        service: ctx.service,
      }),
    ),
  );
  hooks.onRegistered?.(started.map(([runId]) => runId));
  return Promise.all(started.map(([runId, recipe]) => executeRun(ctx, runId, recipe)));
}

/** An unfinished run that belongs to another service than the one `resume` talks to. */
export interface RunElsewhere {
  runId: string;
  service: string;
}

export interface ResumeResult {
  runs: RunSummary[];
  /** Submits marked outcome unknown now: never re-sent. */
  unknown: TaskRecord[];
  /** Unfinished runs of another service: left alone (their task ids mean nothing here). */
  elsewhere: RunElsewhere[];
}

/**
 * After a crash: marks every submit that never got its task id as outcome unknown (never
 * re-sent), then finishes every run that did not finish on this service: polls submitted tasks,
 * downloads what is missing, and starts the nodes that had not started. Runs recorded without a
 * service (older ledgers) are finished here too, as before.
 */
export async function resumeRuns(deps: RunnerDeps): Promise<ResumeResult> {
  const ctx = new RunContext(deps);
  const unknown = await ctx.ledger.recoverAfterCrash();
  const open = ctx.ledger.runs().filter((run) => run.outcome === undefined);
  const elsewhere = open.filter((run) => run.service !== undefined && run.service !== ctx.service).map((run) => ({ runId: run.runId, service: run.service as string }));
  const runs: Promise<RunSummary>[] = [];
  for (const run of open) {
    if (run.service !== undefined && run.service !== ctx.service) continue;
    const recipe = runRecipeSchema.safeParse(run.recipe);
    // On record, so the history can say the run was resumed (and then how it ended).
    await ctx.ledger.append({ type: 'run.resumed', runId: run.runId });
    if (recipe.success) runs.push(executeRun(ctx, run.runId, recipe.data));
    else runs.push(finishOrphanRun(ctx, run.runId));
  }
  return { runs: await Promise.all(runs), unknown, elsewhere };
}

/** The latest outcome of each row of a batch file, for `--retry-failed`. */
export function batchRowOutcomes(ledger: Ledger, batchFile: string): Map<number, 'succeeded' | 'failed' | 'unfinished'> {
  const rows = new Map<number, 'succeeded' | 'failed' | 'unfinished'>();
  const runs = ledger
    .runs()
    .filter((run) => run.batchFile === batchFile && run.batchRow !== null)
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  for (const run of runs) {
    rows.set(run.batchRow as number, run.outcome === undefined ? 'unfinished' : run.outcome === 'succeeded' ? 'succeeded' : 'failed');
  }
  return rows;
}
