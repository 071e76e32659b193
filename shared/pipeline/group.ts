/**
 * Group and ungroup: selected nodes become one pipeline node (and back), keeping every wire.
 *
 * Group: wires coming in become the pipeline's inputs (one named asset inside per distinct
 * output wired in, so a clip feeding two nodes is one input); wires going out become its outputs.
 * The wires keep the slots they enter, so every prompt keeps its tokens. Named asset nodes, and
 * assets feeding nodes left outside, stay outside (a batch column keeps binding them) and are
 * wired into the pipeline's inputs. Variables the grouped prompts use are copied into the pipeline
 * and set from the outer ones (`"subject": "{{subject}}"`), so runs plan exactly as before.
 *
 * Ungroup: the inner nodes come back (ids that clash are renumbered), what was wired into an input
 * takes the inner asset's place, wires from an output start at the inner node it names, and the
 * pipeline's variables are written into the prompts.
 */
import { fillVariables, parsePrompt } from '../prompt/tokens';
import { mediaOfOutput, nextId } from '../graph/wiring';
import { emptyGraph, type AssetNode, type GraphDocument, type GraphEdge, type GraphNode, type GraphOutput, type PipelineNode } from '../graph/schema';
import { inputNameOf, outputNameOf } from './ports';

export type GroupResult = { ok: true; graph: GraphDocument; node: string } | { ok: false; reason: string };

/** A name for a port, from a node's label or id: letters, digits and underscores. */
function portName(text: string, used: Set<string>): string {
  let base = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 48) || 'port';
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}

function idFor(name: string, used: readonly string[]): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'pipeline';
  return used.includes(base) ? nextId(base, used) : base;
}

function labelOf(node: GraphNode): string {
  if (node.type === 'note') return node.id;
  if (node.type === 'asset') return node.data.name ?? node.data.label ?? node.id;
  return node.data.label ?? node.id;
}

/** Turns the selected nodes into one pipeline node named `name`. */
export function groupIntoPipeline(graph: GraphDocument, ids: readonly string[], name: string): GroupResult {
  const chosen = new Set(ids);
  const selected = graph.nodes.filter((n) => chosen.has(n.id));
  // Assets stay outside when a batch binds them (named) or when nodes left outside use them.
  const inside = new Set(
    selected
      .filter((n) => n.type !== 'asset' || (!n.data.name && graph.edges.every((e) => e.source !== n.id || chosen.has(e.target))))
      .map((n) => n.id),
  );
  const members = graph.nodes.filter((n) => inside.has(n.id));
  if (!members.some((n) => n.type === 'seedance' || n.type === 'pipeline')) {
    return { ok: false, reason: 'Select at least one Seedance or pipeline node to make a pipeline of.' };
  }
  const minX = Math.min(...members.map((n) => n.position.x));
  const minY = Math.min(...members.map((n) => n.position.y));
  const innerNodes: GraphNode[] = members.map((n) => ({ ...n, position: { x: n.position.x - minX + 240, y: n.position.y - minY } }));
  const innerEdges: GraphEdge[] = graph.edges.filter((e) => inside.has(e.source) && inside.has(e.target));
  const usedIds = innerNodes.map((n) => n.id);
  const usedEdgeIds = innerEdges.map((e) => e.id);
  const usedNames = new Set<string>();
  const outerEdges: GraphEdge[] = [];
  const outerEdgeIds = graph.edges.map((e) => e.id);
  const nodeId = idFor(name, graph.nodes.filter((n) => !inside.has(n.id)).map((n) => n.id));
  const newOuterEdge = (edge: Omit<GraphEdge, 'id'>) => {
    const id = nextId('e', outerEdgeIds);
    outerEdgeIds.push(id);
    outerEdges.push({ id, ...edge });
  };

  // Wires in: one input per distinct output wired in.
  const inputs = new Map<string, string>();
  let row = 0;
  for (const edge of graph.edges) {
    if (inside.has(edge.source) || !inside.has(edge.target)) continue;
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    let asset = inputs.get(key);
    if (asset === undefined) {
      const media = mediaOfOutput(graph, edge.source, edge.sourceHandle);
      const source = graph.nodes.find((n) => n.id === edge.source);
      if (!media || !source) return { ok: false, reason: `Wire ${edge.id} brings nothing a pipeline input can take. Remove it first.` };
      const inputName = portName(source.type === 'asset' && source.data.name ? source.data.name : labelOf(source), usedNames);
      asset = usedIds.includes(inputName) ? nextId(`${inputName}_`, usedIds) : inputName;
      usedIds.push(asset);
      const node: AssetNode = { id: asset, type: 'asset', position: { x: 0, y: row++ * 200 }, data: { media, name: inputName, label: labelOf(source) } };
      innerNodes.push(node);
      inputs.set(key, asset);
      newOuterEdge({ source: edge.source, sourceHandle: edge.sourceHandle, target: nodeId, targetHandle: `in:${inputName}` });
    }
    const id = nextId('e', usedEdgeIds);
    usedEdgeIds.push(id);
    innerEdges.push({ id, source: asset, sourceHandle: 'media', target: edge.target, targetHandle: edge.targetHandle });
  }

  // Wires out: one output per distinct output wired out.
  const outputs: GraphOutput[] = [];
  const outputByKey = new Map<string, string>();
  const outputNames = new Set<string>();
  for (const edge of graph.edges) {
    if (!inside.has(edge.source) || inside.has(edge.target)) continue;
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    let outName = outputByKey.get(key);
    if (outName === undefined) {
      if (edge.sourceHandle === 'media') return { ok: false, reason: `Wire ${edge.id} leaves from an asset: keep that asset outside the group.` };
      const source = graph.nodes.find((n) => n.id === edge.source) as GraphNode;
      outName = portName(`${labelOf(source)}${edge.sourceHandle === 'lastFrame' ? '_last_frame' : ''}`, outputNames);
      outputByKey.set(key, outName);
      outputs.push({ name: outName, node: edge.source, output: edge.sourceHandle });
    }
    newOuterEdge({ source: nodeId, sourceHandle: `out:${outName}`, target: edge.target, targetHandle: edge.targetHandle });
  }

  // Variables the grouped prompts use come along, set from the outer ones.
  const usedVars = new Set<string>();
  for (const n of members) {
    if (n.type !== 'seedance') continue;
    for (const segment of parsePrompt(n.data.prompt)) if (segment.type === 'variable') usedVars.add(segment.name);
  }
  const variables = graph.variables.filter((v) => usedVars.has(v.name));
  const inner: GraphDocument = {
    ...emptyGraph(name),
    nodes: innerNodes,
    edges: innerEdges,
    variables,
    ...(outputs.length > 0 ? { outputs } : {}),
  };
  const pipeline: PipelineNode = {
    id: nodeId,
    type: 'pipeline',
    position: { x: minX, y: minY },
    data: { label: name, graph: inner, ...(variables.length > 0 ? { variables: Object.fromEntries(variables.map((v) => [v.name, `{{${v.name}}}`])) } : {}) },
  };
  return {
    ok: true,
    node: nodeId,
    graph: {
      ...graph,
      nodes: [...graph.nodes.filter((n) => !inside.has(n.id)), pipeline],
      edges: [...graph.edges.filter((e) => !inside.has(e.source) && !inside.has(e.target)), ...outerEdges],
    },
  };
}

