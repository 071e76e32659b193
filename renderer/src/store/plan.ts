/**
 * The plan of the graph being edited, as the problem badges, the Problems panel and the Run button
 * show it. Planning a big graph takes milliseconds, too long for every keystroke: while the user
 * types (the store's coalesced typing step), the plan waits for a pause; after any other edit it
 * follows at once. Run plans the graph as it is at that moment (`planOf`), never a stale plan.
 *
 *   const issues = useNodeIssues(id);     // this node's issues; re-renders only when they change
 */
import { useRef } from 'react';
import { create } from 'zustand';
import type { GraphDocument } from '../../../shared/graph';
import type { Plan, PlanIssue } from '../../../shared/plan';
import { forgetPlans, planOf, useEditor } from './editor';

/** How long typing may pause before the plan catches up. */
export const TYPING_PLAN_DELAY_MS = 250;

export interface PlanState {
  /** The graph the plan is of (may trail the editor's by a typing pause). */
  graph: GraphDocument;
  plan: Plan;
}

export const usePlan = create<PlanState>()(() => {
  const graph = useEditor.getState().graph;
  return { graph, plan: planOf(graph) };
});

let timer: ReturnType<typeof setTimeout> | undefined;

/** Brings the plan up to the editor's graph now. */
export function flushPlan(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  const graph = useEditor.getState().graph;
  if (usePlan.getState().graph !== graph) usePlan.setState({ graph, plan: planOf(graph) });
}

/** Plans the graph again though it did not change (pipeline support arrived: shared/pipeline/support.ts). */
export function replan(): void {
  forgetPlans();
  const graph = useEditor.getState().graph;
  usePlan.setState({ graph, plan: planOf(graph) });
}

useEditor.subscribe((state, previous) => {
  if (state.graph === previous.graph && (state.typing !== null || previous.typing === null)) return;
  if (state.typing === null) return flushPlan();
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(flushPlan, TYPING_PLAN_DELAY_MS);
});

const NO_ISSUES: readonly PlanIssue[] = Object.freeze([]);
const byNode = new WeakMap<Plan, ReadonlyMap<string, readonly PlanIssue[]>>();

/** A plan's issues grouped by node (computed once per plan). */
export function issuesByNode(plan: Plan): ReadonlyMap<string, readonly PlanIssue[]> {
  let map = byNode.get(plan);
  if (!map) {
    const grouped = new Map<string, PlanIssue[]>();
    for (const issue of plan.issues) {
      if (issue.node === undefined) continue;
      // An issue inside a pipeline node (`<node>/<inner>`, shared/pipeline/expand.ts) shows on that node.
      const node = issue.node.split('/')[0] as string;
      (grouped.get(node) ?? grouped.set(node, []).get(node))?.push(issue);
    }
    map = grouped;
    byNode.set(plan, map);
  }
  return map;
}

/** Whether two lists of issues say the same (a new plan repeats most of the old one's issues). */
export function sameIssues(a: readonly PlanIssue[], b: readonly PlanIssue[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((issue, i) => {
    const other = b[i] as PlanIssue;
    return issue.severity === other.severity && issue.message === other.message && issue.field === other.field && issue.edge === other.edge;
  });
}

/** The issues of one node, kept the same array while they say the same. */
export function useNodeIssues(nodeId: string): readonly PlanIssue[] {
  const last = useRef(NO_ISSUES);
  return usePlan((s) => {
    const next = issuesByNode(s.plan).get(nodeId) ?? NO_ISSUES;
    if (!sameIssues(last.current, next)) last.current = next;
    return last.current;
  });
}
