/**
 * A Seedance node's results on the node itself (ResultsView, loaded when a node first has any):
 * the video plays there, the last frame shows as an image, and earlier runs' results stay a
 * click away. They come from the ledger (store/node-results), so they are still there after a
 * restart.
 */
import { lazy, Suspense } from 'react';
import { useResultsOf } from '../store/node-results';

const ResultsView = lazy(() => import('./ResultsView').then((m) => ({ default: m.ResultsView })));

export function NodeResults({ nodeId }: { nodeId: string }) {
  const results = useResultsOf(nodeId);
  return results.length > 0 ? (
    <Suspense fallback={null}>
      <ResultsView results={results} />
    </Suspense>
  ) : null;
}
