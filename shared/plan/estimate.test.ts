import { describe, expect, it } from 'vitest';
import { settingsPatchSchema, settingsSchema } from '../api/contract';
import { asset, edge, file, graphOf, seedance } from '../../test/support/graphs';
import { estimateRuns, parsePriceKey, pricesSchema, shortSummary } from './estimate';
import { summaryLines } from './estimate-lines';
import { planGraph } from './plan';

const t2v = (id: string, settings: Parameters<typeof seedance>[3] = {}, x = 400) => seedance(id, 'seedance-2.0-t2v', `Shot ${id}`, settings, x);

describe('price keys', () => {
  it('takes "<model>@<resolution>" and a bare "<model>"', () => {
    expect(parsePriceKey('seedance-2.0-t2v@720p')).toEqual({ model: 'seedance-2.0-t2v', resolution: '720p' });
    expect(parsePriceKey('seedance-2.0-fast-v2v')).toEqual({ model: 'seedance-2.0-fast-v2v' });
  });

  it('refuses unknown models, resolutions a model lacks, and malformed keys, saying the format', () => {
    expect(parsePriceKey('seedance-9-t2v@720p')).toMatch(/is not a price key: use "<model>@<resolution>"/);
    expect(parsePriceKey('constructor')).toMatch(/is not a price key/);
    expect(parsePriceKey('seedance-2.0-fast-t2v@1080p')).toMatch(/has no resolution "1080p"; it takes 480p, 720p/);
    expect(parsePriceKey('seedance-2.0-t2v@')).toMatch(/is not a price key/);
    expect(parsePriceKey('seedance-2.0-t2v@720p@x')).toMatch(/is not a price key/);
  });

  it('the settings schema refuses a bad key or price with a message naming the format', () => {
    const bad = settingsSchema.safeParse({ prices: { 't2v 720p': 0.1 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/"t2v 720p" is not a price key: use "<model>@<resolution>" \(e\.g\. "seedance-2\.0-t2v@720p"\) or "<model>" for any resolution/);
    expect(settingsPatchSchema.safeParse({ prices: { 'seedance-2.0-t2v@4k': -1 } }).error?.issues[0]?.message).toMatch(/0 or more/);
    expect(settingsPatchSchema.parse({ prices: { 'seedance-2.0-t2v@4k': 0.5, 'seedance-2.0-t2v': 0.1 } }).prices).toEqual({
      'seedance-2.0-t2v@4k': 0.5,
      'seedance-2.0-t2v': 0.1,
    });
    expect(pricesSchema.safeParse({ 'seedance-2.0-mini-i2v@4k': 1 }).success).toBe(false);
  });
});

describe('estimateRuns', () => {
  it('several models and resolutions: one line each, priced by its own key, and a total', () => {
    const graph = graphOf([
      t2v('a', { resolution: '720p', duration: 5 }, 0),
      t2v('b', { resolution: '720p', duration: 10 }, 100),
      t2v('c', { resolution: '1080p', duration: 4 }, 200),
      seedance('d', 'seedance-2.0-fast-t2v', 'Fast', { resolution: '480p', duration: 6 }, 300),
    ]);
    const estimate = estimateRuns([planGraph(graph)], {
      'seedance-2.0-t2v@720p': 0.1,
      'seedance-2.0-t2v@1080p': 0.25,
      'seedance-2.0-fast-t2v@480p': 0.05,
    });
    expect(estimate).toMatchObject({ runs: 1, planned: 4, tasks: 4, seconds: 25, missing: [] });
    expect(estimate.lines).toEqual([
      { model: 'seedance-2.0-t2v', resolution: '720p', tasks: 2, seconds: 15, priceKey: 'seedance-2.0-t2v@720p', usd: expect.closeTo(1.5, 9) },
      { model: 'seedance-2.0-fast-t2v', resolution: '480p', tasks: 1, seconds: 6, priceKey: 'seedance-2.0-fast-t2v@480p', usd: expect.closeTo(0.3, 9) },
      { model: 'seedance-2.0-t2v', resolution: '1080p', tasks: 1, seconds: 4, priceKey: 'seedance-2.0-t2v@1080p', usd: expect.closeTo(1, 9) },
    ]);
    expect(estimate.usd).toBeCloseTo(2.8, 9);
    expect(shortSummary(estimate)).toBe('4 tasks · 25 s · ≈ $2.80');
  });

  it('a missing price means no estimate, naming the keys to set; nothing is guessed', () => {
    const graph = graphOf([t2v('a', { resolution: '720p' }, 0), t2v('b', { resolution: '4k' }, 100), t2v('c', {}, 200)]);
    const estimate = estimateRuns([planGraph(graph)], { 'seedance-2.0-t2v@720p': 0.1 });
    expect(estimate.usd).toBeNull();
    // Unset resolution: only the model-wide key prices it (the service's default is not documented).
    expect(estimate.missing).toEqual(['seedance-2.0-t2v', 'seedance-2.0-t2v@4k']);
    expect(estimate.lines.find((l) => l.resolution === '720p')).toMatchObject({ usd: expect.closeTo(0.5, 9), priceKey: 'seedance-2.0-t2v@720p' });
    expect(estimate.lines.find((l) => l.resolution === null)).not.toHaveProperty('usd');
    expect(shortSummary(estimate)).toBe('3 tasks · 15 s · no estimate: no price for seedance-2.0-t2v, seedance-2.0-t2v@4k');
    expect(summaryLines(estimate).cost).toContain('not known: the price table has no price for seedance-2.0-t2v, seedance-2.0-t2v@4k');
    expect(estimateRuns([planGraph(graph)], {}).missing).toHaveLength(3);
  });

  it('the bare model key prices every resolution without a key of its own, and unset resolutions', () => {
    const graph = graphOf([t2v('a', { resolution: '720p' }, 0), t2v('b', { resolution: '4k' }, 100), t2v('c', {}, 200)]);
    const estimate = estimateRuns([planGraph(graph)], { 'seedance-2.0-t2v': 0.1, 'seedance-2.0-t2v@4k': 1 });
    expect(estimate.missing).toEqual([]);
    expect(estimate.lines.map((l) => [l.resolution, l.priceKey])).toEqual([
      ['720p', 'seedance-2.0-t2v'],
      ['4k', 'seedance-2.0-t2v@4k'],
      [null, 'seedance-2.0-t2v'],
    ]);
    expect(estimate.usd).toBeCloseTo(0.5 + 5 + 0.5, 9);
    expect(summaryLines(estimate).lines.join('\n')).toContain('default resolution');
  });

  it('runs multiply tasks, but a fixed-seed request shared by every run is paid once', () => {
    const graph = graphOf(
      [
        asset('clip', 'video', file('/media/clip.mp4'), { name: 'clip' }),
        seedance('one', 'seedance-2.0-v2v', 'Restyle [Video 1]', { seed: 7, resolution: '720p', duration: 5 }, 0),
        seedance('two', 'seedance-2.0-v2v', 'Extend [Video 1]', { seed: -1, resolution: '720p', duration: 4 }, 100),
      ],
      [edge('e1', 'clip', 'media', 'one', 'video:1'), edge('e2', 'one', 'video', 'two', 'video:1')],
    );
    const plan = planGraph(graph);
    const estimate = estimateRuns([plan, plan, plan], { 'seedance-2.0-v2v@720p': 0.2 });
    // "one" is the same request in all three runs: sent once. "two" is random: three takes.
    expect(estimate).toMatchObject({ runs: 3, planned: 6, tasks: 4, seconds: 5 + 3 * 4 });
    expect(estimate.usd).toBeCloseTo(17 * 0.2, 9);
    const { head } = summaryLines(estimate);
    expect(head).toBe('4 tasks in 3 runs, 17 s of video (2 more repeat a fixed-seed request and share its result)');
  });

  it('an empty plan costs nothing and needs no prices', () => {
    const estimate = estimateRuns([planGraph(graphOf([]))], {});
    expect(estimate).toMatchObject({ tasks: 0, seconds: 0, usd: 0, missing: [], lines: [] });
    expect(shortSummary(estimate)).toBe('0 tasks · 0 s · nothing to pay');
  });
});
