import { describe, expect, it } from 'vitest';
import { benchGraph } from './graph';
import { planningBenchmark, typedOneCharacter } from './planning';

const settings = { quick: true, repo: '.', log: () => undefined };

describe('typedOneCharacter', () => {
  it('changes one prompt and shares every other node', () => {
    const graph = benchGraph(8);
    const next = typedOneCharacter(graph, 1);
    const changed = next.nodes.filter((n, i) => n !== graph.nodes[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.type === 'seedance' && changed[0].data.prompt.endsWith('x')).toBe(true);
    expect(next).not.toBe(graph);
  });
});

describe('the planning benchmark', () => {
  it('plans the quick graph and passes its own checks; a lost task is a problem', async () => {
    const section = await planningBenchmark.run(settings);
    expect(planningBenchmark.problems(section, settings)).toEqual([]);
    expect(section.figures.tasks).toBe(100);
    section.figures.tasks = 99;
    expect(planningBenchmark.problems(section, settings)).toEqual(['planning: tasks is 99, expected 100']);
  });
});
