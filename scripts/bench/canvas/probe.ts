/**
 * Functions that run inside the page (handed to `page.evaluate`): they may use nothing from
 * outside their own body. Times are `performance.now()` in the page, so they do not include the
 * round trip to the bench.
 */

interface ProbeWindow {
  __benchT0?: number;
  __benchFrames?: number[];
  __benchFramesOn?: boolean;
  __benchMoves?: number;
  __benchKeys?: number[];
}

/** Notes the start of "open" and clicks the button that opens the graph, in one go. */
export function clickAndMark(button: HTMLElement | SVGElement): void {
  if (!(button instanceof HTMLElement)) throw new Error('not a button');
  (window as unknown as ProbeWindow).__benchT0 = performance.now();
  button.click();
}

export interface Rendered {
  ms: number;
  nodes: number;
  edges: number;
  /** How many nodes and wires had to be drawn: all of them, or (culling) those in view. */
  wantNodes: number;
  wantEdges: number;
}

/** Where the graph's nodes are, for a page that draws only what is in view (React Flow culling). */
export interface InView {
  viewport: { x: number; y: number; zoom: number };
  /** Each node's top-left corner in flow coordinates. */
  positions: [number, number][];
  /** Each wire's source and target, as indexes into `positions`. */
  wires: [number, number][];
}

/**
 * Resolves once every node is visible (measured: React Flow hides a node until it knows its size)
 * and every wire is drawn: the time from the mark to the end of that frame. With `inView` (a page
 * that culls), "every" is those whose top-left corner is on the canvas, and wires with both ends
 * there: a lower bound of what must be drawn, as React Flow also draws nodes that only overlap it.
 */
