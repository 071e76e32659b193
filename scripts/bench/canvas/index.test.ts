import { describe, expect, it } from 'vitest';
import { benchGraph } from '../graph';
import type { Section } from '../types';
import { canvasBenchmark } from './index';

const settings = { quick: true, repo: '.', log: () => undefined };
const edges = benchGraph(100).edges.length;

function section(overrides: Record<string, number> = {}): Section {
  const figures: Record<string, number> = { 'n100.app.keys': 5, 'n100.app.keyP50Ms': 70, 'n100.app.openCallMs': 3 };
  for (const kind of ['app', 'bare']) {
    Object.assign(figures, {
      [`n100.${kind}.renderedNodes`]: 100,
      [`n100.${kind}.renderedEdges`]: edges,
      [`n100.${kind}.openMs`]: 500,
      [`n100.${kind}.elementsPerNode`]: 9,
      [`n100.${kind}.movedFrames`]: 20,
      [`n100.${kind}.dragFps`]: 3,
      [`n100.${kind}.panFps`]: 60,
      [`n100.${kind}.zoomFps`]: 60,
    });
  }
  return { name: 'canvas', title: 'Canvas', figures: { ...figures, ...overrides }, tables: [], targets: [], notes: [] };
}

describe('the canvas benchmark checks', () => {
  it('accept a sound result, however slow the app', () => {
    expect(canvasBenchmark.problems(section({ 'n100.app.dragFps': 0.5, 'n100.app.openMs': 90_000 }), settings)).toEqual([]);
  });

  it('call nothing rendered, an input that moved nothing and missing keystrokes nonsense', () => {
    expect(
      canvasBenchmark.problems(section({ 'n100.bare.renderedNodes': 0, 'n100.app.movedFrames': 0, 'n100.app.panFps': 0, 'n100.app.keys': 4 }), settings),
    ).toEqual([
      'canvas: n100.app.movedFrames is 0, expected more than 0',
      'canvas: n100.app.panFps is 0, expected 0.01..1000',
      'canvas: n100.bare.renderedNodes is 0, expected 100',
      'canvas: n100.app.keys is 4, expected 5',
    ]);
  });
});
