/**
 * Where the plan and the wiring rules find pipeline support (expansion, pipeline ports). It is
 * installed by shared/pipeline/install.ts, which the engine loads with the runner and the window
 * loads with the pipeline node, so a window without pipelines never carries the code (the
 * start-up bundle is measured, docs/performance.md). Without it, a graph holding a pipeline node
 * is refused in words, never planned as something else.
 */
import type { MediaKind } from '../models/fields';
import type { GraphDocument, GraphEdge, PipelineNode } from '../graph/schema';
import type { PlanIssue } from '../plan/plan';

export interface PipelineSupport {
  expand(graph: GraphDocument, options: { variables?: Readonly<Record<string, string>> }): { graph: GraphDocument; issues: PlanIssue[] };
  outputMedia(node: PipelineNode, handle: string): MediaKind | undefined;
  checkConnection(
    graph: GraphDocument,
    target: PipelineNode,
    request: { source: string; target: string; targetHandle: string },
    media: MediaKind | undefined,
    loop: boolean,
  ): { ok: true; handle: string; replaces?: GraphEdge } | { ok: false; reason: string };
}

let installed: PipelineSupport | undefined;

export function installPipelineSupport(support: PipelineSupport): void {
  installed = support;
}

export function pipelineSupport(): PipelineSupport | undefined {
  return installed;
}

/** Said when a graph holds pipeline nodes before their support is loaded (a moment, in the window). */
export const PIPELINES_LOADING = 'Pipeline nodes are still loading. Try again in a moment.';
