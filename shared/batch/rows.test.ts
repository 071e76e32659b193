import { describe, expect, it } from 'vitest';
import { asset, edge, file, graphOf, seedance, url } from '../../test/support/graphs';
import { graphSchema, type GraphBatch } from '../graph';
import { batchRowsOf, graphForRow, graphWithoutBatch } from './rows';

const s = seedance('s', 'seedance-2.0-v2v', '{{mood}} take on [Video 1] like [Image 1]');
const edges = [edge('e1', 'clip', 'media', 's', 'video:1'), edge('e2', 'style', 'media', 's', 'image:1')];

describe('batch rows', () => {
  it('a graph without a batch or multi-item nodes has no rows: it runs once as today', () => {
    const graph = graphOf([asset('clip', 'video', file('/a.mp4')), asset('style', 'image', file('/s.png')), s], edges);
    expect(batchRowsOf(graph)).toEqual({ kind: 'none' });
    expect(graphWithoutBatch(graph)).toEqual(graph);
  });

  it('each item of a multi-item node is one row binding that node', () => {
    const items = [file('/a.mp4'), file('/b.mp4'), url('https://cdn.example.com/c.mp4')];
    const graph = graphOf([asset('clip', 'video', items[0], { items }), asset('style', 'image', file('/s.png')), s], edges);
    const rows = batchRowsOf(graph);
    expect(rows).toEqual({
      kind: 'rows',
      rows: items.map((item, i) => ({ row: i + 1, bindings: {}, variables: {}, items: { clip: item } })),
    });
    if (rows.kind !== 'rows') throw new Error('expected rows');
    const second = graphForRow(graph, rows.rows[1] as (typeof rows.rows)[number]);
    expect(second.nodes.find((n) => n.id === 'clip')).toMatchObject({ data: { media: 'video', source: file('/b.mp4') } });
    expect(second.nodes.find((n) => n.id === 'clip')?.data).not.toHaveProperty('items');
    expect(graphSchema.safeParse(second).success).toBe(true);
  });

  it('zips two multi-item nodes by position, and names both when their counts differ', () => {
    const clips = [file('/a.mp4'), file('/b.mp4')];
    const styles = [file('/1.png'), file('/2.png')];
    const graph = graphOf(
      [asset('clip', 'video', clips[0], { items: clips, label: 'Clip' }), asset('style', 'image', styles[0], { items: styles, name: 'style' }), s],
      edges,
    );
    expect(batchRowsOf(graph)).toMatchObject({ kind: 'rows', rows: [{ items: { clip: clips[0], style: styles[0] } }, { items: { clip: clips[1], style: styles[1] } }] });
    const uneven = graphOf([asset('clip', 'video', clips[0], { items: clips, label: 'Clip' }), asset('style', 'image', styles[0], { items: [...styles, file('/3.png')], name: 'style' }), s], edges);
    expect(batchRowsOf(uneven)).toEqual({
      kind: 'error',
      message: expect.stringContaining('asset "Clip" has 2 items but asset "style" has 3 items'),
    });
  });

  it('pairs CSV rows with items, and refuses a column that binds a multi-item node', () => {
    const clips = [file('/a.mp4'), file('/b.mp4')];
    const batch: Required<Pick<GraphBatch, 'id' | 'rows'>> = { id: 'b1', rows: [{ bindings: {}, variables: { mood: 'noir' } }, { bindings: { style: file('/x.png') }, variables: { mood: 'sunny' } }] };
    const graph = graphOf([asset('clip', 'video', clips[0], { items: clips, name: 'clip' }), asset('style', 'image', file('/s.png'), { name: 'style' }), s], edges, { batch });
    expect(batchRowsOf(graph)).toEqual({
      kind: 'rows',
      rows: [
        { row: 1, bindings: {}, variables: { mood: 'noir' }, items: { clip: clips[0] } },
        { row: 2, bindings: { style: file('/x.png') }, variables: { mood: 'sunny' }, items: { clip: clips[1] } },
      ],
    });
    expect(batchRowsOf({ ...graph, batch: { id: 'b1', rows: [...batch.rows, { bindings: {}, variables: {} }] } })).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('the imported CSV has 3 rows but asset "clip" has 2 items'),
    });
    const clash = { ...graph, batch: { id: 'b1', rows: batch.rows.map((r) => ({ ...r, bindings: { clip: file('/z.mp4') } })) } };
    expect(batchRowsOf(clash)).toMatchObject({ kind: 'error', message: expect.stringContaining('also has a column "clip"') });
  });

  it('CSV rows alone bind by name; the schema keeps the batch and still loads graphs without one', () => {
    const batch = { id: 'b1', csv: '/data/rows.csv', columns: ['clip'], rows: [{ bindings: { clip: file('/a.mp4') }, variables: {} }] };
    const graph = graphOf([asset('clip', 'video', undefined, { name: 'clip' }), s], [edges[0] as (typeof edges)[number]], { batch });
    expect(batchRowsOf(graph)).toEqual({ kind: 'rows', rows: [{ row: 1, bindings: { clip: file('/a.mp4') }, variables: {}, items: {} }] });
    expect(graphSchema.parse(graph).batch).toEqual(batch);
    expect(graphWithoutBatch(graph)).not.toHaveProperty('batch');
    expect(graphSchema.safeParse({ ...graph, nodes: [asset('clip', 'video', file('/a.mp4'), { items: [file('/a.mp4')] })] }).success).toBe(false);
  });
});
