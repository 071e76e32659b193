/**
 * The plan: a graph becomes an ordered list of tasks, each with its model, submit path and
 * request body, where an input is a local file (to upload), a URL, or an upstream node's output.
 * Everything a user could get wrong is reported here, naming the node and the field, before any
 * money is spent.
 */
import { slotsOf, type SlotSpec } from '../models/describe';
import { validateBody } from '../models/errors';
import type { MediaKind } from '../models/fields';
import { MODELS, type ModelId } from '../models/registry';
import type { NodeSettings } from '../models/settings';
import { lintPrompt } from '../prompt/lint';
import { fillVariables, NUMBERED_KINDS, type NumberedKind } from '../prompt/tokens';
import { isNumbered, parseSlotHandle, slotHandle, slotLabel, type TargetSlot } from '../graph/handles';
import type { AssetSource, GraphDocument, GraphEdge, GraphNode, SeedanceNode } from '../graph/schema';
import { findNode, mediaOfOutput, withArticle } from '../graph/wiring';
import { findLoops } from './loops';
import { pipelineSupport, PIPELINES_LOADING } from '../pipeline/support';

export type InputRef =
  | { kind: 'file'; path: string; media: MediaKind; asset: string }
  | { kind: 'url'; url: string; media: MediaKind; asset: string }
  | { kind: 'output'; node: string; output: 'video' | 'lastFrame'; media: MediaKind };

export interface PlannedInput {
  slot: TargetSlot;
  /** The request-body field and, for list fields, the 0-based position in it. */
  field: string;
  position?: number;
  ref: InputRef;
}

export interface PlannedTask {
  node: string;
  /** What to call the node in messages: its label, or its id. */
  label: string;
  model: ModelId;
  /** Submit path relative to the base URL. */
  path: string;
  /** The prompt with variables filled in. */
  prompt: string;
  /** Settings as sent: only those set, plus `return_last_frame` when a last frame is wired on. */
  settings: NodeSettings;
  /** Inputs in slot order. */
  inputs: PlannedInput[];
  /** Upstream Seedance nodes whose outputs this task needs. */
  dependsOn: string[];
}

export interface PlanIssue {
  severity: 'error' | 'warning';
  /** The node the issue is about, if any. */
  node?: string;
  /** The edge the issue is about, if any. */
  edge?: string;
  /** A request field or graph field, e.g. `prompt`, `video_urls`, `source`. */
  field?: string;
  message: string;
}

export interface Plan {
  ok: boolean;
  tasks: PlannedTask[];
  issues: PlanIssue[];
  /** The graph that was planned, with pipeline nodes expanded (shared/pipeline/expand.ts); absent when it had none. */
  expanded?: GraphDocument;
}

export interface PlanOptions {
  /** Values for `{{variables}}`, over the graph's own defaults (a batch row fills these). */
  variables?: Readonly<Record<string, string>>;
  /** Sources for named asset nodes, over what the graph holds (a batch row fills these). */
  bindings?: Readonly<Record<string, AssetSource>>;
}

/** How messages name a node: its label (an asset's batch name), quoted, else its id. */
export function labelOf(node: GraphNode): string {
  if (node.type === 'note') return `note "${node.id}"`;
  const label = node.type === 'asset' ? (node.data.label ?? node.data.name) : node.data.label;
  return label ? `"${label}"` : `"${node.id}"`;
}

