/** A node's results, newest first: play, step through, show in folder, copy the task id (NodeResults). */
import { useState } from 'react';
import type { TaskView } from '../../../shared/api';
import { useServices } from '../services/services';
import { fileNameOf } from './names';
import { OutputActions } from './OutputActions';

function when(task: TaskView): string {
  const at = new Date(task.endedAt ?? task.startedAt);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

export function ResultsView({ results }: { results: readonly TaskView[] }) {
  const { mediaUrl } = useServices();
  // The result chosen by its key, so a new run's result (added first) does not shift the view;
  // none chosen, or gone: the newest.
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const found = results.findIndex((t) => t.taskKey === chosen);
  const at = found >= 0 ? found : 0;
  const task = results[at] as TaskView;
  const video = task.outputs.find((o) => o.kind === 'video');
  const frame = task.outputs.find((o) => o.kind === 'image');
  const main = video ?? task.outputs[0];

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
        <OutputActions main={main} taskId={task.taskId} className="sfn-button nodrag" />
      </div>
    </section>
  );
}
