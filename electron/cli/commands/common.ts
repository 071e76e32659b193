/** What several commands share: the global options and the ledger folder they pick. */
import type { CliIo } from '../context';
import { resolveDataDir } from '../data-dir';
import { folderFlag, parseOptions } from '../options';

export interface GlobalOptions {
  dataDir?: string;
}

/** The ledger folder: `--data-dir` (checked: not a file), `SEEDANCE_FLOW_HOME`, or the app's folder. */
export function dataDirFor(io: Pick<CliIo, 'env' | 'platform' | 'homedir' | 'cwd'>, globals: GlobalOptions, command: string): string {
  const flag = globals.dataDir === undefined ? undefined : parseOptions(folderFlag('--data-dir', io.cwd), globals.dataDir, command);
  return resolveDataDir({ ...(flag ? { flag } : {}), env: io.env, platform: io.platform, homedir: io.homedir, cwd: io.cwd }).dir;
}
