/**
 * History: every run and task the ledger holds, across restarts, newest first, a page at a time
 * (filtered and searched on the Node side, so thousands of tasks stay quick). Each task says how
 * it went, in words, with what to do next; plays and shows its outputs; opens the graph as it was;
 * runs the node again as it was (asked first: it pays again); and a submit whose answer was lost
 * can be recovered by the task id the Modellix dashboard shows. Loaded on demand.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { HistoryEntry, HistoryStatus } from '../../../shared/api';
import { useServices } from '../services/services';
import { useEditor } from '../store/editor';
import { Dialog, SubmitOrCancel } from '../ui/Dialog';
import { fileNameOf } from '../nodes/names';
import { OutputActions } from '../nodes/OutputActions';
import type { AppCommands } from './commands';
import { errorText } from '../ui/error-text';

/** Tasks asked for at a time. */
export const HISTORY_PAGE = 100;

const STATUS_TEXT: Record<HistoryStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  reused: 'Reused, nothing paid',
  failed: 'Failed',
  cancelled: 'Cancelled',
  unknown: 'Outcome unknown',
};

/** What to do next, by how a task ended. */
const ADVICE: Partial<Record<HistoryStatus, string>> = {
  failed: 'Fix what the message names, then re-run the node (it is paid again).',
  unknown:
    'The submit may have reached Modellix and been billed, so it is never re-sent. Find the task on your Modellix dashboard and recover it by its task id; if it is not there, re-run the node.',
  cancelled: 'Re-run the node to make it again.',
};

const FILTERS: readonly (HistoryStatus | '')[] = ['', 'running', 'succeeded', 'reused', 'failed', 'cancelled', 'unknown'];

