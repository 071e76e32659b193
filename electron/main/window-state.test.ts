import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, placeWindow, readWindowState, trackWindowState, windowStatePath, writeWindowState, type WindowState } from './window-state';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 2560, height: 1400 };
const state = (over: Partial<WindowState> = {}): WindowState => ({ version: 1, x: 100, y: 80, width: 1200, height: 800, maximized: false, ...over });

const made: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'seedance-window-'));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('window state file', () => {
  it('round-trips through an atomic write', async () => {
    const file = windowStatePath(dir());
    await writeWindowState(file, state({ maximized: true }));
    expect(readWindowState(file)).toEqual(state({ maximized: true }));
    expect(readdirSync(join(file, '..'))).toEqual(['window-state.json']);
  });

  it('ignores a missing, unreadable or malformed file', () => {
    const d = dir();
    expect(readWindowState(join(d, 'none.json'))).toBeUndefined();
    const file = join(d, 'window-state.json');
    for (const text of ['{', '[]', '{"version":1}', JSON.stringify({ ...state(), width: 'wide' }), JSON.stringify({ ...state(), version: 2 }), JSON.stringify({ ...state(), x: 1e9 })]) {
      writeFileSync(file, text);
      expect(readWindowState(file), text).toBeUndefined();
    }
  });
});

describe('placing the window', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(undefined, [primary], primary)).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('keeps a place that is on a display', () => {
    expect(placeWindow(state(), [primary, right], primary)).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximized: false });
    expect(placeWindow(state({ x: 2100, y: 50 }), [primary, right], primary)).toMatchObject({ x: 2100, y: 50 });
  });

  it('centres on the primary display a window whose display is gone', () => {
    const placed = placeWindow(state({ x: 2100, y: 50, maximized: true }), [primary], primary);
    expect(placed).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('centres a window that is barely visible', () => {
    expect(placeWindow(state({ x: 1900, y: 1000 }), [primary], primary)).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('pulls a partly visible window fully onto its display and shrinks it to fit', () => {
    expect(placeWindow(state({ x: 1500, y: -50 }), [primary], primary)).toEqual({ x: 720, y: 0, width: 1200, height: 800, maximized: false });
    expect(placeWindow(state({ x: 10, y: 10, width: 3000, height: 2000 }), [primary], primary)).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: false });
  });

  it('never makes a window smaller than the minimum when the display is big enough', () => {
    expect(placeWindow(state({ width: 100, height: 100 }), [primary], primary)).toMatchObject(MIN_SIZE);
  });
});

describe('tracking the window', () => {
  afterEach(() => vi.useRealTimers());

  function fakeWindow() {
    const emitter = new EventEmitter();
    return Object.assign(emitter, {
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: false,
      minimized: false,
      isDestroyed: () => false,
      isMaximized() {
        return this.maximized;
      },
      isMinimized() {
        return this.minimized;
      },
      isFullScreen: () => false,
      getNormalBounds() {
        return this.bounds;
      },
    });
  }

  it('saves the normal bounds and maximized state on close', async () => {
    const file = windowStatePath(dir());
    const window = fakeWindow();
    const tracker = trackWindowState(window as never, file);
    window.maximized = true;
    window.emit('close');
    await tracker.save();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, x: 10, y: 20, width: 1000, height: 700, maximized: true });
  });

  it('saves once after a burst of moves', async () => {
    vi.useFakeTimers();
    const file = windowStatePath(dir());
    const window = fakeWindow();
    trackWindowState(window as never, file, { debounceMs: 100 });
    for (let i = 0; i < 5; i++) {
      window.bounds = { ...window.bounds, x: 10 + i };
      window.emit('move');
    }
    expect(readWindowState(file)).toBeUndefined();
    vi.advanceTimersByTime(150);
    vi.useRealTimers();
    await vi.waitFor(() => expect(readWindowState(file)?.x).toBe(14));
  });
});
