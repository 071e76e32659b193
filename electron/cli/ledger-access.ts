/**
 * Opening the task ledger for a command (with advice when another process holds it), and
 * reading it without a lock for `tasks`, so listing works while the app or a run is busy.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LEDGER_FILE, LedgerLockedError, replayLedgerText, type Ledger, type LedgerState } from '../engine/ledger';
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

export interface LedgerSnapshot {
  file: string;
  exists: boolean;
  state: LedgerState;
  warnings: string[];
}

/** Reads the ledger as it is on disk, without locking or changing it. */
export async function readLedgerSnapshot(dataDir: string): Promise<LedgerSnapshot> {
  const file = path.join(dataDir, LEDGER_FILE);
  let text = '';
  let exists = true;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new CliError(`Could not read the task ledger ${file}: ${error instanceof Error ? error.message : String(error)}`, 1);
    }
    exists = false;
  }
  const { state, warnings } = replayLedgerText(text, LEDGER_FILE);
  return { file, exists, state, warnings: warnings.map((w) => w.message) };
}
