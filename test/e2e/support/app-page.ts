/**
 * The app in Chromium through browser mode, as every browser end-to-end suite sets it up: the real
 * app service behind `startBrowserMode`, the built renderer, a fresh data folder, Debian's Chromium,
 * and a page whose errors (but for Chromium's known notice) are collected. Also the helpers the
 * suites drive pages with: `eventually`, the role locators (node, button, prompt) and one contract
 * call made from inside the page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../electron/host';
import { createAppService } from '../../../electron/service/service';
import { builtRenderer, launchChromium, type Browser } from './browser';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * renderer/index.html's meta CSP lists frame-ancestors, which Chromium ignores in a meta tag (and
 * says so); the server sends it as a header, where it counts. Not a problem of the page.
 */
export const KNOWN_CONSOLE = [/frame-ancestors' is ignored when delivered via a <meta> element/];

/** Polls until `check` stops throwing (the page updates asynchronously). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Collects what goes wrong in the page from now on: exceptions and console errors (but the known notice). */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !KNOWN_CONSOLE.some((k) => k.test(message.text()))) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

export interface AppHostOptions {
  dataDir: string;
  defaultOutDir: string;
  /** The service's environment (e.g. MODELLIX_BASE_URL of a test's simulator); none by default. */
  env?: Record<string, string>;
  version?: string;
  /** out/renderer, built first when stale (see builtRenderer) unless given. */
  rendererDir?: string;
}

/** Browser mode serving the real app service and the built renderer. */
export function startAppHost(options: AppHostOptions): Promise<BrowserMode> {
  return startBrowserMode({
    dataDir: options.dataDir,
    env: options.env ?? {},
    version: options.version ?? 'e2e',
    rendererDir: options.rendererDir ?? builtRenderer(REPO),
    defaultOutDir: options.defaultOutDir,
    createService: createAppService,
  });
}

export interface AppPageOptions {
  /** The temporary folder's name prefix, e.g. 'sf-e2e-batch-'. */
  prefix: string;
  env?: Record<string, string>;
  version?: string;
  /** Chromium's window; 1440 × 900 unless given. */
  viewport?: { width: number; height: number };
}

export interface AppPage {
  /** The temporary folder: data/ (the host's data folder) and out/ (its default output folder) inside. */
  dir: string;
  mode: BrowserMode;
  browser: Browser;
  page: Page;
  /** What went wrong in the page (see collectPageProblems): a suite ends by expecting it empty. */
  problems: string[];
  /** Closes the browser and the host, and removes the temporary folder. */
  close(): Promise<void>;
}

/** A fresh temporary folder, browser mode on it, Chromium and one page (not yet navigated). */
export async function openAppPage(options: AppPageOptions): Promise<AppPage> {
  const rendererDir = builtRenderer(REPO);
  const dir = await mkdtemp(path.join(tmpdir(), options.prefix));
  let mode: BrowserMode | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    mode = await startAppHost({ dataDir: path.join(dir, 'data'), defaultOutDir: path.join(dir, 'out'), env: options.env, version: options.version, rendererDir });
    browser = await launchChromium(options.viewport ?? { width: 1440, height: 900 });
    const page = await browser.context.newPage();
    return { dir, mode, browser, page, problems: collectPageProblems(page), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The app page of a suite: opened before its tests (beforeAll), closed and its folder removed after
 * (afterAll). `options` may be a function, read when the page opens (after the hooks registered
 * before this call, e.g. one that starts a simulator whose address goes in `env`).
 */
export function useAppPage(options: AppPageOptions | (() => AppPageOptions)): Omit<AppPage, 'close'> {
  let opened: AppPage | undefined;
  beforeAll(async () => {
    opened = await openAppPage(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await opened?.close();
  });
  const get = (): AppPage => {
    if (!opened) throw new Error('The app page opens in beforeAll: use it inside a test or a later hook.');
    return opened;
  };
  return {
    get dir() {
      return get().dir;
    },
    get mode() {
      return get().mode;
    },
    get browser() {
      return get().browser;
    },
    get page() {
      return get().page;
    },
    get problems() {
      return get().problems;
    },
  };
}

/** From the start screen (the page at the host's address), a new empty graph: the canvas shows. */
export async function openEmptyCanvas(app: Pick<AppPage, 'page' | 'mode'>): Promise<void> {
  await app.page.goto(app.mode.host.url);
  await buttonIn(app.page, 'New empty graph').click();
  await app.page.getByRole('application', { name: 'Canvas' }).waitFor();
}

/** Save on a graph with no file yet: `file` typed in the Save dialog; resolves once the window's title names it. */
export async function saveGraphAs(page: Page, file: string): Promise<void> {
  await buttonIn(page, 'Save').click();
  const dialog = page.getByRole('dialog', { name: 'Save graph as' });
  await dialog.getByRole('textbox', { name: 'File path' }).fill(file);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await eventually(async () => expect(await page.title()).toBe(`${path.basename(file)} — Seedance Flow`), 20_000);
}

/**
 * After a page load: the start screen, or first the offer to restore what an earlier test left
 * unsaved (it comes a moment after the page, so it is waited for `offerWaitMs`), which is declined.
 */
export async function startScreen(page: Page, offerWaitMs = 2000): Promise<void> {
  await buttonIn(page, 'New empty graph').waitFor();
  const offer = page.getByRole('alertdialog', { name: 'Restore unsaved work?' });
  if (await offer.waitFor({ timeout: offerWaitMs }).then(() => true, () => false)) await offer.getByRole('button', { name: 'Discard' }).click();
}

/** On the start screen: Open…, with `file` typed in the Open dialog (browser mode has no file dialog). */
export async function openFromStart(page: Page, file: string): Promise<void> {
  await page.getByRole('main', { name: 'Start' }).getByRole('button', { name: 'Open…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open graph' });
  await dialog.getByRole('textbox', { name: 'File path' }).fill(file);
  await dialog.getByRole('button', { name: 'Open' }).click();
}

type Scope = Page | Locator;

/** A button by its exact accessible name. */
export const buttonIn = (within: Scope, name: string): Locator => within.getByRole('button', { name, exact: true });
/** A canvas node by its exact accessible name ("Seedance node Restyle", "Video asset clip.mp4"). */
export const nodeIn = (within: Scope, name: string): Locator => within.getByRole('group', { name, exact: true });
/** A Seedance node's prompt field. */
export const promptIn = (within: Scope, nodeName: string): Locator => nodeIn(within, nodeName).getByRole('textbox', { name: 'Prompt', exact: true });

/**
 * The role helpers bound to a suite's page, read when called (suites open their page in beforeAll).
 * `button` looks in the page unless given another scope (a dialog).
 */
export function rolesOf(page: () => Page) {
  return {
    button: (name: string, within: Scope = page()): Locator => buttonIn(within, name),
    node: (name: string): Locator => nodeIn(page(), name),
    prompt: (nodeName: string): Locator => promptIn(page(), nodeName),
  };
}

export interface PageCallResult {
  status: number;
  body: { ok: boolean; result?: Record<string, unknown>; error?: { code: string; message: string } };
}

/** One contract call from inside the page, as the app's HTTP transport makes it (cookie, same origin). */
export function callFromPage(page: Page, method: string, args: unknown): Promise<PageCallResult> {
  return page.evaluate(
    async ({ method, args }) => {
      const response = await fetch(`/api/call/${method}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return { status: response.status, body: (await response.json()) as PageCallResult['body'] };
    },
    { method, args },
  );
}
