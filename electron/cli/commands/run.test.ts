import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runEventSchema } from '../../../shared/api/run-events';
import { FAST_POLLING, MODELLIX_POLLING } from '../../engine/runner/polling';
import { API_KEY, makeHarness, MEDIA_FIXTURES, summaryFor, type Harness, type StartRuns } from '../test-support/harness';

let h: Harness;
afterEach(() => h?.cleanup());

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('run --dry-run', () => {
  it('--json prints exactly one line per task, inputs as upload: and output: refs, and sends nothing (no key needed)', async () => {
    h = makeHarness();
    expect(await h.run('run', 'chain.seedance.json', '--dry-run', '--json')).toBe(0);
    const out = lines(h.io.stdout.text).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toEqual([
      {
        node: 'shot1',
        model: 'seedance-2.0-v2v',
        path: '/api/v1/bytedance/seedance-2.0-v2v/async',
        body: {
          prompt: 'Restyle [Video 1] as a watercolour.',
          video_urls: [`upload:${path.join(h.dir, 'clip.mp4')}`],
          duration: 5,
          seed: 7,
          return_last_frame: true,
        },
      },
      {
        node: 'shot2',
        model: 'seedance-2.0-fast-i2v',
        path: '/api/v1/bytedance/seedance-2.0-fast-i2v/async',
        body: { prompt: 'Carry on from the first frame, the camera pulling back.', first_frame_image: 'output:shot1.lastFrame', duration: 4 },
      },
    ]);
    expect(out.every((l) => Object.keys(l).join() === 'node,model,path,body')).toBe(true);
    expect(h.nothingSent()).toBe(true);
    expect(h.deps.openLedger).not.toHaveBeenCalled();
  });

  it('without --json prints a table and the totals', async () => {
    h = makeHarness();
    expect(await h.run('run', 'chain.seedance.json', '--dry-run')).toBe(0);
    expect(h.io.stdout.text).toContain('nothing was sent');
    expect(h.io.stdout.text).toMatch(/shot1\s+seedance-2\.0-v2v\s+5\s+video_urls=upload:clip\.mp4/);
    expect(h.io.stdout.text).toMatch(/shot2\s+seedance-2\.0-fast-i2v\s+4\s+first_frame_image=output:shot1\.lastFrame/);
    expect(h.io.stdout.text).toContain('Total: 2 tasks, 9 s of video');
    expect(h.nothingSent()).toBe(true);
  });

  it('a batch: one recipe per row, CSV paths relative to the CSV, lines carry the row', async () => {
    h = makeHarness();
    expect(await h.run('run', 'template.seedance.json', '--batch', 'rows.csv', '--dry-run', '--json')).toBe(0);
    const out = lines(h.io.stdout.text).map((l) => JSON.parse(l) as { row: number; body: { prompt: string; video_urls: string[] } });
    expect(out.map((l) => l.row)).toEqual([1, 2]);
    expect(out[0]?.body.prompt).toBe('Turn [Video 1] into charcoal.');
    expect(out[1]?.body.video_urls).toEqual([`upload:${path.join(h.dir, 'clip.mp4')}`]);
  });
});

