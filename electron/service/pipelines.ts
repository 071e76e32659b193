/**
 * The pipeline library on disk: the `pipelines` folder in the data folder, plus the folders the
 * user added in Settings. Only graph files in those folders are read (each checked with the graph
 * schema, like any graph file) and only there are pipelines saved; a file that is not a pipeline
 * this app can read is reported in words, never quoted.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { ApiError, type PipelineEntry } from '../../shared/api';
import { formatGraphErrors, MAX_GRAPH_FILE_BYTES, parseGraph, serializeGraph, type GraphDocument } from '../../shared/graph';
import { errorCode, sha256Hex } from '../engine/fs';
import { readRegularFile, RegularFileError } from '../engine/fs/regular-file';
import { GRAPH_FILE_SUFFIX, mapFilePaths, writeGraphFile } from './graph-files';

/** The data folder's own pipelines folder. */
export function defaultPipelineFolder(dataDir: string): string {
  return join(dataDir, 'pipelines');
}

/** Every pipelines folder, the data folder's first, each once. */
export function pipelineFolders(dataDir: string, added: readonly string[]): string[] {
  const all = [defaultPipelineFolder(dataDir), ...added.filter((f) => isAbsolute(f))].map((f) => resolve(f));
  return [...new Set(all)];
}

/** sha256 of a graph's stable serialization: the version a pipeline node embeds. */
export function pipelineHash(graph: GraphDocument): string {
  return sha256Hex(serializeGraph(graph));
}

/** A library entry for a graph read from `path` (paths inside made absolute, as the window works with them). */
export function pipelineEntry(path: string, graph: GraphDocument): PipelineEntry {
  const folder = dirname(path);
  return {
    path,
    name: graph.name ?? basename(path).replace(/\.seedance\.json$/i, ''),
    hash: pipelineHash(graph),
    graph: mapFilePaths(graph, (p) => (isAbsolute(p) ? p : resolve(folder, p))),
  };
}

export interface PipelineListing {
  pipelines: PipelineEntry[];
  folders: string[];
  problems: { path: string; message: string }[];
}

/** Reads every pipeline in the folders; a missing folder is simply empty. */
export async function listPipelines(folders: readonly string[]): Promise<PipelineListing> {
  const pipelines: PipelineEntry[] = [];
  const problems: PipelineListing['problems'] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith(GRAPH_FILE_SUFFIX)).sort();
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') problems.push({ path: folder, message: `The pipelines folder ${folder} cannot be read. Check that it exists and that you may read it.` });
      continue;
    }
    for (const name of names) {
      const path = join(folder, name);
      let text: string;
      try {
        text = (await readRegularFile(path, { maxBytes: MAX_GRAPH_FILE_BYTES })).toString('utf8');
      } catch (error) {
        if (error instanceof RegularFileError) problems.push({ path, message: error.message });
        else throw error;
        continue;
      }
      const parsed = parseGraph(text);
      if (!parsed.ok) {
        problems.push({ path, message: `${name} is not a graph this app can read, so it is not listed:\n${formatGraphErrors(parsed.errors)}` });
        continue;
      }
      pipelines.push(pipelineEntry(path, parsed.graph));
    }
  }
  return { pipelines, folders: [...folders], problems };
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,119}$/;

/** Saves a graph as a pipeline into one of the folders; refuses any other place in words. */
export async function savePipeline(
  folders: readonly string[],
  args: { graph: GraphDocument; name: string; folder?: string | undefined; replace: boolean },
): Promise<PipelineEntry> {
  const name = args.name.trim().replace(/\.seedance\.json$/i, '');
  if (!FILE_NAME.test(name) || name.includes('..')) {
    throw new ApiError('bad-arguments', `"${args.name}" cannot be a pipeline's file name: use letters, digits, spaces, dots, dashes and underscores.`);
  }
  const folder = resolve(args.folder ?? (folders[0] as string));
  if (!folders.includes(folder)) {
    throw new ApiError('forbidden', `${folder} is not a pipelines folder. Add it in Settings › Pipeline folders first, or save into the library's own folder.`);
  }
  const path = join(folder, `${name}${GRAPH_FILE_SUFFIX}`);
  if (!path.startsWith(folder + sep)) throw new ApiError('forbidden', `${path} is outside the pipelines folder.`);
  if (!args.replace) {
    const exists = await stat(path).then(
      () => true,
      (error: unknown) => errorCode(error) !== 'ENOENT',
    );
    if (exists) throw new ApiError('failed', `A pipeline file named "${name}" is already in ${folder}. Choose another name, or replace it.`);
  }
  await mkdir(folder, { recursive: true });
  await writeGraphFile(path, args.graph);
  const written = parseGraph((await readRegularFile(path, { maxBytes: MAX_GRAPH_FILE_BYTES })).toString('utf8'));
  if (!written.ok) throw new ApiError('failed', `${path} was written but cannot be read back. Try saving again.`);
  return pipelineEntry(path, written.graph);
}
