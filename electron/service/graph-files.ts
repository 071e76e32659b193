/**
 * Graph files on disk. Media inside the graph's folder are saved with relative paths, so a
 * project folder can move or be shared; the window always works with absolute paths. A graph is
 * read only from a regular file of at most MAX_GRAPH_FILE_BYTES (never a pipe or a device), and
 * no error quotes what a file holds.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../shared/api';
import { formatGraphErrors, MAX_GRAPH_FILE_BYTES, parseGraph, serializeGraph, type AssetSource, type GraphDocument } from '../../shared/graph';
import { mapAssetSources } from '../../shared/pipeline/expand';
import { writeFileAtomic } from '../engine/fs';
import { readRegularFile, RegularFileError, type RegularFileProblem } from '../engine/fs/regular-file';

const OPEN_ADVICE: Record<RegularFileProblem, string> = {
  'missing': 'It may have been moved, renamed or deleted.',
  'not-regular': 'Open a .seedance.json file.',
  'too-large': 'Seedance Flow graphs are far smaller: open a .seedance.json file.',
  'unreadable': 'Allow your user account to read it, or copy it to a folder you own.',
};

/** The text of a graph file; throws ApiError naming the problem (never the content). */
async function readGraphText(path: string): Promise<string> {
  try {
    return (await readRegularFile(path, { maxBytes: MAX_GRAPH_FILE_BYTES })).toString('utf8');
  } catch (error) {
    if (error instanceof RegularFileError) throw new ApiError('failed', `${error.message} ${OPEN_ADVICE[error.reason]}`);
    throw error;
  }
}

/**
 * Maps every local path of the graph: asset sources and their batch items (in the graphs its
 * pipeline nodes embed too), and the batch's CSV and rows.
 */
export function mapFilePaths(graph: GraphDocument, map: (path: string) => string): GraphDocument {
  const mapped = (source: AssetSource): AssetSource => (source.kind === 'file' ? { kind: 'file', path: map(source.path) } : source);
  const withSources = mapAssetSources(graph, mapped);
  const batch = graph.batch;
  if (!batch) return withSources;
  return {
    ...withSources,
    batch: {
      ...batch,
      ...(batch.csv !== undefined ? { csv: map(batch.csv) } : {}),
      ...(batch.rows ? { rows: batch.rows.map((row) => ({ ...row, bindings: Object.fromEntries(Object.entries(row.bindings).map(([name, source]) => [name, mapped(source)])) })) } : {}),
    },
  };
}

export async function readGraphFile(path: string): Promise<{ graph: GraphDocument; migratedFrom?: number }> {
  const parsed = parseGraph(await readGraphText(path));
  if (!parsed.ok) throw new ApiError('failed', `${path} is not a graph Seedance Flow can open:\n${formatGraphErrors(parsed.errors)}`);
  const folder = dirname(resolve(path));
  const graph = mapFilePaths(parsed.graph, (p) => (isAbsolute(p) ? p : resolve(folder, p)));
  return parsed.migratedFrom === undefined ? { graph } : { graph, migratedFrom: parsed.migratedFrom };
}

/** Serializes with paths inside the graph's folder made relative (with forward slashes). */
function graphFileText(path: string, graph: GraphDocument): string {
  const folder = dirname(resolve(path));
  return serializeGraph(
    mapFilePaths(graph, (p) => {
      if (!isAbsolute(p)) return p;
      const rel = relative(folder, p);
      return rel.startsWith('..') || isAbsolute(rel) ? p : rel.split(sep).join('/');
    }),
  );
}

export const GRAPH_FILE_SUFFIX = '.seedance.json';

/** Whether a name is a graph file's: it ends in .seedance.json (any case). */
export function isGraphFileName(path: string): boolean {
  return path.toLowerCase().endsWith(GRAPH_FILE_SUFFIX);
}

/**
 * What `writeGraphFile` may write over: a .seedance.json path that is new, or holds a graph this
 * app can read. Anything else (a start-up script, notes, a folder, a pipe) is left alone.
 */
async function checkSaveTarget(path: string): Promise<void> {
  if (!isGraphFileName(path)) {
    throw new ApiError('failed', `${path} was not written: graphs are saved only as .seedance.json files. Choose a name ending in .seedance.json.`);
  }
  let text: string;
  try {
    text = (await readRegularFile(path, { maxBytes: MAX_GRAPH_FILE_BYTES })).toString('utf8');
  } catch (error) {
    if (error instanceof RegularFileError && error.reason === 'missing') return;
    const reason = error instanceof RegularFileError ? error.message : `${path} cannot be checked.`;
    throw new ApiError('failed', `${reason} It was not replaced: choose another name.`);
  }
  if (!parseGraph(text).ok) {
    throw new ApiError('failed', `${path} already exists and is not a Seedance Flow graph this app can read, so it was not replaced. Choose another name.`);
  }
}

/** Writes a graph file atomically, after `checkSaveTarget`. */
export async function writeGraphFile(path: string, graph: GraphDocument): Promise<void> {
  await checkSaveTarget(path);
  await writeFileAtomic(path, graphFileText(path, graph));
}