describe('run: bad input is exit 2 with a clear message, and nothing is sent', () => {
  it('a malformed graph file', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'malformed.seedance.json', '--yes')).toBe(2);
    expect(h.io.stderr.text).toContain('is not a valid Seedance Flow graph');
    expect(h.io.stderr.text).toContain('The file is not valid JSON');
    expect(h.nothingSent()).toBe(true);
  });

  it('a missing local file', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'missing-file.seedance.json', '--yes')).toBe(2);
    expect(h.io.stderr.text).toContain('Nothing was sent');
    expect(h.io.stderr.text).toContain(`${path.join(h.dir, 'footage', 'not-there.mp4')} was not found`);
    expect(h.nothingSent()).toBe(true);
  });

  it('a video over the limits (16 s; 15 s at most)', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    copyFileSync(path.join(MEDIA_FIXTURES, 'video-16s-854x480.mp4'), path.join(h.dir, 'clip.mp4'));
    expect(await h.run('run', 'chain.seedance.json', '--yes')).toBe(2);
    expect(h.io.stderr.text).toMatch(/clip\.mp4.*16(\.\d)? s.*15 s/);
    expect(h.nothingSent()).toBe(true);
  });

  it('a CSV missing a column', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'template.seedance.json', '--batch', 'rows-missing-column.csv', '--yes')).toBe(2);
    expect(h.io.stderr.text).toContain('rows-missing-column.csv has no column "clip"');
    expect(h.nothingSent()).toBe(true);
  });

  it('an unknown model', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'unknown-model.seedance.json', '--yes')).toBe(2);
    expect(h.io.stderr.text).toContain('node "shot" › data › model: unknown model "seedance-9.9-t2v"');
    expect(h.nothingSent()).toBe(true);
  });

  it('a prompt of 2001 characters', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    const graph = JSON.parse(readFileSync(path.join(h.dir, 'text-only.seedance.json'), 'utf8')) as { nodes: { data: { prompt: string } }[] };
    (graph.nodes[0] as { data: { prompt: string } }).data.prompt = 'x'.repeat(2001);
    writeFileSync(path.join(h.dir, 'long.seedance.json'), JSON.stringify(graph));
    expect(await h.run('run', 'long.seedance.json', '--yes')).toBe(2);
    expect(h.io.stderr.text).toMatch(/2000/);
    expect(h.io.stderr.text).toContain('Nothing was sent');
    expect(h.nothingSent()).toBe(true);
  });

  it('a template graph run without a batch names the unbound input', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'template.seedance.json', '--yes')).toBe(2);
    expect(h.io.stderr.text).toContain('bind "clip" from a batch column');
    expect(h.nothingSent()).toBe(true);
  });
});

describe('run: key, confirmation and caps', () => {
  it('no MODELLIX_API_KEY: exit 2 with advice', async () => {
    h = makeHarness();
    expect(await h.run('run', 'chain.seedance.json')).toBe(2);
    expect(h.io.stderr.text).toContain('MODELLIX_API_KEY is not set');
    expect(h.io.stderr.text).toContain('export MODELLIX_API_KEY=');
    expect(h.io.stderr.text).toContain('--dry-run');
    expect(h.nothingSent()).toBe(true);
  });

  it('over the threshold and not a terminal: refuses without --yes (exit 2)', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'chain.seedance.json', '--runs', '10')).toBe(2);
    // shot1 has a fixed seed: the same request in every run, sent once.
    expect(h.io.stderr.text).toContain('11 tasks in 10 runs, 45 s of video (9 more repeat a fixed-seed request and share its result)');
    expect(h.io.stderr.text).toContain('note: "shot1" has a fixed seed (7), so it is the same request in 10 runs');
    expect(h.io.stderr.text).toMatch(/seedance-2\.0-fast-i2v\s+10 tasks\s+40 s\s+default resolution\s+no price/);
    expect(h.io.stderr.text).toContain('Estimated cost: not known: the price table has no price for seedance-2.0-fast-i2v, seedance-2.0-v2v');
    expect(h.io.stderr.text).toContain('Pass --yes');
    expect(h.nothingSent()).toBe(true);
  });

  it('over 120 s of video counts too', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'text-only.seedance.json', '--runs', '25')).toBe(2);
    expect(h.io.stderr.text).toContain('25 tasks in 25 runs, 125 s of video');
    expect(h.nothingSent()).toBe(true);
  });

  it('under the threshold it just runs; --yes runs over it', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'chain.seedance.json', '--runs', '5')).toBe(0);
    expect(h.deps.runner.startRuns).toHaveBeenCalledTimes(1);
    expect(await h.run('run', 'chain.seedance.json', '--runs', '6', '--yes')).toBe(0);
    expect(h.deps.runner.startRuns).toHaveBeenCalledTimes(2);
    const recipes = h.deps.runner.startRuns.mock.calls[1]?.[0] ?? [];
    expect(recipes.map((r) => r.repeat)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('on a terminal it shows the totals per model and asks; no sends nothing (exit 1), y sends', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY }, tty: true });
    const ask = h.run('run', 'chain.seedance.json', '--runs', '10');
    h.io.stdin.write('n\n');
    expect(await ask).toBe(1);
    expect(h.io.stderr.text).toContain('This run will send 11 tasks in 10 runs, 45 s of video (9 more repeat');
    expect(h.io.stderr.text).toMatch(/seedance-2\.0-v2v\s+1 task\s+5 s/);
    expect(h.io.stderr.text).toMatch(/seedance-2\.0-fast-i2v\s+10 tasks\s+40 s/);
    expect(h.io.stderr.text).toContain('[y/N]');
    expect(h.io.stderr.text).toContain('Nothing was sent.');
    expect(h.nothingSent()).toBe(true);

    const yes = h.run('run', 'chain.seedance.json', '--runs', '10');
    setTimeout(() => h.io.stdin.write('y\n'), 20);
    expect(await yes).toBe(0);
    expect(h.deps.runner.startRuns).toHaveBeenCalledTimes(1);
  });

  it('--max-tasks is a hard cap, even with --yes', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'chain.seedance.json', '--runs', '3', '--max-tasks', '3', '--yes')).toBe(2);
    expect(h.io.stderr.text).toContain('This run would send 4 tasks, over --max-tasks 3');
    expect(h.nothingSent()).toBe(true);
    expect(await h.run('run', 'chain.seedance.json', '--runs', '3', '--max-tasks', '4')).toBe(0);
  });
});

