/**
 * Helpers for the node and prompt component tests: a fresh editor store, small graph builders,
 * and rendering inside React Flow's provider (the nodes' handles need its store).
 */
import { render, type RenderResult } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactElement } from 'react';
import type { MediaInfo } from '../../../shared/api';
import { emptyGraph, type GraphDocument, type GraphEdge, type GraphNode } from '../../../shared/graph';
import type { MediaKind, ModelId, NodeSettings } from '../../../shared/models';
import { useEditor } from '../store/editor';

/** Puts the store back to a known state: this graph, these media facts, no history. */
export function resetEditor(graph: GraphDocument = emptyGraph(), media: Record<string, MediaInfo> = {}): void {
  useEditor.setState({ graph, savedGraph: graph, path: null, media, notice: null, past: [], future: [], typing: null });
}

export function renderInFlow(ui: ReactElement): RenderResult {
  return render(<ReactFlowProvider>{ui}</ReactFlowProvider>);
}

export function asset(id: string, media: MediaKind, path?: string, extra: { label?: string; name?: string } = {}): GraphNode {
  return {
    id,
    type: 'asset',
    position: { x: 0, y: 0 },
    data: { media, ...(path ? { source: { kind: 'file' as const, path } } : {}), ...extra },
  };
}

export function seedance(id: string, model: ModelId, prompt = '', settings: NodeSettings = {}): GraphNode {
  return { id, type: 'seedance', position: { x: 400, y: 0 }, data: { model, prompt, settings } };
}

export function wire(id: string, source: string, target: string, targetHandle: string, sourceHandle: GraphEdge['sourceHandle'] = 'media'): GraphEdge {
  return { id, source, sourceHandle, target, targetHandle };
}

export function graphOf(nodes: GraphNode[], edges: GraphEdge[] = []): GraphDocument {
  return { ...emptyGraph(), nodes, edges };
}

export function mediaInfo(path: string, kind: MediaKind, facts: Partial<MediaInfo> = {}): MediaInfo {
  const fileName = path.split('/').pop() ?? path;
  return { mediaId: `id-${fileName}`, path, fileName, kind, bytes: 1024 * 1024, problems: [], ...facts };
}

/** The prompt of a Seedance node in the store now. */
export function promptOf(nodeId: string): string {
  const node = useEditor.getState().graph.nodes.find((n) => n.id === nodeId);
  return node?.type === 'seedance' ? node.data.prompt : '';
}