function when(iso: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "1 min 5 s", "12 s". */
export function durationText(from: string, to: string | undefined): string | undefined {
  if (!to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

type Say = (kind: 'info' | 'error', text: string) => void;

interface RowProps {
  entry: HistoryEntry;
  say: Say;
  onOpenGraph: (entry: HistoryEntry) => void;
  onRerun: (entry: HistoryEntry) => void;
  onRecovered: () => void;
}

function RecoverForm({ entry, onDone, onCancel }: { entry: HistoryEntry; onDone: () => void; onCancel: () => void }) {
  const { api } = useServices();
  const [taskId, setTaskId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api['task.recover']({ taskKey: entry.taskKey, taskId });
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="sf-history-recover" onSubmit={(e) => void submit(e)} aria-label={`Recover ${entry.label} by task id`}>
      <label className="sf-field">
        <span>Modellix task id</span>
        <input type="text" value={taskId} onChange={(e) => setTaskId(e.target.value)} placeholder="task-abc123" spellCheck={false} autoComplete="off" data-autofocus />
      </label>
      {error ? (
        <p role="alert" className="sf-error">
          {error}
        </p>
      ) : null}
      <SubmitOrCancel label="Recover" disabled={busy || taskId.trim() === ''} onCancel={onCancel} />
    </form>
  );
}

function HistoryRow({ entry, say, onOpenGraph, onRerun, onRecovered }: RowProps) {
  const { mediaUrl } = useServices();
  const [playing, setPlaying] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const video = entry.outputs.find((o) => o.kind === 'video');
  const main = video ?? entry.outputs[0];
  const duration = durationText(entry.startedAt, entry.endedAt);
  const advice = ADVICE[entry.status];
  const name = `${entry.label} in ${entry.graph}`;

  return (
    <li className={`sf-history-row sf-history-${entry.status}`} aria-label={`${name}: ${STATUS_TEXT[entry.status]}`}>
      <p className="sf-history-head">
        <strong>{entry.label}</strong>
        <span> · {entry.graph}</span>
        {entry.batchRow !== undefined ? <span> · row {entry.batchRow}</span> : null}
        <span className="sf-history-model"> · {entry.model}</span>
      </p>
      <p className="sf-history-status">
        <span className="sf-history-badge">{STATUS_TEXT[entry.status]}</span>
        {entry.resumed ? <span> · resumed after a restart</span> : null}
        {entry.simulated ? <span> · simulated, nothing paid</span> : null}
      </p>
      <p className="sf-history-times">
        Started {when(entry.startedAt)}
        {entry.endedAt ? ` · ended ${when(entry.endedAt)}` : ''}
        {duration ? ` · took ${duration}` : ''}
        {entry.taskId ? ` · task ${entry.taskId}` : ''}
      </p>
      {entry.message ? <p className={entry.status === 'failed' || entry.status === 'unknown' ? 'sf-history-error' : 'sf-hint'}>{entry.message}</p> : null}
      {advice && !entry.simulated ? <p className="sf-hint">{advice}</p> : null}
      {entry.prompt ? (
        <p className="sf-history-prompt" title={entry.prompt}>
          “{entry.prompt.length > 160 ? `${entry.prompt.slice(0, 160)}…` : entry.prompt}”
        </p>
      ) : null}
      {playing && video ? <video className="sf-history-video" src={mediaUrl(video.mediaId)} controls autoPlay aria-label={`Result video ${fileNameOf(video.path)}`} /> : null}
      <div className="sf-history-actions" role="group" aria-label={`Actions for ${name}`}>
        {video ? (
          <button type="button" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
            {playing ? 'Hide video' : 'Play'}
          </button>
        ) : null}
        {entry.outputs
          .filter((o) => o.kind !== 'video')
          .map((o) => (
            <a key={o.path} href={mediaUrl(o.mediaId)} target="_blank" rel="noreferrer">
              Open {fileNameOf(o.path)}
            </a>
          ))}
        <OutputActions main={main} taskId={entry.taskId} />
        <button type="button" onClick={() => onOpenGraph(entry)}>
          Open the graph as it was
        </button>
        {entry.status !== 'running' ? (
          <button type="button" onClick={() => onRerun(entry)}>
            Re-run…
          </button>
        ) : null}
        {entry.status === 'unknown' && !entry.simulated && !recovering ? (
          <button type="button" onClick={() => setRecovering(true)}>
            Recover by task id…
          </button>
        ) : null}
      </div>
      {recovering ? (
        <RecoverForm
          entry={entry}
          onCancel={() => setRecovering(false)}
          onDone={() => {
            setRecovering(false);
            say('info', `Recorded the task id for "${entry.label}"; its result is being fetched.`);
            onRecovered();
          }}
        />
      ) : null}
    </li>
  );
}

interface Rerun {
  entry: HistoryEntry;
  tasks: number;
  seconds: number;
}

function ConfirmRerun({ rerun, onAnswer }: { rerun: Rerun; onAnswer: (ok: boolean) => void }) {
  const { entry, tasks, seconds } = rerun;
  return (
    <Dialog
      role="alertdialog"
      title={`Re-run "${entry.label}" and pay again?`}
      description={`This sends "${entry.label}" again as it was in that run (same graph, variables and inputs) and pays for ${tasks} task${tasks === 1 ? '' : 's'}, about ${Math.round(seconds)} seconds of video. The nodes upstream keep their latest result while their request is unchanged; one without a result runs, and is paid, too.`}
      onClose={() => onAnswer(false)}
    >
      <div className="sf-dialog-buttons">
        <button type="button" onClick={() => onAnswer(true)}>
          Pay for {tasks} task{tasks === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={() => onAnswer(false)} data-autofocus>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

export function HistoryPanel({ commands, onClose }: { commands: Pick<AppCommands, 'openAsDocument' | 'followRuns'>; onClose: () => void }) {
  const { api } = useServices();
  const [status, setStatus] = useState<HistoryStatus | ''>('');
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rerun, setRerun] = useState<Rerun | null>(null);
  const shown = useRef(HISTORY_PAGE);
  const asked = useRef(0);
  const say: Say = useCallback((kind, message) => useEditor.getState().setNotice({ kind, text: message }), []);

  /** Reads the first `count` matching tasks again (a newer answer always wins). */
  const load = useCallback(
    (count: number) => {
      const mine = ++asked.current;
      api['history.list']({ ...(status ? { status } : {}), ...(text ? { text } : {}), offset: 0, limit: Math.min(500, count) }).then(
        (answer) => {
          if (mine !== asked.current) return;
          setEntries(answer.entries);
          setTotal(answer.total);
          setError(null);
        },
        (e: unknown) => mine === asked.current && setError(`Could not read the history: ${errorText(e)}`),
      );
    },
    [api, status, text],
  );

  // The search follows typing after a pause.
  useEffect(() => {
    const timer = setTimeout(() => setText(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    shown.current = HISTORY_PAGE;
    load(HISTORY_PAGE);
  }, [load]);

  // Runs going on (a resume, a re-run, a recovery) show as they move.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('run.event', (event) => {
      if (event.type !== 'node.done' && event.type !== 'run.done' && event.type !== 'task.submitted' && event.type !== 'task.failed' && event.type !== 'task.succeeded') return;
      timer ??= setTimeout(() => {
        timer = undefined;
        load(shown.current);
      }, 300);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [api, load]);

  async function more() {
    const offset = entries.length;
    try {
      const answer = await api['history.list']({ ...(status ? { status } : {}), ...(text ? { text } : {}), offset, limit: HISTORY_PAGE });
      shown.current = offset + answer.entries.length;
      setEntries((list) => [...list.slice(0, offset), ...answer.entries]);
      setTotal(answer.total);
    } catch (e) {
      setError(`Could not read the history: ${errorText(e)}`);
    }
  }

  async function openGraph(entry: HistoryEntry) {
    try {
      const { graph, startedAt } = await api['run.graph']({ runId: entry.runId });
      const label = `${graph.name ?? entry.graph} (as run ${when(startedAt)})`;
      if (await commands.openAsDocument({ ...graph, name: label }, `the graph of the run of ${when(startedAt)}`)) onClose();
    } catch (e) {
      say('error', `Could not open the graph of that run: ${errorText(e)}`);
    }
  }

  async function askRerun(entry: HistoryEntry) {
    try {
      const { tasks, seconds } = await api['task.rerun']({ taskKey: entry.taskKey, dryRun: true });
      setRerun({ entry, tasks, seconds });
    } catch (e) {
      say('error', `Could not re-run "${entry.label}": ${errorText(e)}`);
    }
  }

  async function answerRerun(ok: boolean) {
    const chosen = rerun;
    setRerun(null);
    if (!ok || !chosen) return;
    try {
      const { runIds } = await api['task.rerun']({ taskKey: chosen.entry.taskKey });
      commands.followRuns(runIds);
      say('info', `Re-running "${chosen.entry.label}" as it was (paid again).`);
      load(shown.current);
    } catch (e) {
      say('error', `Could not re-run "${chosen.entry.label}": ${errorText(e)}`);
    }
  }

  return (
    <>
    <Dialog title="History" onClose={onClose} className="sf-history" description="Every run and task, across restarts, newest first.">
      <div className="sf-history-filters">
        <label className="sf-field">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as HistoryStatus | '')}>
            {FILTERS.map((s) => (
              <option key={s} value={s}>
                {s ? STATUS_TEXT[s] : 'All'}
              </option>
            ))}
          </select>
        </label>
        <label className="sf-field">
          <span>Search</span>
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="Graph, node, prompt or task id" spellCheck={false} />
        </label>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="sf-hint" role="status">
        {total === null ? 'Reading the history…' : total === 0 ? 'No task matches.' : `Showing ${entries.length} of ${total} task${total === 1 ? '' : 's'}.`}
      </p>
      {error ? (
        <p role="alert" className="sf-error">
          {error}
        </p>
      ) : null}
      <ul className="sf-history-list" aria-label="Tasks">
        {entries.map((entry) => (
          <HistoryRow key={entry.taskKey} entry={entry} say={say} onOpenGraph={(e) => void openGraph(e)} onRerun={(e) => void askRerun(e)} onRecovered={() => load(shown.current)} />
        ))}
      </ul>
      {total !== null && entries.length < total ? (
        <button type="button" onClick={() => void more()}>
          Show {Math.min(HISTORY_PAGE, total - entries.length)} more
        </button>
      ) : null}
    </Dialog>
    {rerun ? <ConfirmRerun rerun={rerun} onAnswer={(ok) => void answerRerun(ok)} /> : null}
    </>
  );
}