describe('run: sending (runner injected)', () => {
  it('hands the runner the recipes, the ledger, the client and the polling policy', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'chain.seedance.json', '--concurrency', '3', '--force', '--out', 'renders')).toBe(0);
    expect(h.deps.createClient).toHaveBeenCalledWith({ baseUrl: 'https://api.modellix.ai', apiKey: API_KEY });
    expect(h.deps.openLedger).toHaveBeenCalledWith(path.join(h.dir, 'data'));
    const [recipes, deps] = h.deps.runner.startRuns.mock.calls[0] ?? [];
    expect(recipes).toHaveLength(1);
    expect(recipes?.[0]).toMatchObject({ graphFile: path.join(h.dir, 'chain.seedance.json'), baseDir: h.dir, outDir: path.join(h.dir, 'renders'), force: true });
    expect(deps?.concurrency).toBe(3);
    expect(deps?.polling).toEqual(MODELLIX_POLLING);
    expect(deps?.signal?.aborted).toBe(false);
  });

  it('default out dir is ./seedance-output; fast polling on loopback unless --poll modellix', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY, MODELLIX_BASE_URL: 'http://127.0.0.1:8787' } });
    expect(await h.run('run', 'chain.seedance.json')).toBe(0);
    expect(h.deps.runner.startRuns.mock.calls[0]?.[0][0]?.outDir).toBe(path.join(h.dir, 'seedance-output'));
    expect(h.deps.runner.startRuns.mock.calls[0]?.[1].polling).toEqual(FAST_POLLING);
    expect(h.deps.createClient).toHaveBeenLastCalledWith({ baseUrl: 'http://127.0.0.1:8787', apiKey: API_KEY });
    expect(await h.run('run', 'chain.seedance.json', '--poll', 'modellix')).toBe(0);
    expect(h.deps.runner.startRuns.mock.calls[1]?.[1].polling).toEqual(MODELLIX_POLLING);
    expect(await h.run('run', 'chain.seedance.json', '--base-url', 'https://eu.modellix.example', '--poll', 'fast')).toBe(0);
    expect(h.deps.runner.startRuns.mock.calls[2]?.[1].polling).toEqual(FAST_POLLING);
  });

  it('plain lines when not a terminal, then a summary; exit 0', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'chain.seedance.json')).toBe(0);
    expect(h.io.stdout.text).toContain('[run 00000000] shot1 submitted task-shot1');
    expect(h.io.stdout.text).toContain('Done: 1 run, 2 tasks (2 succeeded).');
  });

  it('--json: one validated line per event and a final summary line', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'chain.seedance.json', '--json')).toBe(0);
    const out = lines(h.io.stdout.text).map((l) => JSON.parse(l) as { type: string });
    const summary = out.pop() as { type: string; ok: boolean; exitCode: number; runs: unknown[] };
    expect(out.length).toBeGreaterThan(4);
    for (const event of out) expect(runEventSchema.safeParse(event).success).toBe(true);
    expect(summary).toMatchObject({ type: 'summary', ok: true, exitCode: 0 });
    expect(summary.runs).toHaveLength(1);
  });

  it('a failed or unknown task is exit 1; unknown ones come with dashboard advice', async () => {
    const failing: StartRuns = async (recipes) => recipes.map((r, i) => summaryFor(r, `run-${i}`, i === 0 ? 'failed' : 'unknown'));
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY }, startRuns: failing });
    expect(await h.run('run', 'chain.seedance.json', '--runs', '2')).toBe(1);
    expect(h.io.stdout.text).toContain('Finished with problems');
    expect(h.io.stdout.text).toContain('shot1 failed');
    expect(h.io.stdout.text).toContain('Outcome unknown (2)');
    expect(h.io.stdout.text).toContain('check your Modellix dashboard');
  });

  it('the API key is never printed, not in lines, errors or --json', async () => {
    const leaky: StartRuns = async (recipes, deps) => {
      deps.onEvent?.({ type: 'task.failed', runId: 'r1', at: 1, node: 'shot1', outcome: 'failed', message: `server said: bad key ${API_KEY}` });
      return recipes.map((r) => summaryFor(r, 'r1', 'failed')).map((s) => ({ ...s, nodes: s.nodes.map((n) => ({ ...n, message: `Bearer ${API_KEY}` })) }));
    };
    for (const json of [false, true]) {
      h?.cleanup();
      h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY }, startRuns: leaky });
      expect(await h.run('run', 'chain.seedance.json', ...(json ? ['--json'] : []))).toBe(1);
      expect(h.io.stdout.text + h.io.stderr.text).not.toContain(API_KEY);
      expect(h.io.stdout.text).toContain('[redacted]');
    }
    h.cleanup();
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    expect(await h.run('run', 'chain.seedance.json', '--base-url', `https://x.example/?key=${API_KEY}`)).toBe(2);
    expect(h.io.stderr.text).not.toContain(API_KEY);
  });

  it('Ctrl-C aborts the signal once and says a sent task may still be billed; a second one exits at once', async () => {
    let seen: AbortSignal | undefined;
    const waiting: StartRuns = (recipes, deps) =>
      new Promise((resolve) => {
        seen = deps.signal;
        deps.signal?.addEventListener('abort', () => resolve(recipes.map((r) => summaryFor(r, 'run-x', 'cancelled'))));
      });
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY }, startRuns: waiting });
    const running = h.run('run', 'chain.seedance.json');
    await new Promise((r) => setTimeout(r, 200));
    expect(seen?.aborted).toBe(false);
    h.io.signal('SIGINT');
    expect(seen?.aborted).toBe(true);
    expect(h.io.stderr.text).toContain('may still finish there and be billed');
    h.io.signal('SIGINT');
    expect(h.io.exitCalls).toEqual([130]);
    expect(await running).toBe(1);
  });

  it('--retry-failed runs only the rows whose latest outcome is not succeeded', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    const batchFile = path.join(h.dir, 'rows.csv');
    h.deps.runner.batchRowOutcomes = (_ledger, file) => (file === batchFile ? new Map([[1, 'succeeded'], [2, 'failed']]) : new Map());
    expect(await h.run('run', 'template.seedance.json', '--batch', 'rows.csv', '--retry-failed')).toBe(0);
    expect(h.io.stderr.text).toContain('Retrying 1 of 2 rows (1 already succeeded): rows 2.');
    expect(h.deps.runner.startRuns.mock.calls[0]?.[0].map((r) => r.batchRow)).toEqual([2]);

    h.deps.runner.batchRowOutcomes = () => new Map([[1, 'succeeded'], [2, 'succeeded']]);
    expect(await h.run('run', 'template.seedance.json', '--batch', 'rows.csv', '--retry-failed')).toBe(0);
    expect(h.io.stderr.text).toContain('has already succeeded: nothing to retry');
    expect(h.deps.runner.startRuns).toHaveBeenCalledTimes(1);
  });

  it('a ledger held by another process: exit 2 with advice, nothing sent', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY } });
    const { Ledger } = await import('../../engine/ledger');
    const held = await Ledger.open(path.join(h.dir, 'data'), { releaseOnExit: false });
    try {
      expect(await h.run('run', 'chain.seedance.json')).toBe(2);
      expect(h.io.stderr.text).toContain('already open in this process');
      expect(h.io.stderr.text).toContain('--data-dir');
      expect(h.deps.runner.startRuns).not.toHaveBeenCalled();
    } finally {
      await held.close();
    }
  });
});

