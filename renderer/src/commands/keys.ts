/**
 * The registry's key combos in the window: which command a key press is, how a combo reads
 * ("Ctrl+Shift+Z", "Cmd+Shift+Z" on a Mac) and what `aria-keyshortcuts` says. Matching and the
 * shortcut sheet read the same combos, so they cannot disagree.
 */
import { commandOf, COMMANDS, type Command, type CommandId, type KeyCombo } from '../../../shared/commands';

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

function keyName(key: string): string {
  if (key === ' ') return 'Space';
  return key.length === 1 ? key.toUpperCase() : key;
}

/** A combo as people read it: "Ctrl+Shift+Z", "Cmd+Shift+Z", "?". */
export function comboText(combo: KeyCombo, mac = isMac()): string {
  const parts: string[] = [];
  if (combo.ctrl) parts.push('Ctrl');
  if (combo.mod) parts.push(mac ? 'Cmd' : 'Ctrl');
  if (combo.alt) parts.push(mac ? 'Option' : 'Alt');
  if (combo.shift && combo.key !== '?') parts.push('Shift');
  parts.push(keyName(combo.key));
  return parts.join('+');
}

/** Every combo of a command as people read it: "/ or Ctrl+K"; empty when it has none. */
export function keysText(id: CommandId, mac = isMac()): string {
  return commandOf(id)
    .keys.map((c) => comboText(c, mac))
    .join(' or ');
}

/** The command's combos as `aria-keyshortcuts` wants them: "Control+Shift+Z Control+Y". */
export function ariaKeyShortcuts(id: CommandId, mac = isMac()): string | undefined {
  const combos = commandOf(id).keys.map((c) => {
    const parts: string[] = [];
    if (c.ctrl || (c.mod && !mac)) parts.push('Control');
    if (c.mod && mac) parts.push('Meta');
    if (c.alt) parts.push('Alt');
    if (c.shift && c.key !== '?') parts.push('Shift');
    parts.push(keyName(c.key));
    return parts.join('+');
  });
  return combos.length > 0 ? combos.join(' ') : undefined;
}

function matches(event: KeyboardEvent, combo: KeyCombo, mac: boolean): boolean {
  const mod = mac ? event.metaKey : event.ctrlKey;
  const wantMod = combo.mod === true;
  const wantCtrl = combo.ctrl === true;
  if (wantCtrl) {
    if (!event.ctrlKey || event.metaKey) return false;
  } else if (mod !== wantMod || (mac ? event.ctrlKey : event.metaKey)) {
    return false;
  }
  if (event.altKey !== (combo.alt === true)) return false;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  // "?" and "/" are typed with or without Shift depending on the keyboard layout.
  if (combo.key === '?' || combo.key === '/') return key === combo.key;
  if (event.shiftKey !== (combo.shift === true)) return false;
  return key === combo.key.toLowerCase() || key === combo.key;
}

/** The command a key event runs, if any (not the keys React Flow or the clipboard events handle). */
export function commandForKey(event: KeyboardEvent, mac = isMac()): Command | undefined {
  return COMMANDS.find((c) => !c.builtIn && c.keys.some((k) => matches(event, k, mac)));
}

/** Whether the event comes from a place where keys type text. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes(type);
  }
  return target.getAttribute('role') === 'combobox' || target.getAttribute('role') === 'textbox';
}

/** Whether focus is inside an open modal dialog (its keys are its own). */
export function isInDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"],[role="alertdialog"]') !== null;
}