/** Checks the wires themselves; returns the edges that are sound enough to plan with. */
function checkEdges(graph: GraphDocument, issues: PlanIssue[]): GraphEdge[] {
  const sound: GraphEdge[] = [];
  const taken = new Map<string, GraphEdge>();
  for (const edge of graph.edges) {
    const error = (message: string, node?: string) =>
      issues.push({ severity: 'error', edge: edge.id, ...(node ? { node } : {}), message });
    const source = findNode(graph, edge.source);
    const target = findNode(graph, edge.target);
    if (!source || !target) {
      error(`Wire ${edge.id} connects to node "${!source ? edge.source : edge.target}", which does not exist. Delete the wire.`);
      continue;
    }
    if (target.type !== 'seedance') {
      error(`Wire ${edge.id} ends at ${labelOf(target)}, which takes no inputs. Delete the wire.`, target.id);
      continue;
    }
    const media = mediaOfOutput(graph, edge.source, edge.sourceHandle);
    if (!media) {
      error(`Wire ${edge.id} starts at ${labelOf(source)}, which has no "${edge.sourceHandle}" output. Delete the wire.`, target.id);
      continue;
    }
    const slot = parseSlotHandle(edge.targetHandle);
    const spec = slot && slotsOf(target.data.model).find((s) => s.slot === slot.kind);
    if (!slot || !spec) {
      issues.push({
        severity: 'error',
        node: target.id,
        edge: edge.id,
        field: edge.targetHandle,
        message: `${labelOf(target)}: ${MODELS[target.data.model].name} has no ${slot ? slotLabel(slot) : edge.targetHandle} input. Unwire it or pick another model.`,
      });
      continue;
    }
    if (spec.media !== media) {
      issues.push({
        severity: 'error',
        node: target.id,
        edge: edge.id,
        field: spec.field,
        message: `${labelOf(target)}: ${slotLabel(slot)} takes ${withArticle(spec.media)}, but ${labelOf(source)} gives ${withArticle(media)}. Wire ${withArticle(spec.media)} there.`,
      });
      continue;
    }
    const key = `${edge.target}\u0000${edge.targetHandle}`;
    if (taken.has(key)) {
      issues.push({
        severity: 'error',
        node: target.id,
        edge: edge.id,
        field: spec.field,
        message: `${labelOf(target)}: two wires go into ${slotLabel(slot)}. Remove one.`,
      });
      continue;
    }
    taken.set(key, edge);
    sound.push(edge);
  }
  return sound;
}

