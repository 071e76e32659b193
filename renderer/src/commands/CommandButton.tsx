/**
 * A toolbar button for one command: the registry's label, its keys as a hint and as
 * `aria-keyshortcuts`, disabled with the reason as its tooltip while the command's rule says so.
 */
import type { ButtonHTMLAttributes } from 'react';
import { commandOf, type CommandId } from '../../../shared/commands';
import { useCommandRule } from './bindings';
import { useCommands } from './context';
import { ariaKeyShortcuts, keysText } from './keys';

type Extra = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'disabled' | 'title' | 'children' | 'type' | 'aria-pressed' | 'aria-keyshortcuts'>;

export function CommandButton({ id, ...extra }: { id: CommandId } & Extra) {
  const binding = useCommands()[id];
  const blocked = useCommandRule(binding.blocked);
  const detail = useCommandRule(binding.detail);
  const pressed = useCommandRule(binding.pressed);
  const command = commandOf(id);
  const keys = keysText(id);
  const title = blocked ?? `${detail ?? command.description}${keys ? ` (${keys})` : ''}`;
  return (
    <button
      type="button"
      {...extra}
      onClick={binding.run}
      disabled={blocked !== undefined}
      title={title}
      aria-keyshortcuts={ariaKeyShortcuts(id)}
      {...(binding.pressed ? { 'aria-pressed': pressed === true } : {})}
    >
      {command.label}
    </button>
  );
}
