/**
 * The editor's state: the graph document being edited, its file, and the undo history. Every
 * graph edit goes through `apply`, so every edit can be undone; the wiring and renumbering rules
 * are the shared ones (shared/graph/wiring), never restated here.
 */
import { create } from 'zustand';
import type { MediaInfo } from '../../../shared/api';
import {
  connect as connectEdge,
  disconnect as disconnectEdge,
  emptyGraph,
  moveSlot as moveGraphSlot,
  nextId,
  removeNodes as removeGraphNodes,
  switchModel,
  type ConnectionRequest,
  type GraphDocument,
  type GraphNode,
} from '../../../shared/graph';
import type { NumberedKind } from '../../../shared/prompt';
import { withSetting, type ModelId, type NodeSettings, type SettingField } from '../../../shared/models';
import { planGraph, type Plan } from '../../../shared/plan';
import { deepEqual } from '../../../shared/util/deep-equal';

/** How long typing in one field keeps merging into one undo step. */
export const COALESCE_MS = 1500;
const HISTORY_LIMIT = 200;

export interface Notice {
  kind: 'info' | 'warning' | 'error';
  text: string;
  /** The node the notice is about, so it can show it there. */
  node?: string;
}

interface HistoryEntry {
  graph: GraphDocument;
  label: string;
}

export interface EditorState {
  graph: GraphDocument;
  /** The file the graph was opened from or saved to; null for a new graph. */
  path: string | null;
  /** The graph as last saved or opened, to tell whether there are unsaved changes. */
  savedGraph: GraphDocument;
  /** Facts about imported media files, by absolute path (badges, previews, warnings). */
  media: Record<string, MediaInfo>;
  notice: Notice | null;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Key and time of the last coalescable edit (typing), while it may still merge. */
  typing: { key: string; at: number } | null;

  /** Applies one edit as one undo step (or merges it into the current typing step). */
  apply(label: string, change: (graph: GraphDocument) => GraphDocument, options?: { coalesce?: string }): void;
  /** Ends the current typing step (on blur), so the next keystroke starts a new one. */
  endTyping(): void;
  undo(): void;
  redo(): void;
  /** Replaces the document (new, open, restore); clears the history. */
  load(graph: GraphDocument, path: string | null, options?: { dirty?: boolean }): void;
  markSaved(path: string): void;
  setNotice(notice: Notice | null): void;
  rememberMedia(files: readonly MediaInfo[]): void;

  addNode(node: Omit<GraphNode, 'id'> & { id?: string }): string;
  removeNodes(ids: readonly string[]): void;
  moveNodes(positions: Readonly<Record<string, { x: number; y: number }>>): void;
  connect(request: ConnectionRequest): boolean;
  disconnect(edgeId: string): void;
  moveSlot(nodeId: string, kind: NumberedKind, from: number, to: number): void;
  setPrompt(nodeId: string, prompt: string): void;
  setSetting<F extends SettingField>(nodeId: string, field: F, value: NodeSettings[F] | undefined): void;
  setModel(nodeId: string, model: ModelId): void;
  updateNodeData(nodeId: string, label: string, patch: Record<string, unknown>, options?: { coalesce?: string }): void;
  setViewport(viewport: GraphDocument['viewport']): void;
}

/** Whether the graph differs from the saved one (typing a letter and deleting it leaves it clean). */
export function isDirty(state: Pick<EditorState, 'graph' | 'savedGraph'>): boolean {
  return !deepEqual(state.graph, state.savedGraph);
}

function updateNode(graph: GraphDocument, nodeId: string, update: (node: GraphNode) => GraphNode): GraphDocument {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === nodeId ? update(n) : n)) };
}

