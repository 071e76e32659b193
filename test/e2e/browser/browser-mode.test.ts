/**
 * Browser mode end to end in Debian's Chromium: `startBrowserMode` with the real app service and
 * the built renderer, opened with the token URL. The page must show the app's window, call the
 * contract with its cookie, receive events, and a page from another origin on this machine must
 * not be able to act on it. A screenshot lands in test-results/browser-mode.png.
 */
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { callFromPage as callFrom, REPO, useAppPage } from '../support/app-page';

const SCREENSHOT = path.join(REPO, 'test-results', 'browser-mode.png');
const KEY = 'sk-e2e-browser-0123456789';
/**
 * The app's main landmark: the placeholder named it "Seedance Flow"; the app shell names it after
 * what it shows ("Start" on an empty graph, "Graph editor" otherwise).
 */
const MAIN_LANDMARK = /^(Seedance Flow|Start|Graph editor)$/;
/** The app renders `Version <v>` in a status named "App version" once App calls app.info. */

/** Chromium on browser mode (the package's version, a 1280 × 800 window); its page's problems leave out Chromium's notice about a meta CSP's frame-ancestors. */
const app = useAppPage({ prefix: 'sf-e2e-browser-', version, viewport: { width: 1280, height: 800 } });

/** One call from inside the page, as the app's HTTP transport makes it (cookie, same origin). */
const callFromPage = (method: string, args: unknown) => callFrom(app.page, method, args);

describe('browser mode in Chromium', () => {
  it('opens the printed address, trades the token for a cookie, and shows the app window', async () => {
    await app.page.goto(app.mode.host.url);
    expect(app.page.url()).toBe(`${app.mode.host.origin}/`);
    const cookies = await app.browser.context.cookies([app.mode.host.origin]);
    expect(cookies).toEqual([expect.objectContaining({ name: `seedance_flow_${app.mode.host.port}`, httpOnly: true, sameSite: 'Strict' })]);

    try {
      await app.page.getByRole('main', { name: MAIN_LANDMARK }).waitFor({ state: 'visible', timeout: 15_000 });
      expect(await app.page.title()).toMatch(/Seedance Flow$/);
    } finally {
      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await app.page.screenshot({ path: SCREENSHOT, fullPage: true });
    }
    // A script blocked by the CSP, a failed request or an exception would show here.
    expect(app.problems).toEqual([]);
  });

  it('calls app.info through the contract from the page', async () => {
    const answer = await callFromPage('app.info', {});
    expect(answer).toEqual({ status: 200, body: { ok: true, result: { version, mode: 'browser', platform: process.platform, dataDir: path.join(app.dir, 'data'), examplesDir: path.join(REPO, 'examples') } } });
    const bad = await callFromPage('tasks.list', { limit: 'all' });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
  });

  it('shows the version app.info returned', async () => {
    const status = app.page.getByRole('status', { name: 'App version' });
    await status.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await status.textContent()).toContain(`Version ${version}`);
  });

  it('receives events over EventSource: a key set from the page is announced, never shown', async () => {
    await app.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const seen: string[] = [];
          (window as unknown as { sfEvents: string[] }).sfEvents = seen;
          const source = new EventSource('/api/events');
          source.addEventListener('key.changed', (event) => seen.push((event as MessageEvent<string>).data));
          source.onopen = () => resolve();
          source.onerror = () => reject(new Error('the event stream was refused'));
        }),
      undefined,
    );
    const set = await callFromPage('key.set', { key: KEY });
    expect(set.body).toMatchObject({ ok: true, result: { present: true, source: 'file' } });
    expect(JSON.stringify(set.body)).not.toContain(KEY);

    await app.page.waitForFunction(() => (window as unknown as { sfEvents: string[] }).sfEvents.length > 0, undefined, { timeout: 10_000 });
    const events = await app.page.evaluate(() => (window as unknown as { sfEvents: string[] }).sfEvents, undefined);
    expect(JSON.parse(events[0] ?? '{}')).toMatchObject({ present: true, source: 'file' });
    expect(events.join('\n')).not.toContain(KEY);
  });

  it('refuses a page from another origin on this machine, though the browser sends it the cookie', async () => {
    // Ports do not separate sites: http://127.0.0.1:<other> is same-site, so SameSite=Strict still
    // sends our cookie. Only the Origin check stands between that page and the API.
    const target = `${app.mode.host.origin}/api/call/key.clear`;
    const foreign = await serveForeignPage(target);
    try {
      const foreignPage = await app.browser.context.newPage();
      await foreignPage.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
      const outcome = await foreignPage.evaluate(async (url) => {
        const results: string[] = [];
        // A "simple" request (no preflight), the classic cross-site request forgery.
        await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{}' }).then(
          () => results.push('sent'),
          () => results.push('blocked'),
        );
        // A JSON call needs a CORS preflight, which is refused.
        await fetch(url, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
          (r) => results.push(`answered ${r.status}`),
          () => results.push('blocked'),
        );
        return results;
      }, target);
      expect(outcome[1]).toBe('blocked');
      // Whatever the browser did with the first one, the key is still there.
      const status = await callFromPage('key.status', {});
      expect(status.body).toMatchObject({ ok: true, result: { present: true, source: 'file' } });
    } finally {
      foreign.close();
    }
  });
});

/** A page on another port of 127.0.0.1 that knows the API's address. */
async function serveForeignPage(target: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>elsewhere</title><p>${target}</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
