import { describe, expect, it } from 'vitest';
import { parsePrompt } from '../../../shared/prompt';
import { asset, graphOf, seedance, wire } from '../nodes/test-support';
import { bracketBefore, chipIsError, chipNote, matches, renumbering, spaced, wiredInputs, type ChipSegment } from './prompt-model';

const chips = (prompt: string) => parsePrompt(prompt).filter((s): s is ChipSegment => s.type !== 'text');

describe('prompt model', () => {
  it('finds the [ the cursor types after, within a short reach and the same line', () => {
    expect(bracketBefore('Restyle [Vid', 12)).toEqual({ from: 8, query: 'Vid' });
    expect(bracketBefore('Restyle [Video 1] and', 21)).toBeUndefined();
    expect(bracketBefore('[\nVid', 5)).toBeUndefined();
    expect(bracketBefore(`[${'x'.repeat(20)}`, 21)).toBeUndefined();
  });

  it('matches a suggestion by token or by name', () => {
    const input = { token: '[Video 1]', name: 'beach.mp4' };
    expect(matches(input, 'vid')).toBe(true);
    expect(matches(input, 'BEACH')).toBe(true);
    expect(matches(input, '')).toBe(true);
    expect(matches(input, 'image')).toBe(false);
  });

  it('tells a renumbering (only tokens moved) from typing', () => {
    expect(renumbering('Cut [Video 2] to [Audio 1]', 'Cut [Video 1] to [Audio 1]')).toEqual([['[Video 2]', '[Video 1]']]);
    expect(renumbering('Cut [Video 2]', 'Cut [Video 2] now')).toBeUndefined();
    expect(renumbering('Cut [Video 2] x', 'Cut [Video 1] y')).toBeUndefined();
    expect(renumbering('No tokens', 'No tokens at all')).toBeUndefined();
  });

  it('spaces an inserted token as a word of its own', () => {
    expect(spaced('Cut', '[Video 1]', 'now')).toBe(' [Video 1] ');
    expect(spaced('Cut ', '[Video 1]', '.')).toBe('[Video 1]');
    expect(spaced('', '[Video 1]', '')).toBe('[Video 1]');
  });

  it('says what each chip points at, and which are errors', () => {
    const wired = { video: 1, image: 0, audio: 0 };
    const names = new Map([['[Video 1]', 'beach.mp4']]);
    const variables = new Map([['subject', 'a fox']]);
    const [ok, missing, variable, unknown] = chips('[Video 1] [Image 1] {{subject}} {{mood}}');
    expect(chipNote(ok as ChipSegment, wired, names, variables)).toBe('beach.mp4');
    expect(chipIsError(ok as ChipSegment, wired, variables)).toBe(false);
    expect(chipNote(missing as ChipSegment, wired, names, variables)).toBe('no input');
    expect(chipIsError(missing as ChipSegment, wired, variables)).toBe(true);
    expect(chipNote(variable as ChipSegment, wired, names, variables)).toBe('= a fox');
    expect(chipNote(unknown as ChipSegment, wired, names, variables)).toBe('unknown variable');
    expect(chipIsError(unknown as ChipSegment, wired, variables)).toBe(true);
  });

  it('lists the inputs wired into a node in slot order, with their names', () => {
    const graph = graphOf(
      [asset('clip', 'video', '/m/clip.mp4'), asset('song', 'audio', '/m/song.mp3'), seedance('shot', 'seedance-2.0-v2v', 'Cut [Video 1] to [Audio 1]')],
      [wire('e1', 'clip', 'shot', 'video:1'), wire('e2', 'song', 'shot', 'audio:1')],
    );
    expect(wiredInputs(graph, 'shot')).toEqual([
      { token: '[Video 1]', name: 'clip.mp4' },
      { token: '[Audio 1]', name: 'song.mp3' },
    ]);
  });
});
