/**
 * Wiring rules and edits: what may connect to what, and how slots stay dense and the prompt's
 * tokens stay true when wires come and go. Pure functions on the graph document, shared by the
 * canvas (isValidConnection, the store) and the tests.
 */
import { slotOf } from '../models/describe';
import type { MediaKind, SlotKind } from '../models/fields';
import { MAX_REFERENCE_FILES, MODELS, type ModelId } from '../models/registry';
import { switchSettings } from '../models/settings';
import { kindLabel, NUMBERED_KINDS, remapPrompt, type NumberedKind, type SlotRemap } from '../prompt/tokens';
import type { WiredCounts } from '../prompt/lint';
import { isNumbered, outputMedia, parseSlotHandle, slotHandle, slotLabel, type OutputHandle, type TargetSlot } from './handles';
import { edgesFrom, edgesInto, nodesById } from './indexes';
import type { GraphDocument, GraphEdge, GraphNode, SeedanceNode } from './schema';
import { pipelineSupport, PIPELINES_LOADING } from '../pipeline/support';

export interface NodeInputs {
  /** Edges into each numbered slot kind, in slot order (index 1 first). */
  video: GraphEdge[];
  image: GraphEdge[];
  audio: GraphEdge[];
  firstFrame?: GraphEdge;
  lastFrame?: GraphEdge;
}

export function findNode(graph: GraphDocument, id: string): GraphNode | undefined {
  return nodesById(graph).get(id);
}

/** The edges into a node, grouped by slot kind and sorted by slot number. */
export function inputsOf(graph: GraphDocument, nodeId: string): NodeInputs {
  const inputs: NodeInputs = { video: [], image: [], audio: [] };
  for (const edge of edgesInto(graph, nodeId)) {
    const slot = parseSlotHandle(edge.targetHandle);
    if (!slot) continue;
    if ('index' in slot) inputs[slot.kind].push(edge);
    else inputs[slot.kind] = edge;
  }
  for (const kind of NUMBERED_KINDS) inputs[kind].sort((a, b) => indexOf(a) - indexOf(b));
  return inputs;
}

function indexOf(edge: GraphEdge): number {
  const slot = parseSlotHandle(edge.targetHandle);
  return slot && 'index' in slot ? slot.index : 0;
}

export function wiredCounts(graph: GraphDocument, nodeId: string): WiredCounts {
  const inputs = inputsOf(graph, nodeId);
  return { video: inputs.video.length, image: inputs.image.length, audio: inputs.audio.length };
}

/** The media carried by an output of a node, or undefined if the node has no such output. */
export function mediaOfOutput(graph: GraphDocument, nodeId: string, handle: OutputHandle): MediaKind | undefined {
  const node = findNode(graph, nodeId);
  if (!node || node.type === 'note') return undefined;
  if (node.type === 'pipeline') return pipelineSupport()?.outputMedia(node, handle);
  return node.type === 'asset' ? outputMedia('asset', handle, node.data.media) : outputMedia('seedance', handle);
}

/** Whether `from` is upstream of `to` (or the same node). */
function reaches(graph: GraphDocument, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edgesFrom(graph, id)) stack.push(e.target);
  }
  return false;
}

export interface ConnectionRequest {
  source: string;
  sourceHandle: OutputHandle;
  target: string;
  /** The slot the wire was dropped on; a numbered slot past the last filled one appends. */
  targetHandle: string;
}

export type ConnectionCheck =
  /** `slot` is absent for a pipeline node's input (`handle` says which). */
  | { ok: true; slot: TargetSlot; replaces?: GraphEdge; handle?: undefined }
  | { ok: true; handle: string; replaces?: GraphEdge; slot?: undefined }
  | { ok: false; reason: string };

const SLOT_NAMES: Record<SlotKind, string> = {
  video: 'video',
  image: 'reference image',
  audio: 'audio',
  firstFrame: 'first frame',
  lastFrame: 'last frame',
};

