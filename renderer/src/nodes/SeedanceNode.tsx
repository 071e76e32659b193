/**
 * The Seedance node: model picker, input slots that grow as they fill, the prompt editor, every
 * setting of the model, the two outputs, and the node's problems from the shared plan. Slots and
 * settings come from `describe(model)`; wiring rules from shared/graph; edits go through the store.
 */
import { memo, useId, useMemo, useRef } from 'react';
import {
  checkConnection,
  inputsOf,
  isNumbered,
  slotHandle,
  slotLabel,
  type GraphDocument,
  type GraphEdge,
  type SeedanceNode as SeedanceGraphNode,
  type TargetSlot,
} from '../../../shared/graph';
import { describe, MODEL_IDS, MODELS, type MediaKind, type ModelId, type SlotSpec } from '../../../shared/models';
import { PromptEditor, type PromptEditorHandle } from '../prompt/PromptEditor';
import { planOf, useEditor } from '../store/editor';
import { runStateOf, useRunStatus, type NodeRunEvent } from '../store/run-status';
import { nodeName, sourceName } from './names';
import { Port } from './Port';
import { ProblemsBadge, ProblemsList, useProblemsToggle, type Problem } from './Problems';
import { SettingsPanel } from './Settings';
import { sameNodeProps, type EditorNodeProps } from './types';
import './nodes.css';

/** One row of the inputs list: a slot, and the wire in it if any. */
export interface SlotRow {
  slot: TargetSlot;
  spec: SlotSpec;
  edge?: GraphEdge;
  /** For an empty slot: why any wire would be refused now (frame versus reference images, limits). */
  refused?: string;
}

const PROBE = '__slot-probe__';

/** Why the shared wiring rules would refuse any wire of this media into the slot, if they would. */
function refusal(graph: GraphDocument, nodeId: string, slot: TargetSlot, media: MediaKind): string | undefined {
  const probe: GraphDocument = {
    ...graph,
    nodes: [...graph.nodes, { id: PROBE, type: 'asset', position: { x: 0, y: 0 }, data: { media } }],
  };
  const check = checkConnection(probe, { source: PROBE, sourceHandle: 'media', target: nodeId, targetHandle: slotHandle(slot) });
  return check.ok ? undefined : check.reason;
}

/**
 * The slots the node shows for its model: every filled numbered slot plus one empty one until the
 * model's limit (autogrow), and the frame slots always.
 */
export function slotRows(graph: GraphDocument, nodeId: string, model: ModelId): SlotRow[] {
  const inputs = inputsOf(graph, nodeId);
  const rows: SlotRow[] = [];
  for (const spec of describe(model).slots) {
    const kind = spec.slot;
    if (isNumbered(kind)) {
      const filled = inputs[kind];
      filled.forEach((edge, i) => rows.push({ slot: { kind, index: i + 1 }, spec, edge }));
      if (filled.length < spec.max) {
        const slot: TargetSlot = { kind, index: filled.length + 1 };
        const refused = refusal(graph, nodeId, slot, spec.media);
        rows.push(refused ? { slot, spec, refused } : { slot, spec });
      }
    } else {
      const slot: TargetSlot = { kind };
      const edge = inputs[kind];
      if (edge) rows.push({ slot, spec, edge });
      else {
        const refused = refusal(graph, nodeId, slot, spec.media);
        rows.push(refused ? { slot, spec, refused } : { slot, spec });
      }
    }
  }
  return rows;
}