describe('run: the cost estimate from the app\'s price table (the data folder\'s settings.json)', () => {
  const withPrices = (prices: unknown) => {
    mkdirSync(path.join(h.dir, 'data'), { recursive: true });
    writeFileSync(path.join(h.dir, 'data', 'settings.json'), JSON.stringify({ concurrency: 4, prices }));
  };

  it('the confirmation and the dry run show the same lines: per model and resolution, then the cost', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: API_KEY }, tty: true });
    withPrices({ 'seedance-2.0-v2v': 0.1, 'seedance-2.0-fast-i2v@720p': 9, 'seedance-2.0-fast-i2v': 0.05 });
    const ask = h.run('run', 'chain.seedance.json', '--runs', '10');
    h.io.stdin.write('n\n');
    expect(await ask).toBe(1);
    const asked = lines(h.io.stderr.text);
    const start = asked.findIndex((l) => l.startsWith('This run will send 11 tasks in 10 runs, 45 s of video'));
    const shown = asked.slice(start + 1, start + 4);
    // Neither node sets a resolution: the model-wide key prices them (5 s × $0.10 + 40 s × $0.05).
    expect(shown[0]).toMatch(/^ {2}seedance-2\.0-fast-i2v\s+10 tasks\s+40 s\s+default resolution\s+\$2\.00$/);
    expect(shown[1]).toMatch(/^ {2}seedance-2\.0-v2v\s+1 task\s+5 s\s+default resolution\s+\$0\.50$/);
    expect(shown[2]).toBe('Estimated cost: ≈ $2.50 (from your price table; Modellix bills by its own prices).');
    expect(h.nothingSent()).toBe(true);

    expect(await h.run('run', 'chain.seedance.json', '--runs', '10', '--dry-run')).toBe(0);
    const out = lines(h.io.stdout.text);
    const total = out.findIndex((l) => l.startsWith('Total: 11 tasks in 10 runs, 45 s of video'));
    expect(out.slice(total + 1, total + 4)).toEqual(shown);
  });

  it('a model without a price: no estimate, and the key to set is named', async () => {
    h = makeHarness();
    withPrices({ 'seedance-2.0-v2v@720p': 0.1 });
    expect(await h.run('run', 'chain.seedance.json', '--dry-run')).toBe(0);
    expect(h.io.stdout.text).toContain('Estimated cost: not known: the price table has no price for seedance-2.0-fast-i2v, seedance-2.0-v2v');
    expect(h.io.stdout.text).toMatch(/seedance-2\.0-v2v\s+1 task\s+5 s\s+default resolution\s+no price/);
  });

  it('a price entry that cannot be read is left out, saying why and the format; the rest still prices the run', async () => {
    h = makeHarness();
    withPrices({ 'v2v-720': 0.1, 'seedance-2.0-v2v': 0.1, 'seedance-2.0-fast-i2v': 'cheap' });
    expect(await h.run('run', 'chain.seedance.json', '--dry-run')).toBe(0);
    expect(h.io.stderr.text).toContain('note: The price table in');
    expect(h.io.stderr.text).toContain('"v2v-720" is not a price key: use "<model>@<resolution>" (e.g. "seedance-2.0-t2v@720p") or "<model>" for any resolution');
    expect(h.io.stderr.text).toContain('"seedance-2.0-fast-i2v": the price must be a number of 0 or more');
    expect(h.io.stdout.text).toMatch(/seedance-2\.0-v2v\s+1 task\s+5 s\s+default resolution\s+\$0\.50/);
    expect(h.io.stdout.text).toContain('Estimated cost: not known: the price table has no price for seedance-2.0-fast-i2v');
  });
});
