/**
 * Compare results (loaded on demand): a grid of runs (rows: takes, batch rows, runs) by the nodes
 * that made results (columns, by the user's names). Each cell plays its video (its last frame as
 * poster) or says the node's state in that run; "Play all" starts every video together. A result
 * can be marked as a favourite (kept in its sidecar JSON beside the files), and the favourites
 * copied into a folder the user chooses. Read from the ledger through `runs.list`/`tasks.list`.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ResultOf, RunView, SeedanceApi, TaskView } from '../../../shared/api';
import { useServices } from '../services/services';
import { useEditor } from '../store/editor';
import { Dialog, SubmitOrCancel } from '../ui/Dialog';
import { compareModel, runLabel, type CompareCell, type CompareColumn, type CompareRow } from './compare-model';
import { errorText } from '../ui/error-text';
import './compare.css';

/** Events of the shown runs come in bursts: the grid reads the ledger again after this pause. */
const REFRESH_MS = 250;

interface Loaded {
  runs: RunView[];
  tasks: TaskView[];
  /** The first file's path of every favourite result. */
  favourites: ReadonlySet<string>;
}

type CopyAnswer = Extract<ResultOf<'results.copyFavourites'>, { folder: string }>;

function copySummary(answer: CopyAnswer): string {
  const n = answer.copied.length;
  const there = answer.alreadyThere.length;
  const copied = n === 0 ? 'Nothing new was copied' : `Copied ${n} file${n === 1 ? '' : 's'}`;
  const renamed = answer.copied.filter((c) => / \(\d+\)(\.[^./\\]*)?$/.test(c.to)).length;
  return [
    `${copied} to ${answer.folder}.`,
    there > 0 ? `${there} ${there === 1 ? 'was' : 'were'} already there and left as ${there === 1 ? 'it was' : 'they were'}.` : '',
    renamed > 0 ? `${renamed} got a number added to ${renamed === 1 ? 'its' : 'their'} name, because another file had it.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The dialog: the grid of `runIds`, or first a list of recent runs to choose from when none are given. */
export function CompareDialog({ runIds, title: given, onClose }: { runIds: readonly string[]; title?: string | undefined; onClose: () => void }) {
  const [chosen, setChosen] = useState<readonly string[]>(runIds);
  const title = given ?? (runIds.length > 1 ? `Compare ${runIds.length} takes` : 'Compare runs');
  if (chosen.length === 0) {
    return (
      <Dialog title={title} onClose={onClose} className="sf-compare" description="Choose the runs to compare side by side: each becomes a row.">
        <RunChooser onChoose={setChosen} onClose={onClose} />
      </Dialog>
    );
  }
  return <CompareRuns runIds={chosen} title={title} onClose={onClose} onChooseOthers={() => setChosen([])} />;
}

/** Recent runs with a checkbox each; "Compare selected" shows them in the order they started. */
function RunChooser({ onChoose, onClose }: { onChoose: (runIds: string[]) => void; onClose: () => void }) {
  const { api } = useServices();
  const [runs, setRuns] = useState<RunView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let live = true;
    api['runs.list']({ limit: 200 }).then(
      (answer) => live && setRuns(answer.runs),
      (e: unknown) => live && setError(`Could not list the runs: ${errorText(e)} Close this and try again.`),
    );
    return () => {
      live = false;
    };
  }, [api]);
  function toggle(runId: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(runId);
    else next.delete(runId);
    setSelected(next);
  }
  function compare() {
    const order = (run: RunView) => [run.startedAt, String(run.batchRow ?? 0).padStart(6, '0'), String(run.repeat ?? 0).padStart(6, '0')].join(' ');
    onChoose((runs ?? []).filter((r) => selected.has(r.runId)).sort((a, b) => order(a).localeCompare(order(b))).map((r) => r.runId));
  }
  return (
    <>
      {error ? (
        <p role="alert" className="sf-error">
          {error}
        </p>
      ) : null}
      {runs === null ? null : runs.length === 0 ? (
        <p className="sf-hint">No runs yet: run the graph first.</p>
      ) : (
        <fieldset className="sf-compare-choose">
          <legend>Runs, newest first</legend>
          {runs.map((run) => (
            <label key={run.runId} className="sf-check">
              <input type="checkbox" checked={selected.has(run.runId)} onChange={(e) => toggle(run.runId, e.target.checked)} />
              <span>
                {run.graphName ?? 'Untitled'}: {runLabel(run, run.runId)}
                {run.repeat !== undefined || run.batchRow !== undefined ? `, ${new Date(run.startedAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}` : ''} ({run.outcome})
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="sf-dialog-buttons">
        <button type="button" disabled={selected.size === 0} onClick={compare}>
          Compare selected
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}

/** The runs, their tasks and which results are favourites, from the ledger and the sidecars. */
async function readResults(api: SeedanceApi, runIds: readonly string[]): Promise<Loaded> {
  const [{ runs }, lists, { paths }] = await Promise.all([
    api['runs.list']({ limit: 10_000 }),
    Promise.all(runIds.map((runId) => api['tasks.list']({ runId, limit: 10_000 }))),
    api['results.favourites']({ runIds: [...runIds] }),
  ]);
  return { runs, tasks: lists.flatMap((l) => l.tasks), favourites: new Set(paths) };
}

function CompareRuns({ runIds, title, onClose, onChooseOthers }: { runIds: readonly string[]; title: string; onClose: () => void; onChooseOthers: () => void }) {
  const { api } = useServices();
  const graph = useEditor((s) => s.graph);
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let asked = 0;
    const load = () => {
      const mine = ++asked;
      // Only the newest read is shown: an older answer arriving late is dropped.
      readResults(api, runIds).then(
        (loaded) => {
          if (!live || mine !== asked) return;
          setData(loaded);
          setLoadError(null);
        },
        (error: unknown) => live && mine === asked && setLoadError(`Could not read the results: ${errorText(error)} Close this and open it again to retry.`),
      );
    };
    load();
    // Runs still going: read again after each burst of their events.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('run.event', (event) => {
      if (!runIds.includes(event.runId)) return;
      clearTimeout(timer);
      timer = setTimeout(load, REFRESH_MS);
    });
    return () => {
      live = false;
      off();
      clearTimeout(timer);
    };
  }, [api, runIds]);

  const model = useMemo(() => (data ? compareModel(runIds, data.runs, data.tasks, graph) : null), [data, runIds, graph]);

  const setFavourite = useCallback(
    async (path: string, favourite: boolean) => {
      const { favourite: now } = await api['results.favourite']({ path, favourite });
      setData((d) => {
        if (!d) return d;
        const next = new Set(d.favourites);
        if (now) next.add(path);
        else next.delete(path);
        return { ...d, favourites: next };
      });
    },
    [api],
  );

  return (
    <Dialog
      title={title}
      onClose={onClose}
      className="sf-compare"
      description="Runs by the nodes that made results (one node: its takes side by side). Play the takes together, mark the ones you like as favourites (kept beside the files), and copy the favourites to a folder."
    >
      {loadError ? (
        <p role="alert" className="sf-error">
          {loadError}
        </p>
      ) : null}
      {model ? <CompareGrid columns={model.columns} rows={model.rows} favourites={data?.favourites ?? new Set()} onFavourite={setFavourite} /> : <p className="sf-hint">Reading the results…</p>}
      <CopyFavourites runIds={runIds} count={data?.favourites.size ?? 0} onClose={onClose} onChooseOthers={onChooseOthers} />
    </Dialog>
  );
}

interface GridProps {
  columns: CompareColumn[];
  rows: CompareRow[];
  favourites: ReadonlySet<string>;
  onFavourite(path: string, favourite: boolean): Promise<void>;
}

/** The grid with its "Play all" / "Pause all" control (exported for its component test). */
export function CompareGrid({ columns, rows, favourites, onFavourite }: GridProps) {
  const videos = useRef(new Map<string, HTMLVideoElement>());
  const [playing, setPlaying] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const hasVideos = rows.some((row) => row.cells.some((cell) => cell.kind === 'result' && cell.video));

  const track = useCallback((key: string, on: boolean) => {
    setPlaying((now) => {
      if (now.has(key) === on) return now;
      const next = new Set(now);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  function playAll() {
    setError(null);
    for (const video of videos.current.values()) {
      video.currentTime = 0;
      const started = video.play() as Promise<void> | undefined;
      started?.catch((e: unknown) => setError(`A video could not be played: ${errorText(e)}`));
    }
  }

  function pauseAll() {
    for (const video of videos.current.values()) video.pause();
  }

  async function toggle(path: string, favourite: boolean, name: string) {
    setError(null);
    try {
      await onFavourite(path, favourite);
    } catch (e) {
      setError(`Could not ${favourite ? 'mark' : 'unmark'} ${name} as a favourite: ${errorText(e)}`);
    }
  }

  /** The cell of a run (`row`) for the node of column `i`. */
  function cellOf(row: CompareRow, i: number) {
    const column = columns[i] as CompareColumn;
    const key = `${row.runId}\u0000${column.node}`;
    return (
      <Cell
        cell={row.cells[i] as CompareCell}
        name={`${row.label}, ${column.name}`}
        favourites={favourites}
        onToggle={toggle}
        videoRef={(el) => {
          if (el) videos.current.set(key, el);
          else videos.current.delete(key);
        }}
        onPlaying={(on) => track(key, on)}
      />
    );
  }

  if (rows.length === 0 || columns.length === 0) {
    return <p className="sf-hint">These runs have no results yet.</p>;
  }

  return (
    <>
      <div className="sf-compare-bar">
        <button type="button" disabled={!hasVideos} onClick={playing.size > 0 ? pauseAll : playAll}>
          {playing.size > 0 ? 'Pause all' : 'Play all'}
        </button>
        <span className="sf-hint" aria-live="polite">
          {favourites.size === 0 ? 'No favourites yet.' : `${favourites.size} favourite${favourites.size === 1 ? '' : 's'}.`}
        </span>
      </div>
      {error ? (
        <p role="alert" className="sf-error">
          {error}
        </p>
      ) : null}
      <div className="sf-compare-scroll">
        {/* One node: its takes side by side (a column each); else a row per run, a column per node. */}
        {columns.length === 1 && rows.length > 1 ? (
          <table className="sf-compare-grid" aria-label="Results by node and run">
            <thead>
              <tr>
                <th scope="col">Node</th>
                {rows.map((row) => (
                  <th key={row.runId} scope="col">
                    {row.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{(columns[0] as CompareColumn).name}</th>
                {rows.map((row) => (
                  <td key={row.runId}>{cellOf(row, 0)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        ) : (
          <table className="sf-compare-grid" aria-label="Results by run and node">
            <thead>
              <tr>
                <th scope="col">Run</th>
                {columns.map((column) => (
                  <th key={column.node} scope="col">
                    {column.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.runId}>
                  <th scope="row">{row.label}</th>
                  {row.cells.map((_cell, i) => (
                    <td key={(columns[i] as CompareColumn).node}>{cellOf(row, i)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}

interface CellProps {
  cell: CompareCell;
  /** "Take 2, Hero shot": the row and column, for the cell's controls. */
  name: string;
  favourites: ReadonlySet<string>;
  onToggle(path: string, favourite: boolean, name: string): Promise<void>;
  videoRef(el: HTMLVideoElement | null): void;
  onPlaying(on: boolean): void;
}

function Cell({ cell, name, favourites, onToggle, videoRef, onPlaying }: CellProps) {
  const { mediaUrl } = useServices();
  const [busy, setBusy] = useState(false);
  switch (cell.kind) {
    case 'result': {
      const key = cell.task.outputs[0]?.path as string;
      const favourite = favourites.has(key);
      return (
        <div className="sf-compare-cell">
          {cell.video ? (
            <video
              ref={videoRef}
              src={mediaUrl(cell.video.mediaId)}
              {...(cell.frame ? { poster: mediaUrl(cell.frame.mediaId) } : {})}
              controls
              preload="metadata"
              aria-label={`Result ${name}`}
              onPlay={() => onPlaying(true)}
              onPause={() => onPlaying(false)}
              onEnded={() => onPlaying(false)}
            />
          ) : cell.frame ? (
            <img src={mediaUrl(cell.frame.mediaId)} alt={`Result ${name}`} />
          ) : null}
          <button
            type="button"
            className="sf-compare-favourite"
            aria-pressed={favourite}
            aria-label={`Favourite ${name}`}
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onToggle(key, !favourite, name).finally(() => setBusy(false));
            }}
          >
            <span aria-hidden="true">{favourite ? '★' : '☆'}</span> Favourite
          </button>
        </div>
      );
    }
    case 'failed':
      return <p className="sf-compare-state sf-error">Failed: {cell.reason}</p>;
    case 'unknown':
      return <p className="sf-compare-state sf-error">Outcome unknown: {cell.reason}</p>;
    case 'cancelled':
      return <p className="sf-compare-state">Cancelled{cell.reason ? `: ${cell.reason}` : ''}</p>;
    case 'running':
      return <p className="sf-compare-state">Running…</p>;
    default:
      return <p className="sf-compare-state">Not run</p>;
  }
}

/** "Copy favourites to folder…": the native folder picker on the desktop, a typed path in browser mode. */
function CopyFavourites({ runIds, count, onClose, onChooseOthers }: { runIds: readonly string[]; count: number; onClose: () => void; onChooseOthers: () => void }) {
  const { api } = useServices();
  const [asking, setAsking] = useState(false);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);

  async function copy(typed?: string) {
    setBusy(true);
    setReport(null);
    try {
      const answer = await api['results.copyFavourites']({ runIds: [...runIds], ...(typed !== undefined ? { folder: typed } : {}) });
      if (answer.canceled) return;
      if (answer.unsupported) return setAsking(true);
      setAsking(false);
      setReport({ kind: 'done', text: copySummary(answer) });
    } catch (error) {
      setReport({ kind: 'error', text: `The favourites were not copied: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const typed = folder.trim();
    if (typed) void copy(typed);
  }

  return (
    <div className="sf-compare-copy">
      {asking ? (
        <form className="sf-form" onSubmit={onSubmit} aria-label="Copy favourites to a folder">
          <label className="sf-field">
            <span>Folder path</span>
            <input type="text" value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} data-autofocus placeholder="/home/me/Favourites" />
          </label>
          <p className="sf-hint">The full path of an existing folder on the machine running Seedance Flow. No file there is replaced.</p>
          <SubmitOrCancel label="Copy" disabled={busy || folder.trim() === ''} onCancel={() => setAsking(false)} />
        </form>
      ) : null}
      {report ? (
        <p role={report.kind === 'error' ? 'alert' : 'status'} className={report.kind === 'error' ? 'sf-error' : 'sf-hint'}>
          {report.text}
        </p>
      ) : null}
      <div className="sf-dialog-buttons">
        {!asking ? (
          <button type="button" disabled={busy || count === 0} onClick={() => void copy()}>
            Copy favourites to folder…
          </button>
        ) : null}
        <button type="button" onClick={onChooseOthers}>
          Choose other runs…
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
