import { describe, expect, it } from 'vitest';
import { outputNames } from './recipe';

describe('output file names', () => {
  it('names a node by its id, and a node inside pipeline nodes by its path', () => {
    expect(outputNames('shot1')).toEqual({ video: 'shot1.mp4', lastFrame: 'shot1.last-frame.png', sidecar: 'shot1.json' });
    expect(outputNames('take_a/extend1').video).toBe('take_a-extend1.mp4');
  });

  it('never gives two inner nodes of a long path the same name', () => {
    const prefix = `${'a'.repeat(40)}/${'b'.repeat(30)}/`;
    const one = outputNames(`${prefix}extend1`).video;
    const two = outputNames(`${prefix}extend2`).video;
    expect(one).not.toBe(two);
    expect(one.length).toBeLessThanOrEqual(64);
    expect(one.startsWith('a'.repeat(40))).toBe(true);
  });
});
