/**
 * Where a page's time went, from a Chromium trace (the Performance panel's categories): self time
 * of the renderer main thread's events grouped into script, style, layout, paint (with
 * layerization and the commit to the compositor) and GC, plus rasterisation on worker threads;
 * `other` is the rest of the main thread's busy time (task overhead, input hit testing). And the JS functions with the most self time, from
 * a V8 CPU profile.
 */

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

export const GROUPS = ['script', 'style', 'layout', 'paint', 'gc', 'raster', 'other'] as const;
export type Group = (typeof GROUPS)[number];

const BY_NAME: Readonly<Record<string, Group>> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  EventDispatch: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  FireIdleCallback: 'script',
  RunMicrotasks: 'script',
  'MessagePort::Accept': 'script',
  'v8.compile': 'script',
  'v8.compileModule': 'script',
  'v8.evaluateModule': 'script',
  'V8.Execute': 'script',
  'v8.run': 'script',
  'v8.callFunction': 'script',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  UpdateLayerTree: 'paint',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'paint',
  Commit: 'paint',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
  'ThreadState::performIdleLazySweep': 'gc',
};

function groupOf(name: string): Group {
  return BY_NAME[name] ?? (name.startsWith('V8.GC') || name.startsWith('BlinkGC') ? 'gc' : 'other');
}

/** Self time in ms per group: main-thread events of renderer processes, raster on tile workers. */
export function breakdown(events: readonly TraceEvent[]): Record<Group, number> {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const totals = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<Group, number>;
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const thread = threadNames.get(`${e.pid}:${e.tid}`) ?? '';
    if (thread !== 'CrRendererMain') {
      // Tiles are rastered on worker threads (tile workers, or the thread pool).
      if (e.name === 'RasterTask') totals.raster += e.dur / 1000;
      continue;
    }
    const key = `${e.pid}:${e.tid}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  for (const list of byThread.values()) {
    // Nesting by time: each event's self time is its duration less that of its direct children.
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: { end: number; self: number; group: Group }[] = [];
    const close = (until: number) => {
      while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= until) {
        const done = stack.pop();
        if (done) totals[done.group] += Math.max(0, done.self) / 1000;
      }
    };
    for (const e of list) {
      close(e.ts);
      const dur = e.dur ?? 0;
      const parent = stack.at(-1);
      if (parent) parent.self -= dur;
      // An event of no group inside one with a group counts for its parent (a task inside a script).
      const own = groupOf(e.name);
      stack.push({ end: e.ts + dur, self: dur, group: own === 'other' && parent && parent.group !== 'other' ? parent.group : own });
    }
    close(Infinity);
  }
  return totals;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** The functions with the most self time (ms), named `name (file:line)`. */
export function hottestFunctions(profile: CpuProfile, count: number): { fn: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.split('/').pop() ?? '';
    const key = frame.url ? `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber + 1})` : frame.functionName || '(anonymous)';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].map(([fn, ms]) => ({ fn, ms })).sort((a, b) => b.ms - a.ms).slice(0, count);
}
