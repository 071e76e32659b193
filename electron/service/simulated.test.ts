import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSimulated, simulatedResultVideo } from './simulated';

describe('simulated mode', () => {
  it('is on until a key is set or a service chosen; the switch wins either way', () => {
    expect(isSimulated({ setting: undefined, keyPresent: false, serviceChosen: false })).toBe(true);
    expect(isSimulated({ setting: undefined, keyPresent: true, serviceChosen: false })).toBe(false);
    expect(isSimulated({ setting: undefined, keyPresent: false, serviceChosen: true })).toBe(false);
    expect(isSimulated({ setting: true, keyPresent: true, serviceChosen: true })).toBe(true);
    expect(isSimulated({ setting: false, keyPresent: false, serviceChosen: false })).toBe(false);
  });

  it('answers with the example clip that ships with the app, where there is one', () => {
    const examples = resolve(import.meta.dirname, '../../examples');
    expect(simulatedResultVideo(examples)).toBe(resolve(examples, 'media', 'clip.mp4'));
    expect(simulatedResultVideo('/nonexistent')).toBeUndefined();
    expect(simulatedResultVideo(null)).toBeUndefined();
  });
});
