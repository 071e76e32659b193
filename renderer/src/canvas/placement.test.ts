import { describe, expect, it } from 'vitest';
import { emptyGraph, type GraphNode } from '../../../shared/graph';
import { nearestFreeSpot, shiftToShow } from './placement';

const size = { width: 200, height: 100 };
const note = (id: string, x: number, y: number): GraphNode => ({ id, type: 'note', position: { x, y }, data: { text: '' } });

describe('nearestFreeSpot', () => {
  it('takes the wanted place when it is free', () => {
    expect(nearestFreeSpot(emptyGraph(), { x: 10.4, y: 20.6 }, {}, size)).toEqual({ x: 10, y: 21 });
  });

  it('stays near the wanted place in a crowded row, instead of going past every node to the right', () => {
    // Twenty nodes in a row through the wanted place: the old rule went past all of them (4,000 px).
    const nodes = Array.from({ length: 20 }, (_, i) => note(`n${i}`, i * 200, 0));
    const sizes = Object.fromEntries(nodes.map((n) => [n.id, { width: 190, height: 100 }]));
    const spot = nearestFreeSpot({ nodes }, { x: 1000, y: 0 }, sizes, size);
    expect(Math.hypot(spot.x - 1000, spot.y)).toBeLessThanOrEqual(200);
    for (const n of nodes) {
      const clear = spot.y >= 100 + 40 || spot.y + 100 + 40 <= 0 || spot.x >= n.position.x + 190 + 40 || spot.x + 200 + 40 <= n.position.x;
      expect(clear).toBe(true);
    }
  });

  it('gives up on the wanted place only when everything near is taken', () => {
    const wall = note('wall', -10_000, -10_000);
    expect(nearestFreeSpot({ nodes: [wall] }, { x: 0, y: 0 }, { wall: { width: 20_000, height: 20_000 } }, size)).toEqual({ x: 0, y: 0 });
  });
});

describe('shiftToShow', () => {
  const view = { x: 0, y: 0, width: 1000, height: 800 };
  it('moves the view by as little as shows the box with a margin, and not at all when it shows', () => {
    expect(shiftToShow({ x: 10, y: 10, ...size }, view, 10)).toEqual({ x: 0, y: 0 });
    expect(shiftToShow({ x: 900, y: 10, ...size }, view, 10)).toEqual({ x: 110, y: 0 });
    expect(shiftToShow({ x: -50, y: 790, ...size }, view, 10)).toEqual({ x: -60, y: 100 });
  });
  it('shows the top-left of a box taller than the view', () => {
    const tall = { width: 200, height: 1200 };
    expect(shiftToShow({ x: 10, y: 100, ...tall }, view, 10)).toEqual({ x: 0, y: 0 });
    expect(shiftToShow({ x: 10, y: -300, ...tall }, view, 10)).toEqual({ x: 0, y: -310 });
    expect(shiftToShow({ x: 10, y: 600, ...tall }, view, 10)).toEqual({ x: 0, y: 590 });
  });
});