function SlotItem({
  row,
  nodeId,
  graph,
  count,
  onInsert,
}: {
  row: SlotRow;
  nodeId: string;
  graph: GraphDocument;
  /** How many inputs of this kind are wired (for Move down). */
  count: number;
  onInsert(token: string): void;
}) {
  const id = useId();
  const label = slotLabel(row.slot);
  const { edge, refused, spec } = row;
  const numbered = 'index' in row.slot;
  const index = 'index' in row.slot ? row.slot.index : 0;
  const kind = row.slot.kind;
  const moveSlot = useEditor((s) => s.moveSlot);
  const disconnect = useEditor((s) => s.disconnect);
  const describedBy = edge ? `${id}-source` : `${id}-state`;
  return (
    <li className={`sfn-slot${edge ? ' sfn-slot--filled' : ''}${refused ? ' sfn-slot--refused' : ''}`} title={refused}>
      <Port type="target" id={slotHandle(row.slot)} label={`Input ${label}`} describedBy={describedBy} connectable={!refused} />
      {edge && numbered ? (
        <button
          type="button"
          className="sfn-slot__label sfn-slot__label--token nodrag"
          aria-label={`Insert ${label} into the prompt`}
          title={`Insert ${label} into the prompt at the cursor`}
          onClick={() => onInsert(label)}
        >
          {label}
        </button>
      ) : (
        <span className="sfn-slot__label">{label}</span>
      )}
      {edge ? (
        <span id={`${id}-source`} className="sfn-slot__source">
          {sourceName(graph, edge)}
        </span>
      ) : (
        <span id={`${id}-state`} className={refused ? 'sfn-slot__refused' : 'sfn-slot__empty'}>
          {refused ?? (spec.required && index <= 1 ? `required: wire ${spec.media === 'audio' ? 'audio' : `a ${spec.media}`}` : 'empty')}
        </span>
      )}
      {edge && (
        <span className="sfn-slot__actions">
          {numbered && isNumbered(kind) && (
            <>
              <button
                type="button"
                className="sfn-icon-button nodrag"
                aria-label={`Move ${label} up`}
                title="Move up"
                disabled={index <= 1}
                onClick={() => moveSlot(nodeId, kind, index, index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="sfn-icon-button nodrag"
                aria-label={`Move ${label} down`}
                title="Move down"
                disabled={index >= count}
                onClick={() => moveSlot(nodeId, kind, index, index + 1)}
              >
                ↓
              </button>
            </>
          )}
          <button
            type="button"
            className="sfn-icon-button sfn-icon-button--danger nodrag"
            aria-label={`Unwire ${label}`}
            title="Unwire"
            onClick={(e) => {
              // The row stays (the slot moves up or empties): keep keyboard focus on its input.
              const port = e.currentTarget.closest('li')?.querySelector<HTMLElement>('.react-flow__handle');
              disconnect(edge.id);
              setTimeout(() => port?.focus(), 0);
            }}
          >
            ×
          </button>
        </span>
      )}
    </li>
  );
}

const RUN_WORDS: Record<ReturnType<typeof runStateOf>, string> = {
  queued: 'Queued',
  uploading: 'Uploading inputs',
  submitted: 'Submitted',
  running: 'Running',
  waiting: 'Waiting',
  succeeded: 'Done',
  reused: 'Reused an earlier result',
  failed: 'Failed',
  done: 'Done',
};

/** The node's last run event in words: "Running (processing)", "Failed: the reason". */
export function runStatusText(event: NodeRunEvent): string {
  const word = RUN_WORDS[runStateOf(event)];
  switch (event.type) {
    case 'task.status':
      return `${word} (${event.status})`;
    case 'task.waiting':
      return `${word}: ${event.reason}`;
    case 'task.failed':
      return `${event.outcome === 'unknown' ? 'Outcome unknown' : word}: ${event.message}`;
    case 'task.reused':
      return `${word}: ${event.reason}`;
    default:
      return word;
  }
}

function RunStatus({ nodeId }: { nodeId: string }) {
  const event = useRunStatus((s) => s.byNode[nodeId]);
  return (
    <p role="status" aria-label="Run status" className={`sfn-run${event ? ` sfn-run--${runStateOf(event)}` : ''}`}>
      {event ? runStatusText(event) : ''}
    </p>
  );
}

/**
 * The plan's issues for this node, and how many there are: prompt issues are summed up in one
 * line (the prompt editor lists them itself) but each counts in the badge.
 */
function problemsOf(graph: GraphDocument, nodeId: string): { problems: Problem[]; errors: number; warnings: number } {
  const mine = planOf(graph).issues.filter((i) => i.node === nodeId);
  const errors = mine.filter((i) => i.severity === 'error').length;
  const prompt = mine.filter((i) => i.field === 'prompt');
  const rest: Problem[] = mine.filter((i) => i.field !== 'prompt').map((i) => ({ severity: i.severity, message: i.message }));
  const promptErrors = prompt.filter((i) => i.severity === 'error').length;
  if (promptErrors > 0) {
    rest.push({
      severity: 'error',
      message: `The prompt has ${promptErrors} ${promptErrors === 1 ? 'problem' : 'problems'}; see the checks under it.`,
    });
  }
  for (const warning of prompt.filter((i) => i.severity === 'warning')) rest.push({ severity: 'warning', message: warning.message });
  return { problems: rest, errors, warnings: mine.length - errors };
}

function SeedanceBody({ node, graph }: { node: SeedanceGraphNode; graph: GraphDocument }) {
  const id = node.id;
  const modelId = useId();
  const editor = useRef<PromptEditorHandle>(null);
  const notice = useEditor((s) => s.notice);
  const setNotice = useEditor((s) => s.setNotice);
  const setModel = useEditor((s) => s.setModel);
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const endTyping = useEditor((s) => s.endTyping);
  const model = node.data.model;
  const rows = useMemo(() => slotRows(graph, id, model), [graph, id, model]);
  const inputs = useMemo(() => inputsOf(graph, id), [graph, id]);
  const { problems, errors, warnings } = useMemo(() => problemsOf(graph, id), [graph, id]);
  const toggle = useProblemsToggle();
  const lastFrameWired = graph.edges.some((e) => e.source === id && e.sourceHandle === 'lastFrame');
  const name = nodeName(node);
  // Only the planner may have a notice about this node (a refused wire, a model switch).
  const mine = notice?.node === id ? notice : null;

  return (
    <div role="group" aria-label={`Seedance node ${name}`} className="sfn-node sfn-node--seedance">
      <header className="sfn-node__header">
        <span className="sfn-node__icon" aria-hidden="true">
          ◆
        </span>
        <input
          className="sfn-node__title nodrag"
          aria-label="Node name"
          value={node.data.label ?? ''}
          placeholder={id}
          maxLength={200}
          onChange={(e) => updateNodeData(id, 'rename', { label: e.currentTarget.value || undefined }, { coalesce: `label:${id}` })}
          onBlur={endTyping}
        />
        <ProblemsBadge errors={errors} warnings={warnings} listId={toggle.listId} open={toggle.open} onToggle={toggle.toggle} />
      </header>
      {mine && (
        <div role="alert" className={`sfn-notice sfn-notice--${mine.kind}`}>
          <p>{mine.text}</p>
          <button type="button" className="sfn-icon-button nodrag" aria-label="Dismiss notice" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      <div className="sfn-field">
        <label htmlFor={modelId}>Model</label>
        <select id={modelId} className="nodrag" value={model} onChange={(e) => setModel(id, e.currentTarget.value as ModelId)}>
          {MODEL_IDS.map((m) => (
            <option key={m} value={m}>
              {MODELS[m].name}
            </option>
          ))}
        </select>
      </div>
      <section className="sfn-section">
        <h3 className="sfn-section__title">Inputs</h3>
        {rows.length === 0 ? (
          <p className="sfn-muted">{MODELS[model].name} takes no media inputs: the prompt alone drives it.</p>
        ) : (
          <ul className="sfn-slots" aria-label="Inputs">
            {rows.map((row) => (
              <SlotItem
                key={slotHandle(row.slot)}
                row={row}
                nodeId={id}
                graph={graph}
                count={isNumbered(row.slot.kind) ? inputs[row.slot.kind].length : 1}
                onInsert={(token) => editor.current?.insert(token)}
              />
            ))}
          </ul>
        )}
      </section>
      <PromptEditor nodeId={id} ref={editor} />
      <SettingsPanel nodeId={id} model={model} settings={node.data.settings} lastFrameWired={lastFrameWired} />
      <section className="sfn-section">
        <h3 className="sfn-section__title">Outputs</h3>
        <ul className="sfn-outputs" aria-label="Outputs">
          <li className="sfn-output">
            <span>Result video</span>
            <Port type="source" id="video" label={`${name} result video output`} />
          </li>
          <li className="sfn-output">
            <span>Last frame</span>
            <Port type="source" id="lastFrame" label={`${name} last frame output`} />
          </li>
        </ul>
      </section>
      <ProblemsList id={toggle.listId} problems={problems} open={toggle.open} />
      <RunStatus nodeId={id} />
    </div>
  );
}

export const SeedanceNode = memo(function SeedanceNode({ id }: EditorNodeProps) {
  const graph = useEditor((s) => s.graph);
  const node = graph.nodes.find((n) => n.id === id);
  if (!node || node.type !== 'seedance') {
    return <div className="sfn-node sfn-node--missing">This node is no longer in the graph.</div>;
  }
  return <SeedanceBody node={node} graph={graph} />;
}, sameNodeProps);
