import { describe, expect, it } from 'vitest';
import { withGraphExtension } from './commands';

describe('withGraphExtension', () => {
  it('gives a typed path the graph extension the Node side saves (only *.seedance.json)', () => {
    expect(withGraphExtension(' /w/shot ')).toBe('/w/shot.seedance.json');
    expect(withGraphExtension('/w/shot.json')).toBe('/w/shot.seedance.json');
    expect(withGraphExtension('/w/shot.SEEDANCE.json')).toBe('/w/shot.SEEDANCE.json');
    expect(withGraphExtension('/w/shot.seedance.json')).toBe('/w/shot.seedance.json');
  });
});
