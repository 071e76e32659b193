import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../test-support/harness';

let h: Harness;
afterEach(() => h?.cleanup());

describe('validate', () => {
  it('a good graph: exit 0 and one OK line with the totals', async () => {
    h = makeHarness();
    expect(await h.run('validate', 'chain.seedance.json')).toBe(0);
    expect(h.io.stdout.text).toBe(`OK ${path.join(h.dir, 'chain.seedance.json')}: 2 tasks, 9 s of video.\n`);
    expect(h.io.stderr.text).toBe('');
    expect(h.nothingSent()).toBe(true);
  });

  it('prints warnings but still passes', async () => {
    h = makeHarness();
    const graph = JSON.parse(readFileSync(path.join(h.dir, 'text-only.seedance.json'), 'utf8')) as { nodes: unknown[] };
    graph.nodes.push({ id: 'stray', type: 'asset', position: { x: 0, y: 200 }, data: { media: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } } });
    writeFileSync(path.join(h.dir, 'warn.seedance.json'), JSON.stringify(graph));
    expect(await h.run('validate', 'warn.seedance.json')).toBe(0);
    expect(h.io.stderr.text).toContain('warning: "stray" is not wired to anything.');
    expect(h.io.stdout.text).toMatch(/^OK /);
  });

  it('lists every error with its node and field: exit 2', async () => {
    h = makeHarness();
    const graph = JSON.parse(readFileSync(path.join(h.dir, 'chain.seedance.json'), 'utf8')) as { nodes: { id: string; data: Record<string, unknown> }[] };
    for (const node of graph.nodes) {
      if (node.id === 'shot1') node.data.prompt = 'y'.repeat(2001);
      if (node.id === 'shot2') node.data.model = 'seedance-2.0-t2v';
    }
    writeFileSync(path.join(h.dir, 'bad.seedance.json'), JSON.stringify(graph));
    expect(await h.run('validate', 'bad.seedance.json')).toBe(2);
    expect(h.io.stderr.text).toContain('2 errors; nothing can be sent');
    expect(h.io.stderr.text).toContain('node "shot1" › prompt: "shot1": Prompt is 2001 characters; the limit is 2000');
    expect(h.io.stderr.text).toMatch(/node "shot2" › firstFrame: "shot2": .* has no First frame input/);
    expect(h.io.stdout.text).toBe('');
  });

  it('runs the local media pre-flight: a missing file is an error', async () => {
    h = makeHarness();
    expect(await h.run('validate', 'missing-file.seedance.json')).toBe(2);
    expect(h.io.stderr.text).toContain('1 error');
    expect(h.io.stderr.text).toContain('not-there.mp4 was not found');
  });

  it('schema errors (unknown model) and broken JSON: exit 2', async () => {
    h = makeHarness();
    expect(await h.run('validate', 'unknown-model.seedance.json')).toBe(2);
    expect(h.io.stderr.text).toContain('unknown model "seedance-9.9-t2v"; choose one of');
    expect(await h.run('validate', 'malformed.seedance.json')).toBe(2);
    expect(h.io.stderr.text).toContain('The file is not valid JSON');
  });

  it('with --batch, checks every row; a missing column is exit 2', async () => {
    h = makeHarness();
    expect(await h.run('validate', 'template.seedance.json')).toBe(2);
    expect(h.io.stderr.text).toContain('bind "clip" from a batch column');
    expect(await h.run('validate', 'template.seedance.json', '--batch', 'rows.csv')).toBe(0);
    expect(h.io.stdout.text).toContain('2 tasks in 2 runs');
    expect(await h.run('validate', 'template.seedance.json', '--batch', 'rows-missing-column.csv')).toBe(2);
    expect(h.io.stderr.text).toContain('has no column "clip"');
  });
});
