/** A node's results, newest first: play, step through, show in folder, copy the task id (NodeResults). */
import { useState } from 'react';
import type { TaskView } from '../../../shared/api';
import { useServices } from '../services/services';
import { useEditor } from '../store/editor';
import { fileNameOf } from './names';

function when(task: TaskView): string {
  const at = new Date(task.endedAt ?? task.startedAt);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

export function ResultsView({ results }: { results: readonly TaskView[] }) {
  const { api, mediaUrl } = useServices();
  // The result chosen by its key, so a new run's result (added first) does not shift the view;
  // none chosen, or gone: the newest.
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const found = results.findIndex((t) => t.taskKey === chosen);
  const at = found >= 0 ? found : 0;
  const task = results[at] as TaskView;
  const video = task.outputs.find((o) => o.kind === 'video');
  const frame = task.outputs.find((o) => o.kind === 'image');
  const main = video ?? task.outputs[0];
  const say = (kind: 'info' | 'error', text: string) => useEditor.getState().setNotice({ kind, text });

  async function reveal(path: string) {
    try {
      await api['shell.reveal']({ path });
    } catch (error) {
      say('error', `Could not show ${fileNameOf(path)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function copyTaskId(taskId: string) {
    try {
      await navigator.clipboard.writeText(taskId);
      say('info', `Copied task id ${taskId}.`);
    } catch {
      say('error', `Could not copy to the clipboard; the task id is ${taskId}.`);
    }
  }

  return (
    <section className="sfn-section sfn-results" aria-label="Results">
      <div className="sfn-results__bar">
        <span className="sfn-results__count" aria-live="polite">
          Result {at + 1} of {results.length}
        </span>
        <button type="button" className="sfn-icon-button nodrag" aria-label="Newer result" disabled={at === 0} onClick={() => setChosen(results[at - 1]?.taskKey)}>
          ‹
        </button>
        <button
          type="button"
          className="sfn-icon-button nodrag"
          aria-label="Older result"
          disabled={at === results.length - 1}
          onClick={() => setChosen(results[at + 1]?.taskKey)}
        >
          ›
        </button>
      </div>
      {video ? <video className="sfn-results__video nodrag" src={mediaUrl(video.mediaId)} controls preload="metadata" aria-label={`Result video ${fileNameOf(video.path)}`} /> : null}
      {frame ? <img className="sfn-results__frame" src={mediaUrl(frame.mediaId)} alt={`Last frame ${fileNameOf(frame.path)}`} /> : null}
      <p className="sfn-muted">
        {when(task)}
        {task.simulated ? ' · simulated, nothing paid' : ''}
        {task.reusedFrom ? ' · reused, nothing paid' : ''}
      </p>
      <div className="sfn-results__actions">
        {main ? (
          <button type="button" className="sfn-button nodrag" onClick={() => void reveal(main.path)} title={main.path}>
            Show in folder
          </button>
        ) : null}
        {task.taskId ? (
          <button type="button" className="sfn-button nodrag" onClick={() => void copyTaskId(task.taskId as string)}>
            Copy task id
          </button>
        ) : null}
      </div>
    </section>
  );
}
