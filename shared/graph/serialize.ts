/**
 * Stable serialization: the same graph always gives the same bytes, so saved pipelines make
 * clean diffs. Nodes and edges are ordered by id, variables by name, object keys in a fixed
 * order (identity first, then alphabetical), two-space indent and a final newline.
 */
import { graphSchema, type GraphDocument } from './schema';

const KEY_PRIORITY = ['format', 'version', 'name', 'description', 'id', 'type', 'source', 'sourceHandle', 'target', 'targetHandle'];

function keyOrder(a: string, b: string): number {
  const pa = KEY_PRIORITY.indexOf(a);
  const pb = KEY_PRIORITY.indexOf(b);
  if (pa !== -1 || pb !== -1) return (pa === -1 ? Infinity : pa) - (pb === -1 ? Infinity : pb);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns a copy of a JSON value with object keys in canonical order; drops undefined. */
function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(keyOrder)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalize(v);
    }
    return out;
  }
  return value;
}

const byKey = <T,>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Lists in canonical order, in the graph and in the graphs pipeline nodes embed. */
function ordered(graph: GraphDocument): GraphDocument {
  return {
    ...graph,
    nodes: [...graph.nodes]
      .sort(byKey((n) => n.id))
      .map((n) => (n.type === 'pipeline' ? { ...n, data: { ...n.data, graph: ordered(n.data.graph) } } : n)),
    edges: [...graph.edges].sort(byKey((e) => e.id)),
    variables: [...graph.variables].sort(byKey((v) => v.name)),
  };
}

/** The canonical text of a graph. Validates first: an invalid graph is never written. */
export function serializeGraph(graph: GraphDocument): string {
  return `${JSON.stringify(canonicalize(ordered(graphSchema.parse(graph))), null, 2)}\n`;
}
