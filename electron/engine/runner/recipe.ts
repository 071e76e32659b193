/**
 * A run's recipe: the graph with everything bound (batch row, variables, output folder), made
 * into a plan, and checked before any money is spent.
 */
import { basename, isAbsolute, join, resolve } from 'node:path';
import { graphSchema, serializeGraph, slotLabel, type AssetSource, type GraphDocument } from '../../../shared/graph';
import { MODELS } from '../../../shared/models';
import { planGraph, scopePlan, secondsOf, type RunTarget, type ScopedPlan } from '../../../shared/plan';
import { mapAssetSources } from '../../../shared/pipeline/expand';
import { installPipelines } from '../../../shared/pipeline/install';
import { checkLocalInputs, type LocalInput } from '../media';
import { sha256Hex } from '../fs';
import type { RunRecipe } from './types';

// Pipeline nodes are expanded (and wired) by the shared plan once this has run.
installPipelines();

export interface RecipeInput {
  graph: GraphDocument;
  graphFile: string | null;
  baseDir: string;
  variables?: Record<string, string>;
  bindings?: Record<string, AssetSource>;
  outDir: string;
  force?: boolean;
  batchFile?: string;
  /** A batch from the window (no file): its identity and the row's fingerprint. */
  batchId?: string;
  batchRow?: number;
  repeat?: number;
  /** Simulated mode (the app's built-in simulator). */
  simulated?: boolean;
  /** Run one node, or from a node on (the window's "Run this node" and "Run from here"). */
  target?: RunTarget;
}

export function recipeFor(input: RecipeInput): RunRecipe {
  return {
    graph: JSON.parse(serializeGraph(input.graph)) as RunRecipe['graph'],
    graphFile: input.graphFile === null ? null : resolve(input.graphFile),
    baseDir: resolve(input.baseDir),
    variables: input.variables ?? {},
    bindings: input.bindings ?? {},
    outDir: resolve(input.outDir),
    force: input.force ?? false,
    ...(input.batchFile !== undefined ? { batchFile: resolve(input.batchFile) } : {}),
    ...(input.batchId !== undefined ? { batchId: input.batchId } : {}),
    ...(input.batchRow !== undefined ? { batchRow: input.batchRow } : {}),
    ...(input.repeat !== undefined ? { repeat: input.repeat } : {}),
    ...(input.simulated ? { simulated: true as const } : {}),
    ...(input.target ? { target: input.target } : {}),
  };
}

function graphOfRecipe(recipe: RunRecipe): GraphDocument {
  return graphSchema.parse(recipe.graph);
}

/** sha256 of the graph's stable serialization. */
export function graphHashOf(recipe: RunRecipe): string {
  return sha256Hex(serializeGraph(graphOfRecipe(recipe)));
}

function absolute(source: AssetSource, baseDir: string): AssetSource {
  return source.kind === 'file' && !isAbsolute(source.path) ? { kind: 'file', path: resolve(baseDir, source.path) } : source;
}

/** The plan of a recipe (only its target's part, if it has one), with every local path made absolute. */
export function planRecipe(recipe: RunRecipe): ScopedPlan {
  const graph = graphOfRecipe(recipe);
  // Paths inside pipeline nodes too: like the graph's own, they are relative to the graph file.
  const absolutePaths = mapAssetSources(graph, (source) => absolute(source, recipe.baseDir));
  const bindings = Object.fromEntries(Object.entries(recipe.bindings).map(([name, source]) => [name, absolute(source, recipe.baseDir)]));
  return scopePlan(absolutePaths, planGraph(absolutePaths, { variables: recipe.variables, bindings }), recipe.target);
}

export interface Preflight {
  plan: ScopedPlan;
  /** Everything that stops the run, in words (plan errors, then local media problems); empty when it may go ahead. */
  problems: string[];
  /** The local media problems alone (missing file, over a model's limits). */
  mediaProblems: string[];
  /** Paid tasks the run would submit. */
  tasks: number;
  /** Seconds of video those tasks would generate (what Modellix bills by). */
  videoSeconds: number;
  /** Tasks per model, for the confirmation summary. */
  byModel: Record<string, number>;
}

/** Seconds of video a task asks for: one rule, shared with the estimate (shared/plan/estimate.ts). */
export { secondsOf };

/**
 * Plans a recipe and checks every local file against the model's limits. Sends nothing.
 * `media: false` skips reading the files (a quick count while the graph is edited).
 */
export async function preflightRecipe(recipe: RunRecipe, options: { media?: boolean } = {}): Promise<Preflight> {
  const plan = planRecipe(recipe);
  const planErrors = plan.issues.filter((i) => i.severity === 'error').map((i) => i.message);
  const mediaProblems: string[] = [];
  let videoSeconds = 0;
  const byModel: Record<string, number> = {};
  for (const task of plan.tasks) {
    videoSeconds += secondsOf(task);
    byModel[task.model] = (byModel[task.model] ?? 0) + 1;
    const locals: LocalInput[] = task.inputs.flatMap((input) =>
      input.ref.kind === 'file' ? [{ path: input.ref.path, kind: input.ref.media, label: slotLabel(input.slot) }] : [],
    );
    if (locals.length === 0 || options.media === false) continue;
    const report = await checkLocalInputs(locals);
    for (const problem of report.problems) mediaProblems.push(`"${task.label}" (${MODELS[task.model].name}): ${problem.message}`);
  }
  const media = [...new Set(mediaProblems)];
  return { plan, problems: [...planErrors, ...media], mediaProblems: media, tasks: plan.tasks.length, videoSeconds, byModel };
}

function slugWhole(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function slug(text: string): string {
  return slugWhole(text).slice(0, 60) || 'graph';
}

/** A graph file's name without its folder and its `.seedance.json` (or `.json`) ending. */
export function graphFileStem(file: string): string {
  return basename(file).replace(/\.json$/i, '').replace(/\.seedance$/i, '');
}

/** The folder a run writes into: readable, unique per run, stable across a resume. */
export function runFolder(recipe: RunRecipe, runId: string): string {
  const graph = graphOfRecipe(recipe);
  const name = graph.name ?? (recipe.graphFile ? graphFileStem(recipe.graphFile) : 'untitled');
  const parts = [slug(name)];
  if (recipe.batchRow !== undefined) parts.push(`row${String(recipe.batchRow).padStart(4, '0')}`);
  if (recipe.repeat !== undefined) parts.push(`run${recipe.repeat}`);
  parts.push(runId.slice(0, 8));
  return join(recipe.outDir, parts.join('-'));
}

/** File names of a node's outputs inside the run folder. */
export function outputNames(node: string): { video: string; lastFrame: string; sidecar: string } {
  // A node inside pipeline nodes has a path id (`take_a/extend1`): kept whole while it fits, else
  // cut with a hash of the whole path, so two inner nodes never share a file name.
  const whole = slugWhole(node);
  const base = node.includes('/') && whole.length > 60 ? `${whole.slice(0, 51)}-${sha256Hex(node).slice(0, 8)}` : slug(node);
  return { video: `${base}.mp4`, lastFrame: `${base}.last-frame.png`, sidecar: `${base}.json` };
}