export const useEditor = create<EditorState>()((set, get) => ({
  graph: emptyGraph(),
  path: null,
  savedGraph: emptyGraph(),
  media: {},
  notice: null,
  past: [],
  future: [],
  typing: null,

  apply(label, change, options = {}) {
    const state = get();
    const next = change(state.graph);
    if (next === state.graph) return;
    const now = Date.now();
    const merging = options.coalesce !== undefined && state.typing?.key === options.coalesce && now - state.typing.at < COALESCE_MS;
    set({
      graph: next,
      past: merging ? state.past : [...state.past, { graph: state.graph, label }].slice(-HISTORY_LIMIT),
      future: [],
      typing: options.coalesce !== undefined ? { key: options.coalesce, at: now } : null,
    });
  },
  endTyping() {
    if (get().typing) set({ typing: null });
  },
  undo() {
    const { past, future, graph } = get();
    const last = past.at(-1);
    if (!last) return;
    set({ graph: last.graph, past: past.slice(0, -1), future: [{ graph, label: last.label }, ...future], typing: null, notice: { kind: 'info', text: `Undid ${last.label}` } });
  },
  redo() {
    const { past, future, graph } = get();
    const [next, ...rest] = future;
    if (!next) return;
    set({ graph: next.graph, past: [...past, { graph, label: next.label }], future: rest, typing: null, notice: { kind: 'info', text: `Redid ${next.label}` } });
  },
  load(graph, path, options = {}) {
    set({ graph, path, savedGraph: options.dirty ? emptyGraph() : graph, past: [], future: [], typing: null, notice: null });
  },
  markSaved(path) {
    set({ path, savedGraph: get().graph });
  },
  setNotice(notice) {
    set({ notice });
  },
  rememberMedia(files) {
    set({ media: { ...get().media, ...Object.fromEntries(files.map((f) => [f.path, f])) } });
  },

  addNode(node) {
    const id = node.id ?? nextId(node.type === 'seedance' ? 'shot' : node.type === 'note' ? 'note' : 'asset', get().graph.nodes.map((n) => n.id));
    get().apply(`add ${node.type === 'seedance' ? 'Seedance node' : node.type}`, (g) => ({ ...g, nodes: [...g.nodes, { ...node, id } as GraphNode] }));
    return id;
  },
  removeNodes(ids) {
    if (ids.length === 0) return;
    get().apply(ids.length === 1 ? 'delete node' : `delete ${ids.length} nodes`, (g) => removeGraphNodes(g, ids));
  },
  moveNodes(positions) {
    get().apply('move', (g) => ({ ...g, nodes: g.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] as { x: number; y: number } } : n)) }));
  },
  connect(request) {
    const result = connectEdge(get().graph, request);
    if (!result.ok) {
      set({ notice: { kind: 'warning', text: result.reason, node: request.target } });
      return false;
    }
    get().apply('connect', () => result.graph);
    return true;
  },
  disconnect(edgeId) {
    get().apply('disconnect', (g) => disconnectEdge(g, edgeId));
  },
  moveSlot(nodeId, kind, from, to) {
    get().apply('reorder inputs', (g) => moveGraphSlot(g, nodeId, kind, from, to));
  },
  setPrompt(nodeId, prompt) {
    get().apply(
      'typing',
      (g) => updateNode(g, nodeId, (n) => (n.type === 'seedance' ? { ...n, data: { ...n.data, prompt } } : n)),
      { coalesce: `prompt:${nodeId}` },
    );
  },
  setSetting(nodeId, field, value) {
    get().apply(`change ${field}`, (g) =>
      updateNode(g, nodeId, (n) => {
        if (n.type !== 'seedance') return n;
        return { ...n, data: { ...n.data, settings: withSetting(n.data.settings, field, value) } };
      }),
    );
  },
  setModel(nodeId, model) {
    const { graph, dropped } = switchModel(get().graph, nodeId, model);
    get().apply('change model', () => graph);
    if (dropped.length > 0) set({ notice: { kind: 'warning', text: dropped.join(' '), node: nodeId } });
  },
  updateNodeData(nodeId, label, patch, options = {}) {
    get().apply(label, (g) => updateNode(g, nodeId, (n) => ({ ...n, data: { ...n.data, ...patch } }) as GraphNode), options);
  },
  setViewport(viewport) {
    // The viewport is saved with the graph but is not an edit: no undo step, no dirty marker.
    const { graph, savedGraph } = get();
    const clean = !isDirty({ graph, savedGraph });
    const next = { ...graph, viewport };
    set(clean ? { graph: next, savedGraph: next } : { graph: next });
  },
}));

let planCache: { graph: GraphDocument; plan: Plan } | undefined;

/** Drops the cached plan (the next `planOf` plans again). */
export function forgetPlans(): void {
  planCache = undefined;
}

/** The plan of the current graph (computed once per graph version): errors for each node. */
export function planOf(graph: GraphDocument): Plan {
  if (planCache?.graph !== graph) planCache = { graph, plan: planGraph(graph) };
  return planCache.plan;
}
