/** Milliseconds since `since` (an epoch time), ticking once a second; undefined while `since` is. */
import { useEffect, useState } from 'react';

export function useElapsed(since: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === undefined ? undefined : Math.max(0, Math.max(now, since) - since);
}
