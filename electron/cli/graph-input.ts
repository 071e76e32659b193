/**
 * Reading what a run is made of: the graph file, the batch CSV, and from them the run recipes
 * (one per batch row and repeat). Anything wrong is a CliError (exit 2) naming the file and the
 * fix; nothing here talks to Modellix.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatGraphErrors, MAX_GRAPH_FILE_BYTES, parseGraph, type GraphDocument, type GraphNode } from '../../shared/graph';
import type { RunTarget } from '../../shared/plan';
import { graphForRow, type BatchRowSpec } from '../../shared/batch';
import { rowBatchId } from '../engine/batch/row-id';
import { readRegularFile, RegularFileError } from '../engine/fs/regular-file';
import type { RunRecipe } from '../engine/runner/types';
import { readBatch, type BatchRow } from '../engine/batch/csv';
import { CliError } from './exit-codes';
import type { RunnerApi } from './runner-api';

export interface LoadedGraph {
  graph: GraphDocument;
  /** Absolute path. */
  file: string;
  /** Set when the file was an older format, upgraded in memory. */
  migratedFrom?: number;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`Could not read ${what} ${file}: ${reason}`);
  }
}

/** The graph file's text: a regular file of at most MAX_GRAPH_FILE_BYTES, never a pipe or a device. */
async function readGraphText(file: string): Promise<string> {
  try {
    return (await readRegularFile(file, { maxBytes: MAX_GRAPH_FILE_BYTES })).toString('utf8');
  } catch (error) {
    if (error instanceof RegularFileError) throw new CliError(`Could not read the graph file: ${error.message} Give the path of a .seedance.json file.`);
    throw error;
  }
}

/** Reads and checks a graph file (JSON, migrations, schema); no message quotes its content. */
export async function loadGraphFile(file: string): Promise<LoadedGraph> {
  const text = await readGraphText(file);
  const result = parseGraph(text);
  if (!result.ok) {
    const count = result.errors.length;
    throw new CliError(
      `${file} is not a valid Seedance Flow graph (${count} error${count === 1 ? '' : 's'}):\n${indent(formatGraphErrors(result.errors))}\n` +
        'Fix the file (or open and save it in Seedance Flow); `seedance-flow schema` prints the format.',
    );
  }
  return { graph: result.graph, file, ...(result.migratedFrom !== undefined ? { migratedFrom: result.migratedFrom } : {}) };
}

/** Reads a batch CSV against a graph: every problem with its row and column. */
export async function loadBatchFile(file: string, graph: GraphDocument): Promise<BatchRow[]> {
  const text = await readText(file, 'the batch file');
  const result = readBatch(text, graph, path.dirname(file), path.basename(file));
  if (!result.ok) {
    const count = result.errors.length;
    throw new CliError(
      `The batch file ${file} does not fit the graph (${count} problem${count === 1 ? '' : 's'}):\n${indent(result.errors.join('\n'))}\n` +
        'Columns are named after the graph\'s named asset nodes and its variables; file paths are relative to the CSV\'s folder.',
    );
  }
  return result.rows;
}

export interface LabeledRecipe {
  recipe: RunRecipe;
  /** How to name the run in messages: "row 3", "run 2 of 5", "row 3, run 2 of 5", or "" for a single run. */
  label: string;
  /** Runs with the same key have the same inputs (repeats), so one pre-flight serves them all. */
  inputsKey: string;
}

export interface RecipePlanInput {
  loaded: LoadedGraph;
  outDir: string;
  force: boolean;
  runs: number;
  batch?: { file: string; rows: BatchRow[] };
  /** `--node` / `--from`: part of the graph only. */
  target?: RunTarget;
  /** `--rows`: the batch saved in the graph, with the identity its rows' runs are found by. */
  saved?: SavedBatch;
}

export interface SavedBatch {
  identity: string;
  rows: BatchRowSpec[];
}

/**
 * The node a `--node` / `--from` flag names: by id, or by the name the user gave it (unique).
 * Whether that node can be run so is the plan's to say (shared/plan/scope.ts).
 */
export function targetOf(graph: GraphDocument, named: string, scope: RunTarget['scope']): RunTarget {
  const flag = scope === 'node' ? '--node' : '--from';
  if (graph.nodes.some((n) => n.id === named)) return { node: named, scope };
  const byLabel = graph.nodes.filter((n) => n.type !== 'note' && (n.data.label === named || (n.type === 'asset' && n.data.name === named)));
  if (byLabel.length === 1) return { node: (byLabel[0] as GraphNode).id, scope };
  const names = graph.nodes.filter((n) => n.type === 'seedance').map((n) => (n.data.label ? `"${n.data.label}" (${n.id})` : n.id));
  throw new CliError(
    byLabel.length > 1
      ? `${flag} "${named}": ${byLabel.length} nodes have that name; give the id of the one you mean (${byLabel.map((n) => n.id).join(', ')}).`
      : `${flag} "${named}": the graph has no node with that name or id. Its Seedance nodes: ${names.join(', ') || 'none'}.`,
  );
}

/** One recipe per batch row (or one without a batch), each repeated `runs` times. */
export function buildRecipes(runner: Pick<RunnerApi, 'recipeFor'>, input: RecipePlanInput): LabeledRecipe[] {
  const { loaded, outDir, force, runs, batch, target, saved } = input;
  if (saved) return savedBatchRecipes(runner, input, saved);
  const rows: (BatchRow | undefined)[] = batch ? batch.rows : [undefined];
  const recipes: LabeledRecipe[] = [];
  for (const row of rows) {
    for (let repeat = 1; repeat <= runs; repeat++) {
      const recipe = runner.recipeFor({
        graph: loaded.graph,
        graphFile: loaded.file,
        baseDir: path.dirname(loaded.file),
        outDir,
        force,
        ...(row ? { variables: row.variables, bindings: row.bindings, batchRow: row.row } : {}),
        ...(batch ? { batchFile: batch.file } : {}),
        ...(runs > 1 ? { repeat } : {}),
        ...(target ? { target } : {}),
      });
      const parts = [row ? `row ${row.row}` : '', runs > 1 ? `run ${repeat} of ${runs}` : ''].filter(Boolean);
      recipes.push({
        recipe,
        label: parts.join(', '),
        inputsKey: JSON.stringify([row?.bindings ?? {}, row?.variables ?? {}]),
      });
    }
  }
  return recipes;
}

/** One recipe per row of the batch saved in the graph (its CSV rows, its assets' items). */
function savedBatchRecipes(runner: Pick<RunnerApi, 'recipeFor'>, input: RecipePlanInput, saved: SavedBatch): LabeledRecipe[] {
  const { loaded, outDir, force, target } = input;
  return saved.rows.map((row) => ({
    recipe: runner.recipeFor({
      graph: graphForRow(loaded.graph, row),
      graphFile: loaded.file,
      baseDir: path.dirname(loaded.file),
      outDir,
      force,
      variables: row.variables,
      bindings: row.bindings,
      batchRow: row.row,
      batchId: rowBatchId(saved.identity, row),
      ...(target ? { target } : {}),
    }),
    label: `row ${row.row}`,
    inputsKey: JSON.stringify([row.bindings, row.variables, row.items]),
  }));
}
