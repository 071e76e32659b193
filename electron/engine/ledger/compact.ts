/**
 * Which events a compacted ledger keeps: enough to rebuild exactly the same state, nothing more.
 * Dropped: status lines except each task's last, download lists replaced by a later one, upload
 * entries replaced or invalidated later, and events the state ignored (duplicates, strays).
 */
import type { LedgerEvent } from './events';
import { applyEvent, createState, uploadKey } from './state';

export function compactEvents(events: readonly LedgerEvent[]): LedgerEvent[] {
  const state = createState();
  const applied: LedgerEvent[] = [];
  for (const event of events) {
    // A status for a task that is not being polled is a no-op: not worth keeping.
    const live = event.type !== 'task.status' || state.tasks.get(event.taskKey)?.state === 'submitted';
    if (applyEvent(state, event) === undefined && live) applied.push(event);
  }
  // Index of the last applied event per (kind, key) for the kinds where only the last matters.
  const lastIndex = new Map<string, number>();
  const keyOf = (event: LedgerEvent): string | undefined => {
    switch (event.type) {
      case 'task.status':
        return `status:${event.taskKey}`;
      case 'task.downloaded':
        return `downloaded:${event.taskKey}`;
      case 'upload.cached':
        return `upload:${uploadKey(event.service, event.sha256)}`;
      default:
        return undefined;
    }
  };
  applied.forEach((event, index) => {
    const key = keyOf(event);
    if (key !== undefined) lastIndex.set(key, index);
  });
  return applied.filter((event, index) => {
    if (event.type === 'upload.invalidated') return false;
    if (event.type === 'upload.cached' && !state.uploads.has(uploadKey(event.service, event.sha256))) return false;
    const key = keyOf(event);
    return key === undefined || lastIndex.get(key) === index;
  });
}
