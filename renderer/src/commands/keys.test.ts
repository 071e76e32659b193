/** Which command a key press is, and how its keys read: from the one registry. */
import { describe, expect, it } from 'vitest';
import { ariaKeyShortcuts, commandForKey, comboText, keysText } from './keys';

const key = (key: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>> = {}) =>
  ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }) as KeyboardEvent;

describe('key presses', () => {
  it('tells Ctrl from Cmd by platform, and Shift variants apart', () => {
    expect(commandForKey(key('z', { ctrlKey: true }), false)?.id).toBe('undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }), false)?.id).toBe('redo');
    expect(commandForKey(key('y', { ctrlKey: true }), false)?.id).toBe('redo');
    expect(commandForKey(key('y', { ctrlKey: true }), true)?.id).toBe('redo');
    expect(commandForKey(key('z', { metaKey: true }), true)?.id).toBe('undo');
    expect(commandForKey(key('z', { ctrlKey: true }), true)).toBeUndefined();
    expect(commandForKey(key('s', { ctrlKey: true }), false)?.id).toBe('save');
    expect(commandForKey(key('S', { ctrlKey: true, shiftKey: true }), false)?.id).toBe('saveAs');
    expect(commandForKey(key('?', { shiftKey: true }), false)?.id).toBe('shortcuts');
    expect(commandForKey(key('/'), false)?.id).toBe('quickAdd');
    expect(commandForKey(key('c'), false)?.id).toBe('connections');
  });

  it('runs the menu’s accelerators from the keyboard too (fit view, auto-layout, shortcuts)', () => {
    expect(commandForKey(key('f'), false)?.id).toBe('fitView');
    expect(commandForKey(key('F', { ctrlKey: true, shiftKey: true }), false)?.id).toBe('fitView');
    expect(commandForKey(key('L', { shiftKey: true }), false)?.id).toBe('autoLayout');
    expect(commandForKey(key('L', { metaKey: true, shiftKey: true }), true)?.id).toBe('autoLayout');
    expect(commandForKey(key('/', { ctrlKey: true }), false)?.id).toBe('shortcuts');
  });

  it('leaves the keys React Flow and the clipboard events handle alone', () => {
    expect(commandForKey(key('Delete'), false)).toBeUndefined();
    expect(commandForKey(key('c', { ctrlKey: true }), false)).toBeUndefined();
    expect(commandForKey(key('v', { metaKey: true }), true)).toBeUndefined();
  });
});

describe('how keys read', () => {
  it('as text, by platform', () => {
    expect(comboText({ key: 'z', mod: true, shift: true }, false)).toBe('Ctrl+Shift+Z');
    expect(comboText({ key: 'z', mod: true, shift: true }, true)).toBe('Cmd+Shift+Z');
    expect(comboText({ key: '?', shift: true }, false)).toBe('?');
    expect(keysText('quickAdd', false)).toBe('/ or Ctrl+K');
    expect(keysText('cancelRun', false)).toBe('');
  });

  it('as aria-keyshortcuts', () => {
    expect(ariaKeyShortcuts('redo', false)).toBe('Control+Shift+Z Control+Y');
    expect(ariaKeyShortcuts('redo', true)).toBe('Meta+Shift+Z Control+Y');
    expect(ariaKeyShortcuts('run', false)).toBe('Control+Enter');
    expect(ariaKeyShortcuts('cancelRun', false)).toBeUndefined();
  });
});
