import { describe, expect, it } from 'vitest';
import { END, replaceResultsBlock, resultsMarkdown, START } from './docs';
import { machine, merge } from './results';

describe('replaceResultsBlock', () => {
  it('replaces only what is between the markers', () => {
    const doc = `# Performance\n\nProse.\n\n${START}\nold figures\n${END}\n\nMore prose.\n`;
    expect(replaceResultsBlock(doc, 'new figures\n')).toBe(`# Performance\n\nProse.\n\n${START}\n\nnew figures\n\n${END}\n\nMore prose.\n`);
  });

  it('refuses a document without the block', () => {
    expect(() => replaceResultsBlock('# Performance\n', 'x')).toThrow(/bench:results/);
    expect(() => replaceResultsBlock(`${END}\n${START}`, 'x')).toThrow(/bench:results/);
  });
});

describe('resultsMarkdown', () => {
  it('gives each benchmark its tables, notes and date, then the targets with a verdict', () => {
    const results = merge(undefined, [
      {
        name: 'bundle',
        title: 'Bundle',
        figures: { 'initialJs.gzip': 190_000 },
        tables: [{ title: 'Sizes', head: ['part', 'gzip kB'], rows: [['initial JS', '190']] }],
        targets: [{ what: 'initial JS, gzip', target: '< 200 kB', measured: '190 kB', met: true }],
        notes: ['Initial JS is what index.html loads.'],
        measuredAt: '2025-01-02T03:04:05.000Z',
        command: 'npm run bench',
        quick: false,
        machine: machine(),
      },
    ]);
    const md = resultsMarkdown(results);
    expect(md).toContain('### Bundle');
    expect(md).toContain('Measured 2025-01-02 03:04 UTC with `npm run bench`');
    expect(md).toContain('| initial JS | 190 |');
    expect(md).toContain('- Initial JS is what index.html loads.');
    expect(md).toContain('| initial JS, gzip | < 200 kB | 190 kB | met |');
  });
});
