/**
 * A toolbar button that opens a menu (WAI-ARIA menu button): arrows, Home and End move through
 * the items, Enter or Space chooses, Escape closes and gives focus back to the button.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuItem {
  key: string;
  label: string;
  /** Tooltip: the full path, a description. */
  title?: string;
  choose(): void;
}

export interface MenuButtonProps {
  label: string;
  /** The menu's accessible name, e.g. "Recent files". */
  menuLabel: string;
  items: readonly MenuItem[];
  /** What the menu says when it has no items. */
  empty: string;
  /** Called as the menu opens (to refresh its items). */
  onOpen?(): void;
}

export function MenuButton({ label, menuLabel, items, empty, onOpen }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  // Focus goes to the first item as the menu opens, and again when items that were loading arrive.
  useEffect(() => {
    if (open && !menu.current?.contains(document.activeElement)) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, items]);

  function close(refocus = true) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function choose(item: MenuItem) {
    close();
    item.choose();
  }

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const elements = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = elements.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, number | undefined> = { ArrowDown: at + 1, ArrowUp: at - 1 + elements.length, Home: 0, End: elements.length - 1 };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (move[event.key] !== undefined) {
      event.preventDefault();
      elements[(move[event.key] ?? 0) % Math.max(1, elements.length)]?.focus();
    } else if (event.key === 'Tab') {
      close(false);
    }
  }

  return (
    <div className="sf-menu-wrap">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            onOpen?.();
            setOpen(true);
          }
        }}
      >
        {label}
      </button>
      {open ? (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={menuLabel}
          className="sf-menu"
          onKeyDown={onMenuKey}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== button.current) setOpen(false);
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
      ) : null}
    </div>
  );
}
