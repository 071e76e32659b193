/**
 * The graph every benchmark opens or plans: N nodes in units of four (a video and an image asset,
 * two Seedance video-to-video nodes), about 1.5 wires per node, every prompt naming its inputs so
 * the graph is valid. Units sit in a grid as wide as a 16:10 window; the viewport shows the
 * whole grid (or as much as the app's smallest zoom, 0.1, does), so app and bare page open at the
 * same place. Assets point at URLs: no media is read or decoded, only the canvas is measured.
 */
import { emptyGraph, type GraphDocument, type GraphEdge, type GraphNode } from '../../shared/graph';

/** Where a unit's nodes sit, from the unit's top-left corner. */
const UNIT = { width: 1300, height: 900 };
const MIN_ZOOM = 0.1;
export const BENCH_WINDOW = { width: 1600, height: 1000 };

export interface BenchGraphFacts {
  nodes: number;
  edges: number;
  seedance: number;
}

function unitNodes(k: number, origin: { x: number; y: number }): GraphNode[] {
  const at = (dx: number, dy: number) => ({ x: origin.x + dx, y: origin.y + dy });
  const chained = k > 0;
  return [
    { id: `clip${k}`, type: 'asset', position: at(0, 0), data: { media: 'video', source: { kind: 'url', url: `https://media.example.com/bench/clip-${k}.mp4` } } },
    { id: `look${k}`, type: 'asset', position: at(0, 420), data: { media: 'image', source: { kind: 'url', url: `https://media.example.com/bench/look-${k}.png` } } },
    {
      id: `restyle${k}`,
      type: 'seedance',
      position: at(380, 0),
      data: {
        model: 'seedance-2.0-v2v',
        prompt: chained ? `Restyle [Video 1] in the palette of [Image 1], matching the light of [Video 2]; shot ${k}.` : `Restyle [Video 1] in the palette of [Image 1]; shot ${k}.`,
        settings: {},
      },
    },
    {
      id: `extend${k}`,
      type: 'seedance',
      position: at(800, 0),
      data: { model: 'seedance-2.0-v2v', prompt: `Continue [Video 1] with the motion of [Video 2] in the look of [Image 1]; shot ${k}.`, settings: {} },
    },
  ];
}

function unitEdges(k: number): GraphEdge[] {
  const edges: GraphEdge[] = [
    { id: `e${k}a`, source: `clip${k}`, sourceHandle: 'media', target: `restyle${k}`, targetHandle: 'video:1' },
    { id: `e${k}b`, source: `look${k}`, sourceHandle: 'media', target: `restyle${k}`, targetHandle: 'image:1' },
    { id: `e${k}c`, source: `restyle${k}`, sourceHandle: 'video', target: `extend${k}`, targetHandle: 'video:1' },
    { id: `e${k}d`, source: `clip${k}`, sourceHandle: 'media', target: `extend${k}`, targetHandle: 'video:2' },
    { id: `e${k}e`, source: `look${k}`, sourceHandle: 'media', target: `extend${k}`, targetHandle: 'image:1' },
  ];
  if (k > 0) edges.push({ id: `e${k}f`, source: `extend${k - 1}`, sourceHandle: 'video', target: `restyle${k}`, targetHandle: 'video:2' });
  return edges;
}

/** A graph of exactly `nodes` nodes (a multiple of 4 keeps every unit whole and the graph valid). */
export function benchGraph(nodes: number): GraphDocument {
  if (!Number.isInteger(nodes) || nodes < 4) throw new RangeError(`a bench graph needs at least 4 nodes, not ${nodes}`);
  const units = Math.ceil(nodes / 4);
  const columns = Math.max(1, Math.round(Math.sqrt((units * (BENCH_WINDOW.width / BENCH_WINDOW.height) * UNIT.height) / UNIT.width)));
  const rows = Math.ceil(units / columns);
  const graphNodes: GraphNode[] = [];
  const graphEdges: GraphEdge[] = [];
  for (let k = 0; k < units; k++) {
    graphNodes.push(...unitNodes(k, { x: (k % columns) * UNIT.width, y: Math.floor(k / columns) * UNIT.height }));
    graphEdges.push(...unitEdges(k));
  }
  const kept = graphNodes.slice(0, nodes);
  const ids = new Set(kept.map((n) => n.id));
  const width = columns * UNIT.width;
  const height = rows * UNIT.height;
  const zoom = Math.max(MIN_ZOOM, Math.min(BENCH_WINDOW.width / width, BENCH_WINDOW.height / height));
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    ...emptyGraph(`Benchmark graph, ${nodes} nodes`),
    nodes: kept,
    edges: graphEdges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    viewport: { x: Math.round((BENCH_WINDOW.width - width * zoom) / 2), y: Math.round((BENCH_WINDOW.height - height * zoom) / 2), zoom: round(zoom) },
  };
}

export function factsOf(graph: GraphDocument): BenchGraphFacts {
  return { nodes: graph.nodes.length, edges: graph.edges.length, seedance: graph.nodes.filter((n) => n.type === 'seedance').length };
}
