/**
 * Opening the task ledger for a command (with advice when another process holds it), and
 * reading it without a lock for `tasks`, so listing works while the app or a run is busy.
 */
import { LedgerLockedError, readLedgerSnapshot as readSnapshot, type Ledger, type LedgerSnapshot } from '../engine/ledger';
import type { CliDeps } from './context';
import { CliError } from './exit-codes';

export async function openLedger(deps: Pick<CliDeps, 'openLedger'>, dataDir: string): Promise<Ledger> {
  try {
    return await deps.openLedger(dataDir);
  } catch (error) {
    if (error instanceof LedgerLockedError) {
      throw new CliError(`${error.message}\nTo work apart from it, pass --data-dir (or set SEEDANCE_FLOW_HOME) to use another ledger folder.`);
    }
    throw error;
  }
}

/** Reads the ledger as it is on disk, without locking or changing it. */
export async function readLedgerSnapshot(dataDir: string): Promise<LedgerSnapshot> {
  try {
    return await readSnapshot(dataDir);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 1);
  }
}
