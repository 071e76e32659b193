import { describe, expect, it } from 'vitest';
import { benchGraph } from '../graph';
import type { Section } from '../types';
import { canvasBenchmark } from './index';

const quick = { quick: true, repo: '.', log: () => undefined };
const full = { ...quick, quick: false };

/** A sound result at these sizes: every node and wire drawn by both pages. */
function section(sizes: number[], keys: number, overrides: Record<string, number> = {}): Section {
  const figures: Record<string, number> = {};
  for (const nodes of sizes) {
    const edges = benchGraph(nodes).edges.length;
    Object.assign(figures, { [`n${nodes}.app.keys`]: keys, [`n${nodes}.app.keyP50Ms`]: 70, [`n${nodes}.app.openCallMs`]: 3 });
    for (const kind of ['app', 'bare']) {
      Object.assign(figures, {
        [`n${nodes}.${kind}.renderedNodes`]: nodes,
        [`n${nodes}.${kind}.renderedEdges`]: edges,
        [`n${nodes}.${kind}.wantNodes`]: nodes,
        [`n${nodes}.${kind}.missingNodes`]: 0,
        [`n${nodes}.${kind}.missingEdges`]: 0,
        [`n${nodes}.${kind}.openMs`]: 500,
        [`n${nodes}.${kind}.elementsPerNode`]: 9,
        [`n${nodes}.${kind}.movedFrames`]: 20,
        [`n${nodes}.${kind}.dragFps`]: 3,
        [`n${nodes}.${kind}.panFps`]: 60,
        [`n${nodes}.${kind}.zoomFps`]: 60,
      });
    }
  }
  return { name: 'canvas', title: 'Canvas', figures: { ...figures, ...overrides }, tables: [], targets: [], notes: [] };
}

describe('the canvas benchmark checks', () => {
  it('accept a sound result, however slow the app', () => {
    expect(canvasBenchmark.problems(section([100], 5, { 'n100.app.dragFps': 0.5, 'n100.app.openMs': 90_000 }), quick)).toEqual([]);
  });

  it('call nothing rendered, an input that moved nothing and missing keystrokes nonsense', () => {
    expect(
      canvasBenchmark.problems(section([100], 5, { 'n100.bare.renderedNodes': 0, 'n100.app.movedFrames': 0, 'n100.app.panFps': 0, 'n100.app.keys': 4 }), quick),
    ).toEqual([
      'canvas: n100.app.movedFrames is 0, expected more than 0',
      'canvas: n100.app.panFps is 0, expected 0.01..1000',
      'canvas: n100.bare.renderedNodes is 0, expected 100',
      'canvas: n100.app.keys is 4, expected 5',
    ]);
  });

  it('on big graphs accept an app that draws only what is in view, but not one that misses any of it', () => {
    const culled = { 'n1000.app.renderedNodes': 420, 'n1000.app.renderedEdges': 600, 'n1000.app.wantNodes': 400 };
    expect(canvasBenchmark.problems(section([200, 1000], 90, culled), full)).toEqual([]);
    expect(canvasBenchmark.problems(section([200, 1000], 90, { ...culled, 'n1000.app.missingNodes': 3, 'n1000.bare.renderedNodes': 990 }), full)).toEqual([
      'canvas: n1000.app.missingNodes is 3, expected 0',
      'canvas: n1000.bare.renderedNodes is 990, expected 1000',
    ]);
  });
});
