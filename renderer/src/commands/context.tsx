/** The window's command bindings, given by the app shell to everything that offers commands. */
import { createContext, useContext, type ReactNode } from 'react';
import type { CommandBindings } from './bindings';

export const CommandsContext = createContext<CommandBindings | null>(null);

export function CommandsProvider({ bindings, children }: { bindings: CommandBindings; children: ReactNode }) {
  return <CommandsContext.Provider value={bindings}>{children}</CommandsContext.Provider>;
}

export function useCommands(): CommandBindings {
  const bindings = useContext(CommandsContext);
  if (!bindings) throw new Error('useCommands needs a <CommandsProvider> above it');
  return bindings;
}
