/**
 * A read done one at a time: asks that come while one is under way (every node of a batch ends
 * with one) are answered by a single read after it, not by one read each.
 */
export function coalesced(read: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await read();
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
}
