/**
 * Planning a large graph: `planGraph` (shared/plan) on the bench graph, as the window does after
 * every edit (Problems panel, node badges) and the runner does before a run. Also per
 * keystroke-like edit: one prompt one character longer (a new graph object, the other nodes
 * shared, as the editor store makes it), then the plan.
 */
import type { GraphDocument } from '../../shared/graph';
import { planGraph } from '../../shared/plan';
import { Expect, figureProblems } from './checks';
import { benchGraph, factsOf } from './graph';
import { fmt, median, percentile } from './stats';
import type { Benchmark, Section } from './types';

/** The graph with one more character in the prompt of Seedance node number `i` (mod their count). */
export function typedOneCharacter(graph: GraphDocument, i: number): GraphDocument {
  const seedance = graph.nodes.flatMap((n, index) => (n.type === 'seedance' ? [index] : []));
  const at = seedance[i % seedance.length];
  if (at === undefined) throw new Error('the graph has no Seedance node to type into');
  const nodes = [...graph.nodes];
  const node = nodes[at];
  if (node?.type !== 'seedance') throw new Error('unreachable');
  nodes[at] = { ...node, data: { ...node.data, prompt: `${node.data.prompt}x` } };
  return { ...graph, nodes };
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export const planningBenchmark: Benchmark = {
  name: 'planning',
  async run({ quick }) {
    const size = quick ? 200 : 1000;
    const rounds = quick ? 5 : 60;
    let graph = benchGraph(size);
    const facts = factsOf(graph);
    let tasks = 0;
    for (let i = 0; i < 3; i++) tasks = planGraph(graph).tasks.length; // warm-up
    const plans = Array.from({ length: rounds }, () => timed(() => planGraph(graph)));
    const edits = Array.from({ length: rounds }, (_, i) =>
      timed(() => {
        graph = typedOneCharacter(graph, i);
        planGraph(graph);
      }),
    );
    const figures = {
      nodes: facts.nodes,
      edges: facts.edges,
      tasks,
      rounds,
      'plan.ms.median': median(plans),
      'plan.ms.p95': percentile(plans, 95),
      'edit.ms.median': median(edits),
      'edit.ms.p95': percentile(edits, 95),
    };
    return {
      name: 'planning',
      title: 'Planning',
      figures,
      tables: [
        {
          title: `planGraph on ${facts.nodes} nodes / ${facts.edges} wires (${tasks} tasks), ${rounds} rounds`,
          head: ['figure', 'median ms', 'p95 ms'],
          rows: [
            ['plan the whole graph', fmt(figures['plan.ms.median']), fmt(figures['plan.ms.p95'])],
            ['one keystroke: edit + plan', fmt(figures['edit.ms.median']), fmt(figures['edit.ms.p95'])],
          ],
        },
      ],
      targets: [],
      notes: ['The window plans after each edit, and after a 250 ms pause while the user types (renderer/src/store/plan.ts): the badges, the Problems panel and Run read that plan; Run plans the graph again when pressed.'],
    } satisfies Section;
  },
  problems(section, { quick }) {
    const size = quick ? 200 : 1000;
    const check = new Expect(section).equal('nodes', size).equal('tasks', size / 2).positive('edges').positive('plan.ms.median').positive('edit.ms.median');
    return [...figureProblems(section), ...check.problems];
  },
};
