/**
 * The pipeline pieces the canvas needs at start-up, kept small: the node and the library load on
 * demand (electron.vite.config.ts, ON_DEMAND), so a window without pipelines never loads them.
 */
import { lazy, memo, Suspense } from 'react';
import { sameNodeProps, type EditorNodeProps } from '../nodes/types';
import { closePipelines, useNesting } from './nesting';

const Body = lazy(() => import('./PipelineNode').then((m) => ({ default: m.PipelineNode })));

export const PipelineNodeLazy = memo(function PipelineNodeLazy(props: EditorNodeProps) {
  return (
    <Suspense fallback={<div className="sfn-node">Loading pipeline…</div>}>
      <Body {...props} />
    </Suspense>
  );
}, sameNodeProps);

/** The way back while a pipeline is open in place: the document, then each pipeline on the way in. */
export function PipelineBreadcrumb() {
  const levels = useNesting((s) => s.levels);
  if (levels.length === 0) return null;
  return (
    <nav className="sf-breadcrumb" aria-label="Pipeline path">
      <ol>
        <li>
          <button type="button" onClick={() => closePipelines()}>
            Back to the graph
          </button>
        </li>
        {levels.map((level, i) => (
          <li key={`${level.nodeId}-${i}`}>
            {i === levels.length - 1 ? (
              <span aria-current="page">{level.name}</span>
            ) : (
              <button type="button" onClick={() => closePipelines(levels.length - 1 - i)}>
                {level.name}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
