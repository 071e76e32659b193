/**
 * Expansion: before a graph is planned, every pipeline node is replaced by the nodes inside it,
 * recursively, so the plan (and with it the runner, the ledger, reuse, resume, batches, the CLI
 * and dry runs) only ever sees asset and Seedance nodes.
 *
 * - Inner ids are prefixed by the path of pipeline node ids: `<pipeline>/<inner>` (nested:
 *   `<outer>/<inner pipeline>/<node>`), edges likewise, so every inner task has a stable id of its
 *   own (two uses of one pipeline are two sets of tasks) and reuse finds it run after run.
 * - An inner named asset is an input: what is wired into the pipeline node's `in:<name>` takes its
 *   place (the inner wires keep their slots, so `[Video 1]` inside stays true). Unwired, the inner
 *   asset keeps its own file or URL.
 * - Wires out of the pipeline node's `out:<name>` start at the inner node the output names.
 * - Variables: the pipeline's own defaults, over which the node's `variables` (which may use the
 *   outer graph's `{{variables}}`) are set, fill the inner prompts. A variable the pipeline does not
 *   define is left for the graph using it.
 * - Inner labels become paths (`Restyle › Shot 2`), so plan errors and run events name the way in.
 *
 * Errors name the path through the nesting: `Pipeline "Restyle" › "Extend twice": ...`.
 */
import type { MediaKind } from '../models/fields';
import { fillVariables } from '../prompt/tokens';
import type { AssetSource, GraphDocument, GraphEdge, GraphNode, PipelineNode } from '../graph/schema';
import type { PlanIssue } from '../plan/plan';
import { inputNameOf, outputNameOf, pipelineName } from './ports';

/**
 * How deep pipelines may nest (a guard against a runaway file; real nesting is a few levels). It
 * keeps a path id (at most 64 characters a level) within the ledger's 500 for a node id.
 */
export const MAX_PIPELINE_DEPTH = 6;

/** Joins pipeline node ids into the id of an inner node. */
export const PIPELINE_ID_SEPARATOR = '/';

export interface ExpandOptions {
  /** The outer graph's variable values (its defaults with a batch row's over them). */
  variables?: Readonly<Record<string, string>>;
}

export interface Expansion {
  /** The graph with no pipeline nodes left (the same object when it had none). */
  graph: GraphDocument;
  issues: PlanIssue[];
}

interface Trail {
  /** Names of the pipeline nodes on the way in, outermost first. */
  names: string[];
  /** Flat id prefix of the graph being flattened ('' at the top). */
  prefix: string;
  /** Pipeline files on the way in, to refuse a pipeline that contains itself. */
  files: string[];
}

interface Endpoint {
  node: string;
  handle: GraphEdge['sourceHandle'];
}

interface Flat {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The graph's own outputs, resolved to flat endpoints (ids local to this graph). */
  outputs: Map<string, Endpoint>;
}

/** `Pipeline "A" › "B"`: how an error names where it happened. */
export function pipelinePath(names: readonly string[]): string {
  return `Pipeline ${names.map((n) => `"${n}"`).join(' › ')}`;
}

/** True when the graph holds a pipeline node (at the top; nested ones are inside those). */
export function hasPipelines(graph: GraphDocument): boolean {
  return graph.nodes.some((n) => n.type === 'pipeline');
}

/** Replaces every pipeline node by its inner nodes (see the module comment). Pure. */
export function expandPipelines(graph: GraphDocument, options: ExpandOptions = {}): Expansion {
  if (!hasPipelines(graph)) return { graph, issues: [] };
  const issues: PlanIssue[] = [];
  const variables = { ...Object.fromEntries(graph.variables.map((v) => [v.name, v.value])), ...options.variables };
  const flat = flatten(graph, variables, { names: [], prefix: '', files: [] }, issues, false);
  return { graph: { ...graph, nodes: flat.nodes, edges: flat.edges }, issues };
}

function prefixed(prefix: string, id: string): string {
  return `${prefix}${PIPELINE_ID_SEPARATOR}${id}`;
}

function mediaOf(node: GraphNode | undefined, handle: string): MediaKind | undefined {
  if (!node) return undefined;
  if (node.type === 'asset') return handle === 'media' ? node.data.media : undefined;
  if (node.type === 'seedance') return handle === 'video' ? 'video' : handle === 'lastFrame' ? 'image' : undefined;
  return undefined;
}

/**
 * Flattens one graph: its pipeline nodes become their (already flattened) inner nodes. Ids stay
 * local to this graph; the caller prefixes them. `fill` fills this graph's own prompts with
 * `variables` (not at the top, where the plan fills and lints them).
 */
