/**
 * What to call things on the canvas: a node, a file, the input wired into a slot. Shared by the
 * nodes and the prompt editor so a chip and its slot always say the same name.
 */
import { findNode, type GraphDocument, type GraphEdge, type GraphNode } from '../../../shared/graph';

/** The last part of a path, for either separator (no Node `path` in the renderer). */
export function fileNameOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** The last part of a URL's path, or its host when it has none. */
export function urlNameOf(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  const last = parsed.pathname.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last) : parsed.host;
}

const KIND_NAMES = { video: 'Video', image: 'Image', audio: 'Audio' } as const;

/** The name a node goes by: its label, else (assets) its batch name or file name, else its id. */
export function nodeName(node: GraphNode): string {
  if (node.type === 'note') return 'Note';
  if (node.data.label) return node.data.label;
  if (node.type === 'seedance') return node.id;
  if (node.type === 'pipeline') return node.data.graph.name ?? node.id;
  if (node.data.name) return node.data.name;
  const source = node.data.source;
  if (source?.kind === 'file') return fileNameOf(source.path);
  if (source?.kind === 'url') return urlNameOf(source.url);
  return `${KIND_NAMES[node.data.media]} ${node.id}`;
}

/**
 * What to call a node by its plan id where it is inside pipeline nodes (`<pipeline>/<inner>`,
 * shared/pipeline/expand.ts): the names on the way in, "Take A › Extension 1".
 */
export function pathName(graph: GraphDocument, id: string): string | undefined {
  const names: string[] = [];
  let inner: GraphDocument | undefined = graph;
  for (const part of id.split('/')) {
    const node: GraphNode | undefined = inner?.nodes.find((n) => n.id === part);
    if (!node) return undefined;
    names.push(nodeName(node));
    inner = node.type === 'pipeline' ? node.data.graph : undefined;
  }
  return names.join(' › ');
}

/** A short, human name for a node: label, batch name, file name, id ("note <id>" for a note). */
export function nodeTitle(node: GraphNode): string {
  return node.type === 'note' ? `note ${node.id}` : nodeName(node);
}

/** What a node is, e.g. "Video asset clip.mp4", "Seedance node shot1": the names the node components use. */
export function nodeKindTitle(node: GraphNode): string {
  if (node.type === 'note') return `Note ${node.id}`;
  const what = node.type === 'asset' ? `${KIND_NAMES[node.data.media]} asset` : node.type === 'pipeline' ? 'Pipeline' : 'Seedance node';
  return `${what} ${nodeName(node)}`;
}

/** What is wired in through `edge`: the asset's name, or "<node> · result video / last frame". */
export function sourceName(graph: GraphDocument, edge: GraphEdge): string {
  const source = findNode(graph, edge.source);
  if (!source) return edge.source;
  if (source.type === 'pipeline') return `${nodeName(source)} · ${edge.sourceHandle.replace(/^out:/, '')}`;
  if (source.type !== 'seedance') return nodeName(source);
  return `${nodeName(source)} · ${edge.sourceHandle === 'lastFrame' ? 'last frame' : 'result video'}`;
}
