/**
 * Scripted input while frames are counted: a node dragged in circles, the canvas panned in
 * circles, the wheel zooming in and out; and keys typed into a prompt one at a time. Input comes
 * every 8 ms (a 125 Hz mouse), so every frame has fresh input; Chromium coalesces what arrives
 * within a frame, and a busy page takes the events more slowly, as it would from a person.
 */
import type { Page } from 'playwright-core';
import { focusPromptAndProbeKeys, keyLatencies, nodeGrip, panePoint, startFrames, stopFrames, type Frames, type PagePoint } from './probe';

const EVENT_MS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `step` every `EVENT_MS` for `durationMs`, with at most two events on their way: CDP
 * answers a wheel event only about two frames later, so one at a time would halve its rate.
 */
async function paced(durationMs: number, step: (i: number) => Promise<void>): Promise<void> {
  const until = performance.now() + durationMs;
  const pending = new Set<Promise<void>>();
  for (let i = 0; performance.now() < until; i++) {
    while (pending.size >= 2) await Promise.race(pending);
    const sent: Promise<void> = step(i).finally(() => pending.delete(sent));
    pending.add(sent);
    await sleep(EVENT_MS);
  }
  await Promise.all(pending);
}

export interface Motion extends Frames {
  /** Frames per second in which the dragged node or the view had moved: what the eye sees. */
  fps: number;
  /** requestAnimationFrame callbacks per second, moved or not. */
  rafFps: number;
}

async function counted(page: Page, watch: string, run: () => Promise<void>): Promise<Motion> {
  await page.evaluate(startFrames, watch);
  await run();
  const frames = await page.evaluate(stopFrames);
  const perSecond = (count: number) => (frames.ms > 0 ? (count / frames.ms) * 1000 : 0);
  return { ...frames, fps: perSecond(frames.moved), rafFps: perSecond(frames.frames - 1) };
}

async function point(page: Page, find: () => PagePoint | null, what: string): Promise<PagePoint> {
  const found = await page.evaluate(find);
  if (!found) throw new Error(`no ${what} found on the page`);
  return found;
}

/** Presses at `from` and moves in circles of `radius` for `durationMs`, then lets go. */
async function circle(page: Page, from: PagePoint, radius: number, durationMs: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await paced(durationMs, async (i) => {
    const angle = (i / 30) * 2 * Math.PI;
    await page.mouse.move(from.x + radius * Math.sin(angle), from.y + radius * (1 - Math.cos(angle)));
  });
  await page.mouse.up();
}

/** A measurement made ready (its point found on the page), to run when wanted. */
export type Prepared = () => Promise<Motion>;

export async function prepareDrag(page: Page, durationMs: number): Promise<Prepared> {
  const grip = await point(page, nodeGrip, 'node to drag');
  return () => counted(page, grip.watch, () => circle(page, grip, 80, durationMs));
}

export async function preparePan(page: Page, durationMs: number): Promise<Prepared> {
  const at = await point(page, panePoint, 'empty spot of the canvas to pan from');
  return () => counted(page, at.watch, () => circle(page, at, 150, durationMs));
}

/** Ten wheel steps in, ten out, and so on: the view stays around where it began. */
export async function prepareZoom(page: Page, durationMs: number): Promise<Prepared> {
  const at = await point(page, panePoint, 'empty spot of the canvas to zoom at');
  return async () => {
    await page.mouse.move(at.x, at.y);
    return counted(page, at.watch, () => paced(durationMs, (i) => page.mouse.wheel(0, Math.floor(i / 10) % 2 === 0 ? -100 : 100)));
  };
}

/** The canvas's zoom, read off React Flow's viewport transform. */
function viewportZoom(): number {
  const transform = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? Number.NaN);
}

/**
 * Zooms in at the middle of the canvas to 100 % as a user would to type: zoomed out, the app draws
 * its nodes without fields (nodes/detail.tsx), and the bare page has none to type into anyway.
 */
async function zoomInToType(page: Page): Promise<void> {
  const box = await page.locator('.react-flow').boundingBox();
  if (!box) throw new Error('no canvas to zoom');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40 && (await page.evaluate(viewportZoom)) < 1; i++) {
    await page.mouse.wheel(0, -100);
    await sleep(50);
  }
  await page.waitForSelector('.react-flow__node textarea', { timeout: 10_000 });
}

/** Zooms in and focuses a prompt; the result types `keys` keys one at a time, the page idle between, and gives each one's latency. */
export async function prepareTyping(page: Page, keys: number): Promise<() => Promise<number[]>> {
  await zoomInToType(page);
  if (!(await page.evaluate(focusPromptAndProbeKeys))) throw new Error('no prompt to type into');
  return () => typeKeys(page, keys);
}

async function typeKeys(page: Page, keys: number): Promise<number[]> {
  for (let i = 0; i < keys; i++) {
    await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((n) => ((window as unknown as { __benchKeys?: number[] }).__benchKeys?.length ?? 0) > n, i, { polling: 20, timeout: 60_000 });
    await sleep(100);
  }
  return page.evaluate(keyLatencies);
}
