/**
 * The canvas in Chromium: the app (browser mode, the real renderer and service) next to a bare
 * @xyflow/react page drawing the same graph, in one browser session, rounds alternating which
 * goes first. Per page: time from Open to every node and wire drawn, frame rate while dragging a
 * node, panning and zooming, DOM elements per node, JS heap; in the app also keystroke latency in
 * a prompt. Figures are medians over rounds (keystrokes: percentiles over all of them).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { serializeGraph, type GraphDocument } from '../../../shared/graph';
import { builtRenderer, CHROMIUM, CHROMIUM_FLAGS } from '../../../test/e2e/support/browser';
import { CULL_ABOVE_NODES } from '../../../renderer/src/canvas/culling';
import { Expect, figureProblems } from '../checks';
import { BENCH_WINDOW, benchGraph } from '../graph';
import { fmt, median, percentile, ratio } from '../stats';
import type { Benchmark, BenchSettings, Section, Target } from '../types';
import { prepareDrag, preparePan, prepareTyping, prepareZoom } from './interactions';
import { openInApp, openInBare, startApp, startBare, type Served } from './pages';
import { pageFacts, resourceMs, waitRendered, type InView } from './probe';

/** Steady frame timing: nothing throttled because the page is headless or "in the background". */
export const BENCH_CHROMIUM_FLAGS = [
  ...CHROMIUM_FLAGS,
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--enable-precise-memory-info',
];

export async function launchBenchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install -y chromium\`.`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: BENCH_CHROMIUM_FLAGS });
}

type PageKind = 'app' | 'bare';

export interface PageRound {
  kind: PageKind;
  nodes: number;
  openMs: number;
  renderedNodes: number;
  renderedEdges: number;
  /** What had to be drawn: every node and wire, or for a page that culls those in view. */
  wantNodes: number;
  wantEdges: number;
  elementsPerNode: number;
  heapMb: number;
  dragFps: number;
  panFps: number;
  zoomFps: number;
  longestFrameMs: { drag: number; pan: number; zoom: number };
  /** Frames in which the dragged node or the viewport had moved (0: the input did nothing). */
  moved: { drag: number; pan: number; zoom: number };
  /** requestAnimationFrame callbacks per second during each, moved or not. */
  rafFps: { drag: number; pan: number; zoom: number };
  /** App only: the graph.open call inside openMs. */
  openCallMs?: number;
  keys?: number[];
}