/** Puts a pipeline node's inner nodes back in the graph, wired as the pipeline was. */
export function ungroupPipeline(graph: GraphDocument, nodeId: string): GroupResult {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (node?.type !== 'pipeline') return { ok: false, reason: 'Select a pipeline node to ungroup.' };
  const inner = node.data.graph;
  const others = graph.nodes.filter((n) => n.id !== nodeId);
  const usedIds = others.map((n) => n.id);
  const rename = new Map<string, string>();
  for (const n of inner.nodes) {
    const id = usedIds.includes(n.id) ? nextId(n.id.replace(/[0-9]+$/, '') || 'node', usedIds) : n.id;
    usedIds.push(id);
    rename.set(n.id, id);
  }
  const into = graph.edges.filter((e) => e.target === nodeId);
  const from = graph.edges.filter((e) => e.source === nodeId);
  // Inputs wired from outside: the inner asset goes, its wires start at what was wired in.
  const replaced = new Map<string, GraphEdge>();
  for (const edge of into) {
    const name = inputNameOf(edge.targetHandle);
    const asset = inner.nodes.find((n) => n.type === 'asset' && n.data.name === name);
    if (asset) replaced.set(asset.id, edge);
  }
  const values: Record<string, string> = Object.fromEntries(inner.variables.map((v) => [v.name, node.data.variables?.[v.name] ?? v.value]));
  const outerNames = new Set(others.flatMap((n) => (n.type === 'asset' && n.data.name ? [n.data.name] : [])));
  const nodes: GraphNode[] = [];
  for (const n of inner.nodes) {
    if (replaced.has(n.id)) continue;
    const id = rename.get(n.id) as string;
    const position = { x: n.position.x + node.position.x, y: n.position.y + node.position.y };
    if (n.type === 'seedance') nodes.push({ ...n, id, position, data: { ...n.data, prompt: fillVariables(n.data.prompt, values) } });
    else if (n.type === 'asset' && n.data.name && outerNames.has(n.data.name)) {
      const { name: _clash, ...data } = n.data;
      nodes.push({ ...n, id, position, data: { ...data, label: data.label ?? _clash } });
    } else nodes.push({ ...n, id, position });
  }
  const usedEdgeIds = graph.edges.filter((e) => e.source !== nodeId && e.target !== nodeId).map((e) => e.id);
  const edgeId = (wanted: string) => {
    const id = usedEdgeIds.includes(wanted) ? nextId('e', usedEdgeIds) : wanted;
    usedEdgeIds.push(id);
    return id;
  };
  const edges: GraphEdge[] = graph.edges.filter((e) => e.source !== nodeId && e.target !== nodeId);
  for (const e of inner.edges) {
    const outer = replaced.get(e.source);
    edges.push({
      id: edgeId(e.id),
      source: outer ? outer.source : (rename.get(e.source) as string),
      sourceHandle: outer ? outer.sourceHandle : e.sourceHandle,
      target: rename.get(e.target) as string,
      targetHandle: e.targetHandle,
    });
  }
  for (const e of from) {
    const name = outputNameOf(e.sourceHandle);
    const output = inner.outputs?.find((o) => o.name === name);
    const source = output ? rename.get(output.node) : undefined;
    if (!output || !source) continue;
    edges.push({ ...e, id: edgeId(e.id), source, sourceHandle: output.output });
  }
  return { ok: true, node: nodeId, graph: { ...graph, nodes: [...others, ...nodes], edges } };
}
