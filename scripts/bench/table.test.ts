import { describe, expect, it } from 'vitest';
import { markdownTable, textTable } from './table';

const table = { title: 'Engine', head: ['figure', 'runner', 'fetch'], rows: [['tasks/s', '245', '1,020'], ['CPU ms | task', '4.1', '0.9']] };

describe('tables', () => {
  it('aligns text: labels left, figures right', () => {
    expect(textTable(table).split('\n')).toEqual([
      'Engine',
      'figure         runner  fetch',
      '-------------  ------  -----',
      'tasks/s           245  1,020',
      'CPU ms | task     4.1    0.9',
    ]);
  });

  it('writes Markdown with figures right-aligned and pipes escaped', () => {
    expect(markdownTable(table).split('\n')).toEqual([
      '| figure | runner | fetch |',
      '|---|---:|---:|',
      '| tasks/s | 245 | 1,020 |',
      '| CPU ms \\| task | 4.1 | 0.9 |',
    ]);
  });
});
