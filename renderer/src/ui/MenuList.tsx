/**
 * The open menu of a MenuButton (loaded on demand, when a menu first opens): arrows, Home and End
 * move through the items, Enter or Space chooses, Escape closes and gives focus back to the button.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { MenuItem } from './MenuButton';

export interface MenuListProps {
  id: string;
  label: string;
  items: readonly MenuItem[];
  empty: string;
  /** The button that opened it (focus goes back there; leaving to it does not close the menu). */
  button: RefObject<HTMLButtonElement | null>;
  /** Closes the menu; `refocus`: give focus back to the button. */
  onClose(refocus?: boolean): void;
}

export function MenuList({ id, label, items, empty, button, onClose }: MenuListProps) {
  const menu = useRef<HTMLUListElement>(null);

  // Focus goes to the first item as the menu opens, and again when items that were loading arrive.
  useEffect(() => {
    if (!menu.current?.contains(document.activeElement)) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [items]);

  function choose(item: MenuItem) {
    onClose();
    item.choose();
  }

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const elements = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = elements.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, number | undefined> = { ArrowDown: at + 1, ArrowUp: at - 1 + elements.length, Home: 0, End: elements.length - 1 };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (move[event.key] !== undefined) {
      event.preventDefault();
      elements[(move[event.key] ?? 0) % Math.max(1, elements.length)]?.focus();
    } else if (event.key === 'Tab') {
      onClose(false);
    }
  }

  return (
    <ul
      ref={menu}
      id={id}
      role="menu"
      aria-label={label}
      className="sf-menu"
      onKeyDown={onMenuKey}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== button.current) onClose(false);
      }}
    >
      {items.length === 0 ? (
        <li role="menuitem" aria-disabled="true" tabIndex={-1}>
          {empty}
        </li>
      ) : (
        items.map((item) => (
          <li
            key={item.key}
            role="menuitem"
            tabIndex={-1}
            title={item.title}
            onClick={() => choose(item)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                choose(item);
              }
            }}
          >
            {item.label}
          </li>
        ))
      )}
    </ul>
  );
}
