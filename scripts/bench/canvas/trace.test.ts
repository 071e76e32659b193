import { describe, expect, it } from 'vitest';
import { breakdown, hottestFunctions, type TraceEvent } from './trace';

const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name } });
const x = (name: string, ts: number, dur: number, tid = 1): TraceEvent => ({ name, ph: 'X', pid: 1, tid, ts, dur });

describe('breakdown', () => {
  it('splits the main thread into self time per group, and adds raster from tile workers', () => {
    const events = [
      meta(1, 1, 'CrRendererMain'),
      meta(1, 2, 'CompositorTileWorker1'),
      meta(1, 3, 'Compositor'),
      x('RunTask', 0, 10_000),
      x('EventDispatch', 0, 6_000),
      x('FunctionCall', 500, 5_000),
      x('UpdateLayoutTree', 1_000, 1_000),
      x('Layout', 7_000, 2_000),
      x('Paint', 9_000, 500),
      x('SomethingInsideAScript', 2_000, 1_000),
      x('RasterTask', 0, 4_000, 2),
      x('Paint', 0, 99_000, 3),
      x('RasterTask', 0, 1_000, 3),
    ];
    const ms = breakdown(events);
    expect(ms.script).toBeCloseTo(1 + 3 + 1); // EventDispatch self 1, FunctionCall self 3, the unknown event inside it 1
    expect(ms.style).toBeCloseTo(1);
    expect(ms.layout).toBeCloseTo(2);
    expect(ms.paint).toBeCloseTo(0.5);
    expect(ms.raster).toBeCloseTo(5);
    expect(ms.other).toBeCloseTo(10 - 6 - 2 - 0.5); // RunTask's own time
    expect(ms.gc).toBe(0);
  });
});

describe('hottestFunctions', () => {
  it('sums self time per function and names where it is', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
        { id: 2, callFrame: { functionName: 'planGraph', url: 'http://127.0.0.1:1/assets/index-A.js', lineNumber: 9 } },
        { id: 3, callFrame: { functionName: '', url: 'http://127.0.0.1:1/assets/index-A.js', lineNumber: 20 } },
      ],
      samples: [2, 2, 3, 1],
      timeDeltas: [1000, 2000, 500, 100],
    };
    expect(hottestFunctions(profile, 2)).toEqual([
      { fn: 'planGraph (index-A.js:10)', ms: 3 },
      { fn: '(anonymous) (index-A.js:21)', ms: 0.5 },
    ]);
  });
});
