/**
 * The Seedance node: model picker, input slots that grow as they fill, the prompt editor, every
 * setting of the model, the two outputs, and the node's problems from the shared plan. Slots and
 * settings come from `describe(model)`; wiring rules from shared/graph; edits go through the store.
 */
import { lazy, memo, Suspense, useId, useMemo, useRef, useState } from 'react';
import { edgesFrom, edgesInto, findNode, isNumbered, slotHandle, slotLabel, type SeedanceNode as SeedanceGraphNode } from '../../../shared/graph';
import { MODEL_IDS, MODELS, type ModelId } from '../../../shared/models';
import type { NumberedKind } from '../../../shared/prompt';
import { PromptEditor, type PromptEditorHandle } from '../prompt/PromptEditor';
import { useEditor } from '../store/editor';
import { useNodeIssues } from '../store/plan';
import { isWithService, runStateOf, useRunStatus } from '../store/run-status';
import { formatElapsed, problemsOf, runStatusText, settingsSummary, slotRows, type SlotRow } from './seedance-view';
import { useElapsed } from './use-elapsed';
import { nodeName, sourceName } from './names';
import { NodeResults } from './NodeResults';
import { NodeRunActions } from './NodeRunActions';

export { runStatusText, slotRows, type SlotRow };
import { Port } from './Port';
import { ProblemsBadge, ProblemsList, useProblemsToggle } from './Problems';
import { sameNodeProps, type EditorNodeProps } from './types';
import './nodes.css';

// The settings form loads when a node's settings are first unfolded: the window starts without it.
const SettingsPanel = lazy(() => import('./Settings').then((m) => ({ default: m.SettingsPanel })));

function SlotItem({
  row,
  nodeId,
  count,
  onInsert,
}: {
  row: SlotRow;
  nodeId: string;
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
  // Only the name of what is wired in: the row re-renders when that name changes, not on every edit.
  const source = useEditor((s) => (edge ? sourceName(s.graph, edge) : ''));
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
          {source}
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

function RunStatus({ nodeId }: { nodeId: string }) {
  const event = useRunStatus((s) => s.byNode[nodeId]);
  const since = useRunStatus((s) => (event ? s.submittedAt[event.runId]?.[nodeId] : undefined));
  const busy = event !== undefined && since !== undefined && isWithService(runStateOf(event));
  const elapsed = useElapsed(busy ? since : undefined);
  return (
    <p role="status" aria-label="Run status" className={`sfn-run${event ? ` sfn-run--${runStateOf(event)}` : ''}`}>
      {event ? runStatusText(event) : ''}
      {elapsed !== undefined ? <span className="sfn-run__elapsed"> · {formatElapsed(elapsed)}</span> : null}
    </p>
  );
}

function SeedanceBody({ node }: { node: SeedanceGraphNode }) {
  const id = node.id;
  const modelId = useId();
  const editor = useRef<PromptEditorHandle>(null);
  // Narrow reads: this node's notice, its own wires, whether its last frame is wired on.
  const notice = useEditor((s) => (s.notice?.node === id ? s.notice : null));
  const into = useEditor((s) => edgesInto(s.graph, id));
  const lastFrameWired = useEditor((s) => edgesFrom(s.graph, id).some((e) => e.sourceHandle === 'lastFrame'));
  const setNotice = useEditor((s) => s.setNotice);
  const setModel = useEditor((s) => s.setModel);
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const endTyping = useEditor((s) => s.endTyping);
  const issues = useNodeIssues(id);
  const model = node.data.model;
  const rows = useMemo(() => slotRows(node, into), [node, into]);
  const { problems, errors, warnings } = useMemo(() => problemsOf(issues), [issues]);
  const toggle = useProblemsToggle();
  const name = nodeName(node);
  const wiredCount = (kind: NumberedKind) => rows.filter((r) => r.edge && r.slot.kind === kind).length;

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
        <NodeRunActions nodeId={id} name={name} alone />
      </header>
      {notice && (
        <div role="alert" className={`sfn-notice sfn-notice--${notice.kind}`}>
          <p>{notice.text}</p>
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
                count={isNumbered(row.slot.kind) ? wiredCount(row.slot.kind) : 1}
                onInsert={(token) => editor.current?.insert(token)}
              />
            ))}
          </ul>
        )}
      </section>
      <PromptEditor nodeId={id} ref={editor} />
      <SettingsDisclosure node={node} lastFrameWired={lastFrameWired} />
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
      <NodeResults nodeId={id} />
    </div>
  );
}

/**
 * The settings, folded to one line until opened: a big graph shows many nodes at once, and their
 * settings are what is read least often. The summary names every value the user set.
 */
function SettingsDisclosure({ node, lastFrameWired }: { node: SeedanceGraphNode; lastFrameWired: boolean }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <section className="sfn-section sfn-settings-disclosure">
      <button
        type="button"
        className="sfn-disclosure nodrag"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> Settings
        {open ? null : <span className="sfn-disclosure__summary">: {settingsSummary(node)}</span>}
      </button>
      {open ? (
        <div id={panelId}>
          <Suspense fallback={<p className="sfn-muted">Loading settings…</p>}>
            <SettingsPanel nodeId={node.id} model={node.data.model} settings={node.data.settings} lastFrameWired={lastFrameWired} />
          </Suspense>
        </div>
      ) : null}
    </section>
  );
}

export const SeedanceNode = memo(function SeedanceNode({ id }: EditorNodeProps) {
  // Only this node: typing in another node's prompt does not re-render this one.
  const node = useEditor((s) => findNode(s.graph, id));
  if (!node || node.type !== 'seedance') {
    return <div className="sfn-node sfn-node--missing">This node is no longer in the graph.</div>;
  }
  return <SeedanceBody node={node} />;
}, sameNodeProps);
