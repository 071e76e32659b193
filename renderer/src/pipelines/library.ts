/**
 * The pipeline library as the window knows it (`pipelines.list`), and placing a pipeline: the new
 * node embeds the pipeline's graph and records which file and version (content hash) it came from.
 */
import { create } from 'zustand';
import type { PipelineEntry, SeedanceApi } from '../../../shared/api';
import { disconnect, findNode, nextId, type GraphDocument, type GraphNode, type PipelineNode } from '../../../shared/graph';
import { pipelinePorts } from '../../../shared/pipeline/ports';
import { nearestFreeSpot, type Sizes } from '../canvas/placement';
import { useEditor } from '../store/editor';
import { documentNow } from './hooks';

export interface LibraryState {
  entries: readonly PipelineEntry[];
  problems: readonly { path: string; message: string }[];
  /** False until the first answer. */
  loaded: boolean;
  error: string | null;
}

export const useLibrary = create<LibraryState>()(() => ({ entries: [], problems: [], loaded: false, error: null }));

export async function refreshLibrary(api: Pick<SeedanceApi, 'pipelines.list'>): Promise<void> {
  try {
    const listing = await api['pipelines.list']({});
    useLibrary.setState({ entries: listing.pipelines, problems: listing.problems, loaded: true, error: null });
  } catch (error) {
    useLibrary.setState({ loaded: true, error: error instanceof Error ? error.message : String(error) });
  }
}

/** The library's entry for a placed node's file, if it is listed. */
export function entryFor(node: PipelineNode, entries: readonly PipelineEntry[]): PipelineEntry | undefined {
  const path = node.data.source?.path;
  return path === undefined ? undefined : entries.find((e) => e.path === path);
}

/** Whether the file a node was placed from now holds another version. */
export function hasUpdate(node: PipelineNode, entries: readonly PipelineEntry[]): PipelineEntry | undefined {
  const entry = entryFor(node, entries);
  return entry && entry.hash !== node.data.source?.hash ? entry : undefined;
}

/** A new pipeline node's content for a library entry. */
export function pipelineNodeOf(entry: PipelineEntry, position: { x: number; y: number }): Omit<PipelineNode, 'id'> {
  return {
    type: 'pipeline',
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    data: { graph: entry.graph, source: { path: entry.path, hash: entry.hash } },
  };
}

/** An id for a new pipeline node: the pipeline's name as far as ids allow (`restyle_and_extend2`). */
export function pipelineIdFor(name: string, graph: GraphDocument): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'pipeline';
  const used = graph.nodes.map((n) => n.id);
  return used.includes(base) ? nextId(base, used) : base;
}

/** About how big a pipeline node is, to place it clear of the others. */
const PIPELINE_SIZE = { width: 340, height: 560 };

/** Places a library pipeline as one node near `centre`, clear of the others (one undo step); returns its id, or null when refused. */
export function placePipeline(entry: PipelineEntry, centre: { x: number; y: number }, sizes: Sizes = {}): string | null {
  if (documentNow().path === entry.path) {
    useEditor.getState().setNotice({ kind: 'warning', text: `"${entry.name}" is the graph open here: a pipeline cannot be used inside itself.` });
    return null;
  }
  const graph = useEditor.getState().graph;
  const id = pipelineIdFor(entry.name, graph);
  const at = nearestFreeSpot(graph, { x: centre.x - PIPELINE_SIZE.width / 2, y: centre.y - PIPELINE_SIZE.height / 2 }, sizes, PIPELINE_SIZE);
  useEditor.getState().apply(`add pipeline "${entry.name}"`, (g) => ({ ...g, nodes: [...g.nodes, { ...pipelineNodeOf(entry, at), id } as GraphNode] }));
  return id;
}

/** Replaces a node's embedded pipeline by the file's current version, keeping its wires that still fit. */
export function updatePipeline(nodeId: string, entry: PipelineEntry): void {
  useEditor.getState().apply(`update pipeline "${entry.name}"`, (g) => {
    const node = findNode(g, nodeId);
    if (node?.type !== 'pipeline') return g;
    const ports = pipelinePorts(entry.graph);
    const inputs = new Set(ports.inputs.map((i) => i.handle));
    const outputs = new Set(ports.outputs.map((o) => o.handle));
    const variables = new Set(ports.variables.map((v) => v.name));
    const kept = Object.entries(node.data.variables ?? {}).filter(([name]) => variables.has(name));
    const data = { ...node.data, graph: entry.graph, source: { path: entry.path, hash: entry.hash } };
    delete data.variables;
    if (kept.length > 0) data.variables = Object.fromEntries(kept);
    // Wires to ports the new version no longer has go, the way unwiring does (slots after them move up).
    const gone = g.edges.filter((e) => (e.target === nodeId && !inputs.has(e.targetHandle)) || (e.source === nodeId && !outputs.has(e.sourceHandle)));
    const unwired = gone.reduce((acc, e) => disconnect(acc, e.id), g);
    return { ...unwired, nodes: unwired.nodes.map((n) => (n.id === nodeId && n.type === 'pipeline' ? { ...n, data } : n)) };
  });
}

/** "in: clip (video), style (image) · out: result (video)": a pipeline's ports in a line. */
export function pipelineSummary(entry: Pick<PipelineEntry, 'graph'>): string {
  const ports = pipelinePorts(entry.graph);
  const list = (ports: readonly { name: string; media?: string | undefined }[]) => ports.map((p) => (p.media ? `${p.name} (${p.media})` : p.name)).join(', ') || 'none';
  const parts = [`in: ${list(ports.inputs)}`, `out: ${list(ports.outputs)}`];
  if (ports.variables.length > 0) parts.push(`variables: ${ports.variables.map((v) => v.name).join(', ')}`);
  return parts.join(' · ');
}