/** Decides whether a wire may be made, and into which slot; says why not in words. */
export function checkConnection(graph: GraphDocument, request: ConnectionRequest): ConnectionCheck {
  const target = findNode(graph, request.target);
  if (target?.type === 'pipeline') {
    const media = findNode(graph, request.source) ? mediaOfOutput(graph, request.source, request.sourceHandle) : undefined;
    const loop = request.source === request.target || reaches(graph, request.target, request.source);
    const support = pipelineSupport();
    return support ? support.checkConnection(graph, target, request, media, loop) : { ok: false, reason: PIPELINES_LOADING };
  }
  if (!target || target.type !== 'seedance') return { ok: false, reason: 'Only a Seedance or pipeline node takes inputs.' };
  const source = findNode(graph, request.source);
  if (!source) return { ok: false, reason: 'The wire starts at a node that does not exist.' };
  const media = mediaOfOutput(graph, request.source, request.sourceHandle);
  if (!media) return { ok: false, reason: 'That node has no such output.' };
  const wanted = parseSlotHandle(request.targetHandle);
  if (!wanted) return { ok: false, reason: `There is no input "${request.targetHandle}".` };
  const model = target.data.model;
  const spec = slotOf(model, wanted.kind);
  if (!spec) return { ok: false, reason: `${modelName(target)} takes no ${SLOT_NAMES[wanted.kind]} input.` };
  if (spec.media !== media) {
    return { ok: false, reason: `${slotLabel(wanted)} takes ${withArticle(spec.media)}, not ${withArticle(media)}.` };
  }
  if (request.source === request.target || reaches(graph, request.target, request.source)) {
    return { ok: false, reason: 'That wire would make a loop: a node cannot feed its own inputs.' };
  }
  const inputs = inputsOf(graph, request.target);
  let slot: TargetSlot;
  let replaces: GraphEdge | undefined;
  if ('index' in wanted) {
    const filled = inputs[wanted.kind];
    if (wanted.index <= filled.length) {
      slot = wanted;
      replaces = filled[wanted.index - 1];
    } else {
      if (filled.length >= spec.max) {
        return { ok: false, reason: `All ${spec.max} ${kindLabel(wanted.kind).toLowerCase()} slots are full; unwire one first.` };
      }
      slot = { kind: wanted.kind, index: filled.length + 1 };
    }
  } else {
    slot = wanted;
    replaces = inputs[wanted.kind];
  }
  if ((slot.kind === 'firstFrame' || slot.kind === 'lastFrame') && inputs.image.length > 0) {
    return {
      ok: false,
      reason: `${slotLabel(slot)} cannot be used with reference images: unwire the reference images first, or wire this image as a reference.`,
    };
  }
  if (slot.kind === 'image' && !replaces && (inputs.firstFrame || inputs.lastFrame)) {
    return {
      ok: false,
      reason: 'Reference images cannot be used with a first or last frame: unwire the frame images first.',
    };
  }
  const references = inputs.video.length + inputs.image.length + inputs.audio.length;
  if (isNumbered(slot.kind) && !replaces && references >= MAX_REFERENCE_FILES) {
    return { ok: false, reason: `The model takes at most ${MAX_REFERENCE_FILES} videos, images and audio files in all.` };
  }
  return replaces ? { ok: true, slot, replaces } : { ok: true, slot };
}

/** "a video", "an image", "audio": for messages. */
export function withArticle(media: MediaKind): string {
  return media === 'image' ? 'an image' : media === 'audio' ? 'audio' : 'a video';
}

function modelName(node: SeedanceNode): string {
  return MODELS[node.data.model].name;
}

/** A new id not used by any edge, e.g. `e12`. */
function nextEdgeId(graph: GraphDocument): string {
  return nextId('e', graph.edges.map((e) => e.id));
}