/** Reading order: left to right, then top to bottom, then by id (so plans are stable). */
function byReadingOrder(a: SeedanceNode, b: SeedanceNode): number {
  return a.position.x - b.position.x || a.position.y - b.position.y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Orders Seedance nodes so every node comes after its upstream nodes, taking the first node in
 * reading order among those ready at each step (Kahn's algorithm with a heap: O(n log n + e)).
 * Nodes left over sit on or after a loop, which is reported.
 */
function orderNodes(graph: GraphDocument, edges: readonly GraphEdge[], issues: PlanIssue[]): SeedanceNode[] {
  const seedance = graph.nodes.filter((n): n is SeedanceNode => n.type === 'seedance').sort(byReadingOrder);
  const rank = new Map(seedance.map((n, i) => [n.id, i]));
  const upstream = new Map<string, Set<string>>(seedance.map((n) => [n.id, new Set()]));
  const downstream = new Map<string, string[]>(seedance.map((n) => [n.id, []]));
  for (const e of edges) {
    const up = upstream.get(e.target);
    if (!up || !upstream.has(e.source) || up.has(e.source)) continue;
    up.add(e.source);
    downstream.get(e.source)?.push(e.target);
  }
  const waiting = new Map(seedance.map((n) => [n.id, upstream.get(n.id)?.size ?? 0]));
  const ready = new MinHeap<number>((a, b) => a - b);
  seedance.forEach((n, i) => {
    if (waiting.get(n.id) === 0) ready.push(i);
  });
  const ordered: SeedanceNode[] = [];
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    const next = seedance[i] as SeedanceNode;
    ordered.push(next);
    for (const down of downstream.get(next.id) ?? []) {
      const left = (waiting.get(down) ?? 0) - 1;
      waiting.set(down, left);
      if (left === 0) ready.push(rank.get(down) as number);
    }
  }
  if (ordered.length < seedance.length) {
    const placed = new Set(ordered.map((n) => n.id));
    reportLoops(seedance.filter((n) => !placed.has(n.id)), upstream, issues);
  }
  return ordered;
}

/** A binary min-heap. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.less(items[i] as T, items[parent] as T) >= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && this.less(items[l] as T, items[m] as T) < 0) m = l;
      if (r < items.length && this.less(items[r] as T, items[m] as T) < 0) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m] as T, items[i] as T];
      i = m;
    }
    return top;
  }
}

/**
 * One error per node on a loop of wires, naming the loop in wire order. Nodes only downstream of
 * a loop are left unnamed: they are fine, and run once the loop is broken.
 */
function reportLoops(remaining: readonly SeedanceNode[], upstream: ReadonlyMap<string, ReadonlySet<string>>, issues: PlanIssue[]): void {
  const byId = new Map(remaining.map((n) => [n.id, n]));
  const downstream = new Map<string, string[]>(remaining.map((n) => [n.id, []]));
  for (const n of remaining) for (const up of upstream.get(n.id) ?? []) downstream.get(up)?.push(n.id);
  for (const loop of findLoops(remaining.map((n) => n.id), (id) => downstream.get(id) ?? [])) {
    const nodes = loop.map((id) => byId.get(id) as SeedanceNode);
    const wires = [...nodes, nodes[0] as SeedanceNode].map(labelOf).join(' → ');
    for (const n of nodes) {
      issues.push({
        severity: 'error',
        node: n.id,
        message: `${labelOf(n)} is part of a loop of wires (${wires}): a node cannot depend on its own output. Remove one wire of the loop.`,
      });
    }
  }
}

function refFor(
  graph: GraphDocument,
  edge: GraphEdge,
  options: PlanOptions,
  issues: PlanIssue[],
  target: SeedanceNode,
): InputRef | undefined {
  const source = findNode(graph, edge.source);
  if (!source || source.type === 'note' || source.type === 'pipeline') return undefined;
  if (source.type === 'seedance') {
    const output = edge.sourceHandle === 'lastFrame' ? 'lastFrame' : 'video';
    return { kind: 'output', node: source.id, output, media: output === 'video' ? 'video' : 'image' };
  }
  const bound = source.data.name ? options.bindings?.[source.data.name] : undefined;
  const from = bound ?? source.data.source;
  if (!from) {
    // An input of a pipeline left empty was already reported by the expansion, in its words.
    if (issues.some((i) => i.node === source.id && i.field === 'source')) return undefined;
    issues.push({
      severity: 'error',
      node: source.id,
      field: 'source',
      message: `${labelOf(source)} (wired into ${labelOf(target)}) has no file or URL. Pick a file, paste a URL${source.data.name ? `, or bind "${source.data.name}" from a batch column` : ''}.`,
    });
    return undefined;
  }
  return from.kind === 'file'
    ? { kind: 'file', path: from.path, media: source.data.media, asset: source.id }
    : { kind: 'url', url: from.url, media: source.data.media, asset: source.id };
}

function checkNumbering(node: SeedanceNode, kind: NumberedKind, edges: readonly GraphEdge[], issues: PlanIssue[]): void {
  const indices = edges.map((e) => parseSlotHandle(e.targetHandle)).map((s) => (s && 'index' in s ? s.index : 0));
  indices.forEach((index, i) => {
    if (index !== i + 1) {
      issues.push({
        severity: 'error',
        node: node.id,
        field: slotHandle({ kind, index }),
        message: `${labelOf(node)}: ${kind} slots must be numbered from 1 without gaps, but slot ${i + 1} is empty while slot ${index} is wired. Rewire the inputs in the editor.`,
      });
    }
  });
}

/** A stand-in URL used only to check a body before its real inputs exist. */
function probeUrl(task: PlannedTask, input: PlannedInput): string {
  return `https://plan.invalid/${encodeURIComponent(task.node)}/${input.field}/${input.position ?? 0}`;
}

/** Turns a graph into an ordered task plan, or says everything that stops it. */
export function planGraph(original: GraphDocument, options: PlanOptions = {}): Plan {
  const variables: Record<string, string> = Object.fromEntries(original.variables.map((v) => [v.name, v.value]));
  for (const [name, value] of Object.entries(options.variables ?? {})) variables[name] = value;
  // Pipeline nodes become the nodes inside them first (shared/pipeline/expand.ts).
  const nested = original.nodes.some((n) => n.type === 'pipeline');
  const support = pipelineSupport();
  if (nested && !support) return { ok: false, tasks: [], issues: [{ severity: 'error', message: PIPELINES_LOADING }] };
  const expansion = nested && support ? support.expand(original, { variables }) : { graph: original, issues: [] };
  const graph = expansion.graph;
  const issues: PlanIssue[] = [...expansion.issues];
  const edges = checkEdges(graph, issues);
  const ordered = orderNodes(graph, edges, issues);
  const names = new Set(graph.nodes.flatMap((n) => (n.type === 'asset' && n.data.name ? [n.data.name] : [])));
  for (const name of Object.keys(options.bindings ?? {})) {
    if (!names.has(name)) {
      issues.push({ severity: 'error', field: name, message: `No asset node is named "${name}", so it cannot be bound. Name an asset node "${name}" or drop that column.` });
    }
  }
  const tasks: PlannedTask[] = [];
  const needsLastFrame = new Set(edges.filter((e) => e.sourceHandle === 'lastFrame').map((e) => e.source));
  const wired = new Set(edges.map((e) => e.source));
  const soundInto = new Map<string, GraphEdge[]>();
  for (const e of edges) (soundInto.get(e.target) ?? soundInto.set(e.target, []).get(e.target))?.push(e);

  for (const node of ordered) {
    const into = soundInto.get(node.id) ?? [];
    const inputs: PlannedInput[] = [];
    // Inputs with no source yet still count when the body is checked, so that the missing
    // source is reported once, not again as a missing field.
    const checked: PlannedInput[] = [];
    const slots = slotsOf(node.data.model);
    for (const spec of slots) {
      const kindEdges = into
        .filter((e) => parseSlotHandle(e.targetHandle)?.kind === spec.slot)
        .sort((a, b) => slotIndex(a) - slotIndex(b));
      if (isNumbered(spec.slot)) checkNumbering(node, spec.slot, kindEdges, issues);
      kindEdges.forEach((edge, position) => {
        const ref = refFor(graph, edge, options, issues, node);
        const slot = parseSlotHandle(edge.targetHandle) as TargetSlot;
        const at = { slot, field: spec.field, ...(spec.list ? { position } : {}) };
        if (ref) inputs.push({ ...at, ref });
        checked.push({ ...at, ref: ref ?? { kind: 'url', url: 'https://plan.invalid/unbound', media: spec.media, asset: edge.source } });
      });
    }
    const counts = { video: 0, image: 0, audio: 0 } as Record<NumberedKind, number>;
    for (const kind of NUMBERED_KINDS) counts[kind] = into.filter((e) => parseSlotHandle(e.targetHandle)?.kind === kind).length;
    for (const issue of lintPrompt(node.data.prompt, counts, { variables: Object.keys(variables) })) {
      // The schema reports an empty or over-long prompt on the filled-in text below.
      if (issue.code === 'empty' || issue.code === 'too-long') continue;
      issues.push({ severity: issue.severity, node: node.id, field: 'prompt', message: `${labelOf(node)}: ${issue.message}` });
    }
    const settings: NodeSettings = { ...node.data.settings };
    if (needsLastFrame.has(node.id)) settings.return_last_frame = true;
    const dependsOn = [...new Set(inputs.flatMap((i) => (i.ref.kind === 'output' ? [i.ref.node] : [])))];
    const task: PlannedTask = {
      node: node.id,
      label: node.data.label ?? node.id,
      model: node.data.model,
      path: MODELS[node.data.model].path,
      prompt: fillVariables(node.data.prompt, variables),
      settings,
      inputs,
      dependsOn,
    };
    const check = validateBody(task.model, buildBody({ ...task, inputs: checked }, (_ref, input) => probeUrl(task, input)));
    if (!check.ok) {
      for (const issue of check.issues) {
        issues.push({ severity: 'error', node: node.id, field: issue.field, message: `${labelOf(node)}: ${issue.message}.` });
      }
    }
    tasks.push(task);
  }
  for (const node of graph.nodes) {
    if (node.type === 'asset' && !wired.has(node.id)) {
      issues.push({ severity: 'warning', node: node.id, message: `${labelOf(node)} is not wired to anything.` });
    }
  }
  const ok = !issues.some((i) => i.severity === 'error');
  return graph === original ? { ok, tasks, issues } : { ok, tasks, issues, expanded: graph };
}

function slotIndex(edge: GraphEdge): number {
  const slot = parseSlotHandle(edge.targetHandle);
  return slot && 'index' in slot ? slot.index : 0;
}

/**
 * The request body of a task, with each input replaced by what `resolve` gives for it (an
 * uploaded file's URL, an upstream result's URL). Fields are in the model's own order.
 */
export function buildBody(
  task: PlannedTask,
  resolve: (ref: InputRef, input: PlannedInput) => string,
): Record<string, unknown> {
  const body: Record<string, unknown> = { prompt: task.prompt };
  const slots: readonly SlotSpec[] = slotsOf(task.model);
  for (const spec of slots) {
    const values = task.inputs.filter((i) => i.field === spec.field).map((i) => resolve(i.ref, i));
    if (values.length === 0) continue;
    body[spec.field] = spec.list ? values : values[0];
  }
  for (const [field, value] of Object.entries(task.settings)) if (value !== undefined) body[field] = value;
  return body;
}

/** How an input is shown where it has no URL yet (dry runs, logs). */
export function describeRef(ref: InputRef): string {
  switch (ref.kind) {
    case 'file':
      return `upload:${ref.path}`;
    case 'url':
      return ref.url;
    case 'output':
      return `output:${ref.node}.${ref.output}`;
  }
}

/** One line for a plan issue, for the CLI and logs. */
export function formatPlanIssue(issue: PlanIssue): string {
  return `${issue.severity === 'error' ? 'error' : 'warning'}: ${issue.message}`;
}
