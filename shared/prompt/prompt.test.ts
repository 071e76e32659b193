import { describe, expect, it } from 'vitest';
import { fillVariables, lintPrompt, parsePrompt, remapPrompt, tokenText } from './index';

const none = { video: 0, image: 0, audio: 0 };

describe('parsePrompt', () => {
  it('splits text, tokens, variables, orphans and malformed tokens with their positions', () => {
    const prompt = 'Cut [Video 1] to [Audio 2] with {{ subject }}, [Image ?] and [video1]';
    const segments = parsePrompt(prompt);
    expect(segments.map((s) => [s.type, s.text])).toEqual([
      ['text', 'Cut '],
      ['token', '[Video 1]'],
      ['text', ' to '],
      ['token', '[Audio 2]'],
      ['text', ' with '],
      ['variable', '{{ subject }}'],
      ['text', ', '],
      ['orphan', '[Image ?]'],
      ['text', ' and '],
      ['malformed', '[video1]'],
    ]);
    for (const s of segments) expect(prompt.slice(s.start, s.end)).toBe(s.text);
    expect(segments[1]).toMatchObject({ kind: 'video', index: 1 });
    expect(segments[5]).toMatchObject({ name: 'subject' });
    expect(segments[9]).toMatchObject({ suggestion: '[Video 1]' });
  });
  it('catches near-misses as malformed, with the fix', () => {
    const cases: [string, string | undefined][] = [
      ['[video1]', '[Video 1]'],
      ['[Video1]', '[Video 1]'],
      ['[VIDEO 2]', '[Video 2]'],
      ['[ Image 3 ]', '[Image 3]'],
      ['[Audio 01]', '[Audio 1]'],
      ['[Video 0]', '[Video 1]'],
      ['[Image #2]', '[Image 2]'],
      ['[Video one]', undefined],
    ];
    for (const [text, suggestion] of cases) {
      const [segment] = parsePrompt(text);
      expect(segment?.type, text).toBe('malformed');
      if (segment?.type === 'malformed') expect(segment.suggestion, text).toBe(suggestion);
    }
    expect(parsePrompt('[Video 0]')[0]).toMatchObject({ reason: 'slot numbers start at 1' });
  });
  it('leaves other brackets alone', () => {
    expect(parsePrompt('a [wide shot] of [Videographer]').map((s) => s.type)).toEqual(['text']);
    expect(parsePrompt('')).toEqual([]);
  });
});

describe('lintPrompt', () => {
  it('accepts a prompt that names every wired input', () => {
    expect(lintPrompt('[Video 1] in the style of [Image 1], to [Audio 1]', { video: 1, image: 1, audio: 1 })).toEqual([]);
  });
  it('reports a token with no input, an input never named and malformed tokens', () => {
    const issues = lintPrompt('Use [Video 2] and [video1] and [Image 0]', { video: 1, image: 1, audio: 0 });
    expect(issues.map((i) => [i.code, i.severity])).toEqual([
      ['token-without-input', 'error'],
      ['malformed', 'error'],
      ['malformed', 'error'],
      ['input-not-named', 'warning'],
      ['input-not-named', 'warning'],
    ]);
    expect(issues[0]?.message).toBe('[Video 2] names no input: only [Video 1] is wired.');
    expect(issues[0]).toMatchObject({ start: 4, end: 13 });
    expect(issues[3]?.message).toMatch(/\[Video 1\] is wired but the prompt never names it/);
    expect(lintPrompt('[Audio 1]', none)[0]?.message).toBe('[Audio 1] names no input: no audio is wired. Wire one or delete the token.');
  });
  it('flags orphans left by a removed input', () => {
    expect(lintPrompt('keep [Video ?]', none)).toEqual([
      expect.objectContaining({ code: 'orphan', severity: 'error', message: expect.stringMatching(/was removed/) }),
    ]);
  });
  it('checks emptiness, the 2000-character limit and unknown variables', () => {
    expect(lintPrompt('   ', none).map((i) => i.code)).toEqual(['empty']);
    const long = lintPrompt('x'.repeat(2005), none);
    expect(long[0]).toMatchObject({ code: 'too-long', start: 2000, end: 2005 });
    expect(long[0]?.message).toMatch(/2005 characters; the limit is 2000. Shorten it by 5/);
    expect(lintPrompt('x'.repeat(2000), none)).toEqual([]);
    // Characters (code points), as the model schema counts them: an emoji is one, not two.
    expect(lintPrompt('🎬'.repeat(2000), none)).toEqual([]);
    const emoji = lintPrompt(`${'🎬'.repeat(2003)}ab`, none);
    expect(emoji[0]).toMatchObject({ code: 'too-long', start: 4000, end: 4008 });
    expect(emoji[0]?.message).toMatch(/2005 characters; the limit is 2000. Shorten it by 5/);
    expect(lintPrompt('a {{subject}} b {{mood}}', none, { variables: ['subject'] }).map((i) => i.message)).toEqual([
      '{{mood}} is not a variable of this graph. Add it under Variables or fix the name.',
    ]);
  });
});

describe('remapPrompt', () => {
  it('moves tokens with their slots and orphans the removed one', () => {
    const prompt = '[Video 1] then [Video 2] then [Video 3], over [Audio 1]';
    const removeSecond = { video: new Map([[1, 1], [2, null], [3, 2]]) };
    expect(remapPrompt(prompt, removeSecond)).toBe('[Video 1] then [Video ?] then [Video 2], over [Audio 1]');
  });
  it('swaps tokens simultaneously, never twice', () => {
    expect(remapPrompt('[Image 1] beside [Image 2]', { image: new Map([[1, 2], [2, 1]]) })).toBe('[Image 2] beside [Image 1]');
  });
  it('keeps malformed tokens, variables and unmapped tokens as written', () => {
    expect(remapPrompt('[video1] {{x}} [Video 4]', { video: new Map([[1, 2]]) })).toBe('[video1] {{x}} [Video 4]');
  });
  it('writes canonical tokens', () => {
    expect(tokenText('audio', 3)).toBe('[Audio 3]');
  });
});

describe('fillVariables', () => {
  it('fills known variables and leaves unknown ones', () => {
    expect(fillVariables('A {{subject}} at {{ time }} {{other}}', { subject: 'fox', time: 'dawn' })).toBe('A fox at dawn {{other}}');
  });
  it('does not treat a value as a template', () => {
    expect(fillVariables('{{a}}', { a: '[Video 1] {{b}}', b: 'x' })).toBe('[Video 1] {{b}}');
  });
});
