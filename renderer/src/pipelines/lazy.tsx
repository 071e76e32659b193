/**
 * The pipeline pieces the canvas needs at start-up, kept small: the node, the breadcrumb and the
 * library load on demand (electron.vite.config.ts, ON_DEMAND), so a window without pipelines
 * never loads them.
 */
import { lazy, memo, Suspense } from 'react';
import { sameNodeProps, type EditorNodeProps } from '../nodes/types';
import { useNesting } from './hooks';

const Body = lazy(() => import('./PipelineNode').then((m) => ({ default: m.PipelineNode })));
const Breadcrumb = lazy(() => import('./PipelineNode').then((m) => ({ default: m.PipelineBreadcrumb })));

export const PipelineNodeLazy = memo(function PipelineNodeLazy(props: EditorNodeProps) {
  return (
    <Suspense fallback={<div className="sfn-node">Loading pipeline…</div>}>
      <Body {...props} />
    </Suspense>
  );
}, sameNodeProps);

/** The way back while a pipeline is open in place. */
export function PipelineBreadcrumb() {
  const nested = useNesting((s) => s.levels.length > 0);
  return nested ? (
    <Suspense fallback={null}>
      <Breadcrumb />
    </Suspense>
  ) : null;
}
