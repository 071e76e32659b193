/**
 * Key combinations as data, and the one rule that turns a command's combos into the accelerator
 * the desktop menu shows: the window handles every combo, the menu names one of them.
 */

/** The platforms whose menus differ (Node's `process.platform` values). */
export type MenuPlatform = 'darwin' | 'win32' | 'linux';

export interface KeyCombo {
  /** `KeyboardEvent.key`: a lower-case letter, a character such as `/` or `,`, or a name such as `Enter`. */
  readonly key: string;
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  readonly mod?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
  /** Only Ctrl, on every platform (Ctrl+Y). */
  readonly ctrl?: boolean;
  /** The desktop menu shows this combo, not the command's first one, on these platforms (Ctrl+Y on Windows). */
  readonly menuOn?: readonly MenuPlatform[];
}

/** Whether a combo holds Ctrl, Cmd or Alt: a key without one types text in a field. */
export function hasModifier(combo: KeyCombo): boolean {
  return combo.mod === true || combo.ctrl === true || combo.alt === true;
}

/**
 * The combo the desktop menu shows and registers for a command: the one marked for the platform,
 * else the first with a modifier. A single key is never a menu accelerator: the menu would take it
 * from a text field.
 */
export function menuCombo(keys: readonly KeyCombo[], platform: MenuPlatform): KeyCombo | undefined {
  const usable = keys.filter(hasModifier);
  return usable.find((c) => c.menuOn?.includes(platform)) ?? usable.find((c) => c.menuOn === undefined);
}

const ACCELERATOR_KEYS: Readonly<Record<string, string>> = { ' ': 'Space', ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right' };

/** A combo as an Electron accelerator, e.g. `Shift+CmdOrCtrl+S`. */
export function acceleratorOf(combo: KeyCombo): string {
  const parts: string[] = [];
  if (combo.shift) parts.push('Shift');
  if (combo.mod) parts.push('CmdOrCtrl');
  if (combo.ctrl) parts.push('Ctrl');
  if (combo.alt) parts.push('Alt');
  parts.push(ACCELERATOR_KEYS[combo.key] ?? (combo.key.length === 1 ? combo.key.toUpperCase() : combo.key));
  return parts.join('+');
}
