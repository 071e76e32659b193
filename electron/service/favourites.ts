/**
 * Favourite results: a mark in the result's sidecar (`<node>.json` beside the outputs, written by
 * the runner), so it survives restarts and anyone reading the folder sees it; and copying the
 * favourites into a folder the user chose, never replacing a file there.
 *
 * Only sidecars of outputs the ledger knows are ever changed (a path the window names is looked up
 * among the runs' outputs), each written atomically with its other fields kept.
 */
import { constants, promises as fsp } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { ApiError } from '../../shared/api';
import { errorCode, sha256File, tempPathFor, writeFileAtomic } from '../engine/fs';
import type { DownloadedOutput, LedgerState } from '../engine/ledger';
import { outputNames } from '../engine/runner';

/** The sidecar field that marks a favourite (absent: not a favourite). */
export const FAVOURITE_FIELD = 'favourite';

/** One node's result in one run: its files (video, last frame) and its sidecar. */
export interface KnownResult {
  runId: string;
  node: string;
  /** Its first file's path as the ledger has it (and `tasks.list` shows it): the window's key for the result. */
  key: string;
  /** Its files, resolved. */
  files: string[];
  sidecar: string;
}

function resultOf(runId: string, node: string, outputs: readonly DownloadedOutput[]): KnownResult | undefined {
  const first = outputs[0];
  if (!first) return undefined;
  return { runId, node, key: first.path, files: outputs.map((o) => resolve(o.path)), sidecar: join(dirname(resolve(first.path)), outputNames(node).sidecar) };
}

/** The results of `runIds` (all runs when undefined) the ledger has files for: tasks downloaded, and nodes that reused one. */
export function knownResults(state: LedgerState, runIds?: readonly string[]): KnownResult[] {
  const wanted = runIds ? new Set(runIds) : undefined;
  const results: KnownResult[] = [];
  for (const task of state.tasks.values()) {
    if (wanted && !wanted.has(task.runId)) continue;
    const result = task.outputs ? resultOf(task.runId, task.nodeId, task.outputs) : undefined;
    if (result) results.push(result);
  }
  for (const run of state.runs.values()) {
    if (wanted && !wanted.has(run.runId)) continue;
    for (const reused of run.reused) {
      const result = resultOf(run.runId, reused.nodeId, reused.outputs ?? state.tasks.get(reused.sourceTaskKey)?.outputs ?? []);
      if (result) results.push(result);
    }
  }
  return results;
}

/** The result a path belongs to (any of its files), or a refusal that says what may be marked. */
export function resultOfPath(state: LedgerState, path: string): KnownResult {
  const absolute = resolve(path);
  const found = knownResults(state).find((r) => r.files.includes(absolute));
  if (!found) throw new ApiError('forbidden', `${basename(path)} is not a result of a run Seedance Flow knows: only run results can be marked as favourites.`);
  return found;
}

type Sidecar = Record<string, unknown>;

async function readSidecar(file: string): Promise<Sidecar> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new ApiError('failed', `${basename(file)}, the file that describes this result, is missing from ${dirname(file)}, so the favourite cannot be kept. Run the node again to get a result with it.`);
    }
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError('failed', `${file} is not the JSON object Seedance Flow wrote (was it edited?), so it was left as it is. Restore it or run the node again.`);
  }
  return parsed as Sidecar;
}

/** Whether a result's sidecar marks it as a favourite (a missing or unreadable one: no). */
export async function isFavourite(result: KnownResult): Promise<boolean> {
  try {
    return (await readSidecar(result.sidecar))[FAVOURITE_FIELD] === true;
  } catch {
    return false;
  }
}

/** Writes the mark into the sidecar (atomically), keeping every other field as it was. */
export async function writeFavourite(result: KnownResult, favourite: boolean): Promise<void> {
  const sidecar = await readSidecar(result.sidecar);
  if ((sidecar[FAVOURITE_FIELD] === true) === favourite) return;
  const { [FAVOURITE_FIELD]: _mark, ...others } = sidecar;
  const next: Sidecar = favourite ? { ...others, [FAVOURITE_FIELD]: true } : others;
  await writeFileAtomic(result.sidecar, `${JSON.stringify(next, null, 2)}\n`);
}

