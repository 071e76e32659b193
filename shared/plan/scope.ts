/**
 * Running part of a graph: "Run this node" runs one Seedance node with what it needs upstream;
 * "Run from here" runs a node (or the Seedance nodes an asset feeds) and everything downstream.
 * Upstream nodes that are only needed for their outputs are *kept*: they take their latest result
 * when their request is unchanged (the runner decides that against the ledger), and run only when
 * there is none, e.g. after their prompt or input changed.
 */
import type { GraphDocument } from '../graph/schema';
import { findNode } from '../graph/wiring';
import { labelOf, type Plan, type PlannedTask } from './plan';
import type { RunTarget } from './target';

export { runTargetSchema, type RunTarget } from './target';

export interface ScopedPlan extends Plan {
  /** Upstream nodes run only for their outputs: their latest unchanged result is taken if there is one. */
  kept: string[];
}

/** The tasks a target starts from: the node itself, or the Seedance nodes an asset node feeds. */
function startingTasks(graph: GraphDocument, tasks: readonly PlannedTask[], target: RunTarget): PlannedTask[] | string {
  // A pipeline node runs as its inner tasks, `<node>/...` (shared/pipeline/expand.ts).
  const own = tasks.filter((t) => t.node === target.node || t.node.startsWith(`${target.node}/`));
  if (own.length > 0) return own;
  const node = findNode(graph, target.node);
  if (!node) return `The node to run is no longer in the graph. Select a node and try again.`;
  if (node.type !== 'asset') return `${labelOf(node)} has nothing to run. Select a Seedance node.`;
  if (target.scope === 'node') return `${labelOf(node)} is an asset: it has nothing to generate. Use "Run from here" to run the nodes it feeds.`;
  const fed = tasks.filter((t) => t.inputs.some((i) => i.ref.kind !== 'output' && i.ref.asset === target.node));
  return fed.length > 0 ? fed : `${labelOf(node)} feeds no Seedance node: wire it to one, then run from here.`;
}

/**
 * The part of a plan a target runs, in plan order, with the upstream nodes it keeps. Without a
 * target the plan is returned whole. A target that cannot run becomes an error issue.
 */
export function scopePlan(graph: GraphDocument, plan: Plan, target: RunTarget | undefined): ScopedPlan {
  if (!target) return { ...plan, kept: [] };
  const start = startingTasks(graph, plan.tasks, target);
  if (typeof start === 'string') {
    return { ok: false, tasks: [], issues: [...plan.issues, { severity: 'error', node: target.node, message: start }], kept: [] };
  }
  const byNode = new Map(plan.tasks.map((t) => [t.node, t]));
  const fresh = new Set(start.map((t) => t.node));
  if (target.scope === 'from') {
    // Plan order is upstream first, so one pass finds every descendant.
    for (const task of plan.tasks) if (task.dependsOn.some((d) => fresh.has(d))) fresh.add(task.node);
  }
  const needed = new Set(fresh);
  const visit = (node: string): void => {
    for (const up of byNode.get(node)?.dependsOn ?? []) {
      if (needed.has(up)) continue;
      needed.add(up);
      visit(up);
    }
  };
  for (const node of fresh) visit(node);
  // Only the issues of the nodes that run, and of the assets wired into them, stop this run (a
  // half-built branch elsewhere does not); issues of the graph as a whole always count.
  const planned = plan.expanded ?? graph;
  const relevant = new Set([...needed, ...planned.edges.filter((e) => needed.has(e.target)).map((e) => e.source)]);
  const issues = plan.issues.filter((i) => i.node === undefined || relevant.has(i.node));
  return {
    ...(plan.expanded ? { expanded: plan.expanded } : {}),
    ok: !issues.some((i) => i.severity === 'error'),
    tasks: plan.tasks.filter((t) => needed.has(t.node)),
    issues,
    kept: plan.tasks.filter((t) => needed.has(t.node) && !fresh.has(t.node)).map((t) => t.node),
  };
}
