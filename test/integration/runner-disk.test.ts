/**
 * The local disk refusing a write (full, read-only, permission denied) is not a network problem:
 * the message says what happened and what to do, the paid result is not given up (it stays on
 * Modellix; `resume` fetches it once the disk is fixed), and nothing is retried in a loop.
 */
import { existsSync, promises as fsp, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recipeFor, resumeRuns, startRuns } from '../../electron/engine/runner';
import { graphOf, seedance } from '../support/graphs';
import { harness, MEDIA, type Harness } from '../support/engine';

let h: Harness;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
});

const graph = () => graphOf([seedance('shot', 'seedance-2.0-t2v', 'A lighthouse in fog', { seed: -1 })]);

function diskFull(): void {
  const open = fsp.open.bind(fsp);
  vi.spyOn(fsp, 'open').mockImplementation(async (file, flags, mode) => {
    if (String(file).endsWith('.partial') && basename(String(file)).startsWith('.shot.mp4')) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, open '${String(file)}'`), { code: 'ENOSPC' });
    }
    return open(file, flags, mode);
  });
}

describe('a disk that refuses the output', () => {
  it('says the disk is full and what to do; keeps the paid result for resume, which fetches it later', async () => {
    h = await harness();
    diskFull();
    const recipe = recipeFor({ graph: graph(), graphFile: null, baseDir: MEDIA, outDir: join(h.dir, 'out') });
    const [summary] = await startRuns([recipe], h.deps());
    const node = summary?.nodes[0];
    expect(node?.outcome).toBe('failed');
    expect(node?.message).toMatch(/disk is full/);
    expect(node?.message).toMatch(/resume/);
    expect(node?.message).not.toMatch(/ENOSPC: no space left on device, open/);
    // Not retried as if the network had failed.
    expect(h.events.filter((e) => e.type === 'task.waiting')).toEqual([]);
    expect(h.ledger.allTasks()[0]?.state).toBe('succeeded');
    expect(h.ledger.runs()[0]?.outcome).toBeUndefined();

    vi.restoreAllMocks();
    const { runs } = await resumeRuns(h.deps());
    expect(runs[0]?.nodes[0]).toMatchObject({ outcome: 'succeeded' });
    expect(existsSync(runs[0]?.nodes[0]?.files[0] as string)).toBe(true);
    expect(h.sim.stats.submits.total).toBe(1);
  });

  it('an output folder that cannot be made fails the run before anything is paid, saying why', async () => {
    h = await harness();
    const blocker = join(h.dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the output folder should go');
    const recipe = recipeFor({ graph: graph(), graphFile: null, baseDir: MEDIA, outDir: blocker });
    const [summary] = await startRuns([recipe], h.deps());
    expect(summary?.ok).toBe(false);
    expect(summary?.problems.join('\n')).toMatch(/output folder .* could not be created: .*not a folder/i);
    expect(summary?.problems.join('\n')).toMatch(/choose another output folder/i);
    expect(h.sim.stats.submits.total).toBe(0);
    expect(h.ledger.runs()[0]?.outcome).toBe('failed');
  });
});