export function waitRendered(want: { nodes: number; edges: number; timeoutMs: number; inView?: InView }): Promise<Rendered> {
  const t0 = (window as unknown as ProbeWindow).__benchT0 ?? 0;
  const wanted = (): { nodes: number; edges: number } => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!want.inView || !pane) return { nodes: want.nodes, edges: want.edges };
    const { viewport, positions, wires } = want.inView;
    const on = positions.map(([x, y]) => {
      const px = x * viewport.zoom + viewport.x;
      const py = y * viewport.zoom + viewport.y;
      return px >= 0 && py >= 0 && px < pane.width && py < pane.height;
    });
    return { nodes: on.filter(Boolean).length, edges: wires.filter(([a, b]) => on[a] && on[b]).length };
  };
  return new Promise((resolve, reject) => {
    const check = () => {
      const goal = wanted();
      const all = document.querySelectorAll<HTMLElement>('.react-flow__node');
      let nodes = 0;
      for (const el of all) if (el.style.visibility !== 'hidden') nodes++;
      const edges = document.querySelectorAll('.react-flow__edge').length;
      if (goal.nodes > 0 && nodes >= goal.nodes && edges >= goal.edges) {
        // After this frame is painted.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ ms: performance.now() - t0, nodes, edges, wantNodes: goal.nodes, wantEdges: goal.edges });
        channel.port2.postMessage(0);
        return;
      }
      if (performance.now() - t0 > want.timeoutMs) return reject(new Error(`only ${nodes}/${goal.nodes} nodes and ${edges}/${goal.edges} wires after ${want.timeoutMs} ms`));
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/**
 * Counts animation frames from now on, and in how many of them the element `watch` names (the
 * dragged node, the viewport) was in a new place: proof the input did something.
 */
export function startFrames(watch: string): void {
  const w = window as unknown as ProbeWindow;
  w.__benchFrames = [];
  w.__benchMoves = 0;
  w.__benchFramesOn = true;
  let last = document.querySelector<HTMLElement>(watch)?.style.transform;
  const tick = (t: number) => {
    if (!w.__benchFramesOn) return;
    w.__benchFrames?.push(t);
    const now = document.querySelector<HTMLElement>(watch)?.style.transform;
    if (now !== last) w.__benchMoves = (w.__benchMoves ?? 0) + 1;
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export interface Frames {
  frames: number;
  ms: number;
  longestMs: number;
  /** Frames in which the watched element had moved. */
  moved: number;
}

export function stopFrames(): Frames {
  const w = window as unknown as ProbeWindow;
  w.__benchFramesOn = false;
  const times = w.__benchFrames ?? [];
  let longestMs = 0;
  for (let i = 1; i < times.length; i++) longestMs = Math.max(longestMs, (times[i] ?? 0) - (times[i - 1] ?? 0));
  return { frames: times.length, ms: times.length > 1 ? (times.at(-1) ?? 0) - (times[0] ?? 0) : 0, longestMs, moved: w.__benchMoves ?? 0 };
}

export interface PagePoint {
  x: number;
  y: number;
  /** What moves when this point is dragged. */
  watch: string;
}

/** A point on a node near the middle of the canvas where a press drags the node (not a field, button or port). */
export function nodeGrip(): PagePoint | null {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!pane) return null;
  const centre = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
  const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
    .map((el) => ({ el, r: el.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 4 && r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom)
    .sort((a, b) => Math.hypot(a.r.x + a.r.width / 2 - centre.x, a.r.y + a.r.height / 2 - centre.y) - Math.hypot(b.r.x + b.r.width / 2 - centre.x, b.r.y + b.r.height / 2 - centre.y));
  for (const { el, r } of nodes.slice(0, 50)) {
    for (let j = 1; j < 8; j++) {
      for (let i = 1; i < 8; i++) {
        const x = r.left + (r.width * i) / 8;
        const y = r.top + (r.height * j) / 8;
        const hit = document.elementFromPoint(x, y);
        if (hit && el.contains(hit) && !hit.closest('input, textarea, select, button, a, [contenteditable], .nodrag, .react-flow__handle')) {
          return { x, y, watch: `.react-flow__node[data-id="${CSS.escape(el.dataset.id ?? '')}"]` };
        }
      }
    }
  }
  return null;
}

/** A point of the empty canvas (the pane itself) near its middle, where a press pans. */
export function panePoint(): PagePoint | null {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!pane) return null;
  const grid = 24;
  const points: { x: number; y: number; watch: string }[] = [];
  for (let j = 1; j < grid; j++) {
    for (let i = 1; i < grid; i++) points.push({ x: pane.left + (pane.width * i) / grid, y: pane.top + (pane.height * j) / grid, watch: '.react-flow__viewport' });
  }
  const centre = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
  points.sort((a, b) => Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y));
  return points.find((p) => document.elementFromPoint(p.x, p.y)?.classList.contains('react-flow__pane')) ?? null;
}

/**
 * Focuses the prompt nearest the middle of the canvas, caret at the end, and from then on records
 * for each key typed there the time from the keydown to just after the next frame.
 */
export function focusPromptAndProbeKeys(): boolean {
  const w = window as unknown as ProbeWindow;
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!pane) return false;
  const centre = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
  const fields = [...document.querySelectorAll<HTMLTextAreaElement>('.react-flow__node textarea')].sort((a, b) => {
    const ra = a.getBoundingClientRect();
    const rb = b.getBoundingClientRect();
    return Math.hypot(ra.x - centre.x, ra.y - centre.y) - Math.hypot(rb.x - centre.x, rb.y - centre.y);
  });
  const field = fields[0];
  if (!field) return false;
  w.__benchKeys = [];
  let downAt = 0;
  field.addEventListener('keydown', (event) => {
    downAt = event.timeStamp;
  });
  field.addEventListener('input', () => {
    const t0 = downAt;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => w.__benchKeys?.push(performance.now() - t0);
      channel.port2.postMessage(0);
    });
  });
  field.focus({ preventScroll: true });
  field.setSelectionRange(field.value.length, field.value.length);
  return document.activeElement === field;
}

export function keyLatencies(): number[] {
  return (window as unknown as ProbeWindow).__benchKeys ?? [];
}

export function pageFacts(): { elements: number; heapMb: number } {
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return { elements: document.getElementsByTagName('*').length, heapMb: (memory?.usedJSHeapSize ?? 0) / 2 ** 20 };
}

/** How long the page's request whose URL contains `fragment` took (Resource Timing), or 0. */
export function resourceMs(fragment: string): number {
  const entry = performance.getEntriesByType('resource').find((e) => e.name.includes(fragment));
  return entry ? entry.duration : 0;
}
