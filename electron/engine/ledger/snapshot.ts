/** Reads the ledger as it is on disk, without locking or changing it (for listings). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LEDGER_FILE } from './ledger';
import { replayLedgerText } from './replay';
import type { LedgerState } from './state';

export interface LedgerSnapshot {
  file: string;
  exists: boolean;
  state: LedgerState;
  warnings: string[];
}

export async function readLedgerSnapshot(dataDir: string): Promise<LedgerSnapshot> {
  const file = path.join(dataDir, LEDGER_FILE);
  let text = '';
  let exists = true;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`Could not read the task ledger ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    exists = false;
  }
  const { state, warnings } = replayLedgerText(text, LEDGER_FILE);
  return { file, exists, state, warnings: warnings.map((w) => w.message) };
}
