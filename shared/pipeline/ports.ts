/**
 * The ports of a pipeline: a saved graph used as one node. Its inputs are its named asset nodes
 * (the names batch columns bind), its outputs the graph's `outputs` list, its settings its text
 * variables. The canvas, the wiring rules and the expansion all read ports from here.
 */
import type { MediaKind } from '../models/fields';
import { PIPELINE_INPUT_PATTERN, PIPELINE_OUTPUT_PATTERN } from '../graph/handles';
import type { GraphDocument, GraphOutput, PipelineNode } from '../graph/schema';

export interface PipelineInputPort {
  /** The asset node's `name`; the handle is `in:<name>`. */
  name: string;
  handle: string;
  media: MediaKind;
  label?: string;
  /** The inner asset has a file or URL of its own, used when nothing is wired in. */
  hasDefault: boolean;
}

export interface PipelineOutputPort {
  name: string;
  /** `out:<name>`. */
  handle: string;
  /** What it carries; undefined when the output names nothing the pipeline holds. */
  media: MediaKind | undefined;
}

export interface PipelineVariablePort {
  name: string;
  /** The pipeline's own default. */
  value: string;
  description?: string;
}

export interface PipelinePorts {
  inputs: PipelineInputPort[];
  outputs: PipelineOutputPort[];
  variables: PipelineVariablePort[];
}

export const inputHandle = (name: string): string => `in:${name}`;
export const outputHandle = (name: string): `out:${string}` => `out:${name}`;

/** The input name of an `in:<name>` handle. */
export function inputNameOf(handle: string): string | undefined {
  return PIPELINE_INPUT_PATTERN.exec(handle)?.[1];
}

/** The output name of an `out:<name>` handle. */
export function outputNameOf(handle: string): string | undefined {
  return PIPELINE_OUTPUT_PATTERN.exec(handle)?.[1];
}

const MAX_DEPTH = 16;

/** The media an output of a graph carries (following outputs of pipeline nodes inside it). */
export function mediaOfGraphOutput(graph: GraphDocument, output: GraphOutput, depth = 0): MediaKind | undefined {
  const node = graph.nodes.find((n) => n.id === output.node);
  if (!node || depth > MAX_DEPTH) return undefined;
  if (node.type === 'seedance') return output.output === 'video' ? 'video' : output.output === 'lastFrame' ? 'image' : undefined;
  if (node.type === 'pipeline') {
    const name = outputNameOf(output.output);
    const inner = name === undefined ? undefined : node.data.graph.outputs?.find((o) => o.name === name);
    return inner ? mediaOfGraphOutput(node.data.graph, inner, depth + 1) : undefined;
  }
  return undefined;
}

/** The ports a graph has when it is used as a pipeline node. */
export function pipelinePorts(graph: GraphDocument): PipelinePorts {
  const inputs: PipelineInputPort[] = [];
  for (const node of graph.nodes) {
    if (node.type !== 'asset' || !node.data.name) continue;
    inputs.push({
      name: node.data.name,
      handle: inputHandle(node.data.name),
      media: node.data.media,
      ...(node.data.label ? { label: node.data.label } : {}),
      hasDefault: node.data.source !== undefined,
    });
  }
  inputs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const outputs = (graph.outputs ?? []).map((o) => ({
    name: o.name,
    handle: outputHandle(o.name),
    media: mediaOfGraphOutput(graph, o),
  }));
  const variables = graph.variables.map((v) => ({ name: v.name, value: v.value, ...(v.description ? { description: v.description } : {}) }));
  return { inputs, outputs, variables };
}

const portCache = new WeakMap<GraphDocument, PipelinePorts>();

/** The ports of a pipeline node (cached per embedded graph). */
export function portsOf(node: PipelineNode): PipelinePorts {
  let ports = portCache.get(node.data.graph);
  if (!ports) {
    ports = pipelinePorts(node.data.graph);
    portCache.set(node.data.graph, ports);
  }
  return ports;
}

/** What to call a pipeline node: its label, its pipeline's name, or its id. */
export function pipelineName(node: PipelineNode): string {
  return node.data.label ?? node.data.graph.name ?? node.id;
}

/**
 * The id, inside a pipeline node, of the node that makes an output (`extend`, or through a nested
 * pipeline `ext/extend2`): with the pipeline node's id in front, the plan's task id for it.
 */
export function outputNodePath(graph: GraphDocument, name: string, depth = 0): string | undefined {
  const output = graph.outputs?.find((o) => o.name === name);
  const node = output && graph.nodes.find((n) => n.id === output.node);
  if (!output || !node || depth > MAX_DEPTH) return undefined;
  if (node.type === 'seedance') return node.id;
  if (node.type !== 'pipeline') return undefined;
  const inner = outputNameOf(output.output);
  const rest = inner === undefined ? undefined : outputNodePath(node.data.graph, inner, depth + 1);
  return rest === undefined ? undefined : `${node.id}/${rest}`;
}