function flatten(graph: GraphDocument, variables: Readonly<Record<string, string>>, trail: Trail, issues: PlanIssue[], fill: boolean): Flat {
  const nodes: GraphNode[] = [];
  const inner = new Map<string, { node: PipelineNode; flat: Flat; names: string[] }>();
  const error = (node: string, message: string, field?: string) =>
    issues.push({ severity: 'error', node: trail.prefix ? prefixed(trail.prefix, node) : node, ...(field ? { field } : {}), message });

  for (const node of graph.nodes) {
    if (node.type === 'seedance' && fill) {
      nodes.push({ ...node, data: { ...node.data, prompt: fillVariables(node.data.prompt, variables) } });
      continue;
    }
    if (node.type !== 'pipeline') {
      nodes.push(node);
      continue;
    }
    const names = [...trail.names, pipelineName(node)];
    const where = pipelinePath(names);
    const file = node.data.source?.path;
    if (file !== undefined && trail.files.includes(file)) {
      error(node.id, `${where} contains itself (${file}): a pipeline cannot be used inside itself. Remove that pipeline node.`);
      continue;
    }
    if (names.length > MAX_PIPELINE_DEPTH) {
      error(node.id, `${where} nests pipelines more than ${MAX_PIPELINE_DEPTH} deep. Flatten some of them.`);
      continue;
    }
    const own = node.data.graph;
    const innerVars: Record<string, string> = Object.fromEntries(own.variables.map((v) => [v.name, v.value]));
    for (const [name, value] of Object.entries(node.data.variables ?? {})) {
      if (!Object.hasOwn(innerVars, name)) {
        error(node.id, `${where} has no variable "${name}". Remove that value from the node, or add the variable to the pipeline.`, name);
        continue;
      }
      innerVars[name] = fillVariables(value, variables);
    }
    const flat = flatten(
      own,
      innerVars,
      { names, prefix: trail.prefix ? prefixed(trail.prefix, node.id) : node.id, files: file === undefined ? trail.files : [...trail.files, file] },
      issues,
      true,
    );
    inner.set(node.id, { node, flat, names });
  }

  // Where a wire that starts at `node`/`handle` of this graph really starts, in flat ids.
  const resolve = (node: string, handle: GraphEdge['sourceHandle']): Endpoint | undefined => {
    const pipeline = inner.get(node);
    if (!pipeline) return { node, handle };
    const name = outputNameOf(handle);
    const end = name === undefined ? undefined : pipeline.flat.outputs.get(name);
    return end ? { node: prefixed(node, end.node), handle: end.handle } : undefined;
  };
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges: GraphEdge[] = [];
  // Inputs of each pipeline node: inner asset name -> the endpoint wired into it.
  const wiredInputs = new Map<string, Map<string, Endpoint>>();
  for (const edge of graph.edges) {
    const into = inner.get(edge.target);
    const from = inner.get(edge.source);
    if (from === undefined && byId.get(edge.source)?.type === 'pipeline') continue; // refused above
    if (into === undefined && byId.get(edge.target)?.type === 'pipeline') continue;
    const start = resolve(edge.source, edge.sourceHandle);
    if (!start) {
      const name = outputNameOf(edge.sourceHandle);
      error(
        edge.source,
        `${pipelinePath((from as { names: string[] }).names)} has no output ${name === undefined ? `"${edge.sourceHandle}"` : `"${name}"`} (wire ${edge.id}). Delete the wire, or add that output to the pipeline.`,
      );
      continue;
    }
    if (!into) {
      edges.push({ ...edge, source: start.node, sourceHandle: start.handle });
      continue;
    }
    const where = pipelinePath(into.names);
    const name = inputNameOf(edge.targetHandle);
    const asset = name === undefined ? undefined : into.node.data.graph.nodes.find((n) => n.type === 'asset' && n.data.name === name);
    if (name === undefined || !asset || asset.type !== 'asset') {
      error(edge.target, `${where} has no input ${name === undefined ? `"${edge.targetHandle}"` : `"${name}"`} (wire ${edge.id}). Delete the wire, or name an asset node "${name ?? ''}" in the pipeline.`);
      continue;
    }
    const inputs = wiredInputs.get(edge.target) ?? wiredInputs.set(edge.target, new Map()).get(edge.target);
    if (inputs?.has(name)) {
      error(edge.target, `${where}: two wires go into input "${name}". Remove one.`, edge.targetHandle);
      continue;
    }
    const media = mediaOf(byId.get(start.node) ?? findFlat(inner, start.node), start.handle);
    if (media !== undefined && media !== asset.data.media) {
      error(edge.target, `${where}: input "${name}" takes ${article(asset.data.media)}, but wire ${edge.id} brings ${article(media)}. Wire ${article(asset.data.media)} there.`, edge.targetHandle);
      continue;
    }
    inputs?.set(name, start);
  }

  for (const [id, { flat, names }] of inner) {
    const where = pipelinePath(names);
    const inputs = wiredInputs.get(id) ?? new Map<string, Endpoint>();
    // Inner named assets: replaced by what is wired in, or kept (unnamed) as the default.
    const replaced = new Map<string, Endpoint>();
    for (const n of flat.nodes) {
      if (n.type !== 'asset' || !n.data.name) continue;
      const wired = inputs.get(n.data.name);
      if (wired) replaced.set(n.id, wired);
    }
    for (const n of flat.nodes) {
      if (replaced.has(n.id)) continue;
      if (n.type === 'asset' && n.data.name && !n.data.source && flat.edges.some((e) => e.source === n.id)) {
        error(prefixed(id, n.id), `${where}: input "${n.data.name}" is not wired and has no file or URL inside the pipeline. Wire ${article(n.data.media)} into it.`, 'source');
      }
      nodes.push(relabel(prefixNode(n, id), names));
    }
    for (const e of flat.edges) {
      const swap = replaced.get(e.source);
      edges.push({
        ...e,
        id: prefixed(id, e.id),
        source: swap ? swap.node : prefixed(id, e.source),
        sourceHandle: swap ? swap.handle : e.sourceHandle,
        target: prefixed(id, e.target),
      });
    }
  }

  // This graph's own outputs, for the graph using it.
  const outputs = new Map<string, Endpoint>();
  for (const output of graph.outputs ?? []) {
    const target = byId.get(output.node);
    const where = trail.names.length > 0 ? `${pipelinePath(trail.names)}: output "${output.name}"` : `Output "${output.name}"`;
    if (!target || target.type === 'note' || target.type === 'asset') {
      if (trail.names.length > 0) {
        error(output.node, `${where} names ${target ? `the ${target.type} "${output.node}", which gives no result` : `node "${output.node}", which is not in the pipeline`}. Point it at a Seedance node.`);
      }
      continue;
    }
    const end = target.type === 'pipeline' ? resolve(target.id, output.output) : output.output === 'video' || output.output === 'lastFrame' ? { node: target.id, handle: output.output } : undefined;
    if (!end) {
      if (trail.names.length > 0) error(output.node, `${where} names "${output.output}" of "${output.node}", which it does not have. Pick video or lastFrame.`);
      continue;
    }
    outputs.set(output.name, end);
  }
  return { nodes, edges, outputs };
}