/** One file of a copy: where it came from and the name it has in the chosen folder. */
export interface CopiedFile {
  from: string;
  to: string;
}

export interface CopyReport {
  /** Copied now. */
  copied: CopiedFile[];
  /** Already in the folder with the same content (copied before): left as they were. */
  alreadyThere: CopiedFile[];
}

/** `a.last-frame.png` with suffix 2: `a.last-frame (2).png`. */
function withSuffix(name: string, n: number): string {
  if (n === 1) return name;
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
}

/** Whether `target` holds the same bytes as `source`; undefined when there is no file there. */
async function sameContent(source: string, target: string): Promise<boolean | undefined> {
  const stat = await fsp.lstat(target).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  });
  if (!stat) return undefined;
  if (!stat.isFile()) return false;
  if ((await fsp.stat(source)).size !== stat.size) return false;
  return (await sha256File(source)) === (await sha256File(target));
}

/**
 * Copies `source` to `target` only if nothing is there: whole (a temp file then a hard link, which
 * fails rather than replace) or, where the file system has no hard links, an exclusive copy.
 */
async function copyNew(source: string, target: string): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await fsp.copyFile(source, temp, constants.COPYFILE_EXCL);
    try {
      await fsp.link(temp, target);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') throw error;
      await fsp.copyFile(source, target, constants.COPYFILE_EXCL);
    }
  } finally {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
  }
}

/** The folder a typed (browser mode) or picked path names: absolute, existing, a folder. */
export async function checkedFolder(folder: string): Promise<string> {
  if (!isAbsolute(folder)) throw new ApiError('bad-arguments', `Type the full path of the folder (for example /home/me/Favourites), not "${folder}".`);
  const stat = await fsp.stat(folder).catch(() => undefined);
  if (!stat) throw new ApiError('failed', `There is no folder at ${folder}. Create it first, or check the path.`);
  if (!stat.isDirectory()) throw new ApiError('failed', `${folder} is a file, not a folder. Choose a folder to copy the favourites into.`);
  return resolve(folder);
}

/**
 * Copies each result's files and sidecar into `folder`, named `<run folder>-<file>` (the run
 * folder says which graph, row, take and run). Nothing in the folder is replaced: a result whose
 * names are taken by other files gets a suffix, " (2)", " (3)"…, the same for all its files; a
 * file already there with the same content is left and reported as such.
 */
export async function copyResults(results: readonly KnownResult[], folder: string): Promise<CopyReport> {
  const report: CopyReport = { copied: [], alreadyThere: [] };
  for (const result of results) {
    const sources = [...result.files, result.sidecar];
    const prefix = basename(dirname(result.sidecar));
    for (let n = 1; ; n++) {
      if (n > 1000) throw new ApiError('failed', `${folder} already holds a thousand other copies of ${basename(result.files[0] ?? result.sidecar)}; choose another folder.`);
      const targets = sources.map((source) => join(folder, withSuffix(`${prefix}-${basename(source)}`, n)));
      const found = await Promise.all(sources.map((source, i) => sameContent(source, targets[i] as string)));
      if (found.some((same) => same === false)) continue;
      const there: CopiedFile[] = [];
      try {
        for (const [i, source] of sources.entries()) {
          const target = targets[i] as string;
          if (found[i] === true) there.push({ from: source, to: target });
          else {
            await copyNew(source, target);
            report.copied.push({ from: source, to: target });
          }
        }
      } catch (error) {
        // Another program made a file of that name meanwhile: the whole result goes under the next suffix.
        if (errorCode(error) === 'EEXIST') continue;
        throw error;
      }
      report.alreadyThere.push(...there);
      break;
    }
  }
  return report;
}
