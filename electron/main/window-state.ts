/**
 * The window's size, place and maximized state, kept in the data folder between runs
 * (`window-state.json`, checked with zod on load, written atomically). A saved place is used
 * only if it still lies on a connected display; otherwise the window opens centred on the
 * primary display, never off screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { writeFileAtomic } from '../engine/fs';

const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1400, height: 900 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(100).max(100_000);

const windowStateSchema = z.object({
  version: z.literal(1),
  x: coordinate,
  y: coordinate,
  width: length,
  height: length,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** Where to open: bounds (x/y absent means "centre it") and whether to maximize. */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export function windowStatePath(dataDir: string): string {
  return join(dataDir, WINDOW_STATE_FILE);
}

/** The saved state, or undefined when there is none or it is unreadable or malformed. */
export function readWindowState(file: string): WindowState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(windowStateSchema.parse(state), null, 2)}\n`);
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** At least this much of the saved window must be on a display for the place to be kept. */
const MIN_VISIBLE = { width: 160, height: 120 };

/**
 * Fits a saved state to the displays connected now: the place is kept if enough of the window
 * lies on one display's work area, then the window is shrunk and moved to lie fully inside it;
 * otherwise it is centred (x/y left out) at a size that fits the primary display.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rectangle[], primary: Rectangle): WindowPlacement {
  const fit = (area: Rectangle, width: number, height: number) => ({
    width: Math.max(Math.min(width, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(height, area.height), Math.min(MIN_SIZE.height, area.height)),
  });
  if (!saved) return { ...fit(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };
  let best: Rectangle | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const o = overlap(saved, area);
    if (o > bestOverlap) {
      best = area;
      bestOverlap = o;
    }
  }
  const visibleEnough =
    best !== undefined &&
    Math.min(saved.x + saved.width, best.x + best.width) - Math.max(saved.x, best.x) >= MIN_VISIBLE.width &&
    Math.min(saved.y + saved.height, best.y + best.height) - Math.max(saved.y, best.y) >= MIN_VISIBLE.height;
  if (!best || !visibleEnough) return { ...fit(primary, saved.width, saved.height), maximized: saved.maximized };
  const size = fit(best, saved.width, saved.height);
  const x = Math.min(Math.max(saved.x, best.x), best.x + best.width - size.width);
  const y = Math.min(Math.max(saved.y, best.y), best.y + best.height - size.height);
  return { x, y, ...size, maximized: saved.maximized };
}

type TrackedWindow = Pick<BrowserWindow, 'on' | 'isMaximized' | 'isMinimized' | 'isFullScreen' | 'getNormalBounds' | 'isDestroyed'>;

export interface WindowStateTracker {
  /** Writes the current state now (also done on close). */
  save(): Promise<void>;
}

/**
 * Saves the window's state when it is moved, resized, maximized or restored (debounced), and
 * on close. The normal (unmaximized) bounds are saved, so a maximized window restores to the size
 * it had before.
 */
export function trackWindowState(
  window: TrackedWindow,
  file: string,
  options: { debounceMs?: number; log?: (message: string) => void } = {},
): WindowStateTracker {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: WindowState | undefined;
  let writing: Promise<void> = Promise.resolve();
  const snapshot = (): WindowState | undefined => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return last;
    const b = window.getNormalBounds();
    const round = (n: number) => Math.round(n);
    return { version: 1, x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height), maximized: window.isMaximized() };
  };
  const save = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const state = snapshot();
    const parsed = windowStateSchema.safeParse(state);
    if (!parsed.success) return writing;
    last = parsed.data;
    writing = writing
      .then(() => writeWindowState(file, parsed.data))
      .catch((error: unknown) => options.log?.(`Could not save the window state: ${String(error)}`));
    return writing;
  };
  const later = () => {
    last = snapshot() ?? last;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void save(), options.debounceMs ?? 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', () => void save());
  return { save };
}