function findFlat(inner: ReadonlyMap<string, { flat: Flat }>, flatId: string): GraphNode | undefined {
  const at = flatId.indexOf(PIPELINE_ID_SEPARATOR);
  if (at === -1) return undefined;
  const owner = inner.get(flatId.slice(0, at));
  const local = flatId.slice(at + 1);
  return owner?.flat.nodes.find((n) => n.id === local);
}

function article(media: MediaKind): string {
  return media === 'image' ? 'an image' : media === 'audio' ? 'audio' : 'a video';
}

function prefixNode(node: GraphNode, prefix: string): GraphNode {
  if (node.type === 'asset' && node.data.name) {
    // An inner input left unwired keeps its default; its name is the pipeline's, not the outer graph's.
    const { name, ...data } = node.data;
    return { ...node, id: prefixed(prefix, node.id), data: { ...data, label: data.label ?? name } };
  }
  return { ...node, id: prefixed(prefix, node.id) };
}

/** Inner labels become paths, so messages and run events say where a node is. */
function relabel(node: GraphNode, names: readonly string[]): GraphNode {
  if (node.type === 'note' || node.type === 'pipeline') return node;
  const own = node.data.label ?? (node.type === 'asset' ? node.data.name : undefined) ?? node.id.slice(node.id.lastIndexOf(PIPELINE_ID_SEPARATOR) + 1);
  // Nested nodes already carry their inner path; only this level's name is added in front.
  const label = `${names[names.length - 1]} › ${own}`;
  return node.type === 'asset' ? { ...node, data: { ...node.data, label } } : { ...node, data: { ...node.data, label } };
}

/** Every asset source in a graph and the pipelines inside it, mapped (e.g. made absolute). */
export function mapAssetSources(graph: GraphDocument, map: (source: AssetSource) => AssetSource): GraphDocument {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    if (node.type === 'asset' && (node.data.source || node.data.items)) {
      changed = true;
      const { source, items } = node.data;
      return { ...node, data: { ...node.data, ...(source ? { source: map(source) } : {}), ...(items ? { items: items.map(map) } : {}) } };
    }
    if (node.type === 'pipeline') {
      changed = true;
      return { ...node, data: { ...node.data, graph: mapAssetSources(node.data.graph, map) } };
    }
    return node;
  });
  return changed ? { ...graph, nodes } : graph;
}
