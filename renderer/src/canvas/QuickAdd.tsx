/**
 * Quick add: a search over node types, the nine models and the commands; arrows choose, Enter adds
 * the node or runs the command. A command that cannot run now is listed disabled, with the reason.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { PipelineEntry } from '../../../shared/api';
import { COMMANDS, type Command } from '../../../shared/commands';
import { blockedNow, useCommandRule } from '../commands/bindings';
import { useCommands } from '../commands/context';
import { ariaKeyShortcuts, keysText } from '../commands/keys';
import { Dialog } from '../ui/Dialog';
import { ADDABLE, type AddableEntry } from './node-factory';
import { pipelineSummary, placePipeline, refreshLibrary, useLibrary } from '../pipelines/library';
import { useOptionalServices } from '../services/services';

/** Whether every word of the query is in the text (case-insensitive). */
function matchesQuery(text: string, query: string): boolean {
  const hay = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export function filterAddable(query: string): AddableEntry[] {
  return ADDABLE.filter((e) => matchesQuery(`${e.label} ${e.keywords}`, query));
}

export function filterCommands(query: string): Command[] {
  return COMMANDS.filter((c) => c.searchable !== false && matchesQuery(`${c.label} ${c.description}`, query));
}

type Option = { kind: 'node'; entry: AddableEntry } | { kind: 'pipeline'; pipeline: PipelineEntry } | { kind: 'command'; command: Command };

const keyOf = (option: Option) => (option.kind === 'node' ? option.entry.key : option.kind === 'pipeline' ? `pipeline:${option.pipeline.path}` : `command:${option.command.id}`);

function CommandOption({ command, id, active, onChoose }: { command: Command; id: string; active: boolean; onChoose: () => void }) {
  const blocked = useCommandRule(useCommands()[command.id].blocked);
  const keys = keysText(command.id);
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      aria-disabled={blocked !== undefined ? true : undefined}
      aria-keyshortcuts={ariaKeyShortcuts(command.id)}
      className={`sf-option${active ? ' sf-option-active' : ''}${blocked ? ' sf-option-disabled' : ''}`}
      title={blocked ?? command.description}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onChoose}
    >
      {command.label}
      {keys ? (
        <span className="sf-option-keys" aria-hidden="true">
          {' '}
          {keys}
        </span>
      ) : null}
      {blocked ? <span className="sf-option-reason"> — {blocked}</span> : null}
    </li>
  );
}

export function QuickAdd({
  onAdd,
  onClose,
  centre,
  onPlaced,
}: {
  onAdd: (entry: AddableEntry) => void;
  onClose: () => void;
  /** Where a pipeline from the library lands (the middle of the view). */
  centre?: () => { x: number; y: number };
  onPlaced?: (id: string) => void;
}) {
  const bindings = useCommands();
  const api = useOptionalServices()?.api;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const pipelines = useLibrary((s) => s.entries);
  useEffect(() => {
    if (api) void refreshLibrary(api);
  }, [api]);
  const matches = useMemo<Option[]>(
    () => [
      ...filterAddable(query).map((entry) => ({ kind: 'node' as const, entry })),
      ...(centre ? pipelines.filter((p) => matchesQuery(`pipeline ${p.name} ${p.graph.description ?? ''}`, query)).map((pipeline) => ({ kind: 'pipeline' as const, pipeline })) : []),
      ...filterCommands(query).map((command) => ({ kind: 'command' as const, command })),
    ],
    [query, pipelines, centre],
  );
  const current = Math.min(active, Math.max(0, matches.length - 1));
  const optionId = (i: number) => `${listId}-option-${i}`;

  function choose(option: Option | undefined) {
    if (!option) return;
    if (option.kind === 'node') {
      onAdd(option.entry);
      onClose();
      return;
    }
    if (option.kind === 'pipeline') {
      const id = placePipeline(option.pipeline, centre?.() ?? { x: 0, y: 0 });
      onClose();
      if (id) onPlaced?.(id);
      return;
    }
    const binding = bindings[option.command.id];
    // A disabled entry says why; choosing it does nothing.
    if (blockedNow(binding) !== undefined) return;
    onClose();
    binding.run();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((current + 1) % Math.max(1, matches.length));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current - 1 + matches.length) % Math.max(1, matches.length));
    } else if (event.key === 'Home') {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      setActive(Math.max(0, matches.length - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(matches[current]);
    }
  }

  return (
    <Dialog title="Quick add" onClose={onClose} className="sf-quick-add">
      <input
        type="text"
        role="combobox"
        aria-label="Search node types, models and commands"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={matches.length > 0 ? optionId(current) : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-autofocus
        autoComplete="off"
        spellCheck={false}
      />
      <ul id={listId} role="listbox" aria-label="Node types, models and commands" className="sf-listbox">
        {matches.map((option, i) =>
          option.kind === 'command' ? (
            <CommandOption key={keyOf(option)} command={option.command} id={optionId(i)} active={i === current} onChoose={() => choose(option)} />
          ) : (
            <li
              key={keyOf(option)}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'sf-option sf-option-active' : 'sf-option'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(option)}
            >
              {option.kind === 'pipeline' ? (
                <>
                  Pipeline · {option.pipeline.name}
                  <span className="sf-option-reason"> — {pipelineSummary(option.pipeline)}</span>
                </>
              ) : option.entry.model ? (
                `Seedance · ${option.entry.label}`
              ) : (
                option.entry.label
              )}
            </li>
          ),
        )}
      </ul>
      {matches.length === 0 ? <p role="status">Nothing matches “{query}”.</p> : null}
    </Dialog>
  );
}
