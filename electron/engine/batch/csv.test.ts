import { describe, expect, it } from 'vitest';
import { asset, edge, file, graphOf, seedance } from '../../../test/support/graphs';
import { readBatch } from './csv';

const graph = graphOf(
  [
    asset('clip', 'video', undefined, { name: 'clip' }),
    asset('style', 'image', file('/lib/default.png'), { name: 'style' }),
    seedance('s', 'seedance-2.0-v2v', '{{mood}} take on [Video 1] like [Image 1]'),
  ],
  [edge('e1', 'clip', 'media', 's', 'video:1'), edge('e2', 'style', 'media', 's', 'image:1')],
  { variables: [{ name: 'mood', value: 'calm' }] },
);

describe('batch CSV', () => {
  it('binds files, URLs and variables per row', () => {
    const read = readBatch('clip,style,mood\nclips/a.mp4,https://cdn.example.com/s.png,noir\n/abs/b.mp4,,sunny\n', graph, '/data');
    expect(read).toEqual({
      ok: true,
      columns: ['clip', 'style', 'mood'],
      rows: [
        { row: 1, bindings: { clip: { kind: 'file', path: '/data/clips/a.mp4' }, style: { kind: 'url', url: 'https://cdn.example.com/s.png' } }, variables: { mood: 'noir' } },
        // An empty cell of an asset with its own source keeps that source.
        { row: 2, bindings: { clip: { kind: 'file', path: '/abs/b.mp4' } }, variables: { mood: 'sunny' } },
      ],
    });
  });

  it('refuses a CSV without a column the graph needs', () => {
    expect(readBatch('mood\nnoir\n', graph, '/data', 'rows.csv')).toEqual({
      ok: false,
      errors: ['rows.csv has no column "clip": asset "clip" has no file or URL of its own, so each row must give one.'],
    });
  });

  it('names unknown columns, empty required cells and malformed CSV', () => {
    const read = readBatch('clip,colour\n,red\n', graph, '/data', 'rows.csv');
    expect(read).toEqual({
      ok: false,
      errors: [
        'rows.csv: column "colour" matches no named asset or variable of the graph (it has "clip", "style", "mood").',
        'rows.csv row 1: "clip" is empty; give a file path or a URL.',
      ],
    });
    expect(readBatch('clip,mood\na.mp4\n', graph, '/d', 'rows.csv')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^rows.csv is not a readable CSV/)] });
    expect(readBatch('', graph, '/d', 'rows.csv')).toMatchObject({ ok: false, errors: [expect.stringMatching(/is empty/)] });
    expect(readBatch('clip\n', graph, '/d', 'rows.csv')).toMatchObject({ ok: false, errors: ['rows.csv has a header but no rows.'] });
  });
});
