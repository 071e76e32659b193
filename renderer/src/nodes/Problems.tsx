/**
 * A node's problems from the shared plan (and, for assets, the media checks): a badge with the
 * error count that shows or hides a readable list named "Problems".
 */
import { useId, useState } from 'react';

export interface Problem {
  severity: 'error' | 'warning';
  message: string;
}

function countLabel(errors: number, warnings: number): string {
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.join(', ');
}

/** Errors and warnings in a list of problems. */
export function countOf(problems: readonly Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

/** The badge for a node's header; toggles the list whose id is given. */
export function ProblemsBadge({
  errors,
  warnings,
  listId,
  open,
  onToggle,
}: {
  errors: number;
  warnings: number;
  listId: string;
  open: boolean;
  onToggle(): void;
}) {
  if (errors + warnings === 0) {
    return (
      <span className="sfn-badge sfn-badge--ok" title="No problems found">
        OK
      </span>
    );
  }
  return (
    <button
      type="button"
      className={`sfn-badge ${errors > 0 ? 'sfn-badge--error' : 'sfn-badge--warning'} nodrag`}
      aria-expanded={open}
      aria-controls={listId}
      title={open ? 'Hide problems' : 'Show problems'}
      onClick={onToggle}
    >
      {countLabel(errors, warnings)}
    </button>
  );
}

export function ProblemsList({ id, problems, open }: { id: string; problems: readonly Problem[]; open: boolean }) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="sfn-problems" aria-label="Problems" hidden={!open}>
      {problems.map((p, i) => (
        <li key={i} className={`sfn-problem sfn-problem--${p.severity}`}>
          <span className="sfn-problem__severity">{p.severity === 'error' ? 'Error:' : 'Warning:'}</span> {p.message}
        </li>
      ))}
    </ul>
  );
}

/** The badge's open state and the list's id, kept together. */
export function useProblemsToggle(): { listId: string; open: boolean; toggle(): void } {
  const listId = useId();
  const [open, setOpen] = useState(true);
  return { listId: `${listId}-problems`, open, toggle: () => setOpen((o) => !o) };
}
