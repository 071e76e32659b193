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

/** The canonical text of a graph. Validates first: an invalid graph is never written. */
export function serializeGraph(graph: GraphDocument): string {
  const valid = graphSchema.parse(graph);
  const ordered = {
    ...valid,
    nodes: [...valid.nodes].sort(byKey((n) => n.id)),
    edges: [...valid.edges].sort(byKey((e) => e.id)),
    variables: [...valid.variables].sort(byKey((v) => v.name)),
  };
  return `${JSON.stringify(canonicalize(ordered), null, 2)}\n`;
}