export function nextId(prefix: string, used: readonly string[]): string {
  const taken = new Set(used);
  let n = used.length + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export type ConnectResult = { ok: true; graph: GraphDocument; edge: GraphEdge } | { ok: false; reason: string };

/** Makes a wire (replacing the one in an occupied slot). The prompt keeps its tokens. */
export function connect(graph: GraphDocument, request: ConnectionRequest, edgeId = nextEdgeId(graph)): ConnectResult {
  const check = checkConnection(graph, request);
  if (!check.ok) return check;
  const edge: GraphEdge = {
    id: edgeId,
    source: request.source,
    sourceHandle: request.sourceHandle,
    target: request.target,
    targetHandle: check.slot ? slotHandle(check.slot) : check.handle,
  };
  const edges = graph.edges.filter((e) => e !== check.replaces);
  return { ok: true, graph: { ...graph, edges: [...edges, edge] }, edge };
}

/**
 * Renumbers one node's numbered slots of one kind to the order given (edge ids, first = slot 1),
 * dropping edges not listed, and rewrites the prompt so every token follows its input.
 */
function renumber(graph: GraphDocument, nodeId: string, kind: NumberedKind, order: readonly string[]): GraphDocument {
  const before = inputsOf(graph, nodeId)[kind];
  const map = new Map<number, number | null>();
  before.forEach((edge, i) => {
    const at = order.indexOf(edge.id);
    map.set(i + 1, at === -1 ? null : at + 1);
  });
  const mine = new Set(before.map((e) => e.id));
  const removed = new Set(before.filter((e) => !order.includes(e.id)).map((e) => e.id));
  const edges = graph.edges
    .filter((e) => !removed.has(e.id))
    .map((e) => {
      const at = order.indexOf(e.id);
      return mine.has(e.id) && at !== -1 ? { ...e, targetHandle: slotHandle({ kind, index: at + 1 }) } : e;
    });
  const remap: SlotRemap = { [kind]: map };
  const nodes = graph.nodes.map((n) =>
    n.id === nodeId && n.type === 'seedance' ? { ...n, data: { ...n.data, prompt: remapPrompt(n.data.prompt, remap) } } : n,
  );
  return { ...graph, nodes, edges };
}

/** Removes a wire; the slots after it move up and the prompt's tokens follow them. */
export function disconnect(graph: GraphDocument, edgeId: string): GraphDocument {
  const edge = graph.edges.find((e) => e.id === edgeId);
  if (!edge) return graph;
  const slot = parseSlotHandle(edge.targetHandle);
  if (!slot || !('index' in slot)) return { ...graph, edges: graph.edges.filter((e) => e.id !== edgeId) };
  const order = inputsOf(graph, edge.target)[slot.kind].filter((e) => e.id !== edgeId).map((e) => e.id);
  return renumber(graph, edge.target, slot.kind, order);
}

/** Moves the input in slot `from` to slot `to` (1-based) of one kind; tokens follow. */
export function moveSlot(graph: GraphDocument, nodeId: string, kind: NumberedKind, from: number, to: number): GraphDocument {
  const order = inputsOf(graph, nodeId)[kind].map((e) => e.id);
  if (from < 1 || from > order.length || to < 1 || to > order.length || from === to) return graph;
  const [moved] = order.splice(from - 1, 1);
  order.splice(to - 1, 0, moved as string);
  return renumber(graph, nodeId, kind, order);
}

/** Removes nodes and every wire touching them; downstream prompts flag what they lose. */
export function removeNodes(graph: GraphDocument, ids: readonly string[]): GraphDocument {
  const doomed = new Set(ids);
  let next = graph;
  for (const edge of graph.edges) {
    if (doomed.has(edge.source) && !doomed.has(edge.target)) next = disconnect(next, edge.id);
  }
  return {
    ...next,
    nodes: next.nodes.filter((n) => !doomed.has(n.id)),
    edges: next.edges.filter((e) => !doomed.has(e.source) && !doomed.has(e.target)),
  };
}

export interface ModelSwitch {
  graph: GraphDocument;
  /** What did not fit the new model, for the node to say. */
  dropped: string[];
}

/** Switches a node's model, keeping the settings and wires that still fit and saying what did not. */
export function switchModel(graph: GraphDocument, nodeId: string, model: ModelId): ModelSwitch {
  const node = findNode(graph, nodeId);
  if (!node || node.type !== 'seedance') return { graph, dropped: [] };
  const { kept, dropped } = switchSettings(node.data.settings, model);
  const notes = dropped.map((d) => `Setting ${d.reason}; it was removed.`);
  let next: GraphDocument = {
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.id === nodeId && n.type === 'seedance' ? { ...n, data: { ...n.data, model, settings: kept } } : n,
    ),
  };
  const inputs = inputsOf(next, nodeId);
  for (const kind of ['video', 'image', 'audio', 'firstFrame', 'lastFrame'] as const) {
    const spec = slotOf(model, kind);
    const edges = isNumbered(kind) ? inputs[kind] : inputs[kind] ? [inputs[kind]] : [];
    const max = spec?.max ?? 0;
    // Drop from the end so the remaining slots keep their numbers.
    for (const edge of edges.slice(max).reverse()) {
      next = disconnect(next, edge.id);
      const slot = parseSlotHandle(edge.targetHandle);
      notes.push(`${slot ? slotLabel(slot) : edge.targetHandle} was unwired: ${MODELS[model].name} ${spec ? `takes at most ${max}` : `has no ${SLOT_NAMES[kind]} input`}.`);
    }
  }
  return { graph: next, dropped: notes };
}
