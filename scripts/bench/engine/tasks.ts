/** The task both engine clients run: one text-to-video node, its prompt made unique per task. */
import { emptyGraph, type GraphDocument } from '../../../shared/graph';

export const BENCH_API_KEY = 'bench-key-0123456789';

export function taskGraph(i: number): GraphDocument {
  return {
    ...emptyGraph(),
    nodes: [{ id: 'shot', type: 'seedance', position: { x: 0, y: 0 }, data: { model: 'seedance-2.0-t2v', prompt: `A lighthouse at dusk, shot ${i}`, settings: {} } }],
  };
}
