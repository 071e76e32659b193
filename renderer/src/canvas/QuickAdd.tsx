/** Quick add: a search over node types and the nine models; arrows choose, Enter adds. */
import { useId, useMemo, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { ADDABLE, type AddableEntry } from './node-factory';

export function filterAddable(query: string): AddableEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...ADDABLE];
  return ADDABLE.filter((e) => {
    const hay = `${e.label} ${e.keywords}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function QuickAdd({ onAdd, onClose }: { onAdd: (entry: AddableEntry) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(() => filterAddable(query), [query]);
  const current = Math.min(active, Math.max(0, matches.length - 1));
  const optionId = (i: number) => `${listId}-option-${i}`;

  function choose(entry: AddableEntry | undefined) {
    if (!entry) return;
    onAdd(entry);
    onClose();
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
    <Dialog title="Add a node" onClose={onClose} className="sf-quick-add">
      <input
        type="text"
        role="combobox"
        aria-label="Search node types and models"
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
      <ul id={listId} role="listbox" aria-label="Node types and models" className="sf-listbox">
        {matches.map((entry, i) => (
          <li
            key={entry.key}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'sf-option sf-option-active' : 'sf-option'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(entry)}
          >
            {entry.model ? `Seedance · ${entry.label}` : entry.label}
          </li>
        ))}
      </ul>
      {matches.length === 0 ? <p role="status">Nothing matches “{query}”.</p> : null}
    </Dialog>
  );
}
