/**
 * One writer per ledger: a lock file created with O_EXCL holding the owner's pid and host. A
 * lock whose process is gone (killed, crashed) is stale and taken over; taking over is itself
 * guarded by a short-lived `.steal` file so two processes never both win.
 */
import { promises as fsp, readFileSync, rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { errorCode } from '../fs/errors';

const LockInfo = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  startedAt: z.string(),
});
export type LockInfo = z.infer<typeof LockInfo>;

/** Another live process holds the ledger. */
export class LedgerLockedError extends Error {
  override readonly name = 'LedgerLockedError';
  constructor(
    message: string,
    readonly lockFile: string,
    readonly owner?: LockInfo,
  ) {
    super(message);
  }
}

export interface LockHandle {
  readonly file: string;
  readonly info: LockInfo;
  release(): Promise<void>;
  /** For `process.on('exit')`, where nothing async runs. */
  releaseSync(): void;
}

export interface AcquireLockOptions {
  /** Whether a process is running (tests replace it). */
  isAlive?: (pid: number) => boolean;
  /** A lock file this young with no readable content is taken to be mid-creation. */
  unreadableGraceMs?: number;
}

/** Lock files this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

const STEAL_STALE_MS = 10_000;
const ATTEMPTS = 40;
const PAUSE_MS = 25;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether `pid` is a running process (on Linux a zombie counts as gone). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'Z' || state === 'X') return false;
    } catch {
      // /proc unreadable: trust kill(0)
    }
  }
  return true;
}

async function readLock(file: string): Promise<{ raw: string; info?: LockInfo; ageMs: number } | undefined> {
  try {
    const [raw, stat] = await Promise.all([fsp.readFile(file, 'utf8'), fsp.stat(file)]);
    let info: LockInfo | undefined;
    try {
      const parsed = LockInfo.safeParse(JSON.parse(raw));
      if (parsed.success) info = parsed.data;
    } catch {
      info = undefined;
    }
    return { raw, ...(info ? { info } : {}), ageMs: Date.now() - stat.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

async function tryCreate(file: string, info: LockInfo): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await fsp.open(file, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  // Ours from this instant: a racing open in this process must not take it for a stale one.
  heldHere.add(file);
  try {
    await handle.writeFile(`${JSON.stringify(info)}\n`);
    await handle.sync();
  } catch (error) {
    heldHere.delete(file);
    await handle.close().catch(() => undefined);
    await fsp.rm(file, { force: true });
    throw error;
  }
  await handle.close();
  return true;
}

/** A steal marker older than this whose writer cannot be told is left over from a crash. */
const STEAL_UNREADABLE_MS = 1_000;

/**
 * Removes the stale lock whose content was `staleRaw`, unless someone replaced it meanwhile. A
 * `.steal` marker (holding the stealer's pid) keeps two stealers apart; one left by a process
 * killed mid-steal is cleared at once when its pid is gone, so a crash never blocks the next run.
 */
async function removeStale(file: string, staleRaw: string, isAlive: (pid: number) => boolean): Promise<void> {
  const steal = `${file}.steal`;
  let handle: FileHandle;
  try {
    handle = await fsp.open(steal, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    const [raw, stat] = await Promise.all([fsp.readFile(steal, 'utf8').catch(() => ''), fsp.stat(steal).catch(() => undefined)]);
    const pid = Number.parseInt(raw, 10);
    const age = stat ? Date.now() - stat.mtimeMs : 0;
    const abandoned = Number.isSafeInteger(pid) && pid > 0 ? pid !== process.pid && !isAlive(pid) : age > STEAL_UNREADABLE_MS;
    if (abandoned || age > STEAL_STALE_MS) await fsp.rm(steal, { force: true });
    return;
  }
  try {
    await handle.writeFile(String(process.pid));
    await handle.close();
    const current = await readLock(file);
    if (current && current.raw === staleRaw) await fsp.rm(file, { force: true });
  } finally {
    await fsp.rm(steal, { force: true });
  }
}

function describeOwner(info: LockInfo): string {
  return `process ${info.pid} on ${info.hostname}, since ${info.startedAt}`;
}

/** Takes the lock at `file` or throws `LedgerLockedError` naming the process that holds it. */
export async function acquireLock(file: string, options: AcquireLockOptions = {}): Promise<LockHandle> {
  const lockFile = path.resolve(file);
  const isAlive = options.isAlive ?? isProcessAlive;
  const grace = options.unreadableGraceMs ?? 2_000;
  const dataDir = path.dirname(lockFile);
  const mine: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  const inUseHere = () =>
    new LedgerLockedError(
      `The task ledger in ${dataDir} is already open in this process (pid ${process.pid}). Close it before opening it again.`,
      lockFile,
    );
  // Try for longer than the grace given to a lock file still being written by its owner.
  const attempts = Math.max(ATTEMPTS, Math.ceil((grace * 2) / PAUSE_MS));
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (heldHere.has(lockFile)) throw inUseHere();
    if (await tryCreate(lockFile, mine)) return makeHandle(lockFile, mine);
    const existing = await readLock(lockFile);
    if (!existing) continue; // released meanwhile
    if (heldHere.has(lockFile)) throw inUseHere();
    const { info } = existing;
    if (!info) {
      if (existing.ageMs < grace) {
        await sleep(PAUSE_MS);
        continue;
      }
      await removeStale(lockFile, existing.raw, isAlive);
      continue;
    }
    const sameHost = info.hostname === os.hostname();
    const alive = sameHost && info.pid !== process.pid && isAlive(info.pid);
    if (!sameHost || alive) {
      throw new LedgerLockedError(
        `The task ledger in ${dataDir} is in use by another Seedance Flow process (${describeOwner(info)}). ` +
          `Wait for it to finish or stop it, then try again. If that process is not Seedance Flow${sameHost ? '' : ' or no longer runs'}, delete ${lockFile}.`,
        lockFile,
        info,
      );
    }
    await removeStale(lockFile, existing.raw, isAlive);
    await sleep(attempt === 0 ? 0 : PAUSE_MS);
  }
  throw new LedgerLockedError(
    `Could not lock the task ledger in ${dataDir}: another process keeps taking the lock. Make sure only one Seedance Flow runs with this data folder, then try again.`,
    lockFile,
  );
}

function makeHandle(file: string, info: LockInfo): LockHandle {
  let released = false;
  const stillMine = (raw: string | undefined) => {
    if (raw === undefined) return false;
    try {
      const parsed = LockInfo.safeParse(JSON.parse(raw));
      return parsed.success && parsed.data.pid === info.pid && parsed.data.startedAt === info.startedAt;
    } catch {
      return false;
    }
  };
  return {
    file,
    info,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      const raw = await fsp.readFile(file, 'utf8').catch(() => undefined);
      if (stillMine(raw)) await fsp.rm(file, { force: true });
    },
    releaseSync() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      let raw: string | undefined;
      try {
        raw = readFileSync(file, 'utf8');
      } catch {
        raw = undefined;
      }
      if (stillMine(raw)) rmSync(file, { force: true });
    },
  };
}
