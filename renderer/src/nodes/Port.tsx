/**
 * A React Flow handle that a keyboard can use: focusable, named, and Enter or Space clicks it, so
 * React Flow's click-to-connect (click an output, then an input) works without a mouse.
 */
import type { KeyboardEvent } from 'react';
import { Handle, Position } from '@xyflow/react';

export interface PortProps {
  type: 'source' | 'target';
  /** The handle id: an output (`media`, `video`, `lastFrame`) or a slot handle (`video:1`). */
  id: string;
  /** Accessible name, e.g. "Input [Video 1]" or "clip.mp4 output". */
  label: string;
  /** Ids of elements that say more (what is wired, why the slot refuses a wire). */
  describedBy?: string;
  /** False when the slot would refuse any wire now (the reason is in `describedBy`). */
  connectable?: boolean;
  className?: string;
}

function clickOnKey(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.click();
  }
}

export function Port({ type, id, label, describedBy, connectable = true, className }: PortProps) {
  return (
    <Handle
      type={type}
      id={id}
      position={type === 'source' ? Position.Right : Position.Left}
      isConnectableEnd={type === 'target' ? connectable : true}
      className={['sfn-port', `sfn-port--${type}`, connectable ? '' : 'sfn-port--refused', className ?? ''].join(' ').trim()}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-disabled={connectable ? undefined : true}
      aria-describedby={describedBy}
      onKeyDown={clickOnKey}
    />
  );
}
