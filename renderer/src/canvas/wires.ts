/** Words for wires, outputs and slots: the names the canvas, the wire buttons and the Connections dialog use. */
import { findNode, inputsOf, parseSlotHandle, slotHandle, slotLabel, type GraphDocument, type GraphEdge, type OutputHandle } from '../../../shared/graph';
import { slotsOf } from '../../../shared/models';
import { nodeKindTitle, nodeTitle } from '../nodes/names';

function outputName(handle: OutputHandle): string {
  return handle === 'video' ? 'result video' : handle === 'lastFrame' ? 'last frame' : 'output';
}

/** E.g. "clip.mp4 to shot1 [Video 1]" or "shot1 result video to shot2 [Video 2]". */
export function wireLabel(graph: GraphDocument, edge: GraphEdge): string {
  const source = findNode(graph, edge.source);
  const target = findNode(graph, edge.target);
  const slot = parseSlotHandle(edge.targetHandle);
  const from = source ? `${nodeTitle(source)}${source.type === 'seedance' ? ` ${outputName(edge.sourceHandle)}` : source.type === 'pipeline' ? ` ${edge.sourceHandle.slice(4)}` : ''}` : edge.source;
  // A pipeline node's input is `in:<name>`: "input <name>".
  const to = `${target ? nodeTitle(target) : edge.target} ${slot ? slotLabel(slot) : edge.targetHandle.replace(/^in:/, 'input ')}`;
  return `${from} to ${to}`;
}

export interface OutputOption {
  value: string;
  source: string;
  sourceHandle: OutputHandle;
  label: string;
}

/** Every output on the canvas a wire can start from. */
export function outputOptions(graph: GraphDocument): OutputOption[] {
  const out: OutputOption[] = [];
  for (const node of graph.nodes) {
    if (node.type === 'asset') out.push({ value: `${node.id}|media`, source: node.id, sourceHandle: 'media', label: nodeKindTitle(node) });
    if (node.type === 'seedance') {
      for (const handle of ['video', 'lastFrame'] as const) {
        out.push({ value: `${node.id}|${handle}`, source: node.id, sourceHandle: handle, label: `${nodeKindTitle(node)}: ${outputName(handle)}` });
      }
    }
    // A pipeline node's outputs: those its pipeline lists.
    if (node.type === 'pipeline') for (const o of node.data.graph.outputs ?? []) out.push({ value: `${node.id}|out:${o.name}`, source: node.id, sourceHandle: `out:${o.name}`, label: `${nodeKindTitle(node)}: ${o.name}` });
  }
  return out;
}

export interface SlotOption {
  value: string;
  target: string;
  targetHandle: string;
  label: string;
}

/** Every input slot a wire can end in: filled slots (to replace) and the next free one of each kind. */
export function slotOptions(graph: GraphDocument): SlotOption[] {
  const out: SlotOption[] = [];
  for (const node of graph.nodes) {
    // A pipeline node's inputs: its pipeline's named assets.
    if (node.type === 'pipeline') {
      for (const n of node.data.graph.nodes) if (n.type === 'asset' && n.data.name) out.push({ value: `${node.id}|in:${n.data.name}`, target: node.id, targetHandle: `in:${n.data.name}`, label: `${nodeKindTitle(node)}: input ${n.data.name}` });
    }
    if (node.type !== 'seedance') continue;
    const inputs = inputsOf(graph, node.id);
    const name = nodeKindTitle(node);
    const fromOf = (edge: GraphEdge | undefined) => {
      const source = edge && findNode(graph, edge.source);
      return source ? ` (now ${nodeTitle(source)}; replace it)` : '';
    };
    for (const spec of slotsOf(node.data.model)) {
      if (spec.slot === 'video' || spec.slot === 'image' || spec.slot === 'audio') {
        const filled = inputs[spec.slot];
        filled.forEach((edge, i) => {
          const handle = slotHandle({ kind: spec.slot as 'video', index: i + 1 });
          out.push({ value: `${node.id}|${handle}`, target: node.id, targetHandle: handle, label: `${name}: ${slotLabel({ kind: spec.slot as 'video', index: i + 1 })}${fromOf(edge)}` });
        });
        if (filled.length < spec.max) {
          const handle = slotHandle({ kind: spec.slot, index: filled.length + 1 });
          out.push({ value: `${node.id}|${handle}`, target: node.id, targetHandle: handle, label: `${name}: ${slotLabel({ kind: spec.slot, index: filled.length + 1 })}` });
        }
      } else {
        const edge = inputs[spec.slot];
        out.push({ value: `${node.id}|${spec.slot}`, target: node.id, targetHandle: spec.slot, label: `${name}: ${slotLabel({ kind: spec.slot })}${fromOf(edge)}` });
      }
    }
  }
  return out;
}
