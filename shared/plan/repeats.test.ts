import { describe, expect, it } from 'vitest';
import { asset, edge, file, graphOf, seedance } from '../../test/support/graphs';
import { planGraph } from './plan';
import { countRequests } from './repeats';

const seconds = () => 5;

function chain(firstSeed: number, secondSeed: number) {
  return graphOf(
    [
      asset('clip', 'video', file('/media/clip.mp4'), { name: 'clip' }),
      seedance('one', 'seedance-2.0-v2v', 'Restyle [Video 1]', { seed: firstSeed }),
      seedance('two', 'seedance-2.0-v2v', 'Extend [Video 1]', { seed: secondSeed }),
    ],
    [edge('e1', 'clip', 'media', 'one', 'video:1'), edge('e2', 'one', 'video', 'two', 'video:1')],
  );
}

describe('countRequests', () => {
  it('a fixed-seed chain repeated three times is two requests', () => {
    const plan = planGraph(chain(1, 2));
    const count = countRequests([plan, plan, plan], seconds);
    expect(count).toMatchObject({ planned: 6, distinct: 2 });
    expect(count.repeats.map((r) => [r.node, r.times, r.seed])).toEqual([
      ['one', 3, 1],
      ['two', 3, 2],
    ]);
  });

  it('a fixed seed downstream of a random one varies with it', () => {
    const plan = planGraph(chain(-1, 2));
    expect(countRequests([plan, plan], seconds)).toMatchObject({ planned: 4, distinct: 4, repeats: [] });
  });

  it('other inputs make other requests (batch rows)', () => {
    const a = planGraph(chain(1, 2), { bindings: { clip: { kind: 'file', path: '/media/a.mp4' } } });
    const b = planGraph(chain(1, 2), { bindings: { clip: { kind: 'file', path: '/media/b.mp4' } } });
    expect(countRequests([a, b], seconds)).toMatchObject({ planned: 4, distinct: 4, repeats: [] });
    expect(countRequests([a, b, a], seconds)).toMatchObject({ planned: 6, distinct: 4 });
  });
});
