/**
 * A toolbar button that opens a menu (WAI-ARIA menu button; the menu itself, MenuList.tsx, loads
 * on demand): arrows, Home and End move through the items, Enter or Space chooses, Escape closes
 * and gives focus back to the button.
 */
import { lazy, Suspense, useId, useRef, useState } from 'react';

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

// The open menu loads when a menu first opens: the window starts with the buttons alone.
const MenuList = lazy(() => import('./MenuList').then((m) => ({ default: m.MenuList })));

export function MenuButton({ label, menuLabel, items, empty, onOpen }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);

  function close(refocus = true) {
    setOpen(false);
    if (refocus) button.current?.focus();
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
        <Suspense fallback={null}>
          <MenuList id={menuId} label={menuLabel} items={items} empty={empty} button={button} onClose={close} />
        </Suspense>
      ) : null}
    </div>
  );
}
