import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, Ledger } from './ledger';
import { acquireLock, isProcessAlive, LedgerLockedError } from './lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-lock-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
const lockPath = () => path.join(dir, LOCK_FILE);

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('ledger lock', () => {
  it('refuses a second holder, naming the pid that holds it', async () => {
    const ledger = await Ledger.open(dir);
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    // Same process: refused too.
    await expect(Ledger.open(dir)).rejects.toThrow(/already open in this process/);
    // Another live process (as seen through isAlive): refused with its pid.
    await ledger.close();
    writeFileSync(lockPath(), JSON.stringify({ pid: 4242, hostname: os.hostname(), startedAt: '2025-01-01T00:00:00Z' }));
    const error = await Ledger.open(dir, { lock: { isAlive: (pid) => pid === 4242 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerLockedError);
    expect((error as LedgerLockedError).message).toMatch(/in use by another Seedance Flow process \(process 4242 on .*Wait for it to finish or stop it/);
    expect((error as LedgerLockedError).owner?.pid).toBe(4242);
  });

  it('releases on close so the next open succeeds', async () => {
    const first = await Ledger.open(dir);
    await first.close();
    expect(existsSync(lockPath())).toBe(false);
    const second = await Ledger.open(dir);
    await second.close();
  });

  it('takes over a stale lock left by a dead process', async () => {
    const pid = deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    expect(isProcessAlive(process.pid)).toBe(true);
    writeFileSync(lockPath(), JSON.stringify({ pid, hostname: os.hostname(), startedAt: '2025-01-01T00:00:00Z' }));
    const ledger = await Ledger.open(dir);
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid });
    await ledger.close();
  });

  it('is not blocked by a steal marker a process killed mid-takeover left behind', async () => {
    const pid = deadPid();
    writeFileSync(lockPath(), JSON.stringify({ pid, hostname: os.hostname(), startedAt: '2025-01-01T00:00:00Z' }));
    writeFileSync(`${lockPath()}.steal`, String(pid));
    const started = Date.now();
    const lock = await acquireLock(lockPath());
    expect(Date.now() - started).toBeLessThan(1000);
    expect(existsSync(`${lockPath()}.steal`)).toBe(false);
    await lock.release();
  });

  it('takes over an empty lock file (its writer was killed before writing) once the grace period is over', async () => {
    writeFileSync(lockPath(), '');
    const lock = await acquireLock(lockPath(), { unreadableGraceMs: 200 });
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('takes over a lock carrying our own pid that this process does not hold (pid reuse in containers)', async () => {
    writeFileSync(lockPath(), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: '2020-01-01T00:00:00Z' }));
    const lock = await acquireLock(lockPath());
    await lock.release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it('does not touch a lock from another machine', async () => {
    writeFileSync(lockPath(), JSON.stringify({ pid: 1, hostname: 'render-box-7', startedAt: '2025-01-01T00:00:00Z' }));
    await expect(acquireLock(lockPath())).rejects.toThrow(/process 1 on render-box-7/);
    expect(existsSync(lockPath())).toBe(true);
  });

  it('waits for a lock being written, and clears an unreadable old one', async () => {
    writeFileSync(lockPath(), '');
    const start = Date.now();
    const young = await acquireLock(lockPath(), { unreadableGraceMs: 150 });
    expect(Date.now() - start).toBeGreaterThanOrEqual(100);
    await young.release();
    writeFileSync(lockPath(), 'garbage');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath(), old, old);
    const lock = await acquireLock(lockPath());
    await lock.release();
  });

  it('lets exactly one of several racing openers win over a stale lock', async () => {
    writeFileSync(lockPath(), JSON.stringify({ pid: deadPid(), hostname: os.hostname(), startedAt: '2025-01-01T00:00:00Z' }));
    // Racing opens in one process, through different spellings of one path.
    const attempts = await Promise.allSettled([acquireLock(lockPath()), acquireLock(path.join(dir, '.', LOCK_FILE)), acquireLock(`${dir}//${LOCK_FILE}`)]);
    const won = attempts.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const a of won) await a.value.release();
  });

  it('releaseSync removes only its own lock', async () => {
    const lock = await acquireLock(lockPath());
    writeFileSync(lockPath(), JSON.stringify({ pid: 99999, hostname: os.hostname(), startedAt: 'x' }));
    lock.releaseSync();
    expect(existsSync(lockPath())).toBe(true);
  });
});
