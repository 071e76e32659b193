/**
 * What the Seedance node shows, as pure functions of the node, the wires into it and the plan's
 * issues about it: the slot rows (autogrow), the problems list, the run status in words and the
 * one-line summary of its settings. The component only renders these.
 */
import { checkConnection, inputsOf, isNumbered, slotHandle, type GraphDocument, type GraphEdge, type SeedanceNode, type TargetSlot } from '../../../shared/graph';
import { describe, type MediaKind, type SlotSpec } from '../../../shared/models';
import type { PlanIssue } from '../../../shared/plan';
import { runStateOf, type NodeRunEvent } from '../store/run-status';
import type { Problem } from './Problems';

/** One row of the inputs list: a slot, and the wire in it if any. */
export interface SlotRow {
  slot: TargetSlot;
  spec: SlotSpec;
  edge?: GraphEdge;
  /** For an empty slot: why any wire would be refused now (frame versus reference images, limits). */
  refused?: string;
}

const PROBE = '__slot-probe__';

/**
 * Why the shared wiring rules would refuse any wire of this media into the slot, if they would.
 * Asked of the node and its own wires only: nothing else in the graph can make an empty slot refuse.
 */
function refusal(node: SeedanceNode, into: readonly GraphEdge[], slot: TargetSlot, media: MediaKind): string | undefined {
  const probe: Pick<GraphDocument, 'nodes' | 'edges'> = {
    nodes: [node, { id: PROBE, type: 'asset', position: { x: 0, y: 0 }, data: { media } }],
    edges: [...into],
  };
  const check = checkConnection(probe as GraphDocument, { source: PROBE, sourceHandle: 'media', target: node.id, targetHandle: slotHandle(slot) });
  return check.ok ? undefined : check.reason;
}

/**
 * The slots the node shows for its model: every filled numbered slot plus one empty one until the
 * model's limit (autogrow), and the frame slots always.
 */
export function slotRows(node: SeedanceNode, into: readonly GraphEdge[]): SlotRow[] {
  const inputs = inputsOf({ nodes: [node], edges: [...into] } as Pick<GraphDocument, 'nodes' | 'edges'> as GraphDocument, node.id);
  const rows: SlotRow[] = [];
  const row = (slot: TargetSlot, spec: SlotSpec, edge?: GraphEdge): SlotRow => {
    if (edge) return { slot, spec, edge };
    const refused = refusal(node, into, slot, spec.media);
    return refused ? { slot, spec, refused } : { slot, spec };
  };
  for (const spec of describe(node.data.model).slots) {
    const kind = spec.slot;
    if (isNumbered(kind)) {
      const filled = inputs[kind];
      filled.forEach((edge, i) => rows.push(row({ kind, index: i + 1 }, spec, edge)));
      if (filled.length < spec.max) rows.push(row({ kind, index: filled.length + 1 }, spec));
    } else {
      rows.push(row({ kind }, spec, inputs[kind]));
    }
  }
  return rows;
}

/**
 * The plan's issues for the node, and how many there are: prompt issues are summed up in one line
 * (the prompt editor lists them itself) but each counts in the badge.
 */
export function problemsOf(issues: readonly PlanIssue[]): { problems: Problem[]; errors: number; warnings: number } {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const prompt = issues.filter((i) => i.field === 'prompt');
  const rest: Problem[] = issues.filter((i) => i.field !== 'prompt').map((i) => ({ severity: i.severity, message: i.message }));
  const promptErrors = prompt.filter((i) => i.severity === 'error').length;
  if (promptErrors > 0) {
    rest.push({
      severity: 'error',
      message: `The prompt has ${promptErrors} ${promptErrors === 1 ? 'problem' : 'problems'}; see the checks under it.`,
    });
  }
  for (const warning of prompt.filter((i) => i.severity === 'warning')) rest.push({ severity: 'warning', message: warning.message });
  return { problems: rest, errors, warnings: issues.length - errors };
}

const RUN_WORDS: Record<ReturnType<typeof runStateOf>, string> = {
  queued: 'Queued',
  uploading: 'Uploading inputs',
  submitted: 'Submitted',
  running: 'Running',
  waiting: 'Waiting',
  downloading: 'Downloading the result',
  succeeded: 'Done',
  reused: 'Reused an earlier result',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
  unknown: 'Outcome unknown',
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
      return `${word}: ${event.message}`;
    case 'task.reused':
      return `${word}: ${event.reason}`;
    default:
      return word;
  }
}

/** Time since a task was sent, as a clock: "0:07", "12:30", "1:02:03". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The settings the user set, in one line for the collapsed settings ("duration 5 s · resolution 720p"), or "defaults". */
export function settingsSummary(node: SeedanceNode): string {
  const parts = describe(node.data.model).settings.flatMap((spec) => {
    const value = (node.data.settings as Record<string, unknown>)[spec.field];
    if (value === undefined) return [];
    const shown = typeof value === 'boolean' ? (value ? 'on' : 'off') : `${String(value)}${spec.type === 'integer' && spec.unit ? ` ${spec.unit}` : ''}`;
    return [`${spec.title.toLowerCase()} ${shown}`];
  });
  return parts.length > 0 ? parts.join(' · ') : 'model defaults';
}
