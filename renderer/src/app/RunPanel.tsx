/**
 * Run: why the Run button is disabled (it points here), progress per node from the run events,
 * the results with previews, and the offer to resume runs a crash left unfinished.
 */
import { lazy, Suspense } from 'react';
import { findNode } from '../../../shared/graph';
import type { TaskView } from '../../../shared/api';
import { runBlocker } from '../commands/bindings';
import { useServices } from '../services/services';
import { runStateOf, useRunStatus } from '../store/run-status';
import { fileNameOf, nodeKindTitle, pathName } from '../nodes/names';
import { useEditor } from '../store/editor';
import { usePlan } from '../store/plan';
import { useShell } from '../store/shell';
import { openCompare } from '../store/compare';

// The cost line loads just after start: the window draws without waiting for it.
const RunEstimate = lazy(() => import('./RunEstimate').then((m) => ({ default: m.RunEstimate })));

/** The run panel's sentence that says why Run is disabled (the Run button points to it). */
export const RUN_REASON_ID = 'sf-run-reason';

/** Why Run is disabled now (from the plan, which follows typing after a pause), or undefined. */
export function useRunBlocker(): string | undefined {
  return usePlan(runBlocker);
}

function Output({ output, task }: { output: TaskView['outputs'][number]; task: TaskView }) {
  const { mediaUrl } = useServices();
  const node = useEditor((s) => findNode(s.graph, task.node));
  // A reused node paid nothing: its output is an earlier task's.
  const inner = useEditor((s) => (node ? undefined : pathName(s.graph, task.node)));
  const name = `${node ? nodeKindTitle(node) : (inner ?? task.node)}: ${fileNameOf(output.path)}${task.simulated ? ' (simulated)' : ''}${task.reusedFrom ? ' (reused)' : ''}`;
  return (
    <li className="sf-result">
      {output.kind === 'video' ? (
        <video src={mediaUrl(output.mediaId)} controls preload="metadata" aria-label={`Result ${name}`} />
      ) : output.kind === 'image' ? (
        <img src={mediaUrl(output.mediaId)} alt={`Result ${name}`} />
      ) : (
        <audio src={mediaUrl(output.mediaId)} controls aria-label={`Result ${name}`} />
      )}
      <span className="sf-result-name" title={task.reusedFrom ? `${output.path}, reused from task ${task.reusedFrom.taskId ?? task.reusedFrom.taskKey}` : output.path}>
        {name}
      </span>
    </li>
  );
}

export function RunPanel({ onResume }: { onResume: () => void }) {
  const graph = usePlan((s) => s.graph);
  const runProblems = useShell((s) => s.runProblems);
  const results = useShell((s) => s.results);
  const byNode = useRunStatus((s) => s.byNode);
  const active = useRunStatus((s) => s.active);
  const unfinished = useShell((s) => s.unfinishedRuns);
  const running = useShell((s) => s.running);
  const blocker = useRunBlocker();
  const progress = Object.entries(byNode);
  const outputs = results.flatMap((task) => task.outputs.map((output) => ({ task, output })));
  const runIds = useShell((s) => s.runIds);

  return (
    <section className="sf-panel sf-run" aria-labelledby="sf-run-title">
      <h2 id="sf-run-title" className="sf-panel-title">
        Run
      </h2>
      <p id={RUN_REASON_ID} className="sf-hint">
        {blocker ?? (active.length > 0 ? 'Running…' : 'Ready to run.')}
      </p>
      {blocker ? null : (
        <Suspense fallback={null}>
          <RunEstimate />
        </Suspense>
      )}
      {unfinished > 0 && !running ? (
        <div className="sf-resume">
          <p>
            {unfinished} run{unfinished === 1 ? ' was' : 's were'} left unfinished (the app or a command was stopped).
          </p>
          <button type="button" onClick={onResume}>
            Resume unfinished runs
          </button>
        </div>
      ) : null}
      {runProblems.length > 0 ? (
        <div role="alert" className="sf-error">
          <p>The run did not start:</p>
          <ul aria-label="Why the run did not start">
            {runProblems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {progress.length > 0 ? (
        <ul className="sf-progress" aria-label="Progress">
          {progress.map(([id, event]) => {
            const node = findNode(graph, id);
            return (
              <li key={id} className={`sf-progress-${runStateOf(event)}`}>
                {node ? nodeKindTitle(node) : (pathName(graph, id) ?? id)}: {runStateOf(event) === 'unknown' ? 'outcome unknown' : runStateOf(event)}
                {event.type === 'task.failed' ? ` (${event.message})` : ''}
              </li>
            );
          })}
        </ul>
      ) : null}
      <button type="button" className="sf-run-compare" onClick={() => openCompare(runIds.length > 1 ? runIds : [])}>
        Compare…
      </button>
      {outputs.length > 0 ? (
        <ul className="sf-results" aria-label="Results">
          {outputs.map(({ task, output }) => (
            <Output key={`${task.runId}-${task.taskKey}-${output.path}`} task={task} output={output} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
