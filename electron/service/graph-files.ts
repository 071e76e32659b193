/**
 * Graph files on disk. Media inside the graph's folder are saved with relative paths, so a
 * project folder can move or be shared; the window always works with absolute paths.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../shared/api';
import { formatGraphErrors, parseGraph, serializeGraph, type GraphDocument } from '../../shared/graph';
import { writeFileAtomic } from '../engine/fs';

function mapFilePaths(graph: GraphDocument, map: (path: string) => string): GraphDocument {
  return {
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.type === 'asset' && node.data.source?.kind === 'file'
        ? { ...node, data: { ...node.data, source: { kind: 'file', path: map(node.data.source.path) } } }
        : node,
    ),
  };
}

export async function readGraphFile(path: string): Promise<{ graph: GraphDocument; migratedFrom?: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApiError('failed', code === 'ENOENT' ? `${path} does not exist any more.` : `Could not read ${path}: ${(error as Error).message}`);
  }
  const parsed = parseGraph(text);
  if (!parsed.ok) throw new ApiError('failed', `${path} is not a graph Seedance Flow can open:\n${formatGraphErrors(parsed.errors)}`);
  const folder = dirname(resolve(path));
  const graph = mapFilePaths(parsed.graph, (p) => (isAbsolute(p) ? p : resolve(folder, p)));
  return parsed.migratedFrom === undefined ? { graph } : { graph, migratedFrom: parsed.migratedFrom };
}

/** Serializes with paths inside the graph's folder made relative (with forward slashes). */
export function graphFileText(path: string, graph: GraphDocument): string {
  const folder = dirname(resolve(path));
  return serializeGraph(
    mapFilePaths(graph, (p) => {
      if (!isAbsolute(p)) return p;
      const rel = relative(folder, p);
      return rel.startsWith('..') || isAbsolute(rel) ? p : rel.split(sep).join('/');
    }),
  );
}

export async function writeGraphFile(path: string, graph: GraphDocument): Promise<void> {
  await writeFileAtomic(path, graphFileText(path, graph));
}
