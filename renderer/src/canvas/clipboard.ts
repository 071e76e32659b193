/**
 * Copy and paste of nodes through the system clipboard, as JSON text, so a selection can move
 * between windows and graphs. Pasting gives the nodes fresh ids, keeps only the wires between
 * pasted nodes, and makes each wire again through the shared wiring rules, so a paste can never
 * produce a wire the canvas would refuse.
 */
import { z } from 'zod';
import {
  connect as connectEdge,
  edgeSchema,
  graphNodeSchema,
  nextId,
  parseSlotHandle,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
} from '../../../shared/graph';

export const CLIPBOARD_FORMAT = 'seedance-flow.clipboard';

export interface ClipboardPayload {
  format: typeof CLIPBOARD_FORMAT;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const payloadSchema = z.strictObject({
  format: z.literal(CLIPBOARD_FORMAT),
  nodes: z.array(graphNodeSchema).max(1000),
  edges: z.array(edgeSchema).max(5000),
});

/** The selected nodes and the wires between them. */
export function makePayload(graph: GraphDocument, ids: readonly string[]): ClipboardPayload {
  const chosen = new Set(ids);
  return {
    format: CLIPBOARD_FORMAT,
    nodes: graph.nodes.filter((n) => chosen.has(n.id)),
    edges: graph.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)),
  };
}

export function payloadText(payload: ClipboardPayload): string {
  return JSON.stringify(payload);
}

/** Reads clipboard text; undefined if it is not a Seedance Flow selection. */
export function parsePayload(text: string): ClipboardPayload | undefined {
  if (!text.includes(CLIPBOARD_FORMAT)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = payloadSchema.safeParse(raw);
  return parsed.success ? (parsed.data as ClipboardPayload) : undefined;
}

function prefixOf(node: GraphNode): string {
  return node.type === 'seedance' ? 'shot' : node.type === 'note' ? 'note' : 'asset';
}

function slotOrder(edge: GraphEdge): number {
  const slot = parseSlotHandle(edge.targetHandle);
  return slot && 'index' in slot ? slot.index : 0;
}

export interface PasteResult {
  graph: GraphDocument;
  /** Ids of the pasted nodes, in the payload's order. */
  ids: string[];
  /** Wires that the rules refused, in words. */
  refused: string[];
}

/**
 * Adds the payload's nodes to `graph`, moved by `offset`, with new ids (and asset names made
 * unique), then re-makes the wires between them through `connect`.
 */
export function pasteInto(graph: GraphDocument, payload: ClipboardPayload, offset: { x: number; y: number }): PasteResult {
  const used = graph.nodes.map((n) => n.id);
  const names = new Set(graph.nodes.flatMap((n) => (n.type === 'asset' && n.data.name ? [n.data.name] : [])));
  const rename = new Map<string, string>();
  const added: GraphNode[] = [];
  for (const node of payload.nodes) {
    const id = nextId(prefixOf(node), used);
    used.push(id);
    rename.set(node.id, id);
    const position = { x: node.position.x + offset.x, y: node.position.y + offset.y };
    let copy = { ...node, id, position } as GraphNode;
    if (copy.type === 'asset' && copy.data.name) {
      let name = copy.data.name;
      for (let n = 2; names.has(name); n++) name = `${copy.data.name.slice(0, 60)}_${n}`;
      names.add(name);
      copy = { ...copy, data: { ...copy.data, name } };
    }
    added.push(copy);
  }
  let next: GraphDocument = { ...graph, nodes: [...graph.nodes, ...added] };
  const refused: string[] = [];
  // Slot order first, so numbered slots fill 1, 2, 3 as they were.
  const edges = [...payload.edges].sort((a, b) => a.target.localeCompare(b.target) || slotOrder(a) - slotOrder(b));
  for (const edge of edges) {
    const source = rename.get(edge.source);
    const target = rename.get(edge.target);
    if (!source || !target) continue;
    const result = connectEdge(next, { source, sourceHandle: edge.sourceHandle, target, targetHandle: edge.targetHandle });
    if (result.ok) next = result.graph;
    else refused.push(result.reason);
  }
  return { graph: next, ids: added.map((n) => n.id), refused };
}
