import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './test-support/harness';

let h: Harness;
afterEach(() => h?.cleanup());

describe('seedance-flow: usage and exit codes', () => {
  it('prints the version and help (exit 0), with examples', async () => {
    h = makeHarness();
    expect(await h.run('--version')).toBe(0);
    expect(h.io.stdout.text.trim()).toBe('9.9.9-test');
    expect(await h.run('--help')).toBe(0);
    expect(h.io.stdout.text).toContain('Examples:');
    expect(h.io.stdout.text).toContain('MODELLIX_API_KEY');
    expect(await h.run('run', '--help')).toBe(0);
    expect(h.io.stdout.text).toContain('--retry-failed');
  });

  it.each([
    [['run', 'chain.seedance.json', '--bogus'], /unknown option '--bogus'/],
    [['launch', 'chain.seedance.json'], /unknown command 'launch'/],
    [['run'], /missing required argument 'graph'/],
    [['validate', 'chain.seedance.json', 'extra.json'], /too many arguments/],
    [[], /Usage: seedance-flow/],
  ])('%j is bad usage: exit 2, nothing sent', async (argv, message) => {
    h = makeHarness();
    expect(await h.run(...argv)).toBe(2);
    expect(h.io.stderr.text).toMatch(message);
    expect(h.nothingSent()).toBe(true);
  });

  it.each([
    [['--runs', 'abc'], '--runs takes a whole number from 1 to 1000, e.g. --runs 3 (got "abc").'],
    [['--runs', '0'], '--runs must be a whole number from 1 to 1000 (got 0).'],
    [['--concurrency', '99'], '--concurrency must be a whole number from 1 to 32 (got 99).'],
    [['--max-tasks', '-3'], '--max-tasks takes a whole number'],
    [['--base-url', 'ftp://example.com'], '--base-url: The Modellix base URL must use https'],
    [['--base-url', 'http://api.modellix.ai'], 'plain http only on this machine'],
    [['--poll', 'slow'], '--poll takes "fast" (the simulator) or "modellix"'],
    [['--batch', 'nope.csv'], '--batch nope.csv does not exist'],
    [['--retry-failed'], '--retry-failed re-runs the rows of a batch that did not succeed: add --batch rows.csv'],
    [['--out', 'chain.seedance.json'], '--out chain.seedance.json is a file, not a folder'],
  ])('run %j: a clear message, exit 2, nothing sent', async (flags, message) => {
    h = makeHarness({ env: { MODELLIX_API_KEY: 'k' } });
    expect(await h.run('run', 'chain.seedance.json', ...flags)).toBe(2);
    expect(h.io.stderr.text).toContain(message);
    expect(h.io.stderr.text).toContain('seedance-flow run --help');
    expect(h.nothingSent()).toBe(true);
  });

  it('reports every bad flag at once', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: 'k' } });
    expect(await h.run('run', 'chain.seedance.json', '--runs', 'x', '--concurrency', '0')).toBe(2);
    expect(h.io.stderr.text).toContain('--runs takes');
    expect(h.io.stderr.text).toContain('--concurrency must be');
  });

  it('a graph file that does not exist: exit 2 with the path it looked for', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: 'k' } });
    expect(await h.run('run', 'missing.seedance.json')).toBe(2);
    expect(h.io.stderr.text).toContain('The graph file missing.seedance.json does not exist');
    expect(h.nothingSent()).toBe(true);
  });

  it('MODELLIX_BASE_URL is checked like --base-url', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: 'k', MODELLIX_BASE_URL: 'not a url' } });
    expect(await h.run('run', 'chain.seedance.json')).toBe(2);
    expect(h.io.stderr.text).toContain('MODELLIX_BASE_URL: The Modellix base URL "not a url" is not a URL.');
    expect(h.nothingSent()).toBe(true);
  });

  it('--data-dir is checked too (a file is not a folder)', async () => {
    h = makeHarness({ env: { MODELLIX_API_KEY: 'k' } });
    expect(await h.run('tasks', '--data-dir', 'rows.csv')).toBe(2);
    expect(h.io.stderr.text).toContain('--data-dir rows.csv is a file, not a folder');
    expect(await h.run('run', 'chain.seedance.json', '--data-dir', 'rows.csv')).toBe(2);
    expect(h.nothingSent()).toBe(true);
  });

  it('schema prints the graph JSON Schema', async () => {
    h = makeHarness();
    expect(await h.run('schema')).toBe(0);
    const schema = JSON.parse(h.io.stdout.text) as { title: string };
    expect(schema.title).toBe('Seedance Flow graph');
  });
});
