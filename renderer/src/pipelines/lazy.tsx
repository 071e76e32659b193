/** The pipeline node as the canvas registers it: its body loads on demand (ON_DEMAND in electron.vite.config.ts). */
import { lazy, Suspense } from 'react';
import type { EditorNodeProps } from '../nodes/types';

const Body = lazy(() => import('./PipelineNode'));

export function PipelineNodeLazy(props: EditorNodeProps) {
  return (
    <Suspense fallback={null}>
      <Body {...props} />
    </Suspense>
  );
}