interface Plan {
  sizes: number[];
  rounds: number;
  interactionMs: number;
  keys: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the graph's nodes and wires are, for counting what a culling page must draw. */
function inViewOf(graph: GraphDocument): InView {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  return {
    viewport: graph.viewport,
    positions: graph.nodes.map((n) => [n.position.x, n.position.y]),
    wires: graph.edges.flatMap((e) => {
      const a = index.get(e.source);
      const b = index.get(e.target);
      return a === undefined || b === undefined ? [] : [[a, b] as [number, number]];
    }),
  };
}

function planFor(quick: boolean): Plan {
  return quick ? { sizes: [100], rounds: 1, interactionMs: 1000, keys: 5 } : { sizes: [200, 1000], rounds: 3, interactionMs: 3000, keys: 30 };
}

interface Session {
  context: BrowserContext;
  rendererDir: string;
  bare: Served;
  graphs: Map<number, { graph: GraphDocument; file: string }>;
  /** The app's canvas size: the bare flow gets the same. */
  pane: { width: number; height: number };
}

async function measure(session: Session, kind: PageKind, nodes: number, plan: Plan, full: boolean): Promise<PageRound> {
  const entry = session.graphs.get(nodes);
  if (!entry) throw new Error(`no graph of ${nodes} nodes`);
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  let app: Served | undefined;
  try {
    if (kind === 'app') {
      app = await startApp(session.rendererDir);
      await openInApp(page, app.url, entry.file);
    } else {
      await openInBare(page, session.bare.url, nodes, session.pane);
    }
    // The app draws only what is in view on big graphs (CULL_ABOVE_NODES); the bare page draws all.
    const inView = kind === 'app' && nodes > CULL_ABOVE_NODES ? inViewOf(entry.graph) : undefined;
    const rendered = await page.evaluate(waitRendered, { nodes, edges: entry.graph.edges.length, timeoutMs: 300_000, ...(inView ? { inView } : {}) });
    await sleep(1000);
    const facts = await page.evaluate(pageFacts);
    if (kind === 'app') {
      const box = await page.locator('.react-flow').boundingBox();
      if (box) session.pane = { width: box.width, height: box.height };
    }
    const round: PageRound = {
      kind,
      nodes,
      openMs: rendered.ms,
      renderedNodes: rendered.nodes,
      renderedEdges: rendered.edges,
      wantNodes: rendered.wantNodes,
      wantEdges: rendered.wantEdges,
      elementsPerNode: facts.elements / nodes,
      heapMb: facts.heapMb,
      dragFps: 0,
      panFps: 0,
      zoomFps: 0,
      longestFrameMs: { drag: 0, pan: 0, zoom: 0 },
      moved: { drag: 0, pan: 0, zoom: 0 },
      rafFps: { drag: 0, pan: 0, zoom: 0 },
      ...(kind === 'app' ? { openCallMs: await page.evaluate(resourceMs, '/api/call/graph.open') } : {}),
    };
    if (full) {
      const drag = await (await prepareDrag(page, plan.interactionMs))();
      await sleep(300);
      const pan = await (await preparePan(page, plan.interactionMs))();
      await sleep(300);
      const zoom = await (await prepareZoom(page, plan.interactionMs))();
      await sleep(300);
      Object.assign(round, {
        dragFps: drag.fps,
        panFps: pan.fps,
        zoomFps: zoom.fps,
        longestFrameMs: { drag: drag.longestMs, pan: pan.longestMs, zoom: zoom.longestMs },
        moved: { drag: drag.moved, pan: pan.moved, zoom: zoom.moved },
        rafFps: { drag: drag.rafFps, pan: pan.rafFps, zoom: zoom.rafFps },
      });
      if (kind === 'app') round.keys = await (await prepareTyping(page, plan.keys))();
    }
    if (errors.length > 0) throw new Error(`the ${kind} page failed: ${errors.join('; ')}`);
    return round;
  } finally {
    await page.close();
    await app?.close();
  }
}

function figuresOf(rounds: readonly PageRound[], plan: Plan): Record<string, number> {
  const figures: Record<string, number> = { rounds: plan.rounds };
  for (const nodes of plan.sizes) {
    const n = `n${nodes}`;
    for (const kind of ['app', 'bare'] as const) {
      const mine = rounds.filter((r) => r.kind === kind && r.nodes === nodes);
      const of = (pick: (r: PageRound) => number) => median(mine.map(pick));
      Object.assign(figures, {
        [`${n}.${kind}.renderedNodes`]: Math.min(...mine.map((r) => r.renderedNodes)),
        [`${n}.${kind}.renderedEdges`]: Math.min(...mine.map((r) => r.renderedEdges)),
        [`${n}.${kind}.missingNodes`]: Math.max(...mine.map((r) => Math.max(0, r.wantNodes - r.renderedNodes))),
        [`${n}.${kind}.missingEdges`]: Math.max(...mine.map((r) => Math.max(0, r.wantEdges - r.renderedEdges))),
        [`${n}.${kind}.wantNodes`]: Math.min(...mine.map((r) => r.wantNodes)),
        [`${n}.${kind}.openMs`]: of((r) => r.openMs),
        [`${n}.${kind}.dragFps`]: of((r) => r.dragFps),
        [`${n}.${kind}.panFps`]: of((r) => r.panFps),
        [`${n}.${kind}.zoomFps`]: of((r) => r.zoomFps),
        [`${n}.${kind}.dragRafFps`]: of((r) => r.rafFps.drag),
        [`${n}.${kind}.panRafFps`]: of((r) => r.rafFps.pan),
        [`${n}.${kind}.zoomRafFps`]: of((r) => r.rafFps.zoom),
        [`${n}.${kind}.elementsPerNode`]: of((r) => r.elementsPerNode),
        [`${n}.${kind}.heapMb`]: of((r) => r.heapMb),
        [`${n}.${kind}.movedFrames`]: Math.min(...mine.flatMap((r) => [r.moved.drag, r.moved.pan, r.moved.zoom])),
      });
      if (kind === 'app') {
        const keys = mine.flatMap((r) => r.keys ?? []);
        figures[`${n}.app.keys`] = keys.length;
        figures[`${n}.app.keyP50Ms`] = percentile(keys, 50);
        figures[`${n}.app.keyP95Ms`] = percentile(keys, 95);
        figures[`${n}.app.openCallMs`] = of((r) => r.openCallMs ?? 0);
      }
    }
    for (const figure of ['openMs', 'dragFps', 'panFps', 'zoomFps', 'elementsPerNode']) {
      figures[`${n}.ratio.${figure}`] = ratio(figures[`${n}.app.${figure}`] ?? Number.NaN, figures[`${n}.bare.${figure}`] ?? Number.NaN);
    }
  }
  return figures;
}

function targetsOf(figures: Record<string, number>, nodes: number): Target[] {
  const f = (key: string) => figures[`n${nodes}.${key}`] ?? Number.NaN;
  const x = (v: number) => `${fmt(v)}x`;
  const fps = (what: string, key: string): Target => ({
    what: `${what} at ${nodes} nodes, fps app / bare`,
    target: '≥ 0.67x',
    measured: `${x(f(`ratio.${key}`))} (${fmt(f(`app.${key}`))} / ${fmt(f(`bare.${key}`))} fps)`,
    met: f(`ratio.${key}`) >= 2 / 3,
  });
  return [
    { what: `open at ${nodes} nodes, app / bare`, target: '≤ 1.5x', measured: `${x(f('ratio.openMs'))} (${fmt(f('app.openMs'))} / ${fmt(f('bare.openMs'))} ms)`, met: f('ratio.openMs') <= 1.5 },
    fps('drag', 'dragFps'),
    fps('pan', 'panFps'),
    fps('zoom', 'zoomFps'),
    { what: `keystroke to next frame at ${nodes} nodes, p50`, target: '< 50 ms', measured: `${fmt(f('app.keyP50Ms'))} ms (p95 ${fmt(f('app.keyP95Ms'))} ms)`, met: f('app.keyP50Ms') < 50 },
  ];
}

function tablesOf(figures: Record<string, number>, graphs: Session['graphs'], plan: Plan) {
  return plan.sizes.map((nodes) => {
    const f = (key: string) => figures[`n${nodes}.${key}`] ?? Number.NaN;
    const row = (label: string, key: string) => [label, fmt(f(`app.${key}`)), fmt(f(`bare.${key}`)), `${fmt(f(`ratio.${key}`))}x`];
    return {
      title: `${nodes} nodes, ${graphs.get(nodes)?.graph.edges.length ?? 0} wires: median of ${plan.rounds} round${plan.rounds > 1 ? 's' : ''}`,
      head: ['figure', 'app', 'bare', 'app / bare'],
      rows: [
        row('open to all drawn, ms', 'openMs'),
        ['open: the graph.open call alone, ms', fmt(f('app.openCallMs')), '-', '-'],
        row('fps dragging a node', 'dragFps'),
        row('fps panning', 'panFps'),
        row('fps zooming', 'zoomFps'),
        row('DOM elements per node', 'elementsPerNode'),
        ['JS heap after open, MB', fmt(f('app.heapMb')), fmt(f('bare.heapMb')), `${fmt(ratio(f('app.heapMb'), f('bare.heapMb')))}x`],
        [`keystroke to next frame p50, ms (${f('app.keys')} keys)`, fmt(f('app.keyP50Ms')), '-', '-'],
        ['keystroke to next frame p95, ms', fmt(f('app.keyP95Ms')), '-', '-'],
      ],
    };
  });
}

export const canvasBenchmark: Benchmark = {
  name: 'canvas',
  async run(settings: BenchSettings) {
    const plan = planFor(settings.quick);
    const rendererDir = builtRenderer(settings.repo);
    const dir = await mkdtemp(path.join(tmpdir(), 'sf-bench-canvas-'));
    const graphs: Session['graphs'] = new Map();
    for (const nodes of plan.sizes) {
      const graph = benchGraph(nodes);
      const file = path.join(dir, `bench-${nodes}.seedance.json`);
      await writeFile(file, serializeGraph(graph));
      graphs.set(nodes, { graph, file });
    }
    let bare: Served | undefined;
    let browser: Browser | undefined;
    try {
      bare = await startBare(settings.repo, dir, [...graphs.values()].map((g) => g.graph));
      browser = await launchBenchChromium();
      const context = await browser.newContext({ viewport: BENCH_WINDOW, deviceScaleFactor: 1 });
      // tsx names the functions it compiles with a `__name` helper; the page needs it too.
      await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
      const session: Session = { context, rendererDir, bare, graphs, pane: BENCH_WINDOW };
      const smallest = plan.sizes[0] ?? 100;
      settings.log(`canvas: warming up (${smallest} nodes), Chromium ${browser.version()}`);
      await measure(session, 'app', smallest, plan, false);
      await measure(session, 'bare', smallest, plan, false);
      const rounds: PageRound[] = [];
      for (const nodes of plan.sizes) {
        for (let r = 0; r < plan.rounds; r++) {
          for (const kind of (r % 2 === 0 ? ['app', 'bare'] : ['bare', 'app']) as PageKind[]) {
            settings.log(`canvas: ${nodes} nodes, round ${r + 1}/${plan.rounds}, ${kind}`);
            rounds.push(await measure(session, kind, nodes, plan, true));
          }
        }
      }
      const figures = figuresOf(rounds, plan);
      const largest = plan.sizes.at(-1) ?? smallest;
      return {
        name: 'canvas',
        title: 'Canvas',
        figures,
        tables: tablesOf(figures, graphs, plan),
        targets: targetsOf(figures, largest),
        notes: [
          `Chromium ${browser.version()} headless (software rendering, --disable-gpu), window ${BENCH_WINDOW.width}x${BENCH_WINDOW.height}; the bare flow is sized like the app's canvas (${Math.round(session.pane.width)}x${Math.round(session.pane.height)}) and opens at the same viewport.`,
          `Open: from the click on Open (the app: after typing the path in its Open dialog; the bare page: its fetch of the same file) to the end of the first frame with every node visible and every wire drawn; above ${CULL_ABOVE_NODES} nodes the app draws only what is in view, so for it every node whose top-left corner is on the canvas and every wire between two of them.`,
          `Frame rates: frames per second in which the dragged node (or the view) had moved, counted with requestAnimationFrame during ${plan.interactionMs / 1000} s of input at up to one event per 8 ms (a node dragged in circles, the empty canvas dragged in circles, the wheel 10 steps in and 10 out). Plain requestAnimationFrame counts are in results.json (\`*RafFps\`): React renders in slices between frames, so they stay near 60 while the screen changes far less often.`,
          'Keystroke: from the keydown in the prompt nearest the middle of the canvas to just after the next frame, one key at a time with the page idle in between.',
          'DOM elements per node: every element of the page divided by the node count (wires, handles, minimap and panels included).',
        ],
        samples: rounds,
      } satisfies Section;
    } finally {
      await browser?.close();
      await bare?.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
  problems(section, { quick }) {
    const plan = planFor(quick);
    const check = new Expect(section);
    for (const nodes of plan.sizes) {
      const edges = benchGraph(nodes).edges.length;
      for (const kind of ['app', 'bare']) {
        const n = `n${nodes}.${kind}`;
        // The bare page draws everything; the app, above CULL_ABOVE_NODES, at least all in view.
        if (kind === 'bare' || nodes <= CULL_ABOVE_NODES) check.equal(`${n}.renderedNodes`, nodes).equal(`${n}.renderedEdges`, edges);
        check.positive(`${n}.wantNodes`).equal(`${n}.missingNodes`, 0).equal(`${n}.missingEdges`, 0).positive(`${n}.openMs`).positive(`${n}.elementsPerNode`).positive(`${n}.movedFrames`);
        for (const fps of ['dragFps', 'panFps', 'zoomFps']) check.within(`${n}.${fps}`, 0.01, 1000);
      }
      check.equal(`n${nodes}.app.keys`, plan.keys * plan.rounds).positive(`n${nodes}.app.keyP50Ms`).positive(`n${nodes}.app.openCallMs`);
    }
    return [...figureProblems(section), ...check.problems];
  },
};
